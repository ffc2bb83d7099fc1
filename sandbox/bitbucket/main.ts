import { parseArgs } from 'node:util';
import { loadFixture } from './fixture';
import { startBitbucketSandbox } from './index';

function usage(message: string): never {
  console.error(`${message}\nUsage: tsx sandbox/bitbucket/main.ts [--port N] [--fixture FILE] [--latency MS] [--no-git]`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      fixture: { type: 'string' },
      latency: { type: 'string' },
      'no-git': { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (e) {
  usage((e as Error).message);
}

const port = args.port === undefined ? 0 : Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a port number, got ${JSON.stringify(args.port)}`);
const latencyMs = args.latency === undefined ? 0 : Number(args.latency);
if (!(latencyMs >= 0)) usage(`--latency must be milliseconds, got ${JSON.stringify(args.latency)}`);

let fixture;
try {
  fixture = args.fixture ? loadFixture(args.fixture) : undefined;
} catch (e) {
  usage(`cannot use fixture ${args.fixture}: ${(e as Error).message.split('\n')[0]}`);
}

const sandbox = await startBitbucketSandbox({ port, latencyMs, git: !args['no-git'], ...(fixture ? { fixture } : {}) });
console.log(`Bitbucket sandbox (workspace ${sandbox.state.workspace})`);
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
