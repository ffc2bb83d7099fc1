import type { TeamCity, VcsRoot } from '../../teamcity';
import type { WorkflowSettings } from '../../project/settings';
import type { Mode } from '../../project/modes';
import { httpsUrl, sshUrl, vcsRootIds } from './ids';

export type { VcsRoot };

export const propertyOf = (root: VcsRoot, name: string): string => root.properties?.property?.find((p) => p.name === name)?.value ?? '';

/** Git username rule of each HTTPS mode (as the helper's clone sends it); the secret stays a password parameter. */
const httpsAuth: Record<Exclude<Mode, 'access-key' | 'oauth'>, { username: string; secretParam: string }> = {
  'api-token': { username: 'x-bitbucket-api-token-auth', secretParam: 'env.BITBUCKET_API_TOKEN' },
  'access-token': { username: 'x-token-auth', secretParam: 'env.BITBUCKET_ACCESS_TOKEN' },
};

export type RootAuth = { kind: 'ssh-key'; keyName: string } | { kind: 'https'; mode: Mode };

export function rootProperties(fullName: string, settings: WorkflowSettings, auth: RootAuth, branch: string): Record<string, string> {
  if (auth.kind === 'ssh-key') {
    return { url: sshUrl(settings.gitSsh, fullName), branch, authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: auth.keyName, username: '' };
  }
  if (auth.mode === 'access-key' || auth.mode === 'oauth') {
    throw new Error(
      auth.mode === 'oauth'
        ? 'OAuth consumer tokens live two hours, too short for a VCS root password: add the "Clone with Repo Access" step instead.'
        : 'Access keys need a provisioned SSH key.',
    );
  }
  const rule = httpsAuth[auth.mode];
  // TeamCity resolves %…% in VCS root settings, so the root refers to the stored secret instead of copying it.
  return { url: httpsUrl(settings.gitHttps, fullName), branch, authMethod: 'PASSWORD', username: rule.username, 'secure:password': `%${rule.secretParam}%` };
}

export interface RootOutcome {
  repo: string;
  id: string;
  status: 'created' | 'updated' | 'unchanged';
}

/** A repository as Bitbucket lists it: its name and its main branch (null when unknown). */
export interface RepositoryRef {
  fullName: string;
  mainbranch: string | null;
}

/** The root's default branch: the repository's main branch in Bitbucket, which need not be `main`. */
const defaultBranch = (mainbranch: string | null): string => `refs/heads/${mainbranch ?? 'main'}`;

/** Creates the repository's VCS root in the project, or brings the existing one (same id) to these settings. */
/** The id the repository's root has or gets in the project, the root when it exists, and the branch it should use. */
export async function rootFor(tc: TeamCity, projectId: string, repo: RepositoryRef): Promise<{ id: string; existing: VcsRoot | null; branch: string }> {
  const { fullName } = repo;
  // A root is this repository's when it carries its name; an id held by another repository moves us to the hashed id.
  let id = '';
  let existing: VcsRoot | null = null;
  for (const candidate of vcsRootIds(projectId, fullName)) {
    id = candidate;
    existing = await tc.vcsRoot(candidate);
    if (!existing || (existing.name === fullName && existing.project?.id === projectId)) break;
  }
  if (existing && (existing.name !== fullName || existing.project?.id !== projectId)) {
    throw new Error(`VCS root ids ${vcsRootIds(projectId, fullName).join(' and ')} are taken by other roots; rename one of them and run again.`);
  }
  // An existing root keeps the branch someone chose for it.
  return { id, existing, branch: (existing && propertyOf(existing, 'branch')) || defaultBranch(repo.mainbranch) };
}

export async function upsertVcsRoot(tc: TeamCity, projectId: string, repo: RepositoryRef, settings: WorkflowSettings, auth: RootAuth): Promise<RootOutcome> {
  const { fullName } = repo;
  const { id, existing, branch } = await rootFor(tc, projectId, repo);
  const wanted = rootProperties(fullName, settings, auth, branch);
  if (!existing) {
    await tc.createVcsRoot({ id, name: fullName, projectId, properties: wanted });
    return { repo: fullName, id, status: 'created' };
  }
  const current = Object.fromEntries((existing.properties?.property ?? []).map((p) => [p.name, p.value ?? '']));
  // A PUT replaces all properties: secure ones not re-sent are dropped (the old password of a migrated root).
  const merged: Record<string, string> = { ...current, ...wanted };
  // TeamCity never returns secure properties, so an HTTPS root's secret reference is always rewritten.
  const same = auth.kind === 'ssh-key' && Object.keys(wanted).every((name) => current[name] === wanted[name]);
  if (same) return { repo: fullName, id, status: 'unchanged' };
  await tc.setVcsRootProperties(id, merged);
  return { repo: fullName, id, status: 'updated' };
}

/** Points every root using `fromKey` at `toKey` (rotation). Returns the ids switched. */
export async function switchKey(tc: TeamCity, projectId: string, fromKey: string, toKey: string): Promise<string[]> {
  const switched: string[] = [];
  for (const root of await tc.vcsRoots(projectId)) {
    if (propertyOf(root, 'authMethod') !== 'TEAMCITY_SSH_KEY' || propertyOf(root, 'teamcitySshKey') !== fromKey) continue;
    await tc.setVcsRootProperty(root.id, 'teamcitySshKey', toKey);
    switched.push(root.id);
  }
  return switched;
}

/** Moves an existing root (any id, e.g. one on an app password) to `auth`, keeping its id and branch so builds keep it. */
export async function retargetVcsRoot(tc: TeamCity, rootId: string, fullName: string, settings: WorkflowSettings, auth: RootAuth): Promise<RootOutcome> {
  const root = await tc.vcsRoot(rootId);
  if (!root) throw new Error(`VCS root ${rootId} no longer exists.`);
  const current = Object.fromEntries((root.properties?.property ?? []).map((p) => [p.name, p.value ?? '']));
  const wanted = rootProperties(fullName, settings, auth, current.branch || defaultBranch(null));
  await tc.setVcsRootProperties(rootId, { ...current, ...wanted });
  return { repo: fullName, id: rootId, status: 'updated' };
}
