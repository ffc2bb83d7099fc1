import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, filesContaining, privateTempDirs, registerKey, repoAccess, restCall, runProcess, Scratch } from './support';

describe('repo-access clone over SSH with an access key', function () {
  this.timeout(60_000);
  let sandbox: BitbucketSandbox;
  let scratch: Scratch;
  let key: Awaited<ReturnType<Scratch['keygen']>>;
  let keyId: number;

  before(async () => {
    scratch = await Scratch.create();
    sandbox = await startBitbucketSandbox();
    key = await scratch.keygen('access-key');
    keyId = await registerKey(sandbox, 'core-api', key.publicKey);
  });
  after(async () => {
    await sandbox?.close();
    await scratch?.remove();
  });

  const keyBody = (privateKey: string) => privateKey.split('\n').filter((line) => line && !line.startsWith('-----'))[1] ?? '';
  const clone = (args: string[], extra: Record<string, string> = {}) => repoAccess(['clone', ...args], scratch.env(sandbox, extra));
  const assertNoTempLeft = async () => assert.deepEqual(await privateTempDirs(scratch), [], 'private temp dir removed');

  it('clones with --key and prints the JSON document; nothing of the key stays behind', async () => {
    const dest = scratch.dest('ssh-json');
    const run = await clone(['--repo', 'acme/core-api', '--dest', dest, '--key', key.file, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc).sort(), ['branch', 'commit', 'dest', 'repo', 'transport']);
    assert.equal(doc.repo, 'acme/core-api');
    assert.equal(doc.dest, dest);
    assert.equal(doc.transport, 'ssh');
    assert.equal(doc.branch, 'main');
    const head = await runProcess('git', ['-C', dest, 'rev-parse', 'HEAD'], { env: { PATH: process.env.PATH } });
    assert.equal(doc.commit, head.stdout.trim());
    const config = await readFile(path.join(dest, '.git', 'config'), 'utf8');
    assert.match(config, new RegExp(`url = ssh://git@127\\.0\\.0\\.1:\\d+/acme/core-api\\.git`));
    assert.doesNotMatch(config, /sshCommand|access-key/);
    assert.deepEqual(await filesContaining(dest, [keyBody(key.privateKey)]), []);
    await assertNoTempLeft();
  });

  it('takes the key from BITBUCKET_AUTH=ssh-key + BITBUCKET_SSH_KEY_FILE, with --branch and --depth', async () => {
    const dest = scratch.dest('ssh-env');
    const run = await clone(['--repo', 'acme/core-api', '--dest', dest, '--branch', 'develop', '--depth', '1', '--json'], {
      BITBUCKET_AUTH: 'ssh-key',
      BITBUCKET_SSH_KEY_FILE: key.file,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { branch: string }).branch, 'develop');
    assert.ok(existsSync(path.join(dest, 'src', 'develop.txt')));
    const count = await runProcess('git', ['-C', dest, 'rev-list', '--count', 'HEAD'], { env: { PATH: process.env.PATH } });
    assert.equal(count.stdout.trim(), '1', 'shallow');
    await assertNoTempLeft();
  });

  it('uses a passphrase-protected key via BITBUCKET_SSH_PASSPHRASE and refuses it without one', async () => {
    const passphrase = 'correct horse battery staple';
    const locked = await scratch.keygen('locked', passphrase);
    await registerKey(sandbox, 'core-api', locked.publicKey, 'locked');
    const missing = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-locked-missing'), '--key', locked.file]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /passphrase-protected; set BITBUCKET_SSH_PASSPHRASE/);

    const wrong = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-locked-wrong'), '--key', locked.file], { BITBUCKET_SSH_PASSPHRASE: 'nope' });
    assert.equal(wrong.code, 3, wrong.stderr);

    const dest = scratch.dest('ssh-locked');
    const run = await clone(['--repo', 'acme/core-api', '--dest', dest, '--key', locked.file], { BITBUCKET_SSH_PASSPHRASE: passphrase });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(path.join(dest, 'README.md')));
    assert.deepEqual(await filesContaining(dest, [passphrase]), []);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(passphrase));
    await assertNoTempLeft();
  });

  it('clones submodules of the same workspace with the same key', async () => {
    const subKey = await scratch.keygen('submodules');
    await registerKey(sandbox, 'with-submodule', subKey.publicKey);
    await registerKey(sandbox, 'shared-lib', subKey.publicKey);
    const dest = scratch.dest('ssh-submodule');
    const run = await clone(['--repo', 'acme/with-submodule', '--dest', dest, '--key', subKey.file, '--recurse-submodules']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(path.join(dest, 'shared-lib', 'src', 'hello.txt')));
  });

  it('refuses an unregistered key, and a key right after it is revoked (exit 3)', async () => {
    const stranger = await scratch.keygen('stranger');
    const refused = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-stranger'), '--key', stranger.file]);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /not an access key of acme\/core-api/);
    assert.equal(existsSync(scratch.dest('ssh-stranger')), false);

    const revokable = await scratch.keygen('revokable');
    const id = await registerKey(sandbox, 'core-api', revokable.publicKey, 'revokable');
    const before = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-before-revoke'), '--key', revokable.file]);
    assert.equal(before.code, 0, before.stderr);
    assert.equal((await restCall(sandbox, 'DELETE', `/repositories/acme/core-api/deploy-keys/${id}`)).status, 204);
    const after = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-after-revoke'), '--key', revokable.file]);
    assert.equal(after.code, 3);
    assert.match(after.stderr, /not an access key of acme\/core-api \(never registered or revoked\)/);
    await assertNoTempLeft();
  });

  it('end to end with the helper: keygen, register, clone, revoke, and the next clone is refused', async () => {
    const env = scratch.env(sandbox, ALICE);
    const keyFile = path.join(scratch.root, 'keys', 'e2e');
    const made = await repoAccess(['keygen', '--out', keyFile, '--json'], env);
    assert.equal(made.code, 0, made.stderr);
    const { fingerprint } = JSON.parse(made.stdout) as { fingerprint: string };
    const registered = await repoAccess(['register', '--workspace', 'acme', '--key', `${keyFile}.pub`, '--repo', 'web-admin', '--json'], env);
    assert.equal(registered.code, 0, registered.stderr);
    const first = await clone(['--repo', 'acme/web-admin', '--dest', scratch.dest('e2e-before'), '--key', keyFile]);
    assert.equal(first.code, 0, first.stderr);
    const revoked = await repoAccess(['revoke', '--workspace', 'acme', '--fingerprint', fingerprint, '--repo', 'web-admin', '--json'], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /"removed"/);
    const second = await clone(['--repo', 'acme/web-admin', '--dest', scratch.dest('e2e-after'), '--key', keyFile]);
    assert.equal(second.code, 3);
    assert.match(second.stderr, /not an access key of acme\/web-admin/);
  });

  it('refuses a server whose host key does not match the pinned known_hosts (exit 3)', async () => {
    const impostor = await scratch.keygen('impostor-host');
    const [hostPattern] = (await readFile(sandbox.knownHostsPath, 'utf8')).split(' ');
    const pinned = path.join(scratch.root, 'other_known_hosts');
    await writeFile(pinned, `${hostPattern} ${impostor.publicKey.split(' ').slice(0, 2).join(' ')}\n`);
    const run = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-mitm'), '--key', key.file], { BITBUCKET_KNOWN_HOSTS: pinned });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /host key .* does not match the pinned known_hosts/);
    await assertNoTempLeft();
  });

  it('says so with the contract exit codes: missing repository 2, unreachable host 4, bad input 2', async () => {
    const missing = await clone(['--repo', 'acme/no-such-repo', '--dest', scratch.dest('ssh-missing'), '--key', key.file]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /repository acme\/no-such-repo was not found/);

    const unreachable = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-down'), '--key', key.file], { BITBUCKET_GIT_SSH: 'git@127.0.0.1:1' });
    assert.equal(unreachable.code, 4);
    assert.match(unreachable.stderr, /could not reach 127\.0\.0\.1:1 over ssh/);

    const publicKey = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-pub'), '--key', `${key.file}.pub`]);
    assert.equal(publicKey.code, 2);
    assert.match(publicKey.stderr, /public key, not the private key/);

    const badSlug = await clone(['--repo', 'core-api', '--dest', scratch.dest('ssh-slug'), '--key', key.file]);
    assert.equal(badSlug.code, 2);
    assert.match(badSlug.stderr, /expected WORKSPACE\/SLUG/);

    const used = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('ssh-json'), '--key', key.file]);
    assert.equal(used.code, 2);
    assert.match(used.stderr, /exists and is not an empty directory/);
    for (const run of [missing, unreachable, publicKey, badSlug, used]) assert.equal(run.stderr.trim().split('\n').filter((l) => l.startsWith('repo-access:')).length, 1);
    await assertNoTempLeft();
    assert.ok(keyId > 0);
  });
});
