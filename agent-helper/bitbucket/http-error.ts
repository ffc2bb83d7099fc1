import { authError, RepoAccessError } from '../errors';
import { ErrorEnvelope, ScopeDetail } from './schemas';

/** What a refused request means to the caller, whatever status carried it. */
export type BitbucketFailure =
  | { kind: 'unauthorized' }
  /** 403 naming the scopes the request needs (Bitbucket's `detail.required`, possibly empty) and those granted. */
  | { kind: 'missing-scopes'; required: string[]; granted: string[] }
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  | { kind: 'rate-limited' }
  | { kind: 'bad-request' }
  | { kind: 'failed'; status: number };

function failureOf(status: number, detail: unknown): BitbucketFailure {
  switch (status) {
    case 400:
      return { kind: 'bad-request' };
    case 401:
      return { kind: 'unauthorized' };
    case 403: {
      const scopes = ScopeDetail.safeParse(detail);
      return scopes.success && scopes.data.required !== undefined ? { kind: 'missing-scopes', required: scopes.data.required, granted: scopes.data.granted ?? [] } : { kind: 'forbidden' };
    }
    case 404:
      return { kind: 'not-found' };
    case 429:
      return { kind: 'rate-limited' };
    default:
      return { kind: 'failed', status };
  }
}

/** A non-2xx answer after retries; operations decide by its `failure` whether it fails one repository or the run. */
export class BitbucketHttpError extends Error {
  readonly failure: BitbucketFailure;

  constructor(
    readonly status: number,
    readonly bitbucketMessage: string,
    readonly detail: unknown,
    readonly what: string,
    /** Every string in the error body (message, detail, `fields` lists, nested messages), for matching Bitbucket's wording. */
    readonly texts: readonly string[] = [],
  ) {
    super(`${what}: Bitbucket answered ${status}${bitbucketMessage ? ` "${bitbucketMessage}"` : ''}`);
    this.name = 'BitbucketHttpError';
    this.failure = failureOf(status, detail);
  }

  /** The credential was refused, or lacks a right or scope. */
  get isAuth(): boolean {
    const { kind } = this.failure;
    return kind === 'unauthorized' || kind === 'missing-scopes' || kind === 'forbidden';
  }

  /** True when any text of the body matches: Bitbucket puts a reason in `message`, or only in a `fields` map. */
  says(pattern: RegExp): boolean {
    return this.texts.some((text) => pattern.test(text));
  }
}

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

export function httpError(status: number, body: string, what: string): BitbucketHttpError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const envelope = ErrorEnvelope.safeParse(parsed);
  const texts = parsed === undefined ? [body] : stringsIn(parsed);
  return envelope.success
    ? new BitbucketHttpError(status, envelope.data.error.message, envelope.data.error.detail, what, texts)
    : new BitbucketHttpError(status, '', undefined, what, texts);
}

/** 401/403 as the one line a user can act on, naming the missing scope when Bitbucket says which. */
export function authFailure(error: BitbucketHttpError, mode: string): RepoAccessError {
  const { failure } = error;
  if (failure.kind === 'missing-scopes' && failure.required.length > 0) {
    const { required, granted } = failure;
    const missing = required.filter((scope) => !granted.includes(scope));
    return authError(
      `${error.what}: permission refused (403): the credential lacks scope ${(missing.length ? missing : required).join(', ')}` +
        ` (granted: ${granted.join(', ') || 'none'}); give the ${mode} credential that scope`,
    );
  }
  const detail = typeof error.detail === 'string' ? ` ${error.detail}` : '';
  if (failure.kind === 'unauthorized') {
    return authError(`${error.what}: Bitbucket refused the ${mode} credential (401${error.bitbucketMessage ? `: ${error.bitbucketMessage}` : ''});${detail} check that it is valid and not expired or revoked`);
  }
  if (mode === 'access-token') {
    return authError(`${error.what}: permission refused (403${error.bitbucketMessage ? `: ${error.bitbucketMessage}` : ''}); access tokens cannot manage access keys, use BITBUCKET_AUTH=api-token (a repository admin's) or oauth (a consumer with repository:admin)`);
  }
  return authError(`${error.what}: permission refused (403${error.bitbucketMessage ? `: ${error.bitbucketMessage}` : ''});${detail} the ${mode} credential needs admin rights on the repository`);
}
