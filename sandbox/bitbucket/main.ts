import { parseArgs } from 'node:util';
import { generateFixture, loadFixture, type Fixture } from './fixture';
import { startBitbucketSandbox, type BitbucketSandboxOptions } from './index';
import type { FaultKind } from './traffic';

const USAGE = `Usage: tsx sandbox/bitbucket/main.ts [--port N] [--fixture FILE | --repos N [--projects K]] [--latency MS]
       [--rate-limit LIMIT/WINDOW_MS [--rate-limit-style bitbucket|retry-after]] [--faults N[:500,reset]] [--oauth-lifetime SEC] [--no-git]`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function int(name: string, raw: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) usage(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      fixture: { type: 'string' },
      repos: { type: 'string' },
      projects: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-limit-style': { type: 'string' },
      faults: { type: 'string' },
      'oauth-lifetime': { type: 'string' },
      'no-git': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (e) {
  usage((e as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const options: BitbucketSandboxOptions = {
  port: int('port', args.port, 0, 0, 65535),
  latencyMs: int('latency', args.latency, 0),
  oauthTokenLifetimeSec: int('oauth-lifetime', args['oauth-lifetime'], 7200, 1),
  git: !args['no-git'],
};
if (args.fixture && args.repos) usage('--fixture and --repos exclude each other');
let fixture: Fixture | undefined;
try {
  if (args.fixture) fixture = loadFixture(args.fixture);
} catch (e) {
  usage(`cannot use fixture ${args.fixture}: ${(e as Error).message.split('\n')[0]}`);
}
if (args.repos) fixture = generateFixture({ workspace: 'acme', repositories: int('repos', args.repos, 0, 1), projects: int('projects', args.projects, 4, 1) });
if (fixture) options.fixture = fixture;
if (args['rate-limit']) {
  const m = /^(\d+)\/(\d+)$/.exec(args['rate-limit']);
  if (!m) usage(`--rate-limit takes LIMIT/WINDOW_MS, e.g. 1000/3600000, got ${JSON.stringify(args['rate-limit'])}`);
  const style = args['rate-limit-style'] ?? 'retry-after';
  if (style !== 'bitbucket' && style !== 'retry-after') usage(`--rate-limit-style takes bitbucket or retry-after, got ${JSON.stringify(style)}`);
  options.rateLimit = { limit: Number(m[1]), windowMs: Number(m[2]), style };
}
if (args.faults) {
  const m = /^(\d+)(?::((?:500|reset)(?:,(?:500|reset))*))?$/.exec(args.faults);
  if (!m || Number(m[1]) < 1) usage(`--faults takes N[:500,reset], e.g. 7:500,reset, got ${JSON.stringify(args.faults)}`);
  options.faults = { everyNth: Number(m[1]), kinds: (m[2] ?? '500,reset').split(',') as FaultKind[] };
}

const sandbox = await startBitbucketSandbox(options);
console.log(`Bitbucket sandbox (workspace ${sandbox.state.workspace}, ${sandbox.state.repositories().length} repositories)`);
console.log(`  REST API    ${sandbox.apiUrl}`);
console.log(`  OAuth token ${sandbox.oauthTokenUrl}`);
console.log(`  git HTTPS   ${sandbox.gitHttpsUrl}/${sandbox.state.workspace}/<slug>.git`);
if (sandbox.gitSsh) console.log(`  git SSH     ${sandbox.gitSsh} (known_hosts: ${sandbox.knownHostsPath})`);
console.log('Environment:');
for (const [k, v] of Object.entries(sandbox.env)) console.log(`  export ${k}=${v}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
