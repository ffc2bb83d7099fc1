import type { RequestJSON, RequestText } from '@jetbrains/teamcity-api';

/**
 * How the REST layer reaches TeamCity: in the browser TeamCityAPI.utils (credentials, CSRF header and
 * base_uri handled by TeamCity); in node tests an equivalent over fetch.
 */
export interface Transport {
  readonly requestJSON: RequestJSON;
  readonly requestText: RequestText;
}

/** A TeamCity REST call that failed; `message` is plain words fit to show inline. */
export class TeamCityError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'TeamCityError';
  }
}

const statusWords: Record<number, string> = {
  401: 'TeamCity says you are not logged in. Reload the page and log in again.',
  403: 'TeamCity refused the change: you need the "Edit project" permission, or the page is stale (reload it).',
  404: 'TeamCity did not find it',
};

/** Turns whatever TeamCity's request helpers threw (HTTPError, TypeError from fetch, …) into a TeamCityError. */
export function toTeamCityError(error: unknown, what: string): TeamCityError {
  if (error instanceof TeamCityError) return error;
  const status = typeof error === 'object' && error && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : null;
  const body = error instanceof Error ? firstLine(error.message) : '';
  if (status === null) return new TeamCityError(`Could not reach TeamCity while trying to ${what}${body ? `: ${body}` : ''}.`, null);
  const words = statusWords[status] ?? `TeamCity answered ${status}`;
  return new TeamCityError(`Could not ${what}. ${words}${body && status >= 400 && status !== 401 ? ` (${body})` : ''}`, status);
}

function firstLine(text: string): string {
  const line = text.split('\n').map((part) => part.trim()).find(Boolean) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
