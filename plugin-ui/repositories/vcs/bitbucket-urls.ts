import type { WorkflowSettings } from '../../project/settings';

// Which Bitbucket repository a VCS root's URL clones: used to replace roots of a repository and by the ownership report.

/** Where Bitbucket's git is served from, for reading clone URLs. */
export interface Environment {
  workspace: string;
  /** Hosts that serve Bitbucket git (bitbucket.org plus the configured endpoints). */
  bitbucketHosts: string[];
  /** Key names this plugin uploaded (its access keys). */
  ownKeyPrefix: string;
}

/** Names of the SSH keys this plugin uploads (its access keys). */
export const OWN_KEY_PREFIX = 'repoaccess-';

function hostOf(endpoint: string): string | null {
  const ssh = /^(?:ssh:\/\/)?(?:[^@/]+@)?([^:/]+)/.exec(endpoint);
  try {
    return endpoint.includes('://') && !endpoint.startsWith('ssh://') ? new URL(endpoint).hostname : (ssh?.[1] ?? null);
  } catch {
    return null;
  }
}

/** bitbucket.org's git hosts plus the configured endpoints' hosts. */
export function environmentOf(settings: WorkflowSettings): Environment {
  const hosts = ['bitbucket.org', 'ssh.bitbucket.org', 'altssh.bitbucket.org', hostOf(settings.gitSsh), hostOf(settings.gitHttps)].filter((h): h is string => Boolean(h));
  return { workspace: settings.workspace, bitbucketHosts: [...new Set(hosts)], ownKeyPrefix: OWN_KEY_PREFIX };
}

/** "W/slug" of a Bitbucket clone URL in any of its forms, or null when it is not one. */
export function bitbucketRepository(url: string, env: Environment): string | null {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\d+\/)([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  let host: string;
  let path: string[];
  if (scp && !url.includes('://')) {
    host = scp[1] ?? '';
    path = [scp[2] ?? '', scp[3] ?? ''];
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    host = parsed.hostname;
    path = parsed.pathname.split('/').filter(Boolean);
    if (path.length !== 2) return null;
    path[1] = (path[1] ?? '').replace(/\.git$/, '');
  }
  const [workspace, slug] = path;
  if (!workspace || !slug) return null;
  const known = env.bitbucketHosts.some((h) => h.toLowerCase() === host.toLowerCase());
  if (!known && workspace.toLowerCase() !== env.workspace.toLowerCase()) return null;
  return `${workspace}/${slug.toLowerCase()}`;
}
