import { params, type TeamCity } from '../teamcity';

/** Project parameters this workflow adds to TEAM.md section 5. */
export const featureParams = {
  gitSsh: 'repoaccess.gitSsh',
  gitHttps: 'repoaccess.gitHttps',
  reposBuildId: 'repoaccess.reposBuildId',
  /** Most Bitbucket requests in flight per helper run (lower it for a workspace close to its rate limit). */
  concurrency: 'repoaccess.concurrency',
  /** One per provisioned key: `repoaccess.key.<label>` = KeyRecord JSON. */
  keyPrefix: 'repoaccess.key.',
} as const;

export const DEFAULT_GIT_SSH = 'git@bitbucket.org';
export const DEFAULT_GIT_HTTPS = 'https://bitbucket.org';

export type Mode = 'access-key' | 'api-token' | 'oauth' | 'access-token';

export interface WorkflowSettings {
  workspace: string;
  mode: Mode | null;
  gitSsh: string;
  gitHttps: string;
  concurrency: number;
}

const MODES: readonly string[] = ['access-key', 'api-token', 'oauth', 'access-token'];

export async function readSettings(tc: TeamCity, projectId: string): Promise<WorkflowSettings> {
  const all = await tc.parameters(projectId);
  const value = (name: string): string => all.get(name)?.value?.trim() ?? '';
  const mode = value(params.mode);
  return {
    workspace: value(params.workspace),
    mode: MODES.includes(mode) ? (mode as Mode) : null,
    gitSsh: value(featureParams.gitSsh) || DEFAULT_GIT_SSH,
    gitHttps: (value(featureParams.gitHttps) || DEFAULT_GIT_HTTPS).replace(/\/+$/, ''),
    concurrency: concurrencyOf(value(featureParams.concurrency)),
  };
}

export const DEFAULT_CONCURRENCY = 8;

function concurrencyOf(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : DEFAULT_CONCURRENCY;
}

/** Names must suit TeamCity SSH key file names, Bitbucket labels and parameter names alike. */
export function newKeyLabel(projectId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  // The random tail keeps two keys made within one second apart (TeamCity refuses a second key of the same name).
  const tail = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
  return `repoaccess-${projectId}-${stamp}-${tail}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
