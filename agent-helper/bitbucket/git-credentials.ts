import type { Credentials, Endpoints } from '../config/credentials';
import { authError, usageError } from '../errors';
import { APP_PASSWORD_RETIRED } from '../config/app-password';
import { OAuthTokenSource } from './oauth';
import { Transport } from './transport';

/** User and password that git over HTTPS sends for each mode (agent-helper/USAGE.md, credentials). */
export async function gitHttpsCredentials(
  credentials: Credentials,
  endpoints: Pick<Endpoints, 'oauthTokenUrl'>,
): Promise<{ username: string; password: string }> {
  switch (credentials.mode) {
    case 'api-token':
      return { username: credentials.username ?? 'x-bitbucket-api-token-auth', password: credentials.token };
    case 'access-token':
      return { username: 'x-token-auth', password: credentials.token };
    case 'oauth': {
      const source = new OAuthTokenSource(new Transport({ concurrency: 1 }), endpoints.oauthTokenUrl, credentials.key, credentials.secret);
      return { username: 'x-token-auth', password: await source.token() };
    }
    case 'app-password':
      throw authError(APP_PASSWORD_RETIRED);
    case 'ssh-key':
      throw usageError('BITBUCKET_AUTH=ssh-key clones over SSH only; use --transport ssh or another mode for HTTPS');
  }
}
