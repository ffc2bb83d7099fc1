import { usageError } from '../errors';
import { optionalValue, requiredValue } from './secrets';

export { readEndpoints, type Endpoints } from './endpoints';

type Env = Record<string, string | undefined>;

export type Credentials =
  | { mode: 'api-token'; email: string; token: string; username?: string }
  | { mode: 'app-password'; username: string; appPassword: string }
  | { mode: 'oauth'; key: string; secret: string }
  | { mode: 'access-token'; token: string }
  | { mode: 'ssh-key'; keyPath?: string; passphrase?: string };

export type AuthMode = Credentials['mode'];
export const AUTH_MODES: readonly AuthMode[] = ['api-token', 'app-password', 'oauth', 'access-token', 'ssh-key'];

/** Reads BITBUCKET_AUTH and that mode's variables (each also as X_FILE). Throws a usage error (exit 2) when incomplete. */
export function readCredentials(env: Env = process.env): Credentials {
  const mode = env.BITBUCKET_AUTH;
  if (mode === undefined || mode === '') {
    throw usageError(`BITBUCKET_AUTH is not set; set it to one of ${AUTH_MODES.join(', ')} and that mode's variables`);
  }
  switch (mode) {
    case 'api-token':
      return { mode, email: requiredValue(env, 'BITBUCKET_EMAIL', mode), token: requiredValue(env, 'BITBUCKET_API_TOKEN', mode), username: optionalValue(env, 'BITBUCKET_USERNAME') };
    case 'app-password':
      return { mode, username: requiredValue(env, 'BITBUCKET_USERNAME', mode), appPassword: requiredValue(env, 'BITBUCKET_APP_PASSWORD', mode) };
    case 'oauth':
      return { mode, key: requiredValue(env, 'BITBUCKET_OAUTH_KEY', mode), secret: requiredValue(env, 'BITBUCKET_OAUTH_SECRET', mode) };
    case 'access-token':
      return { mode, token: requiredValue(env, 'BITBUCKET_ACCESS_TOKEN', mode) };
    case 'ssh-key':
      return { mode, keyPath: env.BITBUCKET_SSH_KEY_FILE || undefined, passphrase: optionalValue(env, 'BITBUCKET_SSH_PASSPHRASE') };
    default:
      throw usageError(`BITBUCKET_AUTH=${mode} is not a known mode; use one of ${AUTH_MODES.join(', ')}`);
  }
}
