import type { TransportSetup } from './ssh-transport';

/**
 * git over HTTPS with the credential in an `Authorization` header given to git through the
 * environment (GIT_CONFIG_COUNT): never in argv, the URL or .git/config. The header is scoped to this
 * workspace's URL prefix, so a submodule elsewhere never receives it; same-workspace submodules do.
 */
export function httpsTransport(options: {
  repo: string;
  gitHttpsUrl: string;
  username: string;
  password: string;
  env: NodeJS.ProcessEnv;
}): TransportSetup {
  const base = options.gitHttpsUrl.replace(/\/+$/, '');
  const workspace = options.repo.split('/')[0] ?? '';
  const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64');
  const existing = Number.parseInt(options.env.GIT_CONFIG_COUNT ?? '', 10);
  const offset = Number.isInteger(existing) && existing > 0 ? existing : 0;
  const entries: Array<[string, string]> = [
    [`http.${base}/${workspace}/.extraHeader`, `Authorization: Basic ${basic}`],
    // A stored credential for the host must not stand in for (or be offered instead of) this one.
    ['credential.helper', ''],
  ];
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(offset + entries.length) };
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${offset + index}`] = key;
    env[`GIT_CONFIG_VALUE_${offset + index}`] = value;
  });
  return { url: `${base}/${options.repo}.git`, env };
}
