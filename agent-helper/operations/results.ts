import type { TargetResult } from '../contract/reports';
import type { RepoAccessError } from '../errors';

export function summarize<S extends string>(results: Array<TargetResult<S>>, statuses: readonly S[]): Record<S, number> {
  const summary = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<S, number>;
  for (const result of results) summary[result.status] += 1;
  return summary;
}

/** A bulk command's report, and the error that stopped it early (its results so far are in the report). */
export interface Outcome<T> {
  report: T;
  fatal?: RepoAccessError;
}
