import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ACCESS_TOKEN, privateTempDirs, processTree, registerKey, repoAccess, sampleArgv, Scratch, until, type ProcessInfo } from './support';

// While the helper clones the 20 MB repository, /proc shows every process of its tree.
describe('repo-access clone: secrets stay out of argv, and signals clean up', function () {
  this.timeout(90_000);
  let sandbox: BitbucketSandbox;
  let scratch: Scratch;
  const passphrase = 'secret passphrase 4711';
  let key: Awaited<ReturnType<Scratch['keygen']>>;

  before(async () => {
    scratch = await Scratch.create();
    sandbox = await startBitbucketSandbox();
    key = await scratch.keygen('locked', passphrase);
    await registerKey(sandbox, 'big-history', key.publicKey);
  });
  after(async () => {
    await sandbox?.close();
    await scratch?.remove();
  });

  const sshEnv = () => scratch.env(sandbox, { BITBUCKET_SSH_PASSPHRASE: passphrase });
  const keyLines = () => key.privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
  const argvText = (seen: ProcessInfo[]) => seen.map((p) => p.argv.join(' ')).join('\n');

  /** Resolves with the tree once a process matching `test` is in it. */
  async function waitFor(root: number, test: (p: ProcessInfo) => boolean): Promise<ProcessInfo[]> {
    let tree: ProcessInfo[] = [];
    await until(async () => {
      tree = await processTree(root);
      if (!tree.some((p) => p.pid === root)) throw new Error('the process exited before the one awaited appeared');
      return tree.some(test);
    }, 'the process awaited never appeared');
    return tree;
  }

  it('over HTTPS: the token is in no argv of the helper tree while it runs', async () => {
    const seen: ProcessInfo[] = [];
    const run = await repoAccess(['clone', '--repo', 'acme/big-history', '--dest', scratch.dest('argv-https')], scratch.env(sandbox, ACCESS_TOKEN), (pid) =>
      sampleArgv(pid, seen),
    );
    assert.equal(run.code, 0, run.stderr);
    const text = argvText(seen);
    assert.match(text, /git clone/, 'the sampling saw git at work');
    assert.match(text, /git-remote-http|remote-http/, 'the sampling saw the transport helper');
    const token = ACCESS_TOKEN.BITBUCKET_ACCESS_TOKEN;
    assert.ok(!text.includes(token), 'token in argv');
    assert.ok(!text.includes(Buffer.from(`x-token-auth:${token}`).toString('base64')), 'Authorization header in argv');
  });

  it('over SSH: neither the passphrase nor the key is in any argv; the key copy is private while it exists', async () => {
    const seen: ProcessInfo[] = [];
    let keyCopyMode = -1;
    let dirMode = -1;
    const run = await repoAccess(['clone', '--repo', 'acme/big-history', '--dest', scratch.dest('argv-ssh'), '--key', key.file], sshEnv(), async (pid) => {
      const tree = await waitFor(pid, (p) => p.argv[0] === 'ssh');
      const ssh = tree.find((p) => p.argv[0] === 'ssh')!;
      const copy = ssh.argv[ssh.argv.indexOf('-i') + 1] ?? '';
      keyCopyMode = statSync(copy).mode & 0o777;
      dirMode = statSync(copy.slice(0, copy.lastIndexOf('/'))).mode & 0o777;
      await sampleArgv(pid, seen);
      seen.push(...tree);
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(keyCopyMode, 0o600);
    assert.equal(dirMode, 0o700);
    const text = argvText(seen);
    assert.match(text, /^ssh .*-o IdentitiesOnly=yes.*-o StrictHostKeyChecking=yes/m);
    assert.doesNotMatch(text, /StrictHostKeyChecking=no/);
    assert.ok(!text.includes(passphrase), 'passphrase in argv');
    for (const line of keyLines()) assert.ok(!text.includes(line), 'key material in argv');
    assert.deepEqual(await privateTempDirs(scratch), []);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} mid-clone: stops git and ssh, removes the key copy and the half clone, exits 128+n`, async () => {
      const dest = scratch.dest(`signal-${signal}`);
      let tree: ProcessInfo[] = [];
      const run = await repoAccess(['clone', '--repo', 'acme/big-history', '--dest', dest, '--key', key.file], sshEnv(), async (pid) => {
        tree = await waitFor(pid, (p) => p.argv[0] === 'ssh');
        assert.equal((await privateTempDirs(scratch)).length, 1, 'the key copy exists while cloning');
        process.kill(pid, signal);
      });
      assert.equal(run.code, signal === 'SIGTERM' ? 143 : 130, run.stderr);
      assert.deepEqual(await privateTempDirs(scratch), []);
      assert.equal(existsSync(dest), false, 'git removed the half-made clone');
      const state = (pid: number) =>
        readFile(`/proc/${pid}/stat`, 'utf8').then(
          (stat) => stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0],
          () => 'gone',
        );
      // A killed process is gone (or a zombie) once the kernel has delivered the signal: wait for that, not a fixed time.
      await until(async () => (await Promise.all(tree.map((p) => state(p.pid)))).every((s) => s === 'gone' || s === 'Z'), 'the clone\'s processes stopping', 5_000).catch(() => undefined);
      for (const p of tree) {
        const s = await state(p.pid);
        assert.ok(s === 'gone' || s === 'Z', `${p.argv.join(' ')} still running (${s})`);
      }
    });
  }
});
