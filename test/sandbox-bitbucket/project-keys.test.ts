import assert from 'node:assert/strict';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, api, bearer, BOB, ed25519PublicKey, rsaPublicKey } from './helpers';

describe('bitbucket sandbox: project deploy keys', () => {
  let sb: BitbucketSandbox;
  before(async () => {
    sb = await startBitbucketSandbox({ git: false });
  });
  after(() => sb.close());

  const url = '/workspaces/acme/projects/OPS/deploy-keys';

  it('adds (200, project_deploy_key shape), applies to every repository of the project, lists, gets and deletes (204)', async () => {
    const line = ed25519PublicKey('ops builder');
    const [type, data] = line.split(' ');
    const created = await api(sb, url, { method: 'POST', auth: ALICE, json: { key: line, label: 'ops' } });
    assert.equal(created.status, 200);
    assert.equal(created.body.type, 'project_deploy_key');
    assert.equal(created.body.key, `${type} ${data}`);
    assert.equal(created.body.comment, 'ops builder');
    assert.equal(created.body.label, 'ops');
    assert.equal(created.body.last_used, null);
    assert.equal(created.body.project.key, 'OPS');
    assert.equal(created.body.project.type, 'project');
    assert.equal(created.body.links.self.href, `${sb.apiUrl}${url}/${created.body.id}`);

    for (const slug of ['ops-terraform', 'ops-ansible', 'deploy-scripts']) assert.deepEqual(sb.state.accessKeysFor('acme', slug), [`${type} ${data}`]);
    assert.deepEqual(sb.state.accessKeysFor('acme', 'core-api'), []);

    sb.state.touchAccessKey('acme', 'ops-ansible', line);
    const got = await api(sb, `${url}/${created.body.id}`, { auth: ALICE });
    assert.match(got.body.last_used, /^\d{4}-/);

    const list = await api(sb, url, { auth: ALICE });
    assert.deepEqual(list.body.values.map((k: { id: number }) => k.id), [created.body.id]);

    assert.equal((await api(sb, `${url}/${created.body.id}`, { method: 'DELETE', auth: ALICE })).status, 204);
    assert.deepEqual(sb.state.accessKeysFor('acme', 'ops-terraform'), []);
    assert.equal((await api(sb, `${url}/${created.body.id}`, { method: 'DELETE', auth: ALICE })).status, 404);
  });

  it('refuses a duplicate key and RSA under 2048 bits with 400', async () => {
    const line = ed25519PublicKey('a');
    assert.equal((await api(sb, '/workspaces/acme/projects/DATA/deploy-keys', { method: 'POST', auth: ALICE, json: { key: line, label: 'a' } })).status, 200);
    const dup = await api(sb, '/workspaces/acme/projects/DATA/deploy-keys', { method: 'POST', auth: ALICE, json: { key: line.replace(/ a$/, ' b'), label: 'b' } });
    assert.equal(dup.status, 400);
    assert.equal(dup.body.error.message, 'Someone has already added that access key to this repository.');
    const weak = await api(sb, '/workspaces/acme/projects/DATA/deploy-keys', { method: 'POST', auth: ALICE, json: { key: rsaPublicKey(1024), label: 'w' } });
    assert.equal(weak.status, 400);
  });

  it('needs admin:project:bitbucket, answers 404 for an unknown project and 403 for access tokens writing', async () => {
    const bob = await api(sb, url, { auth: BOB });
    assert.equal(bob.status, 403);
    assert.deepEqual(bob.body.error.detail.required, ['admin:project:bitbucket']);
    assert.equal((await api(sb, '/workspaces/acme/projects/NOPE/deploy-keys', { auth: ALICE })).status, 404);
    const token = await api(sb, url, { method: 'POST', auth: bearer('ATCTT-sandbox-workspace'), json: { key: ed25519PublicKey(), label: 't' } });
    assert.equal(token.status, 403);
  });
});
