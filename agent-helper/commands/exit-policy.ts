import { partialError } from '../errors';
import type { Outcome } from '../operations/results';
import type { Reporter } from '../output/reporter';

/** Prints the report (partial progress included), then fails with the stopping error or exit 1 for failed targets. */
export function finish<T extends object>(
  reporter: Reporter,
  outcome: Outcome<T>,
  human: string,
  failures: Array<{ repo: string; error: string | null }>,
  total: number,
): void {
  reporter.result(outcome.report, human);
  if (outcome.fatal) throw outcome.fatal;
  const [first] = failures;
  if (first) throw partialError(`${failures.length} of ${total} failed, e.g. ${first.repo}: ${first.error ?? 'unknown error'}; the others are done, run the command again to retry`);
}

export const resultLines = (results: Array<{ repo: string; status: string; error: string | null }>): string =>
  results.map((r) => `${r.repo}: ${r.status}${r.error ? ` (${r.error})` : ''}`).join('\n');
