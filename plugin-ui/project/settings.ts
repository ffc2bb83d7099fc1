import { params, type TeamCity } from '../teamcity';
import { storedFrom, type Stored } from './stored';
import { modeOf, type Mode } from '../project/modes';

/** Project parameters the access-key workflow adds to those of teamcity/names.ts. */
export const featureParams = {
  gitSsh: 'repoaccess.gitSsh',
  gitHttps: 'repoaccess.gitHttps',
  reposBuildId: 'repoaccess.reposBuildId',
  /** Most Bitbucket requests in flight per helper run (lower it for a workspace close to its rate limit). */
  concurrency: 'repoaccess.concurrency',
  /** One per provisioned key: `repoaccess.key.<label>` = KeyRecord JSON. */
  keyPrefix: 'repoaccess.key.',
} as const;

/** Git over SSH moved to ssh.bitbucket.org (Atlassian, by 2026-11-12); altssh.bitbucket.org:443 where port 22 is blocked. */
export const SSH_ENDPOINTS = { standard: 'git@ssh.bitbucket.org', port443: 'git@altssh.bitbucket.org:443' } as const;
export type SshChoice = keyof typeof SSH_ENDPOINTS | 'custom';
export const DEFAULT_GIT_SSH = SSH_ENDPOINTS.standard;
export const DEFAULT_GIT_HTTPS = 'https://bitbucket.org';

export const sshChoiceOf = (gitSsh: string): SshChoice =>
  gitSsh === SSH_ENDPOINTS.standard ? 'standard' : gitSsh === SSH_ENDPOINTS.port443 ? 'port443' : 'custom';

/** Why `gitSsh` cannot be a git-over-SSH endpoint (user@host[:port], nothing secret in it); null when it can. */
export function gitSshProblem(gitSsh: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9.-]*(?::\d{1,5})?$/.test(gitSsh) ? null : 'Enter user@host or user@host:port, e.g. git@ssh.bitbucket.org.';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `gitHttps` cannot be the HTTPS clone base: https only (http on loopback, for the local sandbox), no credentials. */
export function gitHttpsProblem(gitHttps: string): string | null {
  let url: URL;
  try {
    url = new URL(gitHttps);
  } catch {
    return 'Enter a URL such as https://bitbucket.org.';
  }
  if (url.username || url.password) return 'Leave credentials out of the URL: builds get them from the stored credential.';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return 'Use https:// (http:// only for a server on this machine).';
  if (url.search || url.hash) return 'Enter the base URL only, without ? or #.';
  return null;
}

/**
 * Stores the git endpoints the admin chose and confirmed in the tab; the defaults are stored as nothing.
 * Endpoints are never taken from what a build reports.
 */
export async function saveEndpoints(tc: TeamCity, projectId: string, endpoints: { gitSsh: string; gitHttps: string }): Promise<void> {
  const problem = gitSshProblem(endpoints.gitSsh) ?? gitHttpsProblem(endpoints.gitHttps);
  if (problem) throw new Error(problem);
  for (const [name, value, fallback] of [
    [featureParams.gitSsh, endpoints.gitSsh, DEFAULT_GIT_SSH],
    [featureParams.gitHttps, endpoints.gitHttps.replace(/\/+$/, ''), DEFAULT_GIT_HTTPS],
  ] as const) {
    if (value === fallback) await tc.deleteParameter(projectId, name);
    else await tc.setParameter(projectId, name, value);
  }
}

export interface WorkflowSettings {
  workspace: string;
  mode: Mode | null;
  gitSsh: string;
  gitHttps: string;
  concurrency: number;
}

/** The workflow's settings and, for the Connection section, what the project and its operations build store. */
export interface ProjectSettings extends WorkflowSettings {
  readonly stored: Stored;
}

/** The stored git endpoints are not usable: nothing may clone with them, but what is stored can still be shown. */
export class UnusableEndpoints extends Error {
  constructor(
    message: string,
    readonly stored: Stored,
  ) {
    super(message);
  }
}

/** The one reader of the stored settings: the project's parameters and its operations build's (none before it exists). */
export async function readSettings(tc: TeamCity, projectId: string): Promise<ProjectSettings> {
  const [all, ops] = await Promise.all([tc.parameters(projectId), tc.opsParameters(projectId)]);
  const value = (name: string): string => all.get(name)?.value?.trim() ?? '';
  const gitSsh = value(featureParams.gitSsh) || DEFAULT_GIT_SSH;
  const gitHttps = (value(featureParams.gitHttps) || DEFAULT_GIT_HTTPS).replace(/\/+$/, '');
  const problem = gitSshProblem(gitSsh) ?? gitHttpsProblem(gitHttps);
  const stored = storedFrom(all, ops);
  if (problem) throw new UnusableEndpoints(`The project's git endpoint settings (${featureParams.gitSsh}, ${featureParams.gitHttps}) are not usable: ${problem}`, stored);
  return {
    workspace: value(params.workspace),
    mode: modeOf(value(params.mode)),
    gitSsh,
    gitHttps,
    concurrency: concurrencyOf(value(featureParams.concurrency)),
    stored,
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
