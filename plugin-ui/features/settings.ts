import { params, type TeamCity } from '../teamcity';

/** Project parameters this workflow adds to TEAM.md section 5. */
export const featureParams = {
  gitSsh: 'repoaccess.gitSsh',
  gitHttps: 'repoaccess.gitHttps',
  reposBuildId: 'repoaccess.reposBuildId',
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
  };
}

/** Names must suit TeamCity SSH key file names, Bitbucket labels and parameter names alike. */
export function newKeyLabel(projectId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `repoaccess-${projectId}-${stamp}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
