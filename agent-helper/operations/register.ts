import { addKey, type KeyRefusal } from '../bitbucket/access-keys';
import type { BitbucketClient } from '../bitbucket/client';
import { REGISTER_STATUSES, type RegisterReport, type RegisterResult } from '../contract/reports';
import { usageError, type RepoAccessError } from '../errors';
import type { PublicKeyFile } from '../keys/public-key-file';
import type { Reporter } from '../output/reporter';
import { summarize, type Outcome } from './results';
import { forEachTarget, type Targets } from './run-each';

/** A key Bitbucket refuses on one repository it refuses on every one: the run stops (exit 2) instead of failing each. */
export function refusalError(reason: KeyRefusal, target: string): RepoAccessError {
  switch (reason) {
    case 'personal-key':
      return usageError(
        `${target}: Bitbucket refused the key because it is already some user's or workspace's personal SSH key ("Someone has already registered that SSH key"); ` +
          "generate a new key for access keys (repo-access keygen) and register that one",
      );
  }
}

/** The key line Bitbucket stores: material and, where the file has one, its comment. */
export const keyLine = (key: PublicKeyFile): string => (key.comment ? `${key.material} ${key.comment}` : key.material);

/**
 * One POST per target and no listing first: Bitbucket's duplicate answer means `present`, so a repeated
 * run costs one request per repository and writes nothing.
 */
export async function register(
  client: BitbucketClient,
  options: { targets: Targets; key: PublicKeyFile; label: string; reporter?: Reporter },
): Promise<Outcome<RegisterReport>> {
  const line = keyLine(options.key);
  const outcome = await forEachTarget<RegisterResult>({
    client,
    targets: options.targets,
    reporter: options.reporter,
    async work(target) {
      const added = await addKey(client, target, line, options.label);
      switch (added.kind) {
        case 'added':
          return { repo: target.name, status: 'added', keyId: added.key.id, error: null };
        case 'present':
          return { repo: target.name, status: 'present', keyId: null, error: null };
        case 'refused':
          throw refusalError(added.reason, target.name);
      }
    },
    failed: (target, message) => ({ repo: target.name, status: 'failed', keyId: null, error: message }),
    describe: (result) => result.status,
  });
  const report = { fingerprint: options.key.fingerprint, results: outcome.results, summary: summarize(outcome.results, REGISTER_STATUSES) };
  return outcome.fatal ? { report, fatal: outcome.fatal } : { report };
}
