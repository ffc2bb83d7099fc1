import type { AuditedKey, AuditReport } from '../contract/reports';
import { listKeys } from '../bitbucket/access-keys';
import type { BitbucketClient } from '../bitbucket/client';
import type { Reporter } from '../output/reporter';
import type { Outcome } from './results';
import { forEachTarget, type Targets } from './run-each';

export async function audit(
  client: BitbucketClient,
  options: { targets: Targets; concurrency?: number; reporter?: Reporter },
): Promise<Outcome<AuditReport>> {
  const outcome = await forEachTarget<{ repo: string; keys: AuditedKey[]; error?: string }>({
    client,
    targets: options.targets,
    concurrency: options.concurrency,
    reporter: options.reporter,
    async work(target) {
      const keys = (await listKeys(client, target)).map(
        (key): AuditedKey => ({
          repo: target.name,
          keyId: key.id,
          label: key.label,
          fingerprint: key.facts?.fingerprint ?? null,
          type: key.facts?.type ?? null,
          bits: key.facts?.bits ?? null,
          createdOn: key.addedOn,
          lastUsed: key.lastUsed,
        }),
      );
      return { repo: target.name, keys };
    },
    failed: (target, error) => ({ repo: target.name, keys: [], error }),
    describe: (result) => (result.error === undefined ? `${result.keys.length} key(s)` : 'failed'),
  });
  const report = {
    keys: outcome.results.flatMap((result) => result.keys),
    repositories: outcome.results.length,
    failures: outcome.results.flatMap((result) => (result.error === undefined ? [] : [{ repo: result.repo, error: result.error }])),
  };
  return outcome.fatal ? { report, fatal: outcome.fatal } : { report };
}
