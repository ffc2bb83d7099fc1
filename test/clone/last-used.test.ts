import assert from 'node:assert/strict';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, registerKey, repoAccess, Scratch } from './support';

interface AuditDoc {
  keys: Array<{ repo: string; keyId: number; createdOn: string | null; lastUsed: string | null }>;
}

// Bitbucket's deploy key carries `added_on` and `last_used`; the helper's audit reports them as createdOn and lastUsed.
describe('repo-access audit: when an access key was last used', function () {
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

  const auditKey = async (keyId: number) => {
    const run = await repoAccess(['audit', '--workspace', 'acme', '--repo', 'web-admin', 'core-api', '--json'], scratch.env(sandbox, ALICE));
    assert.equal(run.code, 0, run.stderr);
    const found = (JSON.parse(run.stdout) as AuditDoc).keys.find((key) => key.keyId === keyId);
    assert.ok(found, `key ${keyId} is in the audit`);
    return found;
  };

  it('is null until git over SSH uses the key, then the time of that clone, on that repository only', async () => {
    const key = await scratch.keygen('last-used');
    const used = await registerKey(sandbox, 'web-admin', key.publicKey, 'last-used');
    const unused = await registerKey(sandbox, 'core-api', key.publicKey, 'last-used');
    const before = await auditKey(used);
    assert.equal(before.lastUsed, null);
    assert.ok(before.createdOn && Math.abs(Date.parse(before.createdOn) - Date.now()) < 60_000, `createdOn ${before.createdOn}`);

    const started = Date.now();
    const clone = await repoAccess(['clone', '--repo', 'acme/web-admin', '--dest', scratch.dest('last-used'), '--key', key.file], scratch.env(sandbox));
    assert.equal(clone.code, 0, clone.stderr);

    const after = await auditKey(used);
    assert.ok(after.lastUsed, 'lastUsed is set after the clone');
    const usedAt = Date.parse(after.lastUsed);
    assert.ok(usedAt >= started - 1_000 && usedAt <= Date.now(), `lastUsed ${after.lastUsed} is the time of the clone`);
    assert.equal(after.createdOn, before.createdOn);
    assert.equal((await auditKey(unused)).lastUsed, null, 'the same key on a repository it did not read stays unused');
  });
});
