import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { generateFixture, startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { keygen } from '../../agent-helper/operations/keygen';
import { ALICE, runCli, tempDir } from './cli-runner';
import { requireBuilt } from '../support/built';

const REPOSITORIES = 3000;
/** bitbucket.org's 1,000 requests per rolling hour, scaled down so that the run needs several windows. */
const RATE = { limit: 500, windowMs: 500 };

describe('register under bitbucket.org\'s rate limit (plain 429, no Retry-After), window scaled down', function () {
  this.timeout(240_000);
  let sb: BitbucketSandbox;
  let tmp: ReturnType<typeof tempDir>;

  before(() => requireBuilt('helper'));
  beforeEach(async () => {
    tmp = tempDir();
    sb = await startBitbucketSandbox({ git: false, fixture: generateFixture({ workspace: 'big', repositories: REPOSITORIES, projects: 10 }), rateLimit: { ...RATE, style: 'bitbucket' } });
  });
  afterEach(async () => {
    await sb.close();
    tmp.remove();
  });

  const withKey = (material: string): number => sb.state.repositories().filter((r) => sb.state.repoDeployKeys(r.slug).some((k) => k.material === material)).length;

  it(`${REPOSITORIES} repositories, killed with SIGKILL in the middle and run again: 0 duplicates, 0 missing, no budget wasted`, async () => {
    const made = await keygen({ out: path.join(tmp.dir, 'key'), comment: 'ci' });
    const material = made.publicKey.split(' ').slice(0, 2).join(' ');
    // A retry budget far below the window: a 429 must never end the run while work remains.
    const env = { ...sb.env, ...ALICE, REPO_ACCESS_RATE_LIMIT: `${RATE.limit}/${RATE.windowMs}`, REPO_ACCESS_RETRY_BUDGET_MS: '100' };
    const args = ['register', '--workspace', 'big', '--key', made.publicKeyPath, '--all', '--json'];

    const first = spawn(process.execPath, [requireBuilt('helper'), ...args], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
    const closed = once(first, 'close');
    await Promise.race([sb.stats.untilWrites(REPOSITORIES / 2), closed]);
    first.kill('SIGKILL');
    await closed;
    const written = withKey(material);
    assert.ok(written > 0 && written < REPOSITORIES, `killed in the middle: ${written} written`);

    const before = { requests: sb.stats.requests, status429: sb.stats.status429 };
    const rerun = await runCli(args, env, { timeoutMs: 200_000 });
    assert.equal(rerun.code, 0, rerun.stderr);
    const doc = JSON.parse(rerun.stdout) as { summary: { added: number; present: number; failed: number } };
    assert.deepEqual(doc.summary, { added: REPOSITORIES - written, present: written, failed: 0 });
    for (const r of sb.state.repositories()) assert.deepEqual(sb.state.repoDeployKeys(r.slug).map((k) => k.material), [material], r.slug);

    // The rerun pays one request per repository plus the listing pages (pagelen 100), 429s aside.
    const admitted = sb.stats.requests - before.requests - (sb.stats.status429 - before.status429);
    assert.equal(admitted, REPOSITORIES + REPOSITORIES / 100);
    // Paced to the budget, not bounced off it: the window full of the killed run's requests costs a few probes.
    const met = sb.stats.status429 - before.status429;
    assert.ok(met <= 60, `429s met by the rerun: ${met}`);
  });

  it('shows the expected finish on the TeamCity progress messages while the budget sets the pace', async () => {
    const made = await keygen({ out: path.join(tmp.dir, 'key'), comment: 'ci' });
    const run = await runCli(['register', '--workspace', 'big', '--key', made.publicKeyPath, '--query', 'slug ~ "repo-00"', '--json'], {
      ...sb.env,
      ...ALICE,
      REPO_ACCESS_RATE_LIMIT: '50/1000',
      TEAMCITY_VERSION: '2025.03',
    }, { timeoutMs: 200_000 });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /##teamcity\[progressMessage 'big\/repo-\d+: added \(\d+\/\d+, expected finish \d\d:\d\d:\d\d UTC\)'\]/);
  });
});
