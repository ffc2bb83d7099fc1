import { APP_PASSWORD_RETIRED } from '../config/app-password';
import type { Credentials } from '../config/credentials';
import { authError, usageError } from '../errors';
import { OAuthTokenSource } from './oauth';
import { Transport, type TransportOptions } from './transport';


/** Produces the Authorization header for REST calls; `refresh` says whether a 401 is worth one more try. */
export interface Authorizer {
  header(): Promise<string>;
  /** After a 401 sent with `header`: true when a fresh header may succeed (OAuth token renewed). */
  refresh(header: string): boolean;
}

const basic = (user: string, secret: string): string => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

/**
 * App passwords are refused here without a request: since the sunset every request would be a
 * guaranteed 401 that only sends the retired secret over the wire once more.
 */
export function createAuthorizer(credentials: Credentials, oauthTokenUrl: string, options: TransportOptions): Authorizer {
  switch (credentials.mode) {
    case 'api-token': {
      const header = basic(credentials.email, credentials.token);
      return { header: () => Promise.resolve(header), refresh: () => false };
    }
    case 'access-token': {
      const header = `Bearer ${credentials.token}`;
      return { header: () => Promise.resolve(header), refresh: () => false };
    }
    case 'oauth': {
      // The token endpoint is another host with its own limits: its requests neither wait for nor count against the API's.
      const transport = new Transport({ ...options, concurrency: 1, rate: undefined });
      const source = new OAuthTokenSource(transport, oauthTokenUrl, credentials.key, credentials.secret);
      return {
        header: async () => `Bearer ${await source.token()}`,
        refresh: (header) => {
          source.invalidate(header.slice('Bearer '.length));
          return true;
        },
      };
    }
    case 'app-password':
      throw authError(APP_PASSWORD_RETIRED);
    case 'ssh-key':
      throw usageError('BITBUCKET_AUTH=ssh-key can only clone; Bitbucket REST commands need api-token, oauth or access-token');
  }
}
