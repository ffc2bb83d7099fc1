import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, runCli, SECRETS, tempDir, type CliRun } from './cli-runner';
import { requireBuilt } from '../support/built';

/** A fresh ed25519 public key line and its SHA256 fingerprint, made by ssh-keygen. */
function sshKey(dir: string, name: string): { line: string; fingerprint: string } {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
  const fingerprint = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  return { line: readFileSync(`${file}.pub`, 'utf8').trim(), fingerprint };
}

/** A browser's one-time P-256 public key as the tab sends it: raw point, base64url. */
function rawPoint(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 65).toString('base64url');
}

describe('repo-access operation: the operations build runs an allow-listed spec', function () {
  this.timeout(60_000);
  let sb: BitbucketSandbox;
  let tmp: ReturnType<typeof tempDir>;

  const run = async (spec: unknown, env: Record<string, string> = {}): Promise<CliRun> => {
    const result = await runCli(['operation'], { ...sb.env, ...ALICE, REPO_ACCESS_OPERATION: typeof spec === 'string' ? spec : JSON.stringify(spec), ...env }, { cwd: tmp.dir });
    for (const secret of SECRETS) assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'a secret in the output');
    return result;
  };
  const out = (name: string) => JSON.parse(readFileSync(path.join(tmp.dir, 'out', name), 'utf8')) as Record<string, unknown>;

  before(() => requireBuilt('helper'));
  beforeEach(async () => {
    sb = await startBitbucketSandbox({ git: false });
    tmp = tempDir();
  });
  afterEach(async () => {
    await sb.close();
    tmp.remove();
  });

  it('check and repos write their documents into a fresh out/ (an earlier run leaves nothing behind)', async () => {
    mkdirSync(path.join(tmp.dir, 'out'));
    writeFileSync(path.join(tmp.dir, 'out', 'repos.json'), '{"repositories":[]}');
    writeFileSync(path.join(tmp.dir, 'out', 'key.sealed'), 'old');
    const checked = await run({ v: 1, command: 'check' });
    assert.equal(checked.code, 0, checked.stderr);
    assert.deepEqual(readdirSync(path.join(tmp.dir, 'out')), ['check.json']);
    assert.equal((out('check.json').account as { name: string }).name.includes('Alice'), true);
    const listed = await run({ v: 1, command: 'repos', workspace: 'acme' });
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok((out('repos.json').repositories as unknown[]).length > 1);
  });

  it('provision: keygen sealed to the recipient, then register per selection; no plain key on disk', async () => {
    const result = await run({ v: 1, command: 'provision', workspace: 'acme', selections: [{ repos: ['core-api', 'web-frontend'] }], label: 'repoaccess-test-1', recipient: rawPoint(), concurrency: 2 });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(path.join(tmp.dir, 'out')).sort(), ['key.pub', 'key.sealed', 'keygen.json', 'register.json']);
    const register = out('register.json') as { results: Array<{ status: string }> };
    assert.deepEqual(register.results.map((r) => r.status), ['added', 'added']);
    assert.equal(out('keygen.json').privateKeyPath, null);
  });

  it('register: an existing public key registered again from the spec, idempotent', async () => {
    const key = sshKey(tmp.dir, 'again');
    const spec = { v: 1, command: 'register', workspace: 'acme', selections: [{ repos: ['core-api'] }], label: 'repoaccess-again', publicKey: key.line, concurrency: 2 };
    const first = await run(spec);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(readdirSync(path.join(tmp.dir, 'out')).sort(), ['key.pub', 'register.json']);
    assert.deepEqual((out('register.json') as { results: Array<{ status: string }> }).results.map((r) => r.status), ['added']);
    const second = await run(spec);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual((out('register.json') as { results: Array<{ status: string }> }).results.map((r) => r.status), ['present']);
    assert.equal(sb.state.repoDeployKeys('core-api').filter((k) => k.label === 'repoaccess-again').length, 1);
  });

  it('revoke by the recorded fingerprint; a repository where the label carries another key is left alone', async () => {
    const recorded = sshKey(tmp.dir, 'recorded');
    const other = sshKey(tmp.dir, 'other');
    const register = (slug: string, key: { line: string }) =>
      run({ v: 1, command: 'register', workspace: 'acme', selections: [{ repos: [slug] }], label: 'repoaccess-shared', publicKey: key.line });
    assert.equal((await register('core-api', recorded)).code, 0);
    assert.equal((await register('web-frontend', other)).code, 0);
    const revoked = await run({ v: 1, command: 'revoke', workspace: 'acme', selections: [{ repos: ['core-api', 'web-frontend'] }], fingerprint: recorded.fingerprint, label: 'repoaccess-shared' });
    assert.equal(revoked.code, 1, revoked.stderr);
    const results = (out('revoke-0.json') as { results: Array<{ repo: string; status: string; error: string | null }> }).results;
    assert.deepEqual(results.map((r) => [r.repo, r.status]), [['acme/core-api', 'removed'], ['acme/web-frontend', 'failed']]);
    assert.match(results[1]!.error ?? '', new RegExp(`labelled "repoaccess-shared" here is ${other.fingerprint.replace(/[+/]/g, '\\$&')}, not the recorded key; nothing deleted`));
    assert.equal(sb.state.repoDeployKeys('core-api').filter((k) => k.label === 'repoaccess-shared').length, 0);
    assert.equal(sb.state.repoDeployKeys('web-frontend').filter((k) => k.label === 'repoaccess-shared').length, 1, 'the other key stays');
  });

  const hostile: Array<[string, unknown, RegExp]> = [
    ['not JSON', '$(touch pwned)', /REPO_ACCESS_OPERATION is not JSON/],
    ['an unknown command', { v: 1, command: 'clone', repo: 'acme/core-api' }, /not an operation this helper runs \(command/],
    ['an extra field', { v: 1, command: 'check', exec: 'touch pwned' }, /not an operation this helper runs/],
    ['shell in a workspace', { v: 1, command: 'repos', workspace: 'acme; touch pwned' }, /not a Bitbucket workspace id/],
    ['a flag smuggled as a slug', { v: 1, command: 'audit', workspace: 'acme', selections: [{ repos: ['--all'] }] }, /selections\.0\.repos\.0: must not start with "-"/],
    ['a label with a quote', { v: 1, command: 'revoke', workspace: 'acme', selections: [{ repos: ['core-api'] }], fingerprint: `SHA256:${'A'.repeat(43)}`, label: "x' --all" }, /label/],
    ['revoke by label alone', { v: 1, command: 'revoke', workspace: 'acme', selections: [{ repos: ['core-api'] }], label: 'repoaccess-x' }, /fingerprint/],
    ['a public key with a second line', { v: 1, command: 'register', workspace: 'acme', selections: [{ repos: ['core-api'] }], label: 'l', publicKey: 'ssh-ed25519 AAAA x\ntouch pwned' }, /publicKey/],
    ['a bad recipient', { v: 1, command: 'provision', workspace: 'acme', selections: [{ repos: ['core-api'] }], label: 'l', recipient: 'AAAA' }, /recipient/],
  ];
  for (const [what, spec, message] of hostile) {
    it(`refuses ${what} with exit 2 and one line, running nothing`, async () => {
      const keysBefore = sb.state.repoDeployKeys('core-api').length;
      const result = await run(spec);
      assert.equal(result.code, 2, result.stderr);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, message);
      assert.ok(!existsSync(path.join(tmp.dir, 'out')), 'nothing was written');
      assert.ok(!existsSync(path.join(tmp.dir, 'pwned')));
      assert.equal(sb.state.repoDeployKeys('core-api').length, keysBefore);
    });
  }

  it('never sends the management credential to another host, whatever a custom build sets', async () => {
    for (const url of ['https://evil.example/2.0', 'http://api.bitbucket.org/2.0', 'https://user:pw@api.bitbucket.org/2.0']) {
      const result = await run({ v: 1, command: 'check' }, { BITBUCKET_API_URL: url });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr.trim(), /^repo-access: BITBUCKET_API_URL points at .*; the operations build sends the management credential to https:\/\/api\.bitbucket\.org only, unset it$/);
    }
    const token = await run({ v: 1, command: 'check' }, { BITBUCKET_OAUTH_TOKEN_URL: 'https://evil.example/token' });
    assert.match(token.stderr, /BITBUCKET_OAUTH_TOKEN_URL points at https:\/\/evil\.example/);
    assert.ok(!existsSync(path.join(tmp.dir, 'out')), 'nothing ran');
  });

  it('explains the spec in --help', async () => {
    const help = await runCli(['operation', '--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /REPO_ACCESS_OPERATION/);
    assert.match(help.stdout, /"command":"provision"/);
  });
});
