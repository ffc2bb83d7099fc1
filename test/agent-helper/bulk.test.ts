import { strict as assert } from 'node:assert';
import path from 'node:path';
import { startBitbucketSandbox, generateFixture, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { projectTarget, repositoryTarget } from '../../agent-helper/bitbucket/api';
import { BitbucketClient } from '../../agent-helper/bitbucket/client';
import { AdaptiveLimiter } from '../../agent-helper/bitbucket/limiter';
import { RateBudget } from '../../agent-helper/bitbucket/rate-budget';
import type { Credentials } from '../../agent-helper/config/credentials';
import { readPublicKeyFile, type PublicKeyFile } from '../../agent-helper/keys/public-key-file';
import { keygen } from '../../agent-helper/operations/keygen';
import { audit } from '../../agent-helper/operations/audit';
import { check } from '../../agent-helper/operations/check';
import { register } from '../../agent-helper/operations/register';
import { repos } from '../../agent-helper/operations/repos';
import { revoke } from '../../agent-helper/operations/revoke';
import { rotate } from '../../agent-helper/operations/rotate';
import { targetStream } from '../../agent-helper/operations/select';
import { ALICE, runCli, tempDir } from './cli-runner';

const alice: Credentials = { mode: 'api-token', email: ALICE.BITBUCKET_EMAIL, token: ALICE.BITBUCKET_API_TOKEN };
const oauth: Credentials = { mode: 'oauth', key: 'sandbox-oauth-key', secret: 'sandbox-oauth-secret' };

describe('bulk operations (functions) under pagination, rate limits and faults', function () {
  this.timeout(120_000);
  let sb: BitbucketSandbox | undefined;
  let tmp: ReturnType<typeof tempDir>;
  let key: PublicKeyFile;
  let next: PublicKeyFile;

  const start = async (options: Parameters<typeof startBitbucketSandbox>[0], repositories: number): Promise<BitbucketSandbox> => {
    sb = await startBitbucketSandbox({ git: false, fixture: generateFixture({ workspace: 'big', repositories, projects: 4 }), ...options });
    return sb;
  };
  const client = (s: BitbucketSandbox, credentials: Credentials = alice, concurrency = 8): BitbucketClient =>
    new BitbucketClient(credentials, { apiUrl: s.apiUrl, oauthTokenUrl: s.oauthTokenUrl }, { concurrency, baseDelayMs: 20, maxDelayMs: 500 });
  const exactlyOne = (s: BitbucketSandbox, material: string): void => {
    for (const r of s.state.repositories()) assert.deepEqual(s.state.repoDeployKeys(r.slug).map((k) => k.material), [material], r.slug);
  };

  before(async () => {
    tmp = tempDir();
    key = readPublicKeyFile((await keygen({ out: path.join(tmp.dir, 'a'), comment: 'a' })).publicKeyPath);
    next = readPublicKeyFile((await keygen({ out: path.join(tmp.dir, 'b'), comment: 'b' })).publicKeyPath);
  });
  after(() => tmp.remove());
  afterEach(async () => {
    await sb?.close();
    sb = undefined;
  });

  it('follows `next` over 250 repositories; register costs one request per repository, the repeat writes nothing', async () => {
    const s = await start({}, 250);
    const c = client(s);
    const { repositories } = await repos(c, 'big');
    assert.equal(new Set(repositories.map((r) => r.slug)).size, 250);
    assert.equal(s.stats.requests, 3);
    s.stats.reset();
    const targets = targetStream(c, 'big', { all: true });
    const first = await register(c, { targets, key, label: 'ci' });
    assert.deepEqual(first.report.summary, { added: 250, present: 0, failed: 0 });
    assert.equal(s.stats.requests, 253);
    s.stats.reset();
    const second = await register(c, { targets: targetStream(c, 'big', { all: true }), key, label: 'ci' });
    assert.deepEqual(second.report.summary, { added: 0, present: 250, failed: 0 });
    assert.deepEqual([s.stats.requests, s.stats.writes], [253, 0]);
    exactlyOne(s, key.material);
  });

  it('absorbs 429s: the adaptive limit paces a run under a tight rate limit, every repository ends with the key', async () => {
    const s = await start({ rateLimit: { limit: 40, windowMs: 1000 } }, 120);
    const c = client(s);
    const outcome = await register(c, { targets: targetStream(c, 'big', { all: true }), key, label: 'ci' });
    assert.equal(outcome.fatal, undefined);
    assert.equal(outcome.report.summary.failed, 0);
    assert.ok(s.stats.status429 > 0, 'the rate limit was met');
    assert.equal(c.stats.status429, s.stats.status429);
    assert.ok(c.stats.status429 < 40, `429s paced, not burned: ${c.stats.status429}`);
    exactlyOne(s, key.material);
  });

  for (const afterHandling of [false, true]) {
    it(`every 7th request failing (500 or reset, ${afterHandling ? 'after' : 'before'} the write): exactly one key per repository; rotate and revoke too`, async () => {
      const s = await start({ faults: { everyNth: 7, kinds: ['500', 'reset'], ...(afterHandling ? { afterHandling } : {}) } } as Parameters<typeof startBitbucketSandbox>[0], 80);
      const c = client(s, oauth);
      const targets = (await repos(c, 'big')).repositories.map((r) => repositoryTarget('big', r.slug));
      const added = await register(c, { targets, key, label: 'ci' });
      assert.equal(added.report.summary.failed, 0);
      assert.equal(added.report.summary.added + added.report.summary.present, 80);
      exactlyOne(s, key.material);
      const rotated = await rotate(c, { targets, key: next, match: { fingerprint: key.fingerprint } });
      assert.deepEqual(rotated.report.summary, { rotated: 80, absent: 0, failed: 0 });
      exactlyOne(s, next.material);
      const revoked = await revoke(c, { targets, match: { label: 'ci' } });
      assert.equal(revoked.report.summary.failed, 0);
      assert.ok(s.state.repositories().every((r) => s.state.repoDeployKeys(r.slug).length === 0));
      assert.ok(c.stats.retries > 0);
    });
  }

  it('renews the OAuth token before it expires during a long run', async () => {
    const s = await start({ oauthTokenLifetimeSec: 1, latencyMs: 60 }, 60);
    const c = client(s, oauth, 4);
    const outcome = await register(c, { targets: targetStream(c, 'big', { all: true }), key, label: 'ci' });
    assert.deepEqual(outcome.report.summary, { added: 60, present: 0, failed: 0 });
  });

  it('an OAuth token refused with 401 is fetched again once; a withdrawn consumer then fails with exit 3', async () => {
    const s = await start({}, 3);
    const c = client(s, oauth);
    await check(c);
    const issued = (s.state as unknown as { oauthTokens: Map<string, unknown> }).oauthTokens;
    for (const token of issued.keys()) s.state.revoke(token);
    assert.equal((await check(c)).account.kind, 'app_user');
    for (const token of issued.keys()) s.state.revoke(token);
    s.state.revoke('sandbox-oauth-key');
    await assert.rejects(check(c), (error: Error & { exitCode?: number }) => error.exitCode === 3 && /OAuth consumer/.test(error.message));
  });

  it('audit reads `added_on` (Bitbucket\'s field) and falls back to the default pagelen when 100 is refused', async () => {
    const s = await start({ deployKeyMaxPagelen: 20 }, 3);
    const c = client(s);
    const targets = ['repo-1', 'repo-2', 'repo-3'].map((slug) => repositoryTarget('big', slug));
    assert.equal((await register(c, { targets, key, label: 'ci' })).report.summary.added, 3);
    s.stats.reset();
    const outcome = await audit(c, { targets, concurrency: 1 });
    assert.deepEqual(outcome.report.failures, []);
    assert.equal(outcome.report.keys.length, 3);
    for (const k of outcome.report.keys) assert.match(k.createdOn ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(s.stats.requests, 4, 'one refused pagelen, then the default for every listing');
  });

  it('a duplicate named only in the 400\'s `fields` map is still `present`: a repeat run writes nothing', async () => {
    const s = await start({ keyErrorsInFields: true }, 4);
    const c = client(s);
    const targets = () => targetStream(c, 'big', { all: true });
    assert.equal((await register(c, { targets: targets(), key, label: 'ci' })).report.summary.added, 4);
    s.stats.reset();
    const again = await register(c, { targets: targets(), key, label: 'ci' });
    assert.deepEqual(again.report.summary, { added: 0, present: 4, failed: 0 });
    assert.equal(s.stats.writes, 0);
    s.state.addPersonalSshKey(`${next.material} b`);
    const personal = await register(c, { targets: targets(), key: next, label: 'ci' });
    assert.equal(personal.fatal?.exitCode, 2);
    assert.match(personal.fatal?.message ?? '', /personal SSH key.*generate a new key/);
  });

  it('a project-level key is one request', async () => {
    const s = await start({}, 10);
    const c = client(s);
    const outcome = await register(c, { targets: [projectTarget('big', 'P001')], key, label: 'ci' });
    assert.equal(outcome.report.summary.added, 1);
    assert.deepEqual([s.stats.requests, s.state.projectDeployKeys('P001').length], [1, 1]);
  });

  it('keeps partial progress: a missing repository fails alone', async () => {
    const s = await start({}, 5);
    const c = client(s);
    const outcome = await register(c, { targets: ['repo-1', 'nope', 'repo-2'].map((slug) => repositoryTarget('big', slug)), key, label: 'ci' });
    assert.deepEqual(outcome.report.results.map((r) => r.status), ['added', 'failed', 'added']);
    assert.equal(outcome.fatal, undefined);
  });

  it('gives up after the retry budget with exit 4 and one line', async () => {
    const s = await start({ faults: { everyNth: 1, kinds: ['500'] } }, 3);
    const run = await runCli(['repos', '--workspace', 'big'], { ...s.env, ...ALICE, REPO_ACCESS_RETRY_BUDGET_MS: '1500' });
    assert.equal(run.code, 4);
    assert.match(run.stderr.trim(), /^repo-access: listing repositories of big: Bitbucket kept failing \(HTTP 500\) for \d+ s of retries; try again later$/);
  });

  it('a plain 429 without Retry-After never ends the run, however short the retry budget: every repository ends with the key', async () => {
    const s = await start({ rateLimit: { limit: 10, windowMs: 1000, style: 'bitbucket' } }, 30);
    const c = new BitbucketClient(alice, { apiUrl: s.apiUrl, oauthTokenUrl: s.oauthTokenUrl }, { concurrency: 4, retryBudgetMs: 50, rate: { limit: 10, windowMs: 1000 } });
    const outcome = await register(c, { targets: targetStream(c, 'big', { all: true }), key, label: 'ci' });
    assert.equal(outcome.fatal, undefined, outcome.fatal?.message);
    assert.deepEqual(outcome.report.summary, { added: 30, present: 0, failed: 0 });
    exactlyOne(s, key.material);
  });

  it('rate budget: the burst fits the window, the rest waits for it; X-RateLimit-Limit raises a known limit; the expected finish', async () => {
    const budget = new RateBudget({ limit: 3, windowMs: 60_000 });
    const before = Date.now();
    for (let i = 0; i < 3; i += 1) await budget.acquire();
    assert.equal(budget.finishEstimate(0), undefined);
    const finish = budget.finishEstimate(4)?.getTime() ?? 0;
    assert.ok(finish >= before + 2 * 60_000 && finish <= Date.now() + 2 * (60_000 + 600) + 10, `two windows more: ${finish - before}`);
    budget.onAdmitted(new Headers({ 'x-ratelimit-limit': '10' }));
    assert.equal(budget.finishEstimate(7), undefined, 'fits in the raised limit');
    const unknown = new RateBudget(undefined);
    unknown.onAdmitted(new Headers({ 'x-ratelimit-limit': '10' }));
    assert.equal(unknown.finishEstimate(1000), undefined, 'no window known: nothing to pace to');
  });

  it('AIMD: a 429 halves the concurrency once per pause; successes add it back', async () => {
    const limiter = new AdaptiveLimiter(8);
    limiter.onRateLimited(50);
    limiter.onRateLimited(50);
    assert.equal(limiter.concurrency, 4);
    const started = Date.now();
    await limiter.run(async () => undefined);
    assert.ok(Date.now() - started >= 45, 'starts wait for Retry-After');
    for (let i = 0; i < 4 + 5 + 6 + 7; i += 1) limiter.onSuccess();
    assert.equal(limiter.concurrency, 8);
  });

  it('paces starts after a 429 at ~90% of the rate that met it', async () => {
    const limiter = new AdaptiveLimiter(8);
    for (let i = 0; i < 20; i += 1) limiter.onSuccess();
    limiter.onRateLimited(10);
    assert.ok(Math.abs(limiter.spacingMs - 1000 / (20 * 0.9)) < 1, String(limiter.spacingMs));
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 4 }, () => limiter.run(async () => void starts.push(Date.now()))));
    assert.ok(starts.at(-1)! - starts[0]! >= 3 * 55 - 5, `spaced: ${starts.map((t) => t - starts[0]!).join(',')}`);
  });
});
