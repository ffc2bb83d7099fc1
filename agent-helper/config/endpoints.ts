import { usageError } from '../errors';

type Env = Record<string, string | undefined>;

export interface Endpoints {
  apiUrl: string;
  oauthTokenUrl: string;
  gitHttpsUrl: string;
  gitSsh: string;
  /** undefined: use Bitbucket's built-in host keys. */
  knownHostsPath?: string;
}

// Git over SSH moved off bitbucket.org (Atlassian community, "Upcoming change to Bitbucket Cloud SSH access", deadline 2026-11-12).
export const DEFAULT_GIT_SSH = 'git@ssh.bitbucket.org';
/** For networks that block port 22: the same service on port 443. */
export const PORT_443_GIT_SSH = 'git@altssh.bitbucket.org:443';

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
const pick = (env: Env, name: string): string | undefined => (env[name] === '' ? undefined : env[name]);

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/** Plain http to this machine: what the sandbox serves, and the only http the helper accepts. */
export function isLoopbackHttp(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK.test(url.hostname);
  } catch {
    return false;
  }
}

/**
 * A BITBUCKET_*_URL: https, or http on loopback only (the sandbox, tests); never a user name or password in it.
 * The error never repeats the value, which may hold a secret.
 */
function httpsUrl(env: Env, name: string, fallback: string): string {
  const value = pick(env, name);
  if (value === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`${name} is not a URL; give an https:// URL`);
  }
  if (url.username !== '' || url.password !== '') throw usageError(`${name} carries a user name or password; remove it from the URL, credentials go in BITBUCKET_AUTH's variables`);
  if (url.protocol !== 'https:' && !isLoopbackHttp(value)) throw usageError(`${name} must be an https:// URL (plain http only on 127.0.0.1 or localhost); fix ${name}`);
  return value;
}

export function readEndpoints(env: Env = process.env): Endpoints {
  return {
    apiUrl: trimSlash(httpsUrl(env, 'BITBUCKET_API_URL', 'https://api.bitbucket.org/2.0')),
    oauthTokenUrl: httpsUrl(env, 'BITBUCKET_OAUTH_TOKEN_URL', 'https://bitbucket.org/site/oauth2/access_token'),
    gitHttpsUrl: trimSlash(httpsUrl(env, 'BITBUCKET_GIT_HTTPS_URL', 'https://bitbucket.org')),
    gitSsh: pick(env, 'BITBUCKET_GIT_SSH') ?? DEFAULT_GIT_SSH,
    knownHostsPath: pick(env, 'BITBUCKET_KNOWN_HOSTS'),
  };
}

/** BITBUCKET_GIT_SSH, or with `port443` Bitbucket's port-443 SSH host (which a BITBUCKET_GIT_SSH of its own contradicts). */
export function sshEndpoint(env: Env, port443: boolean): string {
  if (!port443) return readEndpoints(env).gitSsh;
  const configured = pick(env, 'BITBUCKET_GIT_SSH');
  if (configured !== undefined && configured !== PORT_443_GIT_SSH) {
    throw usageError(`--ssh-port-443 means ${PORT_443_GIT_SSH}, but BITBUCKET_GIT_SSH=${configured} says otherwise; drop one of them`);
  }
  return PORT_443_GIT_SSH;
}
