import { authError, unreachableError } from '../errors';
import { httpError } from './http-error';
import { OAuthToken } from './schemas';
import type { Transport } from './transport';

/** Renew this long before Bitbucket's expiry, so no request leaves with a token about to die. */
const RENEW_MARGIN_MS = 5 * 60_000;

/** An OAuth consumer's client_credentials token, shared by all requests and renewed before it expires. */
export class OAuthTokenSource {
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly tokenUrl: string,
    private readonly key: string,
    private readonly secret: string,
  ) {}

  token(): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** After a 401 with this token: forget it so the next call fetches a fresh one. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async fetchToken(): Promise<string> {
    const what = 'OAuth token request';
    const response = await this.transport.send(
      {
        method: 'POST',
        url: this.tokenUrl,
        headers: {
          authorization: `Basic ${Buffer.from(`${this.key}:${this.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
      },
      what,
    );
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      const error = httpError(response.status, response.body, what);
      const message = error.bitbucketMessage || (safeJson(response.body) as { error_description?: string } | undefined)?.error_description || '';
      if (error.says(/client_credentials with a consumer marked as "?public/i)) {
        throw authError(`${what}: Bitbucket refuses the client_credentials grant to a consumer marked public; make the consumer private (workspace settings, OAuth consumers, edit, tick "This is a private consumer")`);
      }
      throw authError(`${what}: Bitbucket refused the OAuth consumer key/secret (${response.status}${message ? `: ${message}` : ''}); check BITBUCKET_OAUTH_KEY and BITBUCKET_OAUTH_SECRET`);
    }
    const parsed = OAuthToken.safeParse(safeJson(response.body));
    if (response.status !== 200 || !parsed.success) {
      throw unreachableError(`${what}: unexpected answer ${response.status} from ${new URL(this.tokenUrl).origin}; check BITBUCKET_OAUTH_TOKEN_URL`);
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    this.current = { token: parsed.data.access_token, renewAt: Date.now() + Math.max(lifetimeMs / 2, lifetimeMs - RENEW_MARGIN_MS) };
    return parsed.data.access_token;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
