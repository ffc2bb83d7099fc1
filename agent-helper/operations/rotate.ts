import { addKey, getKey, listKeys } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import type { PublicKeyFile } from '../keys/public-key-file';
import { keyFacts } from '../keys/key-material';
import type { Reporter } from '../output/reporter';
import { matches, type KeyMatch } from './key-match';
import { isDuplicateKey, personalKeyRefusal } from './register';
import { summarize, type Outcome, type TargetResult } from './results';
import { deleteIfPresent } from './revoke';
import { forEachTarget, type Targets } from './run-each';

export const ROTATE_STATUSES = ['rotated', 'absent', 'failed'] as const;
export type RotateResult = TargetResult<(typeof ROTATE_STATUSES)[number]> & { removedKeyIds: number[] };

export interface RotateReport {
  fingerprint: string;
  results: RotateResult[];
  summary: Record<(typeof ROTATE_STATUSES)[number], number>;
}

/**
 * Per target: find the old key; add the new one (or find it already there); read it back; only then
 * delete the old one. A target where adding or verifying fails keeps its old key; one without the old
 * key is left alone (`absent`).
 */
export async function rotate(
  client: BitbucketClient,
  options: { targets: Targets; key: PublicKeyFile; match: KeyMatch; label?: string; concurrency?: number; reporter?: Reporter },
): Promise<Outcome<RotateReport>> {
  const newKey = options.key;
  const line = newKey.comment ? `${newKey.material} ${newKey.comment}` : newKey.material;
  const outcome = await forEachTarget<RotateResult>({
    targets: options.targets,
    concurrency: options.concurrency ?? client.transport.maxConcurrency,
    mode: client.credentials.mode,
    transport: client.transport,
    ...(options.reporter ? { reporter: options.reporter } : {}),
    async work(target) {
      const keys = await listKeys(client, target);
      const isNew = (text: string): boolean => keyFacts(text)?.material === newKey.material;
      const old = keys.filter((key) => matches(key, options.match) && !isNew(key.key));
      if (old.length === 0) return { repo: target.name, status: 'absent', keyId: null, removedKeyIds: [], error: null };
      let newId = keys.find((key) => isNew(key.key))?.id;
      if (newId === undefined) {
        try {
          newId = (await addKey(client, target, line, options.label ?? old[0]?.label ?? newKey.comment ?? 'repo-access')).id;
        } catch (error) {
          // Added by an earlier attempt whose answer was lost: find it.
          if (!isDuplicateKey(error)) throw personalKeyRefusal(error, target.name) ?? error;
          newId = (await listKeys(client, target)).find((key) => isNew(key.key))?.id;
        }
      }
      const verified = newId === undefined ? undefined : await getKey(client, target, newId);
      if (!verified || !isNew(verified.key)) {
        return { repo: target.name, status: 'failed', keyId: null, removedKeyIds: [], error: `${target.name}: the new key could not be verified; the old key was kept` };
      }
      const removed: number[] = [];
      for (const key of old) {
        await deleteIfPresent(client, target, key.id);
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
