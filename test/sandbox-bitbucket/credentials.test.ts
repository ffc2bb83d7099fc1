import assert from 'node:assert/strict';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, api, basic, bearer, BOB, ed25519PublicKey } from './helpers';

async function oauthToken(sb: BitbucketSandbox, key = 'sandbox-oauth-key', secret = 'sandbox-oauth-secret', body = 'grant_type=client_credentials') {
  const res = await fetch(sb.oauthTokenUrl, {
    method: 'POST',
    headers: { authorization: basic(key, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, body: await res.json() };
}

describe('bitbucket sandbox: credentials', () => {
  let sb: BitbucketSandbox;
  before(async () => {
    sb = await startBitbucketSandbox({ git: false });
  });
  after(() => sb.close());

  describe('API tokens', () => {
    it('authenticates alice (email + token) as a personal user', async () => {
      const res = await api(sb, '/user', { auth: ALICE });
      assert.equal(res.status, 200);
      assert.equal(res.body.type, 'user');
      assert.equal(res.body.username, 'alice');
      assert.equal(res.body.display_name, 'Alice Admin');
      assert.match(res.body.uuid, /^\{.+\}$/);
      assert.match(res.body.account_id, /^557058:/);
    });

    it('refuses the username instead of the email over REST, and a wrong token', async () => {
      assert.equal((await api(sb, '/user', { auth: basic('alice', 'ATATT-sandbox-alice-full') })).status, 401);
      const wrong = await api(sb, '/user', { auth: basic('alice@example.com', 'ATATT-wrong') });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.type, 'error');
      assert.match(wrong.headers.get('www-authenticate') ?? '', /Basic/);
    });

    it('answers 401 for the expired token', async () => {
      const res = await api(sb, '/user', { auth: basic('alice@example.com', 'ATATT-sandbox-alice-expired') });
      assert.equal(res.status, 401);
      assert.match(res.body.error.message, /expired/);
    });

    it('answers 403 with required and granted scopes when a scope is missing', async () => {
      const list = await api(sb, '/repositories/acme/core-api/deploy-keys', { auth: BOB });
      assert.equal(list.status, 403);
      assert.equal(list.body.error.message, 'Your credentials lack one or more required privilege scopes.');
      assert.deepEqual(list.body.error.detail, { required: ['admin:repository:bitbucket'], granted: ['read:repository:bitbucket', 'read:user:bitbucket'] });
      const add = await api(sb, '/repositories/acme/core-api/deploy-keys', { method: 'POST', auth: BOB, json: { key: ed25519PublicKey(), label: 'x' } });
      assert.equal(add.status, 403);
      assert.deepEqual(add.body.error.detail.required, ['admin:repository:bitbucket', 'write:ssh-key:bitbucket']);
      assert.equal((await api(sb, '/user/workspaces', { auth: BOB })).status, 403);
      assert.equal((await api(sb, '/repositories/acme', { auth: BOB })).status, 200);
      assert.equal(sb.state.accessKeysFor('acme', 'core-api').length, 0);
    });
  });

  describe('app passwords', () => {
    it('answers 401 with the CHANGE-3222 retirement notice', async () => {
      const res = await api(sb, '/user', { auth: basic('alice', 'sandbox-app-password') });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.message, 'CHANGE-3222 - Functionality has been deprecated');
      assert.equal(res.body.error.detail, 'App passwords are deprecated and must be replaced with API tokens.');
      assert.match(res.body.error.data.announcement_url, /CHANGE-3222/);
    });

    it('refuses them for git too', () => {
      const res = sb.state.authenticateGit('alice', 'sandbox-app-password');
      assert.equal(res.ok, false);
      assert.match(!res.ok ? res.message : '', /App passwords are deprecated/);
    });
  });

  describe('OAuth client credentials', () => {
    it('issues a bearer token that acts as the consumer app user', async () => {
      const tok = await oauthToken(sb);
      assert.equal(tok.status, 200);
      assert.equal(tok.body.token_type, 'bearer');
      assert.equal(tok.body.expires_in, 7200);
      assert.equal(tok.body.state, 'client_credentials');
      assert.equal(tok.body.scopes, 'repository repository:admin account');
      assert.equal(typeof tok.body.refresh_token, 'string');
      const me = await api(sb, '/user', { auth: bearer(tok.body.access_token) });
      assert.equal(me.status, 200);
      assert.equal(me.body.type, 'app_user');
      assert.equal(me.body.display_name, 'Repo Access CI');
      const added = await api(sb, '/repositories/acme/web-admin/deploy-keys', { method: 'POST', auth: bearer(tok.body.access_token), json: { key: ed25519PublicKey(), label: 'oauth' } });
      assert.equal(added.status, 200);
    });

    it('refuses wrong client credentials and unknown grants', async () => {
      const bad = await oauthToken(sb, 'sandbox-oauth-key', 'wrong');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error, 'invalid_client');
      const grant = await oauthToken(sb, undefined, undefined, 'grant_type=password');
      assert.equal(grant.status, 400);
      assert.equal(grant.body.error, 'unsupported_grant_type');
    });

    it('renews with the refresh token', async () => {
      const first = await oauthToken(sb);
      const renewed = await oauthToken(sb, undefined, undefined, `grant_type=refresh_token&refresh_token=${first.body.refresh_token}`);
      assert.equal(renewed.status, 200);
      assert.notEqual(renewed.body.access_token, first.body.access_token);
    });

    it('answers 401 once the token has expired (short lifetime)', async () => {
      let now = Date.now();
      const short = await startBitbucketSandbox({ git: false, oauthTokenLifetimeSec: 1, clock: () => now });
      try {
        const tok = await oauthToken(short);
        assert.equal(tok.body.expires_in, 1);
        assert.equal((await api(short, '/user', { auth: bearer(tok.body.access_token) })).status, 200);
        now += 1000;
        const expired = await api(short, '/user', { auth: bearer(tok.body.access_token) });
        assert.equal(expired.status, 401);
        assert.match(expired.body.error.message, /Access token expired/);
        assert.equal(short.state.authenticateGit('x-token-auth', tok.body.access_token).ok, false);
      } finally {
        await short.close();
      }
    });

    it('lacks project:admin, so project deploy keys answer 403', async () => {
      const tok = await oauthToken(sb);
      const res = await api(sb, '/workspaces/acme/projects/CORE/deploy-keys', { auth: bearer(tok.body.access_token) });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body.error.detail.required, ['project:admin']);
    });
  });

  describe('access tokens', () => {
    const WS = bearer('ATCTT-sandbox-workspace');

    it('say who they are as an app user of their kind', async () => {
      const res = await api(sb, '/user', { auth: WS });
      assert.equal(res.status, 200);
      assert.equal(res.body.type, 'app_user');
      assert.equal(res.body.kind, 'workspace_access_token');
      const repoToken = await api(sb, '/user', { auth: bearer('ATCTT-sandbox-repo-core-api') });
      assert.equal(repoToken.body.kind, 'repository_access_token');
    });

    it('read repositories but cannot use the deploy-key API (403, nothing changed)', async () => {
      assert.equal((await api(sb, '/repositories/acme', { auth: WS })).body.size, 14);
      const list = await api(sb, '/repositories/acme/core-api/deploy-keys', { auth: WS });
      assert.equal(list.status, 403);
      assert.equal(list.body.error.message, 'This API is not accessible by this authentication mechanism');
      const add = await api(sb, '/repositories/acme/core-api/deploy-keys', { method: 'POST', auth: WS, json: { key: ed25519PublicKey(), label: 'x' } });
      assert.equal(add.status, 403);
      assert.equal(add.body.type, 'error');
      assert.equal((await api(sb, '/workspaces/acme/projects/WEB/deploy-keys', { method: 'POST', auth: bearer('ATCTT-sandbox-project-web'), json: { key: ed25519PublicKey(), label: 'x' } })).status, 403);
      assert.equal(sb.state.accessKeysFor('acme', 'core-api').length, 0);
    });

    it('are limited to their resource', async () => {
      const repoToken = bearer('ATCTT-sandbox-repo-core-api');
      const list = await api(sb, '/repositories/acme?pagelen=100', { auth: repoToken });
      assert.deepEqual(list.body.values.map((r: { slug: string }) => r.slug), ['core-api', 'public-docs']);
      assert.equal((await api(sb, '/repositories/acme/web-admin', { auth: repoToken })).status, 404);
      const projectToken = bearer('ATCTT-sandbox-project-web');
      const web = await api(sb, `/repositories/acme?pagelen=100&q=${encodeURIComponent('is_private = true')}`, { auth: projectToken });
      assert.deepEqual(web.body.values.map((r: { project: { key: string } }) => r.project.key), ['WEB', 'WEB', 'WEB']);
      const git = sb.state.authenticateGit('x-token-auth', 'ATCTT-sandbox-repo-core-api');
      assert.ok(git.ok);
      assert.equal(sb.state.canRead(git.principal, 'acme', 'core-api'), true);
      assert.equal(sb.state.canRead(git.principal, 'acme', 'web-admin'), false);
    });

    it('answers 401 for an unknown bearer token', async () => {
      const res = await api(sb, '/user', { auth: bearer('nope') });
      assert.equal(res.status, 401);
      assert.equal(res.body.type, 'error');
    });
  });

  describe('git authentication (for the git endpoints)', () => {
    it('admits API tokens with the username or x-bitbucket-api-token-auth, not with a wrong token', () => {
      for (const user of ['alice', 'x-bitbucket-api-token-auth']) {
        const res = sb.state.authenticateGit(user, 'ATATT-sandbox-alice-full');
        assert.ok(res.ok, user);
        assert.equal(sb.state.canRead(res.principal, 'acme', 'big-history'), true);
      }
      assert.equal(sb.state.authenticateGit('alice', 'nope').ok, false);
      assert.equal(sb.state.authenticateGit('alice', 'ATATT-sandbox-alice-expired').ok, false);
      const bob = sb.state.authenticateGit('bob', 'ATATT-sandbox-bob-readonly');
      assert.ok(bob.ok);
      assert.equal(sb.state.canRead(bob.principal, 'acme', 'core-api'), true);
    });
  });

  describe('revocation', () => {
    it('a revoked API token, access token or OAuth consumer answers 401 from then on, for REST and git', async () => {
      const local = await startBitbucketSandbox({ git: false });
      try {
        const tok = await oauthToken(local);
        local.state.revoke('ATATT-sandbox-alice-full');
        local.state.revoke('ATCTT-sandbox-workspace');
        local.state.revoke('sandbox-oauth-key');
        assert.equal((await api(local, '/user', { auth: ALICE })).status, 401);
        assert.equal((await api(local, '/user', { auth: bearer('ATCTT-sandbox-workspace') })).status, 401);
        assert.equal((await api(local, '/user', { auth: bearer(tok.body.access_token) })).status, 401);
        assert.equal((await oauthToken(local)).body.error, 'invalid_client');
        assert.equal(local.state.authenticateGit('x-bitbucket-api-token-auth', 'ATATT-sandbox-alice-full').ok, false);
        assert.equal((await api(local, '/user', { auth: BOB })).status, 200);
      } finally {
        await local.close();
      }
    });
  });

  describe('removed endpoints', () => {
    for (const path of ['/workspaces', '/repositories', '/user/permissions/repositories']) {
      it(`${path} answers 410 with CHANGE-2770`, async () => {
        const res = await api(sb, path, { auth: ALICE });
        assert.equal(res.status, 410);
        assert.equal(res.body.error.message, 'CHANGE-2770 - Functionality has been deprecated');
        assert.match(res.body.error.data.announcement_url, /CHANGE-2770/);
      });
    }

    it('/user/workspaces lists the workspace access', async () => {
      const res = await api(sb, '/user/workspaces', { auth: ALICE });
      assert.equal(res.status, 200);
      assert.equal(res.body.values.length, 1);
      const [access] = res.body.values;
      assert.equal(access.type, 'workspace_access');
      assert.equal(access.administrator, true);
      assert.equal(access.workspace.slug, 'acme');
      assert.equal(res.body.next, undefined);
    });
  });
});
