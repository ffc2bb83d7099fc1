import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, registerKey, restCall, runProcess, Scratch, type Spawned } from './support';

// The sandbox's git endpoints, driven by plain git and ssh (no repo-access in between).
describe('Bitbucket sandbox git endpoints', function () {
  this.timeout(60_000);
  let sandbox: BitbucketSandbox;
  let scratch: Scratch;
  let dataDir: string;
  let key: Awaited<ReturnType<Scratch['keygen']>>;
  let port: string;

  before(async () => {
    scratch = await Scratch.create();
    dataDir = path.join(scratch.root, 'data');
    sandbox = await startBitbucketSandbox({ dataDir });
    key = await scratch.keygen('plain');
    port = sandbox.gitSsh.split(':')[1] ?? '';
  });
  after(async () => {
    await sandbox?.close();
    await scratch?.remove();
  });

  const sshUrl = (repo: string) => `ssh://git@127.0.0.1:${port}/${repo}.git`;
  const sshCommand = (file: string, user = '') =>
    `ssh -F none -i ${file} -o IdentitiesOnly=yes -o IdentityAgent=none -o UserKnownHostsFile=${sandbox.knownHostsPath} -o StrictHostKeyChecking=yes -o BatchMode=yes${user}`;
  const git = (args: string[], env: Record<string, string> = {}): Promise<Spawned> =>
    runProcess('git', args, { env: { PATH: process.env.PATH, HOME: path.join(scratch.root, 'home'), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env } });
  const sshGit = (args: string[], file = key.file) => git(args, { GIT_SSH_COMMAND: sshCommand(file) });
  const basicEnv = (user: string, password: string) => ({
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  });

  it('creates bare repositories lazily, on first access only', async () => {
    assert.equal(existsSync(path.join(dataDir, 'acme', 'web-admin.git')), false);
    const run = await git(['ls-remote', `${sandbox.gitHttpsUrl}/acme/web-admin.git`], basicEnv('x-token-auth', 'ATCTT-sandbox-workspace'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /refs\/heads\/develop/);
    assert.ok(existsSync(path.join(dataDir, 'acme', 'web-admin.git', 'HEAD')));
    assert.equal(existsSync(path.join(dataDir, 'acme', 'web-frontend.git')), false);
  });

  it('admits over SSH exactly a key registered on the repository, and records its use', async () => {
    const refused = await sshGit(['clone', sshUrl('acme/core-api'), scratch.dest('sandbox-refused')]);
    assert.equal(refused.code, 128);
    assert.match(refused.stderr, /conq: repository access denied\. deployment key is not associated with the requested repository/);

    const id = await registerKey(sandbox, 'core-api', key.publicKey);
    const dest = scratch.dest('sandbox-ssh');
    const cloned = await sshGit(['clone', sshUrl('acme/core-api'), dest]);
    assert.equal(cloned.code, 0, cloned.stderr);
    assert.ok(existsSync(path.join(dest, 'README.md')));
    const log = await git(['-C', dest, 'log', '--format=%an %ad', '--date=unix', '-1']);
    assert.equal(log.stdout.trim(), 'Sandbox Seeder 1700007200', 'fixed author and date');

    const { json } = await restCall(sandbox, 'GET', `/repositories/acme/core-api/deploy-keys/${id}`);
    assert.notEqual((json as { last_used: string | null }).last_used, null);
  });

  it('accepts the Bitbucket scp-like path form and a project-level key', async () => {
    const projectKey = await scratch.keygen('project');
    const { status } = await restCall(sandbox, 'POST', '/workspaces/acme/projects/CORE/deploy-keys', { key: projectKey.publicKey, label: 'core-project' });
    assert.equal(status, 200);
    const run = await git(['ls-remote', `git@127.0.0.1:acme/shared-lib.git`], { GIT_SSH_COMMAND: `${sshCommand(projectKey.file)} -p ${port}` });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /refs\/heads\/main/);
  });

  it('refuses push, shell, other users and unknown repositories over SSH', async () => {
    const dest = scratch.dest('sandbox-ssh');
    const push = await sshGit(['-C', dest, 'push', 'origin', 'HEAD:refs/heads/evil']);
    assert.notEqual(push.code, 0);
    assert.match(push.stderr, /access via a deployment key is read-only/);

    const shell = await runProcess('sh', ['-c', `${sshCommand(key.file)} -p ${port} git@127.0.0.1`], { env: { PATH: process.env.PATH } });
    assert.notEqual(shell.code, 0);
    assert.match(shell.stderr, /Shell access is disabled/);

    const wrongUser = await git(['ls-remote', `ssh://alice@127.0.0.1:${port}/acme/core-api.git`], { GIT_SSH_COMMAND: sshCommand(key.file) });
    assert.notEqual(wrongUser.code, 0);
    assert.match(wrongUser.stderr, /Permission denied \(publickey\)/);

    const missing = await sshGit(['ls-remote', sshUrl('acme/no-such-repo')]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /conq: repository does not exist/);
  });

  it('answers HTTPS like Bitbucket: 401 with a Basic challenge, 403, 404', async () => {
    const url = `${sandbox.gitHttpsUrl}/acme/core-api.git/info/refs?service=git-upload-pack`;
    const anonymous = await fetch(url);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Basic realm="Bitbucket.org HTTP"');
    const auth = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    assert.equal((await fetch(url, { headers: auth('x-token-auth', 'wrong') })).status, 401);
    assert.equal((await fetch(url, { headers: auth('x-bitbucket-api-token-auth', 'ATATT-sandbox-alice-expired') })).status, 401);
    assert.equal((await fetch(url, { headers: auth('x-token-auth', 'ATCTT-sandbox-project-web') })).status, 403, 'WEB project token on a CORE repository');
    const missing = await fetch(`${sandbox.gitHttpsUrl}/acme/no-such-repo.git/info/refs?service=git-upload-pack`, { headers: auth('x-token-auth', 'ATCTT-sandbox-workspace') });
    assert.equal(missing.status, 404);
    const ok = await fetch(url, { headers: auth('x-bitbucket-api-token-auth', ALICE.BITBUCKET_API_TOKEN) });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/x-git-upload-pack-advertisement');
    await ok.arrayBuffer();
  });

  it('clones over HTTPS with git and refuses a push', async () => {
    const dest = scratch.dest('sandbox-https');
    const env = basicEnv('x-token-auth', 'ATCTT-sandbox-workspace');
    const cloned = await git(['clone', '--branch', 'develop', `${sandbox.gitHttpsUrl}/acme/core-api.git`, dest], env);
    assert.equal(cloned.code, 0, cloned.stderr);
    assert.ok(existsSync(path.join(dest, 'src', 'develop.txt')));
    const push = await git(['-C', dest, 'push', 'origin', 'HEAD:refs/heads/evil'], env);
    assert.notEqual(push.code, 0);
    assert.match(push.stderr, /403/);
  });

  it('seeds a repository of at least 20 MB of history and one with a same-workspace submodule', async () => {
    const env = basicEnv('x-token-auth', 'ATCTT-sandbox-workspace');
    const big = scratch.dest('sandbox-big');
    const cloned = await git(['clone', '--bare', `${sandbox.gitHttpsUrl}/acme/big-history.git`, big], env);
    assert.equal(cloned.code, 0, cloned.stderr);
    const packs = await readdir(path.join(big, 'objects', 'pack'));
    const bytes = packs.reduce((sum, name) => sum + statSync(path.join(big, 'objects', 'pack', name)).size, 0);
    assert.ok(bytes >= 20 * 1024 * 1024, `history is ${bytes} bytes`);

    const sub = scratch.dest('sandbox-submodule');
    const withSub = await git(['clone', '--recurse-submodules', `${sandbox.gitHttpsUrl}/acme/with-submodule.git`, sub], env);
    assert.equal(withSub.code, 0, withSub.stderr);
    assert.ok(existsSync(path.join(sub, 'shared-lib', 'README.md')));
  });
});
