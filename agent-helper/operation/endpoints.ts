import { usageError } from '../errors';

type Env = Record<string, string | undefined>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const allowed: Record<string, { host: string; fallback: string }> = {
  BITBUCKET_API_URL: { host: 'api.bitbucket.org', fallback: 'https://api.bitbucket.org/2.0' },
  BITBUCKET_OAUTH_TOKEN_URL: { host: 'bitbucket.org', fallback: 'https://bitbucket.org/site/oauth2/access_token' },
};

/**
 * The operations build holds the management credential, and queue-time properties can set any env.*
 * variable: its REST and token endpoints must be Bitbucket's own over https (or this machine, for the
 * local sandbox), so a custom build cannot send the credential to another host.
 */
export function checkManagementEndpoints(env: Env = process.env): void {
  for (const [name, { host, fallback }] of Object.entries(allowed)) {
    const value = env[name] || fallback;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw usageError(`${name} is not a URL; unset it (the operations build talks to ${host} only)`);
    }
    const bitbucket = url.protocol === 'https:' && url.hostname === host;
    const local = (url.protocol === 'https:' || url.protocol === 'http:') && LOOPBACK.has(url.hostname);
    if (!(bitbucket || local) || url.username || url.password) {
      throw usageError(`${name} points at ${url.protocol}//${url.host}; the operations build sends the management credential to https://${host} only, unset it`);
    }
  }
}
