import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ACCESS_TOKEN, ALICE, filesContaining, OAUTH, privateTempDirs, repoAccess, Scratch } from './support';

describe('repo-access clone over HTTPS in every credential mode', function () {
  this.timeout(60_000);
  let sandbox: BitbucketSandbox;
  let scratch: Scratch;

  before(async () => {
    scratch = await Scratch.create();
    sandbox = await startBitbucketSandbox();
  });
  after(async () => {
    await sandbox?.close();
    await scratch?.remove();
  });

  const clone = (args: string[], extra: Record<string, string>) => repoAccess(['clone', ...args], scratch.env(sandbox, extra));
  const basic = (user: string, secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');

  const modes: Array<[string, Record<string, string>, string[]]> = [
    ['api-token', ALICE, [ALICE.BITBUCKET_API_TOKEN, basic('x-bitbucket-api-token-auth', ALICE.BITBUCKET_API_TOKEN)]],
    ['oauth', OAUTH, [OAUTH.BITBUCKET_OAUTH_SECRET, 'x-token-auth']],
    ['access-token', ACCESS_TOKEN, [ACCESS_TOKEN.BITBUCKET_ACCESS_TOKEN, basic('x-token-auth', ACCESS_TOKEN.BITBUCKET_ACCESS_TOKEN)]],
  ];
  for (const [mode, env, secrets] of modes) {
    it(`clones with ${mode}; origin is the plain URL and no secret is in DIR or the output`, async () => {
      const dest = scratch.dest(`https-${mode}`);
      const run = await clone(['--repo', 'acme/core-api', '--dest', dest, '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as { transport: string; branch: string; commit: string };
      assert.equal(doc.transport, 'https');
      assert.equal(doc.branch, 'main');
      assert.match(doc.commit, /^[0-9a-f]{40}$/);
      const config = await readFile(path.join(dest, '.git', 'config'), 'utf8');
      assert.match(config, new RegExp(`url = ${sandbox.gitHttpsUrl.replace(/[.]/g, '\\.')}/acme/core-api\\.git\\n`));
      assert.doesNotMatch(config, /extraHeader|Authorization|x-token-auth|@127/i);
      const needles = mode === 'oauth' ? [OAUTH.BITBUCKET_OAUTH_SECRET] : secrets;
      assert.deepEqual(await filesContaining(dest, needles), []);
      for (const needle of needles) assert.ok(!`${run.stdout}${run.stderr}`.includes(needle));
      assert.deepEqual(await privateTempDirs(scratch), []);
    });
  }

  it('keeps the header out of a curl trace file left switched on in the environment', async () => {
    const trace = path.join(scratch.root, 'curl-trace.log');
    const run = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-traced')], { ...ACCESS_TOKEN, GIT_TRACE_CURL: trace, GIT_TRACE_REDACT: '0' });
    assert.equal(run.code, 0, run.stderr);
    const text = await readFile(trace, 'utf8');
    assert.match(text, /Authorization: Basic <redacted>/);
    assert.ok(!text.includes(basic('x-token-auth', ACCESS_TOKEN.BITBUCKET_ACCESS_TOKEN)));
  });

  it('clones a same-workspace submodule with the same credential, and --branch/--depth', async () => {
    const dest = scratch.dest('https-submodule');
    const run = await clone(['--repo', 'acme/with-submodule', '--dest', dest, '--recurse-submodules'], ACCESS_TOKEN);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(path.join(dest, 'shared-lib', 'README.md')));
    const subConfig = await readFile(path.join(dest, '.git', 'modules', 'shared-lib', 'config'), 'utf8');
    assert.doesNotMatch(subConfig, /ATCTT|extraHeader/);

    const shallow = scratch.dest('https-develop');
    const branch = await clone(['--repo', 'acme/core-api', '--dest', shallow, '--branch', 'develop', '--depth', '1', '--json'], ALICE);
    assert.equal(branch.code, 0, branch.stderr);
    assert.equal((JSON.parse(branch.stdout) as { branch: string }).branch, 'develop');
    assert.ok(existsSync(path.join(shallow, '.git', 'shallow')));

    const tagged = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-tag'), '--branch', 'v1.0', '--json'], ALICE);
    assert.equal(tagged.code, 0, tagged.stderr);
    const doc = JSON.parse(tagged.stdout) as { branch: string | null; commit: string };
    assert.equal(doc.branch, null, 'a tag checks out a detached HEAD');
    assert.match(doc.commit, /^[0-9a-f]{40}$/);
    assert.ok(!existsSync(path.join(scratch.dest('https-tag'), 'src', 'develop.txt')));
  });

  it('refuses with exit 3: wrong, expired, retired (app password) and not-permitted credentials', async () => {
    const wrong = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-wrong')], { ...ACCESS_TOKEN, BITBUCKET_ACCESS_TOKEN: 'ATCTT-wrong-token' });
    assert.equal(wrong.code, 3);
    assert.match(wrong.stderr, /refused the credential \(401\)/);
    assert.ok(!wrong.stderr.includes('ATCTT-wrong-token'));

    const expired = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-expired')], { ...ALICE, BITBUCKET_API_TOKEN: 'ATATT-sandbox-alice-expired' });
    assert.equal(expired.code, 3);

    const appPassword = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-app')], {
      BITBUCKET_AUTH: 'app-password',
      BITBUCKET_USERNAME: 'alice',
      BITBUCKET_APP_PASSWORD: 'sandbox-app-password',
    });
    assert.equal(appPassword.code, 3);
    assert.match(appPassword.stderr, /app passwords/);
    assert.ok(!appPassword.stderr.includes('sandbox-app-password'));

    // An app password put where an API token goes: git over HTTPS answers 410 naming CHANGE-3222.
    const retired = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-retired')], { ...ALICE, BITBUCKET_USERNAME: 'alice', BITBUCKET_API_TOKEN: 'sandbox-app-password' });
    assert.equal(retired.code, 3, retired.stderr);
    assert.match(retired.stderr, /it is an app password\. Bitbucket removed app passwords on 2026-07-28/);
    assert.ok(!retired.stderr.includes('sandbox-app-password'));

    const forbidden = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-forbidden')], { ...ACCESS_TOKEN, BITBUCKET_ACCESS_TOKEN: 'ATCTT-sandbox-project-web' });
    assert.equal(forbidden.code, 3);
    assert.match(forbidden.stderr, /may not read acme\/core-api \(403\)/);
    for (const name of ['https-wrong', 'https-expired', 'https-app', 'https-retired', 'https-forbidden']) assert.equal(existsSync(scratch.dest(name)), false, name);
  });

  it('answers a missing repository with exit 2 and an unreachable host with exit 4', async () => {
    const missing = await clone(['--repo', 'acme/no-such-repo', '--dest', scratch.dest('https-missing')], ACCESS_TOKEN);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /repository acme\/no-such-repo was not found/);
    const down = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-down')], { ...ACCESS_TOKEN, BITBUCKET_GIT_HTTPS_URL: 'http://127.0.0.1:1' });
    assert.equal(down.code, 4);
    assert.match(down.stderr, /could not reach 127\.0\.0\.1:1 over https/);
    const noMode = await clone(['--repo', 'acme/core-api', '--dest', scratch.dest('https-nomode')], {});
    assert.equal(noMode.code, 2);
    assert.match(noMode.stderr, /BITBUCKET_AUTH is not set/);
  });
});
