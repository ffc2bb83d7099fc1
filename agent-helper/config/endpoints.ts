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

export function readEndpoints(env: Env = process.env): Endpoints {
  const knownHostsPath = pick(env, 'BITBUCKET_KNOWN_HOSTS');
  return {
    apiUrl: trimSlash(pick(env, 'BITBUCKET_API_URL') ?? 'https://api.bitbucket.org/2.0'),
    oauthTokenUrl: pick(env, 'BITBUCKET_OAUTH_TOKEN_URL') ?? 'https://bitbucket.org/site/oauth2/access_token',
    gitHttpsUrl: trimSlash(pick(env, 'BITBUCKET_GIT_HTTPS_URL') ?? 'https://bitbucket.org'),
    gitSsh: pick(env, 'BITBUCKET_GIT_SSH') ?? DEFAULT_GIT_SSH,
    ...(knownHostsPath === undefined ? {} : { knownHostsPath }),
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
