import pLimit from 'p-limit';
import type { KeyTarget } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { authFailure, BitbucketHttpError } from '../bitbucket/http-error';
import { errorMessage, RepoAccessError, unreachableError } from '../errors';
import type { Reporter } from '../output/reporter';

/** Targets given up front (--repo) or arriving page by page from a listing (--all, --query). */
export type Targets = Iterable<KeyTarget> | AsyncIterable<KeyTarget>;

export interface EachOptions<R> {
  /** Its credential mode names the credential in messages; its request count and rate budget give the expected finish. */
  client: BitbucketClient;
  targets: Targets;
  /** Most targets under way at once (default: the client's most requests in flight). */
  concurrency?: number;
  reporter?: Reporter;
  work(target: KeyTarget): Promise<R>;
  failed(target: KeyTarget, message: string): R;
  describe(result: R): string;
}

export interface EachOutcome<R> {
  /** One per target, in the order given; never lost when the run stops early. */
  results: R[];
  /** Set when the credential itself failed (or Bitbucket stayed unreachable): later targets were not attempted. */
  fatal?: RepoAccessError;
}

/** A 401, a missing scope, or an access token refused key management fails every repository alike. */
function runStopper(error: unknown, mode: string): RepoAccessError | undefined {
  if (error instanceof RepoAccessError) return error;
  if (!(error instanceof BitbucketHttpError) || !error.isAuth) return undefined;
  const credentialWide = error.failure.kind !== 'forbidden' || mode === 'access-token';
  return credentialWide ? authFailure(error, mode) : undefined;
}

function targetMessage(error: unknown): string {
  if (error instanceof BitbucketHttpError && error.failure.kind === 'not-found') return `${error.what}: not found, or not visible to this credential`;
  return errorMessage(error);
}

/** When the rate budget lets the rest start, at the requests per target seen so far; undefined when it does not bind. */
function expectedFinish({ transport }: BitbucketClient, remainingTargets: number, doneTargets: number): Date | undefined {
  if (remainingTargets <= 0) return undefined;
  const perTarget = Math.max(1, (transport.stats.requests - transport.stats.status429) / doneTargets);
  return transport.budget.finishEstimate(Math.ceil(remainingTargets * perTarget));
}

export async function forEachTarget<R>(options: EachOptions<R>): Promise<EachOutcome<R>> {
  const { reporter, client } = options;
  const { mode } = client.credentials;
  const results: R[] = [];
  const running: Array<Promise<void>> = [];
  // Requests are limited (and retried) in Transport; this limit only keeps targets unstarted, so that
  // after a credential-wide failure they are reported as not attempted instead of all failing at once.
  const limit = pLimit(options.concurrency ?? client.transport.maxConcurrency);
  let fatal: RepoAccessError | undefined;
  let done = 0;
  let refused: BitbucketHttpError | undefined;
  let refusals = 0;
  const runOne = async (target: KeyTarget, index: number): Promise<void> => {
    let result: R;
    if (fatal) {
      result = options.failed(target, `not attempted: ${fatal.message}`);
    } else {
      try {
        result = await options.work(target);
      } catch (error) {
        const stopper = runStopper(error, mode);
        if (stopper) fatal ??= stopper;
        else reporter?.problem(`${target.name}: ${targetMessage(error)}`);
        if (!stopper && error instanceof BitbucketHttpError && error.failure.kind === 'forbidden') {
          refused ??= error;
          refusals += 1;
        }
        result = options.failed(target, stopper ? stopper.message : targetMessage(error));
      }
    }
    results[index] = result;
    done += 1;
    const finish = expectedFinish(client, running.length - done, done);
    reporter?.progress(`${target.name}: ${options.describe(result)}`, { done, total: running.length, finish });
  };
  try {
    for await (const target of options.targets) running.push(limit(runOne, target, running.length));
  } catch (error) {
    // The listing itself failed: what was listed so far still runs and is reported.
    fatal ??= runStopper(error, mode) ?? unreachableError(errorMessage(error));
  }
  await Promise.all(running);
  // Refused on every repository (no admin rights anywhere): a permission problem, not a partial run.
  if (!fatal && refused && refusals === running.length) fatal = authFailure(refused, mode);
  return fatal ? { results, fatal } : { results };
}
