import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startBitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, api } from './helpers';

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

describe('bitbucket sandbox: start and close', () => {
  it('starts with git endpoints in about a second, answers, and close() frees the port', async () => {
    const t0 = performance.now();
    const sb = await startBitbucketSandbox();
    const startMs = performance.now() - t0;
    let port: number;
    try {
      assert.ok(startMs < 1500, `start-up took ${startMs.toFixed(0)} ms`);
      assert.match(sb.apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/2\.0$/);
      assert.equal(sb.oauthTokenUrl, sb.apiUrl.replace('/2.0', '/site/oauth2/access_token'));
      assert.equal(sb.env.BITBUCKET_API_URL, sb.apiUrl);
      assert.equal(sb.env.BITBUCKET_GIT_HTTPS_URL, sb.gitHttpsUrl);
      assert.match(sb.gitSsh, /^git@127\.0\.0\.1:\d+$/);
      assert.equal(sb.env.BITBUCKET_KNOWN_HOSTS, sb.knownHostsPath);
      const res = await api(sb, '/user', { auth: ALICE });
      assert.equal(res.status, 200);
      port = Number(new URL(sb.apiUrl).port);
    } finally {
      await sb.close();
    }
    assert.equal(await portIsFree(port), true);
  });

  it('with git: false has no SSH endpoint and answers git paths with 404', async () => {
    const sb = await startBitbucketSandbox({ git: false });
    try {
      assert.equal(sb.gitSsh, '');
      assert.equal(sb.knownHostsPath, '');
      assert.equal('BITBUCKET_GIT_SSH' in sb.env, false);
      const res = await fetch(`${sb.gitHttpsUrl}/acme/core-api.git/info/refs?service=git-upload-pack`);
      assert.equal(res.status, 404);
      await res.arrayBuffer();
    } finally {
      await sb.close();
    }
  });

  it('close() can be called twice and ends open keep-alive connections', async () => {
    const sb = await startBitbucketSandbox({ git: false });
    await api(sb, '/user', { auth: ALICE });
    await Promise.all([sb.close(), sb.close()]);
    await assert.rejects(fetch(`${sb.apiUrl}/user`));
  });
});
