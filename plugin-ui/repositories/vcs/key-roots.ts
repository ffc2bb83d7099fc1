import type { TeamCity } from '../../teamcity';
import type { WorkflowSettings } from '../../project/settings';
import { listKeyRecords } from '../../project/key-records';
import { bitbucketRepository, environmentOf } from './bitbucket-urls';
import { vcsRootIds } from './ids';
import { propertyOf } from './roots';

export interface KeyRoots {
  /** The uploaded SSH key; null when the project has no access key yet. */
  readonly keyLabel: string | null;
  /** The project's own VCS roots that check out with it, and the repository each one clones. */
  readonly roots: ReadonlyArray<{ readonly id: string; readonly repo: string }>;
}

/**
 * Which roots use the key, as TeamCity has them (not what this tab remembers): `keyLabel`, or the project's newest
 * access key when null. Only the project's own roots: a build can use the roots of its project and its ancestors, and
 * this project's key is not available above it.
 */
export async function rootsUsingKey(tc: TeamCity, projectId: string, settings: WorkflowSettings, keyLabel: string | null): Promise<KeyRoots> {
  const label = keyLabel ?? (await listKeyRecords(tc, projectId))[0]?.label ?? null;
  if (label === null) return { keyLabel: null, roots: [] };
  const env = environmentOf(settings);
  const byRepo = new Map<string, { id: string; repo: string }>();
  for (const root of await tc.vcsRoots(projectId)) {
    if (root.project?.id !== projectId || propertyOf(root, 'authMethod') !== 'TEAMCITY_SSH_KEY' || propertyOf(root, 'teamcitySshKey') !== label) continue;
    const repo = bitbucketRepository(propertyOf(root, 'url'), env) ?? root.name;
    // One root per repository (attaching a second would take the first one's place): the one this tab made, else the first.
    if (!byRepo.has(repo) || vcsRootIds(projectId, repo).includes(root.id)) byRepo.set(repo, { id: root.id, repo });
  }
  const roots = [...byRepo.values()];
  return { keyLabel: label, roots };
}
