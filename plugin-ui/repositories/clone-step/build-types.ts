import { z } from 'zod/mini';
import { opsServedProject, type TeamCity } from '../../teamcity';

const propertySchema = z.object({ name: z.string(), value: z.optional(z.string()) });
const buildTypeSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  projectId: z.optional(z.string()),
  steps: z.optional(z.object({ step: z.optional(z.array(z.object({ id: z.optional(z.string()), name: z.optional(z.string()), type: z.string(), properties: z.optional(z.object({ property: z.optional(z.array(propertySchema)) })) }))) })),
  'vcs-root-entries': z.optional(
    z.object({ 'vcs-root-entry': z.optional(z.array(z.object({ id: z.optional(z.string()), 'vcs-root': z.optional(z.object({ id: z.string() })), 'checkout-rules': z.optional(z.string()) }))) }),
  ),
});
export type BuildType = z.infer<typeof buildTypeSchema>;

export const stepsOf = (bt: BuildType) => bt.steps?.step ?? [];
export const scriptOf = (step: ReturnType<typeof stepsOf>[number]): string => step.properties?.property?.find((p) => p.name === 'script.content')?.value ?? '';
/** The build configuration's VCS roots, in checkout order, with their checkout rules. */
export const vcsRootEntriesOf = (bt: BuildType): Array<{ rootId: string; checkoutRules: string }> =>
  (bt['vcs-root-entries']?.['vcs-root-entry'] ?? []).map((e) => ({ rootId: e['vcs-root']?.id ?? e.id ?? '', checkoutRules: e['checkout-rules'] ?? '' })).filter((e) => e.rootId !== '');
export const vcsRootIdsOf = (bt: BuildType): string[] => vcsRootEntriesOf(bt).map((e) => e.rootId);

/** Build configurations of the project and its subprojects, with steps and VCS roots; the operations build left out. */
export async function listBuildTypes(tc: TeamCity, projectId: string, options: { includeOps?: boolean } = {}): Promise<BuildType[]> {
  const itemFields = 'id,name,projectId,steps(step(id,name,type,disabled,properties(property(name,value)))),vcs-root-entries(vcs-root-entry(id,vcs-root(id),checkout-rules))';
  const query = { path: 'app/rest/buildTypes', locator: `affectedProject:(id:${projectId})`, key: 'buildType', itemFields };
  const all = await tc.list(query, buildTypeSchema, 'list the build configurations');
  return all.filter((bt) => options.includeOps || opsServedProject(bt.id, bt.projectId ?? '') === null);
}
