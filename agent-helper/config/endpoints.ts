type Env = Record<string, string | undefined>;

export interface Endpoints {
  apiUrl: string;
  oauthTokenUrl: string;
  gitHttpsUrl: string;
  gitSsh: string;
  /** undefined: use the built-in bitbucket.org host keys. */
  knownHostsPath?: string;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
const pick = (env: Env, name: string): string | undefined => (env[name] === '' ? undefined : env[name]);

export function readEndpoints(env: Env = process.env): Endpoints {
  const knownHostsPath = pick(env, 'BITBUCKET_KNOWN_HOSTS');
  return {
    apiUrl: trimSlash(pick(env, 'BITBUCKET_API_URL') ?? 'https://api.bitbucket.org/2.0'),
    oauthTokenUrl: pick(env, 'BITBUCKET_OAUTH_TOKEN_URL') ?? 'https://bitbucket.org/site/oauth2/access_token',
    gitHttpsUrl: trimSlash(pick(env, 'BITBUCKET_GIT_HTTPS_URL') ?? 'https://bitbucket.org'),
    gitSsh: pick(env, 'BITBUCKET_GIT_SSH') ?? 'git@bitbucket.org',
    ...(knownHostsPath === undefined ? {} : { knownHostsPath }),
  };
}
