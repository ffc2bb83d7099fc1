import { strict as assert } from 'node:assert';
import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { defaultFixture, startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALL_API_TOKEN_SCOPES } from '../../sandbox/bitbucket/fixture';
import { keygen } from '../../agent-helper/operations/keygen';
import { ACCESS_TOKEN, ALICE, APP_PASSWORD, BOB, EXPIRED, OAUTH, SECRETS, runCli, tempDir, type CliRun } from './cli-runner';
import { requireBuilt } from '../support/built';

type Env = Record<string, string>;

describe('repo-access commands against the Bitbucket sandbox', function () {
  this.timeout(60_000);
  let sb: BitbucketSandbox;
  let tmp: ReturnType<typeof tempDir>;
  let pub: string;
  let fingerprint: string;

  /** Runs the bundle and checks that no secret of any mode appears in its output. */
  async function cli(env: Env, ...args: string[]): Promise<CliRun> {
    const run = await runCli(args, { ...sb.env, ...env });
    for (const secret of SECRETS) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `secret in output of ${args.join(' ')}`);
    return run;
  }
  const json = <T>(run: CliRun): T => {
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as T;
  };
  const keysOf = (slug: string): string[] => sb.state.repoDeployKeys(slug).map((k) => k.material);
  const oneLine = (run: CliRun): string => {
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    return lines[0]!;
  };

  before(() => requireBuilt('helper'));
  beforeEach(async () => {
    sb = await startBitbucketSandbox({ git: false });
    tmp = tempDir();
    const made = await keygen({ out: path.join(tmp.dir, 'key'), comment: 'ci-key' });
    pub = made.publicKeyPath;
    fingerprint = made.fingerprint;
  });
  afterEach(async () => {
    await sb.close();
    tmp.remove();
  });

  describe('check', () => {
    it('api-token: a personal user, with warnings', async () => {
      const doc = json<{ mode: string; account: { kind: string; name: string; uuid: string }; personal: boolean; warnings: string[] }>(await cli(ALICE, 'check', '--json'));
      assert.equal(doc.mode, 'api-token');
      assert.deepEqual([doc.account.kind, doc.account.name, doc.personal], ['user', 'Alice Admin', true]);
      assert.match(doc.account.uuid, /^\{.+\}$/);
      assert.ok(doc.warnings.some((w) => /personal/.test(w)));
    });

    it('api-token from BITBUCKET_API_TOKEN_FILE', async () => {
      const file = path.join(tmp.dir, 'token');
      writeFileSync(file, `${ALICE.BITBUCKET_API_TOKEN}\n`);
      const env = { ...ALICE, BITBUCKET_API_TOKEN: '', BITBUCKET_API_TOKEN_FILE: file };
      assert.equal(json<{ account: { name: string } }>(await cli(env, 'check', '--json')).account.name, 'Alice Admin');
    });

    it('oauth: the consumer acts as a non-personal app user', async () => {
      const doc = json<{ account: { kind: string; name: string }; personal: boolean }>(await cli(OAUTH, 'check', '--json'));
      assert.deepEqual([doc.account.kind, doc.account.name, doc.personal], ['app_user', 'Repo Access CI', false]);
    });

    it('access-token: not personal, warns that it cannot manage keys', async () => {
      const doc = json<{ account: { kind: string }; personal: boolean; warnings: string[] }>(await cli(ACCESS_TOKEN, 'check', '--json'));
      assert.deepEqual([doc.account.kind, doc.personal], ['access_token', false]);
      assert.ok(doc.warnings.some((w) => /cannot manage access keys/.test(w)));
    });

    it('app-password: exit 3 naming the 2026-07-28 removal and the replacements, without sending it', async () => {
      const run = await cli(APP_PASSWORD, 'check');
      assert.equal(run.code, 3);
      const line = oneLine(run);
      assert.match(line, /removed app passwords on 2026-07-28/);
      assert.match(line, /API token.*OAuth consumer.*access token.*access key/);
      assert.equal(sb.stats.requests, 0);
    });

    it('an expired API token: exit 3 with what to do', async () => {
      const run = await cli(EXPIRED, 'check');
      assert.equal(run.code, 3);
      assert.match(oneLine(run), /401.*expired/i);
    });

    it('wrong OAuth secret: exit 3', async () => {
      const run = await cli({ ...OAUTH, BITBUCKET_OAUTH_SECRET: 'nope' }, 'check');
      assert.equal(run.code, 3);
      assert.match(oneLine(run), /BITBUCKET_OAUTH_KEY and BITBUCKET_OAUTH_SECRET/);
    });

    it('a consumer marked public: exit 3 saying to make the consumer private', async () => {
      const run = await cli({ ...OAUTH, BITBUCKET_OAUTH_KEY: 'sandbox-oauth-public', BITBUCKET_OAUTH_SECRET: 'sandbox-oauth-public-secret' }, 'check');
      assert.equal(run.code, 3);
      assert.match(oneLine(run), /marked public; make the consumer private/);
      assert.ok(!run.stderr.includes('sandbox-oauth-public-secret'));
    });

    it('missing or unknown mode, missing variable: exit 2', async () => {
      for (const env of [{}, { BITBUCKET_AUTH: 'password' }, { BITBUCKET_AUTH: 'api-token', BITBUCKET_EMAIL: 'a@b' }] as Env[]) {
        const run = await cli(env, 'check');
        assert.equal(run.code, 2);
        assert.match(oneLine(run), /BITBUCKET_/);
      }
      assert.equal(sb.stats.requests, 0);
    });
  });

  describe('repos', () => {
    it('lists every repository, and filters with BBQL', async () => {
      const all = json<{ repositories: Array<{ slug: string; full_name: string; project: string | null; is_private: boolean }> }>(await cli(ALICE, 'repos', '--workspace', 'acme', '--json'));
      assert.equal(all.repositories.length, sb.state.repositories().length);
      assert.ok(all.repositories.some((r) => r.project === null));
      const core = json<typeof all>(await cli(OAUTH, 'repos', '--workspace', 'acme', '--query', 'project.key = "CORE"', '--json'));
      assert.ok(core.repositories.length > 0 && core.repositories.every((r) => r.project === 'CORE' && r.full_name === `acme/${r.slug}`));
      const human = await cli(ACCESS_TOKEN, 'repos', '--workspace', 'acme');
      assert.equal(human.code, 0);
      assert.match(human.stdout, /acme\/core-api \[CORE\]/);
    });
  });

  describe('register', () => {
    it('--repo: adds, then a second run is all `present` with one request per repository and zero writes', async () => {
      const first = json<{ fingerprint: string; results: Array<{ repo: string; status: string; keyId: number | null; error: null }>; summary: object }>(
        await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'acme/web-admin', '--json'),
      );
      assert.equal(first.fingerprint, fingerprint);
      assert.deepEqual(first.results.map((r) => [r.repo, r.status, typeof r.keyId, r.error]), [
        ['acme/core-api', 'added', 'number', null],
        ['acme/web-admin', 'added', 'number', null],
      ]);
      assert.deepEqual(first.summary, { added: 2, present: 0, failed: 0 });
      assert.equal(keysOf('core-api').length, 1);
      assert.equal(sb.state.repoDeployKeys('core-api')[0]?.label, 'ci-key');
      sb.stats.reset();
      const second = json<typeof first>(await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'web-admin', '--json'));
      assert.deepEqual(second.summary, { added: 0, present: 2, failed: 0 });
      assert.deepEqual([sb.stats.requests, sb.stats.writes], [2, 0]);
    });

    it('a key that is someone\'s personal SSH key: exit 2 with one line saying to generate a new key; nothing written', async () => {
      sb.state.addPersonalSshKey(readFileSync(pub, 'utf8'));
      const run = await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'web-admin');
      assert.equal(run.code, 2);
      assert.match(oneLine(run), /^repo-access: acme\/(core-api|web-admin): .*already some user's or workspace's personal SSH key.*generate a new key/);
      assert.deepEqual([keysOf('core-api'), keysOf('web-admin'), sb.stats.writes], [[], [], 0]);
    });

    it('--json-out replaces a symlink planted at FILE instead of writing through it', async () => {
      const victim = path.join(tmp.dir, 'victim');
      writeFileSync(victim, 'keep me\n', { mode: 0o644 });
      const out = path.join(tmp.dir, 'register.json');
      symlinkSync(victim, out);
      const run = await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', '--json', '--json-out', out);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readFileSync(victim, 'utf8'), 'keep me\n');
      assert.ok(!lstatSync(out).isSymbolicLink());
      assert.equal(readFileSync(out, 'utf8'), run.stdout);
      assert.equal(statSync(out).mode & 0o777, 0o600);
      assert.deepEqual(readdirSync(tmp.dir).filter((name) => name.endsWith('.tmp')), []);
    });

    it('--all with oauth, --query and --label; JSON also to --json-out (0600)', async () => {
      const out = path.join(tmp.dir, 'out', 'register.json');
      const run = await cli(OAUTH, 'register', '--workspace', 'acme', '--key', pub, '--all', '--label', 'teamcity', '--json', '--json-out', out);
      const doc = json<{ summary: { added: number } }>(run);
      assert.equal(doc.summary.added, sb.state.repositories().length);
      assert.equal(readFileSync(out, 'utf8'), run.stdout);
      assert.equal(statSync(out).mode & 0o777, 0o600);
      assert.ok(sb.state.repositories().every((r) => sb.state.repoDeployKeys(r.slug).length === 1 && sb.state.repoDeployKeys(r.slug)[0]?.label === 'teamcity'));
      sb.stats.reset();
      const again = json<{ summary: { present: number } }>(await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--query', 'project.key = "WEB"', '--json'));
      assert.ok(again.summary.present > 0);
      assert.equal(sb.stats.writes, 0);
    });

    it('--project registers one project-level key', async () => {
      const doc = json<{ results: Array<{ repo: string; status: string }> }>(await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--project', 'CORE', '--json'));
      assert.deepEqual(doc.results.map((r) => [r.repo, r.status]), [['acme/project:CORE', 'added']]);
      assert.equal(sb.state.projectDeployKeys('CORE').length, 1);
      assert.equal(sb.stats.writes, 1);
    });

    it('an expired token stops the run with exit 3 before any write; --concurrency is honoured', async () => {
      const expired = await cli(EXPIRED, 'register', '--workspace', 'acme', '--key', pub, '--all', '--concurrency', '2');
      assert.equal(expired.code, 3);
      assert.match(expired.stderr.trim().split('\n').at(-1) ?? '', /401.*expired/i);
      assert.equal(sb.stats.writes, 0);
      const run = await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--all', '--concurrency', '2', '--json');
      assert.equal(json<{ summary: { added: number } }>(run).summary.added, sb.state.repositories().length);
    });

    it('human output on a pipe: one line per repository and a summary', async () => {
      const run = await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /acme\/core-api: added/);
      assert.match(run.stdout, /added 1, present 0, failed 0/);
    });

    it('exit 1 when a repository fails; the others are done and reported', async () => {
      const run = await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'no-such-repo', '--json');
      assert.equal(run.code, 1);
      const doc = JSON.parse(run.stdout) as { results: Array<{ repo: string; status: string; error: string | null }> };
      assert.deepEqual(doc.results.map((r) => r.status), ['added', 'failed']);
      assert.match(doc.results[1]?.error ?? '', /not found/);
      assert.match(run.stderr.trim().split('\n').at(-1) ?? '', /1 of 2 failed/);
      assert.equal(keysOf('core-api').length, 1);
    });

    it('exit 3 when the token lacks the scope, naming it; nothing written', async () => {
      const run = await cli(BOB, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'web-admin');
      assert.equal(run.code, 3);
      assert.match(run.stderr.trim().split('\n').at(-1) ?? '', /lacks scope .*(admin:repository:bitbucket|write:ssh-key:bitbucket)/);
      assert.equal(sb.stats.writes, 0);
    });

    it('exit 3 when no repository grants admin rights; exit 1 when some fail for other reasons', async () => {
      await sb.close();
      const fixture = defaultFixture();
      fixture.credentials.apiTokens.push({ email: 'bob@example.com', token: 'ATATT-sandbox-bob-all-scopes', scopes: [...ALL_API_TOKEN_SCOPES], expiresAt: null });
      sb = await startBitbucketSandbox({ git: false, fixture });
      const bob = { ...BOB, BITBUCKET_API_TOKEN: 'ATATT-sandbox-bob-all-scopes' };
      const refused = await cli(bob, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'web-admin', '--json');
      assert.equal(refused.code, 3);
      assert.match(refused.stderr.trim().split('\n').at(-1) ?? '', /permission refused \(403: You must be an administrator/);
      const mixed = await cli(bob, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'missing-repo');
      assert.equal(mixed.code, 1);
      assert.ok(!refused.stdout.includes('ATATT-sandbox-bob-all-scopes') && !refused.stderr.includes('ATATT-sandbox-bob-all-scopes'));
      assert.equal(sb.stats.writes, 0);
    });

    it('exit 3 for an access token: access tokens cannot manage access keys', async () => {
      const run = await cli(ACCESS_TOKEN, 'register', '--workspace', 'acme', '--key', pub, '--all', '--json');
      assert.equal(run.code, 3);
      assert.match(run.stderr.trim().split('\n').at(-1) ?? '', /access tokens cannot manage access keys/);
      const doc = JSON.parse(run.stdout) as { summary: { failed: number } };
      assert.equal(doc.summary.failed, sb.state.repositories().length);
      assert.equal(sb.stats.writes, 0);
    });

    it('exit 4 when Bitbucket cannot be reached', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
          const { port: p } = server.address() as { port: number };
          server.close(() => resolve(p));
        });
      });
      const run = await cli({ ...ALICE, BITBUCKET_API_URL: `http://127.0.0.1:${port}/2.0` }, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api');
      assert.equal(run.code, 4);
      assert.match(run.stderr.trim().split('\n').at(-1) ?? '', /cannot reach Bitbucket/);
    });

    it('exit 4 at once when fetch refuses the address (no error code to retry on)', async () => {
      // Port 1 is on fetch's blocked-port list: it fails without a socket error code, which must not be retried for minutes.
      const run = await cli({ ...ALICE, BITBUCKET_API_URL: 'http://127.0.0.1:1/2.0' }, 'check');
      assert.equal(run.code, 4);
      assert.match(run.stderr.trim(), /cannot reach Bitbucket at http:\/\/127\.0\.0\.1:1 \(bad port\)/);
    });

    it('bad input is exit 2 with one line, before any request: nothing changes', async () => {
      writeFileSync(path.join(tmp.dir, 'garbage.pub'), 'ssh-ed25519 not-base64 at all\n');
      const cases: Array<[string[], RegExp]> = [
        [['--repo', 'core-api', '--bogus'], /unknown option '--bogus'/],
        [['--repo', 'bad slug!'], /not a repository slug/],
        [['--repo', '../etc'], /not a repository slug/],
        [['--repo', 'other-ws/core-api'], /not a repository slug/],
        [['--repo', 'core-api', '--key', path.join(tmp.dir, 'missing.pub')], /no such file/],
        [['--repo', 'core-api', '--key', path.join(tmp.dir, 'garbage.pub')], /not an OpenSSH public key/],
        [['--repo', 'core-api', '--key', path.join(tmp.dir, 'key')], /private key/],
        [[], /say which repositories/],
        [['--all', '--repo', 'core-api'], /cannot be combined/],
        [['--all', '--project', 'bad key'], /cannot be combined/],
        [['--project', '1X'], /not a Bitbucket project key/],
        [['--all', '--concurrency', '0'], /positive whole number/],
        [['--all', '--label', 'two\nlines'], /--label: contains a line break/],
        [['--all', '--label', 'x'.repeat(256)], /--label: 256 characters, at most 255/],
      ];
      for (const [args, message] of cases) {
        const keyArgs = args.includes('--key') ? [] : ['--key', pub];
        const run = await cli(ALICE, 'register', '--workspace', 'acme', ...keyArgs, ...args);
        assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
        assert.match(oneLine(run), message);
        assert.equal(run.stdout, '');
      }
      for (const args of [['keygen', '--out', path.join(tmp.dir, 'k2'), '--comment', 'a\rb'], ['rotate', '--workspace', 'acme', '--key', pub, '--label', 'old', '--new-label', 'y'.repeat(300), '--all'], ['revoke', '--workspace', 'acme', '--label', '\u0007', '--all']]) {
        const run = await cli(ALICE, ...args);
        assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
        assert.match(oneLine(run), /^repo-access: --(comment|new-label|label): /);
      }
      const badRate = await cli({ ...ALICE, REPO_ACCESS_RATE_LIMIT: '1000 an hour' }, 'register', '--workspace', 'acme', '--key', pub, '--all');
      assert.equal(badRate.code, 2);
      assert.match(oneLine(badRate), /REPO_ACCESS_RATE_LIMIT=1000 an hour: expected LIMIT\/WINDOW_MS/);
      const badWorkspace = await cli(ALICE, 'register', '--workspace', 'a b', '--key', pub, '--all');
      assert.equal(badWorkspace.code, 2);
      assert.deepEqual([sb.stats.requests, sb.stats.writes], [0, 0]);
    });

    it('under TeamCity: block, a progressMessage per repository, buildProblem on failure; --json keeps stdout one document', async () => {
      const run = await cli({ ...ALICE, TEAMCITY_VERSION: '2025.03' }, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api', 'gone', '--json');
      assert.equal(run.code, 1);
      JSON.parse(run.stdout);
      assert.match(run.stderr, /##teamcity\[blockOpened name='register'/);
      assert.match(run.stderr, /##teamcity\[progressMessage 'acme\/core-api: added \(\d\/2\)'\]/);
      assert.match(run.stderr, /##teamcity\[buildProblem description='acme\/gone: .*not found/);
      assert.match(run.stderr, /##teamcity\[blockClosed name='register'\]/);
      const human = await cli({ ...ALICE, TEAMCITY_VERSION: '2025.03' }, 'register', '--workspace', 'acme', '--key', pub, '--repo', 'core-api');
      assert.match(human.stdout, /##teamcity\[progressMessage 'acme\/core-api: present \(1\/1\)'\]/);
    });

    it('under TeamCity: a run that stops on bad input still closes its block', async () => {
      const longComment = path.join(tmp.dir, 'long-comment.pub');
      writeFileSync(longComment, `${readFileSync(pub, 'utf8').trim().split(' ').slice(0, 2).join(' ')} ${'c'.repeat(300)}\n`);
      const run = await cli({ ...ALICE, TEAMCITY_VERSION: '2025.03' }, 'register', '--workspace', 'acme', '--key', longComment, '--repo', 'core-api', '--json');
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /repo-access: the comment of .* \(the default label\): 300 characters, at most 255/);
      assert.match(run.stderr, /##teamcity\[blockOpened name='register'[^\n]*\n##teamcity\[blockClosed name='register'\]/);
    });
  });

  describe('revoke, audit, rotate', () => {
    const register = async (file: string, ...repos: string[]): Promise<void> => {
      assert.equal((await cli(ALICE, 'register', '--workspace', 'acme', '--key', file, '--label', 'old', '--repo', ...repos)).code, 0);
    };

    it('audit lists keys with fingerprint, type, bits and label', async () => {
      await register(pub, 'core-api', 'web-admin');
      const doc = json<{ keys: Array<Record<string, unknown>>; failures: unknown[] }>(await cli(ALICE, 'audit', '--workspace', 'acme', '--all', '--json'));
      assert.equal(doc.keys.length, 2);
      for (const key of doc.keys) {
        assert.deepEqual([key.fingerprint, key.type, key.bits, key.label], [fingerprint, 'ed25519', 256, 'old']);
        assert.equal(typeof key.keyId, 'number');
        assert.ok('createdOn' in key && 'lastUsed' in key);
      }
      assert.deepEqual(doc.failures, []);
    });

    it('revoke by fingerprint removes it where present, `absent` elsewhere; by label too', async () => {
      await register(pub, 'core-api', 'web-admin');
      const doc = json<{ results: Array<{ repo: string; status: string }>; summary: object }>(
        await cli(OAUTH, 'revoke', '--workspace', 'acme', '--fingerprint', fingerprint, '--repo', 'core-api', 'shared-lib', '--json'),
      );
      assert.deepEqual(doc.results.map((r) => r.status), ['removed', 'absent']);
      assert.deepEqual([keysOf('core-api').length, keysOf('web-admin').length], [0, 1]);
      const byLabel = json<{ summary: { removed: number } }>(await cli(ALICE, 'revoke', '--workspace', 'acme', '--label', 'old', '--all', '--json'));
      assert.equal(byLabel.summary.removed, 1);
      assert.equal(keysOf('web-admin').length, 0);
      const bad = await cli(ALICE, 'revoke', '--workspace', 'acme', '--fingerprint', 'MD5:xx', '--all');
      assert.equal(bad.code, 2);
    });

    it('rotate adds the new key, verifies it, removes the old one; repositories without the old key are left alone', async () => {
      await register(pub, 'core-api', 'web-admin');
      const next = await keygen({ out: path.join(tmp.dir, 'next'), comment: 'next' });
      const doc = json<{ fingerprint: string; results: Array<{ repo: string; status: string }>; summary: object }>(
        await cli(ALICE, 'rotate', '--workspace', 'acme', '--key', next.publicKeyPath, '--fingerprint', fingerprint, '--repo', 'core-api', 'web-admin', 'shared-lib', '--json'),
      );
      assert.equal(doc.fingerprint, next.fingerprint);
      assert.deepEqual(doc.summary, { rotated: 2, absent: 1, failed: 0 });
      const nextMaterial = readFileSync(next.publicKeyPath, 'utf8').split(' ').slice(0, 2).join(' ');
      assert.deepEqual(keysOf('core-api'), [nextMaterial]);
      assert.deepEqual(keysOf('shared-lib'), []);
      assert.equal(sb.state.repoDeployKeys('core-api')[0]?.label, 'old');
    });

    it('project-level key: audit, rotate and revoke with --project', async () => {
      assert.equal((await cli(ALICE, 'register', '--workspace', 'acme', '--key', pub, '--project', 'OPS', '--label', 'old')).code, 0);
      const audited = json<{ keys: Array<{ repo: string; fingerprint: string }> }>(await cli(ALICE, 'audit', '--workspace', 'acme', '--project', 'OPS', '--json'));
      assert.deepEqual(audited.keys.map((k) => [k.repo, k.fingerprint]), [['acme/project:OPS', fingerprint]]);
      const next = await keygen({ out: path.join(tmp.dir, 'next'), comment: 'next' });
      const rotated = json<{ summary: object }>(await cli(ALICE, 'rotate', '--workspace', 'acme', '--key', next.publicKeyPath, '--label', 'old', '--project', 'OPS', '--json'));
      assert.deepEqual(rotated.summary, { rotated: 1, absent: 0, failed: 0 });
      const revoked = json<{ summary: object }>(await cli(ALICE, 'revoke', '--workspace', 'acme', '--fingerprint', next.fingerprint, '--project', 'OPS', '--json'));
      assert.deepEqual(revoked.summary, { removed: 1, absent: 0, failed: 0 });
      assert.equal(sb.state.projectDeployKeys('OPS').length, 0);
    });

    it('rotate keeps the old key where adding the new one fails (exit 1)', async () => {
      await register(pub, 'core-api');
      const weak = path.join(tmp.dir, 'weak.pub');
      // Bitbucket refuses RSA keys under 2048 bits: the add fails on every repository.
      const { generateKeyPairSync } = await import('node:crypto');
      const sshpk = (await import('sshpk')).default;
      const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      writeFileSync(weak, `${sshpk.parseKey(pem, 'pem').toString('ssh')} weak\n`);
      const before = keysOf('core-api');
      const run = await cli(ALICE, 'rotate', '--workspace', 'acme', '--key', weak, '--label', 'old', '--repo', 'core-api', '--json');
      assert.equal(run.code, 1);
      assert.equal((JSON.parse(run.stdout) as { results: Array<{ status: string }> }).results[0]?.status, 'failed');
      assert.deepEqual(keysOf('core-api'), before);
    });
  });
});
