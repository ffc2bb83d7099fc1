import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, api, ed25519PublicKey, rsaPublicKey } from './helpers';

const run = promisify(execFile);

describe('bitbucket sandbox: repository deploy keys', () => {
  let sb: BitbucketSandbox;
  let dir: string;
  before(async () => {
    sb = await startBitbucketSandbox({ git: false });
    dir = await mkdtemp(join(tmpdir(), 'bb-keys-'));
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  const keysUrl = '/repositories/acme/core-api/deploy-keys';

  it('adds an ssh-keygen key: 200, key without comment, comment split off, then lists, gets and deletes it', async () => {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'build agent 7', '-f', join(dir, 'k1')]);
    const line = (await readFile(join(dir, 'k1.pub'), 'utf8')).trim();
    const [type, data] = line.split(' ');

    const created = await api(sb, keysUrl, { method: 'POST', auth: ALICE, json: { key: line, label: 'teamcity' } });
    assert.equal(created.status, 200);
    assert.equal(created.body.key, `${type} ${data}`);
    assert.equal(created.body.comment, 'build agent 7');
    assert.equal(created.body.label, 'teamcity');
    assert.equal(created.body.type, 'deploy_key');
    assert.equal(created.body.last_used, null);
    assert.equal(created.body.repository.full_name, 'acme/core-api');
    assert.match(created.body.added_on, /^\d{4}-\d\d-\d\dT/);
    assert.equal(typeof created.body.id, 'number');
    assert.equal(created.body.links.self.href, `${sb.apiUrl}${keysUrl}/${created.body.id}`);
    assert.deepEqual(sb.state.accessKeysFor('acme', 'core-api'), [`${type} ${data}`]);

    const list = await api(sb, keysUrl, { auth: ALICE });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.values.map((k: { id: number }) => k.id), [created.body.id]);

    const one = await api(sb, `${keysUrl}/${created.body.id}`, { auth: ALICE });
    assert.equal(one.status, 200);
    assert.equal(one.body.label, 'teamcity');

    const writesBefore = sb.stats.writes;
    const del = await api(sb, `${keysUrl}/${created.body.id}`, { method: 'DELETE', auth: ALICE });
    assert.equal(del.status, 204);
    assert.equal(del.body, undefined);
    assert.equal(sb.stats.writes, writesBefore + 1);
    assert.equal((await api(sb, `${keysUrl}/${created.body.id}`, { auth: ALICE })).status, 404);
    assert.equal((await api(sb, `${keysUrl}/${created.body.id}`, { method: 'DELETE', auth: ALICE })).status, 404);
    assert.deepEqual(sb.state.accessKeysFor('acme', 'core-api'), []);
  });

  it('refuses the same key material again (other comment and label) with Bitbucket\'s 400, without a write', async () => {
    const line = ed25519PublicKey('first');
    const [type, data] = line.split(' ');
    const url = '/repositories/acme/web-admin/deploy-keys';
    assert.equal((await api(sb, url, { method: 'POST', auth: ALICE, json: { key: line, label: 'a' } })).status, 200);
    const writes = sb.stats.writes;
    const dup = await api(sb, url, { method: 'POST', auth: ALICE, json: { key: `${type} ${data} other-comment`, label: 'b' } });
    assert.equal(dup.status, 400);
    assert.deepEqual(dup.body, { type: 'error', error: { message: 'Someone has already added that access key to this repository.' } });
    assert.equal(sb.stats.writes, writes);
    // the same key is fine on another repository
    assert.equal((await api(sb, '/repositories/acme/web-frontend/deploy-keys', { method: 'POST', auth: ALICE, json: { key: line, label: 'a' } })).status, 200);
  });

  it('refuses RSA under 2048 bits and accepts 2048', async () => {
    const weak = await api(sb, keysUrl, { method: 'POST', auth: ALICE, json: { key: rsaPublicKey(1024), label: 'weak' } });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.type, 'error');
    assert.match(weak.body.error.message, /2048/);
    const ok = await api(sb, keysUrl, { method: 'POST', auth: ALICE, json: { key: rsaPublicKey(2048), label: 'ok' } });
    assert.equal(ok.status, 200);
    assert.match(ok.body.key, /^ssh-rsa AAAA[^ ]+$/);
  });

  for (const [what, key] of [
    ['garbage', 'not a key'],
    ['truncated base64', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKqP3Cr6'],
    ['a private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----'],
    ['an empty key', ''],
  ] as const) {
    it(`answers 400 with an error envelope for ${what}`, async () => {
      const res = await api(sb, keysUrl, { method: 'POST', auth: ALICE, json: { key, label: 'x' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.type, 'error');
      assert.equal(typeof res.body.error.message, 'string');
    });
  }

  it('paginates the key list', async () => {
    const url = '/repositories/acme/ops-ansible/deploy-keys';
    for (let i = 0; i < 12; i++) {
      assert.equal((await api(sb, url, { method: 'POST', auth: ALICE, json: { key: ed25519PublicKey(`k${i}`), label: `k${i}` } })).status, 200);
    }
    const first = await api(sb, url, { auth: ALICE });
    assert.equal(first.body.pagelen, 10);
    assert.equal(first.body.values.length, 10);
    assert.ok(first.body.next);
    const second = await api(sb, first.body.next, { auth: ALICE });
    assert.equal(second.body.values.length, 2);
    assert.equal(second.body.next, undefined);
  });

  it('answers 404 for an unknown repository', async () => {
    const res = await api(sb, '/repositories/acme/nope/deploy-keys', { auth: ALICE });
    assert.equal(res.status, 404);
    assert.equal(res.body.type, 'error');
  });

  it('records last_used when the git endpoints report a key', async () => {
    const line = ed25519PublicKey('used');
    const url = '/repositories/acme/data-pipeline/deploy-keys';
    const created = await api(sb, url, { method: 'POST', auth: ALICE, json: { key: line, label: 'used' } });
    sb.state.touchAccessKey('acme', 'data-pipeline', line);
    const got = await api(sb, `${url}/${created.body.id}`, { auth: ALICE });
    assert.match(got.body.last_used, /^\d{4}-\d\d-\d\dT/);
  });
});
