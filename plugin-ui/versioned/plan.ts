import { nodeParameters, type TeamCity, type VcsRoot } from '../teamcity';
import { stepsOf, vcsRootEntriesOf, type BuildType } from '../repositories/clone-step/build-types';
import { CLONE_STEP_NAME, cloneScript, destFor, sameRepositoryEntries } from '../repositories/clone-step/step';
import type { WorkflowSettings } from '../project/settings';
import { propertyOf, rootFor, rootProperties, type RepositoryRef, type RootAuth } from '../repositories/vcs/roots';
import type { ChangedRoot, PlannedBuildChange, PlannedParameter, PlannedRoot, SettingsPlan } from './kotlin';

/** What upsertVcsRoot would write for each repository, as planned roots (the same ids, branches and properties). */
export async function planRoots(tc: TeamCity, projectId: string, repos: readonly RepositoryRef[], settings: WorkflowSettings, auth: RootAuth): Promise<PlannedRoot[]> {
  const roots: PlannedRoot[] = [];
  for (const repo of repos) {
    const { id, branch } = await rootFor(tc, projectId, repo);
    const props = rootProperties(repo.fullName, settings, auth, branch);
    roots.push({
      id,
      name: repo.fullName,
      url: props.url!,
      branch,
      // The password is a %reference% to the project's password parameter, never its value.
      auth: props.authMethod === 'TEAMCITY_SSH_KEY' ? { kind: 'uploaded-key', keyName: props.teamcitySshKey! } : { kind: 'password', userName: props.username!, reference: props['secure:password']! },
    });
  }
  return roots;
}

/** The access-key way, planned: each root takes the place (and checkout rules) of the build's roots of the same repository. */
export async function planAttach(tc: TeamCity, buildType: BuildType, roots: ReadonlyArray<Pick<PlannedRoot, 'id' | 'name'>>, settings: WorkflowSettings): Promise<PlannedBuildChange> {
  const change: PlannedBuildChange = { buildTypeId: buildType.id, ...(buildType.projectId ? { projectId: buildType.projectId } : {}), removeRootIds: [], addRoots: [] };
  const attached = new Set(vcsRootEntriesOf(buildType).map((e) => e.rootId));
  for (const root of roots) {
    const same = await sameRepositoryEntries(tc, buildType, root.id, root.name, settings);
    change.removeRootIds.push(...same.map((e) => e.rootId));
    if (!attached.has(root.id)) change.addRoots.push({ rootId: root.id, checkoutRules: same[0]?.checkoutRules ?? `+:. => ${destFor(root.name)}` });
  }
  const removed = new Set(change.removeRootIds);
  change.entriesAfter = [...vcsRootEntriesOf(buildType).filter((e) => !removed.has(e.rootId)), ...change.addRoots];
  return change;
}

export const planCloneStep = (buildType: BuildType, repos: readonly string[]): PlannedBuildChange => ({
  buildTypeId: buildType.id,
  ...(buildType.projectId ? { projectId: buildType.projectId } : {}),
  removeRootIds: [],
  addRoots: [],
  cloneStep: { name: CLONE_STEP_NAME, script: cloneScript(repos) },
});

/** The clone step reads Node's path from the project's parameters: those the project lacks go into the settings to commit. */
export async function planNodeParameters(tc: TeamCity, projectId: string): Promise<PlannedParameter[]> {
  const present = await tc.parameters(projectId);
  return nodeParameters.filter(([name]) => !present.has(name)).map(([name, value]) => ({ name, value, password: false }));
}

export const emptyPlan = (): SettingsPlan => ({ roots: [], builds: [], parameters: [] });

/** Every root of the project (and its subprojects) on the uploaded key `fromKey`, moved to `toKey`. */
export async function planKeySwitch(tc: TeamCity, projectId: string, fromKey: string, toKey: string): Promise<ChangedRoot[]> {
  return (await tc.vcsRoots(projectId))
    .filter((root) => propertyOf(root, 'authMethod') === 'TEAMCITY_SSH_KEY' && propertyOf(root, 'teamcitySshKey') === fromKey)
    .map((root) => ({ id: root.id, name: root.name, ...(root.project ? { projectId: root.project.id } : {}), fromKey, toKey }));
}

export interface CheckResult {
  /** Planned changes the project does not hold yet. */
  missing: string[];
  /** Roots the builds still check out through although the plan replaced them, or that still use the key the plan moves them off (the old credential). */
  oldRoots: string[];
}

/** Compares what the project holds now with the plan: after the commit, has the sync brought everything in? */
export async function checkAgainstPlan(tc: TeamCity, projectId: string, plan: SettingsPlan, buildTypes: readonly BuildType[]): Promise<CheckResult> {
  const all = await tc.vcsRoots(projectId);
  const roots = new Map(all.map((r) => [r.id, r]));
  const missing: string[] = [];
  const oldRoots = new Set<string>();
  const oldKeys = new Set((plan.changedRoots ?? []).map((r) => r.fromKey));
  const onKey = (root: VcsRoot | undefined, key: string): boolean => !!root && propertyOf(root, 'authMethod') === 'TEAMCITY_SSH_KEY' && propertyOf(root, 'teamcitySshKey') === key;
  // Any root on the old key counts, also one added since the plan was made.
  for (const root of all) if ([...oldKeys].some((key) => onKey(root, key))) oldRoots.add(root.id);
  for (const changed of plan.changedRoots ?? []) {
    if (!onKey(roots.get(changed.id), changed.toKey) && !oldRoots.has(changed.id)) missing.push(`VCS root ${changed.id} on ${changed.toKey}`);
  }
  for (const planned of plan.roots) {
    const root = roots.get(planned.id);
    const ok =
      root &&
      propertyOf(root, 'url') === planned.url &&
      (planned.auth.kind === 'uploaded-key' ? propertyOf(root, 'authMethod') === 'TEAMCITY_SSH_KEY' && propertyOf(root, 'teamcitySshKey') === planned.auth.keyName : propertyOf(root, 'authMethod') === 'PASSWORD');
    if (!ok) missing.push(`VCS root ${planned.id}`);
  }
  for (const change of plan.builds) {
    const bt = buildTypes.find((b) => b.id === change.buildTypeId);
    if (!bt) continue;
    const attached = new Set(vcsRootEntriesOf(bt).map((e) => e.rootId));
    for (const id of change.removeRootIds) if (attached.has(id)) oldRoots.add(id);
    for (const entry of change.addRoots) if (!attached.has(entry.rootId)) missing.push(`${entry.rootId} in ${bt.id}`);
    if (change.cloneStep && stepsOf(bt)[0]?.name !== change.cloneStep.name) missing.push(`the clone step, first in ${bt.id}`);
  }
  return { missing, oldRoots: [...oldRoots] };
}
