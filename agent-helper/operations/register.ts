import { addKey } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { BitbucketHttpError } from '../bitbucket/http-error';
import { usageError, type RepoAccessError } from '../errors';
import type { PublicKeyFile } from '../keys/public-key-file';
import type { Reporter } from '../output/reporter';
import { summarize, type Outcome, type TargetResult } from './results';
import { forEachTarget, type Targets } from './run-each';

export const REGISTER_STATUSES = ['added', 'present', 'failed'] as const;
export type RegisterResult = TargetResult<(typeof REGISTER_STATUSES)[number]>;

export interface RegisterReport {
  fingerprint: string;
  results: RegisterResult[];
  summary: Record<(typeof REGISTER_STATUSES)[number], number>;
}

/** Bitbucket's answer when the same key material is already there (label and comment do not matter), in `message` or `fields`. */
export const isDuplicateKey = (error: unknown): boolean =>
  error instanceof BitbucketHttpError && error.status === 400 && error.says(/already added that access key/i);

/** "Someone has already registered that SSH key": the key is a user's or workspace's own SSH key, so never an access key. */
export function personalKeyRefusal(error: unknown, target: string): RepoAccessError | undefined {
  if (!(error instanceof BitbucketHttpError) || error.status !== 400 || !error.says(/already registered that SSH key/i)) return undefined;
  return usageError(
    `${target}: Bitbucket refused the key because it is already some user's or workspace's personal SSH key ("Someone has already registered that SSH key"); ` +
      "generate a new key for access keys (repo-access keygen) and register that one",
  );
}

/**
 * One POST per target and no listing first: Bitbucket's duplicate answer means `present`, so a repeated
 * run costs one request per repository and writes nothing.
 */
export async function register(
  client: BitbucketClient,
  options: { targets: Targets; key: PublicKeyFile; label: string; concurrency?: number; reporter?: Reporter },
): Promise<Outcome<RegisterReport>> {
  const line = options.key.comment ? `${options.key.material} ${options.key.comment}` : options.key.material;
  const outcome = await forEachTarget<RegisterResult>({
    targets: options.targets,
    concurrency: options.concurrency ?? client.transport.maxConcurrency,
    mode: client.credentials.mode,
    transport: client.transport,
    ...(options.reporter ? { reporter: options.reporter } : {}),
    async work(target) {
      try {
        const added = await addKey(client, target, line, options.label);
        return { repo: target.name, status: 'added', keyId: added.id, error: null };
      } catch (error) {
        if (isDuplicateKey(error)) return { repo: target.name, status: 'present', keyId: null, error: null };
        // The same key is refused on every repository: stop the run (exit 2) instead of failing each one.
        throw personalKeyRefusal(error, target.name) ?? error;
      }
    },
    failed: (target, message) => ({ repo: target.name, status: 'failed', keyId: null, error: message }),
    describe: (result) => result.status,
  });
  const report = { fingerprint: options.key.fingerprint, results: outcome.results, summary: summarize(outcome.results, REGISTER_STATUSES) };
  return outcome.fatal ? { report, fatal: outcome.fatal } : { report };
}
