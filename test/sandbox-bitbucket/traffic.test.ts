import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startBitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, api, ed25519PublicKey } from './helpers';

/** One request on a fresh connection; resolves 'reset' when the server drops the socket. */
function rawGet(url: string, auth: string): Promise<number | 'reset'> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: auth }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.message === 'socket hang up' ? resolve('reset') : reject(e)));
    req.end();
  });
}

describe('bitbucket sandbox: rate limit, faults, latency, stats', () => {
  it('answers 429 with Retry-After in seconds over the limit, counts it, and admits again after the window', async () => {
    const windowMs = 2000;
    let now = Date.now();
    const sb = await startBitbucketSandbox({ git: false, rateLimit: { limit: 5, windowMs }, clock: () => now });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      let body: unknown;
      for (let i = 0; i < 8; i++) {
        const res = await api(sb, '/user', { auth: ALICE });
        statuses.push(res.status);
        if (res.status === 429) {
          body = res.body;
          retryAfter = res.headers.get('retry-after');
        }
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
      assert.equal(retryAfter, '2', 'the whole window is left: the clock has not moved');
      assert.deepEqual(body, { type: 'error', error: { message: 'Rate limit for this resource has been exceeded' } });
      assert.equal(sb.stats.status429, 3);
      assert.equal(sb.stats.requests, 8);
      now += windowMs - 1;
      assert.equal((await api(sb, '/user', { auth: ALICE })).status, 429, 'the window has not rolled yet');
      now += 1;
      assert.equal((await api(sb, '/user', { auth: ALICE })).status, 200);
      sb.stats.reset();
      assert.deepEqual([sb.stats.requests, sb.stats.writes, sb.stats.status429], [0, 0, 0]);
    } finally {
      await sb.close();
    }
  });

  it('bitbucket.org style: 429 with a plain-text body, no Retry-After and no X-RateLimit-* headers (unless asked for)', async () => {
    const sb = await startBitbucketSandbox({ git: false, rateLimit: { limit: 2, windowMs: 60_000, style: 'bitbucket' } });
    try {
      assert.equal((await fetch(`${sb.apiUrl}/repositories/acme`)).headers.get('x-ratelimit-limit'), null);
      await fetch(`${sb.apiUrl}/repositories/acme`);
      const limited = await fetch(`${sb.apiUrl}/repositories/acme`);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), null);
      assert.match(limited.headers.get('content-type') ?? '', /^text\/plain/);
      assert.equal(await limited.text(), 'Rate limit for this resource has been exceeded');
    } finally {
      await sb.close();
    }
    const scaled = await startBitbucketSandbox({ git: false, rateLimit: { limit: 2, windowMs: 60_000, style: 'bitbucket', headers: true } });
    try {
      assert.equal((await fetch(`${scaled.apiUrl}/repositories/acme`)).headers.get('x-ratelimit-limit'), '2');
    } finally {
      await scaled.close();
    }
  });

  it('Retry-After counts whole seconds to when the oldest request leaves the window', async () => {
    const sb = await startBitbucketSandbox({ git: false, rateLimit: { limit: 1, windowMs: 60_000 } });
    try {
      await api(sb, '/user', { auth: ALICE });
      const res = await api(sb, '/user', { auth: ALICE });
      assert.equal(res.status, 429);
      const s = Number(res.headers.get('retry-after'));
      assert.ok(s >= 59 && s <= 60, String(s));
    } finally {
      await sb.close();
    }
  });

  it('fails every Nth request, cycling a 500 envelope and a connection reset', async () => {
    const sb = await startBitbucketSandbox({ git: false, faults: { everyNth: 3, kinds: ['500', 'reset'] } });
    try {
      const outcomes: Array<number | 'reset'> = [];
      for (let i = 0; i < 9; i++) outcomes.push(await rawGet(`${sb.apiUrl}/user`, ALICE));
      assert.deepEqual(outcomes, [200, 200, 500, 200, 200, 'reset', 200, 200, 500]);
      const res = await api(sb, '/user', { auth: ALICE }); // 10th
      assert.equal(res.status, 200);
      await api(sb, '/user', { auth: ALICE }); // 11th
      const twelfth = await rawGet(`${sb.apiUrl}/user`, ALICE);
      assert.equal(twelfth, 'reset');
      assert.equal(sb.stats.requests, 12);
    } finally {
      await sb.close();
    }
  });

  it('the 500 fault carries the error envelope', async () => {
    const sb = await startBitbucketSandbox({ git: false, faults: { everyNth: 1, kinds: ['500'] } });
    try {
      const res = await api(sb, '/user', { auth: ALICE });
      assert.equal(res.status, 500);
      assert.equal(res.body.type, 'error');
      assert.equal(typeof res.body.error.message, 'string');
    } finally {
      await sb.close();
    }
  });

  it('with afterHandling, a failed write still took effect: the retry meets the duplicate answer', async () => {
    const sb = await startBitbucketSandbox({ git: false, faults: { everyNth: 2, kinds: ['500', 'reset'], afterHandling: true } });
    try {
      const url = '/repositories/acme/core-api/deploy-keys';
      const [k1, k2] = [ed25519PublicKey('one'), ed25519PublicKey('two')];
      assert.equal((await api(sb, '/user', { auth: ALICE })).status, 200);
      assert.equal((await api(sb, url, { method: 'POST', auth: ALICE, json: { key: k1, label: 'one' } })).status, 500);
      assert.equal(sb.state.accessKeysFor('acme', 'core-api').length, 1);
      assert.equal((await api(sb, url, { method: 'POST', auth: ALICE, json: { key: k1, label: 'one' } })).status, 400);
      await assert.rejects(api(sb, url, { method: 'POST', auth: ALICE, json: { key: k2, label: 'two' } }));
      assert.equal(sb.state.accessKeysFor('acme', 'core-api').length, 2);
      assert.equal(sb.stats.writes, 2);
    } finally {
      await sb.close();
    }
  });

  it('sends the rate-limit headers, NearLimit turning true in the last 20%', async () => {
    const sb = await startBitbucketSandbox({ git: false, rateLimit: { limit: 10, windowMs: 60_000 } });
    try {
      const near: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await api(sb, '/user', { auth: ALICE });
        assert.equal(res.headers.get('x-ratelimit-limit'), '10');
        near.push(res.headers.get('x-ratelimit-nearlimit') ?? '');
      }
      assert.deepEqual(near, ['false', 'false', 'false', 'false', 'false', 'false', 'false', 'false', 'true', 'true']);
    } finally {
      await sb.close();
    }
  });

  it('adds the configured latency to every response', async () => {
    const sb = await startBitbucketSandbox({ git: false, latencyMs: 120 });
    try {
      const t0 = performance.now();
      await api(sb, '/user', { auth: ALICE });
      await api(sb, '/repositories/acme/nope', { auth: ALICE });
      const took = performance.now() - t0;
      assert.ok(took >= 240, `took ${took.toFixed(0)} ms`);
    } finally {
      await sb.close();
    }
  });
});
