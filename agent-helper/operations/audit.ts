import { listKeys } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { keyFacts } from '../keys/key-material';
import type { Reporter } from '../output/reporter';
import type { Outcome } from './results';
import { forEachTarget, type Targets } from './run-each';

export interface AuditedKey {
  repo: string;
  keyId: number;
  label: string | null;
  fingerprint: string | null;
  type: string | null;
  bits: number | null;
  createdOn: string | null;
  lastUsed: string | null;
}

export interface AuditReport {
  keys: AuditedKey[];
  /** How many repositories (or projects) were examined. */
  repositories: number;
  /** Targets whose keys could not be listed. */
  failures: Array<{ repo: string; error: string }>;
}

export async function audit(
  client: BitbucketClient,
  options: { targets: Targets; concurrency?: number; reporter?: Reporter },
): Promise<Outcome<AuditReport>> {
  const outcome = await forEachTarget<{ repo: string; keys: AuditedKey[]; error?: string }>({
    targets: options.targets,
    concurrency: options.concurrency ?? client.transport.maxConcurrency,
    mode: client.credentials.mode,
    transport: client.transport,
    ...(options.reporter ? { reporter: options.reporter } : {}),
    async work(target) {
      const keys = (await listKeys(client, target)).map((key): AuditedKey => {
        const facts = keyFacts(key.key);
        return {
          repo: target.name,
          keyId: key.id,
          label: key.label ?? null,
          fingerprint: facts?.fingerprint ?? null,
          type: facts?.type ?? null,
          bits: facts?.bits ?? null,
          createdOn: key.added_on ?? key.created_on ?? null,
          lastUsed: key.last_used ?? null,
        };
      });
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
