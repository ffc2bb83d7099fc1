import { opsServedProject, type BuildType, type TeamCity } from '../../teamcity';

export type { BuildType };

export const stepsOf = (bt: BuildType) => bt.steps?.step ?? [];
export const scriptOf = (step: ReturnType<typeof stepsOf>[number]): string => step.properties?.property?.find((p) => p.name === 'script.content')?.value ?? '';
/** The build configuration's VCS roots, in checkout order, with their checkout rules. */
export const vcsRootEntriesOf = (bt: BuildType): Array<{ rootId: string; checkoutRules: string }> =>
  (bt['vcs-root-entries']?.['vcs-root-entry'] ?? []).map((e) => ({ rootId: e['vcs-root']?.id ?? e.id ?? '', checkoutRules: e['checkout-rules'] ?? '' })).filter((e) => e.rootId !== '');
export const vcsRootIdsOf = (bt: BuildType): string[] => vcsRootEntriesOf(bt).map((e) => e.rootId);

/** Build configurations of the project and its subprojects, with steps and VCS roots; the operations build left out. */
export async function listBuildTypes(tc: TeamCity, projectId: string, options: { includeOps?: boolean } = {}): Promise<BuildType[]> {
  const all = await tc.buildTypes(projectId);
  return all.filter((bt) => options.includeOps || opsServedProject(bt.id, bt.projectId ?? '') === null);
}
