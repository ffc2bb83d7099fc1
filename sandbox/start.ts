// `npm start`: builds what is stale, then runs the Bitbucket and TeamCity sandboxes wired together.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultFixture, generateFixture, startBitbucketSandbox, type Fixture } from './bitbucket/index';
import { buildHostRuntime } from './teamcity/host-runtime/build';
import { startTeamCitySandbox } from './teamcity/index';
import { keyHealthDeployKeys } from './demo/key-health';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['dist/repo-access-teamcity.zip'].map((f) => path.join(root, f));
const sources = ['agent-helper', 'plugin-ui', 'build', 'package.json', 'webpack.config.js'].map((f) => path.join(root, f));

function newestMtime(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number (0 = any free port), got ${JSON.stringify(process.env[name])}`);
    process.exit(2);
  }
  return value;
}

/** The default demo workspace plus 300 generated repositories spread over its 4 projects, and the key health demo's keys. */
function demoFixture(): Fixture {
  const base = defaultFixture();
  const generated = generateFixture({ workspace: base.workspace.slug, repositories: 300, projects: base.projects.length });
  const projectKey = new Map(generated.projects.map((p, i) => [p.key, base.projects[i]!.key]));
  return {
    ...base,
    repositories: [...base.repositories, ...generated.repositories.map((r) => ({ ...r, project: r.project && (projectKey.get(r.project) ?? null) }))],
    deployKeys: [...base.deployKeys, ...keyHealthDeployKeys()],
  };
}

const oldest = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
if (process.argv.includes('--build') || sources.some((s) => existsSync(s) && newestMtime(s) > oldest)) {
  console.log('Building (npm run build)…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; fix it and run npm start again.');
    process.exit(1);
  }
}

const hostRuntime = await buildHostRuntime().catch((error: unknown) => {
  console.error(`Could not bundle the sandbox's host runtime: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const dataDir = path.join(root, '.data');
function cannotStart(what: string, variable: string) {
  return (error: unknown): never => {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(busy ? `The ${what} port is taken: stop what uses it or set ${variable} (0 = any free port).` : `Could not start the ${what}: ${String(error)}`);
    process.exit(1);
  };
}

const fixture = demoFixture();
const bitbucket = await startBitbucketSandbox({ fixture, port: port('BITBUCKET_SANDBOX_PORT', 7990), dataDir: path.join(dataDir, 'bitbucket') }).catch(
  cannotStart('Bitbucket sandbox', 'BITBUCKET_SANDBOX_PORT'),
);
const teamcity = await startTeamCitySandbox({
  dataDir: path.join(dataDir, 'teamcity'),
  port: port('TEAMCITY_SANDBOX_PORT', 8111),
  agentEnv: bitbucket.env,
  hostRuntime,
  // The one sandbox agent is marked trusted (buildAgent.properties) so the operations build may run on it.
  agent: { properties: { 'repoaccess.trusted': 'true' } },
  seed: { gitHttpsUrl: bitbucket.gitHttpsUrl, ...(bitbucket.gitSsh ? { gitSsh: bitbucket.gitSsh } : {}), keyHealth: true },
}).catch(async (error: unknown) => {
  await bitbucket.close();
  return cannotStart('TeamCity sandbox', 'TEAMCITY_SANDBOX_PORT')(error);
});

const workspace = bitbucket.state.workspace;
console.log(`
Repo Access sandbox is running (data in ${path.relative(process.cwd(), dataDir) || '.'}/, kept across restarts).

  Open the admin tab:  ${teamcity.adminTabUrl('AcmeBackend')}
  TeamCity sandbox:    ${teamcity.url}
  Bitbucket sandbox:   ${bitbucket.apiUrl} (workspace "${workspace}", ${fixture.repositories.length} repositories in ${fixture.projects.length} projects)
  Key health demo:     Acme Backend → Access keys → Check key health: one drifted key, one stale key (set up Connection first)

Credentials to try (Bitbucket sandbox):
  API token (personal)   alice@example.com / ATATT-sandbox-alice-full
  API token (read-only)  bob@example.com / ATATT-sandbox-bob-readonly
  API token (expired)    alice@example.com / ATATT-sandbox-alice-expired
  App password (retired) alice / sandbox-app-password
  OAuth consumer         sandbox-oauth-key / sandbox-oauth-secret
  Access token           ATCTT-sandbox-workspace

Ctrl-C stops everything.`);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  Promise.all([teamcity.close(), bitbucket.close()]).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
