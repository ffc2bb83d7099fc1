import { addKey, deleteKey, getKey, listKeys, type AccessKey } from '../bitbucket/access-keys';
import type { BitbucketClient } from '../bitbucket/client';
import { ROTATE_STATUSES, type RotateReport, type RotateResult } from '../contract/reports';
import type { PublicKeyFile } from '../keys/public-key-file';
import type { Reporter } from '../output/reporter';
import { matches, type KeyMatch } from './key-match';
import { keyLine, refusalError } from './register';
import { summarize, type Outcome } from './results';
import { forEachTarget, type Targets } from './run-each';

/**
 * Per target: find the old key; add the new one (or find it already there); read it back; only then
 * delete the old one. A target where adding or verifying fails keeps its old key; one without the old
 * key is left alone (`absent`).
 */
export async function rotate(
  client: BitbucketClient,
  options: { targets: Targets; key: PublicKeyFile; match: KeyMatch; label?: string; reporter?: Reporter },
): Promise<Outcome<RotateReport>> {
  const newKey = options.key;
  const line = keyLine(newKey);
  const isNew = (key: AccessKey): boolean => key.facts?.material === newKey.material;
  const outcome = await forEachTarget<RotateResult>({
    client,
    targets: options.targets,
    reporter: options.reporter,
    async work(target) {
      const keys = await listKeys(client, target);
      const old = keys.filter((key) => matches(key, options.match) && !isNew(key));
      if (old.length === 0) return { repo: target.name, status: 'absent', keyId: null, removedKeyIds: [], error: null };
      let newId = keys.find(isNew)?.id;
      if (newId === undefined) {
        const added = await addKey(client, target, line, options.label ?? old[0]?.label ?? newKey.comment ?? 'repo-access');
        if (added.kind === 'refused') throw refusalError(added.reason, target.name);
        // Present: added by an earlier attempt whose answer was lost; find it.
        newId = added.kind === 'added' ? added.key.id : (await listKeys(client, target)).find(isNew)?.id;
      }
      const verified = newId === undefined ? undefined : await getKey(client, target, newId);
      if (!verified || !isNew(verified)) {
        return { repo: target.name, status: 'failed', keyId: null, removedKeyIds: [], error: `${target.name}: the new key could not be verified; the old key was kept` };
      }
      const removed: number[] = [];
      for (const key of old) {
        await deleteKey(client, target, key.id);
        removed.push(key.id);
      }
      return { repo: target.name, status: 'rotated', keyId: verified.id, removedKeyIds: removed, error: null };
    },
    failed: (target, message) => ({ repo: target.name, status: 'failed', keyId: null, removedKeyIds: [], error: message }),
    describe: (result) => result.status,
  });
  const report = { fingerprint: newKey.fingerprint, results: outcome.results, summary: summarize(outcome.results, ROTATE_STATUSES) };
  return outcome.fatal ? { report, fatal: outcome.fatal } : { report };
}
