import { deleteKey, listKeys, type KeyTarget } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { BitbucketHttpError } from '../bitbucket/http-error';
import { keyFacts } from '../keys/key-material';
import type { Reporter } from '../output/reporter';
import { disagreement, matches, type KeyMatch } from './key-match';
import { summarize, type Outcome, type TargetResult } from './results';
import { forEachTarget, type Targets } from './run-each';

export const REVOKE_STATUSES = ['removed', 'absent', 'failed'] as const;
export type RevokeResult = TargetResult<(typeof REVOKE_STATUSES)[number]> & { keyIds: number[] };

export interface RevokeReport {
  fingerprint: string | null;
  label: string | null;
  results: RevokeResult[];
  summary: Record<(typeof REVOKE_STATUSES)[number], number>;
}

/** Deletes one key; a key already gone (404, e.g. a retried DELETE that had landed) counts as removed. */
export async function deleteIfPresent(client: BitbucketClient, target: KeyTarget, id: number): Promise<void> {
  try {
    await deleteKey(client, target, id);
  } catch (error) {
    if (!(error instanceof BitbucketHttpError && error.status === 404)) throw error;
  }
}

/** Lists each target's keys and deletes those matching by fingerprint or label. */
export async function revoke(
  client: BitbucketClient,
  options: { targets: Targets; match: KeyMatch; concurrency?: number; reporter?: Reporter },
): Promise<Outcome<RevokeReport>> {
  const outcome = await forEachTarget<RevokeResult>({
    targets: options.targets,
    concurrency: options.concurrency ?? client.transport.maxConcurrency,
    mode: client.credentials.mode,
    transport: client.transport,
    ...(options.reporter ? { reporter: options.reporter } : {}),
    async work(target) {
      const keys = await listKeys(client, target);
      const other = disagreement(keys, options.match);
      if (other) {
        const fingerprint = keyFacts(other.key)?.fingerprint ?? 'another key';
        return { repo: target.name, status: 'failed', keyId: null, keyIds: [], error: `a key labelled ${JSON.stringify(other.label)} here is ${fingerprint}, not the recorded key; nothing deleted here: audit the keys, then revoke by fingerprint` };
      }
      const found = keys.filter((key) => matches(key, options.match));
      const removed: number[] = [];
      for (const key of found) {
        await deleteIfPresent(client, target, key.id);
        removed.push(key.id);
      }
      return { repo: target.name, status: removed.length ? 'removed' : 'absent', keyId: removed[0] ?? null, keyIds: removed, error: null };
    },
    failed: (target, message) => ({ repo: target.name, status: 'failed', keyId: null, keyIds: [], error: message }),
    describe: (result) => result.status,
  });
  const report = {
    fingerprint: 'fingerprint' in options.match ? options.match.fingerprint : null,
    label: 'label' in options.match ? options.match.label : null,
    results: outcome.results,
    summary: summarize(outcome.results, REVOKE_STATUSES),
  };
  return outcome.fatal ? { report, fatal: outcome.fatal } : { report };
}
