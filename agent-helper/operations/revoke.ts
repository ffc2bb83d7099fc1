import { deleteKey, listKeys } from '../bitbucket/access-keys';
import type { BitbucketClient } from '../bitbucket/client';
import { REVOKE_STATUSES, type RevokeReport, type RevokeResult } from '../contract/reports';
import type { Reporter } from '../output/reporter';
import { disagreement, matches, type KeyMatch } from './key-match';
import { summarize, type Outcome } from './results';
import { forEachTarget, type Targets } from './run-each';

/** Lists each target's keys and deletes those matching by fingerprint or label. */
export async function revoke(
  client: BitbucketClient,
  options: { targets: Targets; match: KeyMatch; reporter?: Reporter },
): Promise<Outcome<RevokeReport>> {
  const outcome = await forEachTarget<RevokeResult>({
    client,
    targets: options.targets,
    reporter: options.reporter,
    async work(target) {
      const keys = await listKeys(client, target);
      const other = disagreement(keys, options.match);
      if (other) {
        const fingerprint = other.facts?.fingerprint ?? 'another key';
        return { repo: target.name, status: 'failed', keyId: null, keyIds: [], error: `a key labelled ${JSON.stringify(other.label)} here is ${fingerprint}, not the recorded key; nothing deleted here: audit the keys, then revoke by fingerprint` };
      }
      const found = keys.filter((key) => matches(key, options.match));
      const removed: number[] = [];
      for (const key of found) {
        // A key already gone counts as removed.
        await deleteKey(client, target, key.id);
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
