import { z } from 'zod/mini';
import { byId, opsBuildTypeId, type TeamCity } from '../../teamcity';

const propertySchema = z.object({ name: z.string(), value: z.optional(z.string()) });
const buildTypeSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  projectId: z.optional(z.string()),
  steps: z.optional(z.object({ step: z.optional(z.array(z.object({ id: z.optional(z.string()), name: z.optional(z.string()), type: z.string(), properties: z.optional(z.object({ property: z.optional(z.array(propertySchema)) })) }))) })),
  'vcs-root-entries': z.optional(z.object({ 'vcs-root-entry': z.optional(z.array(z.object({ id: z.optional(z.string()), 'vcs-root': z.optional(z.object({ id: z.string() })) }))) })),
});
const buildTypesSchema = z.object({ buildType: z.optional(z.array(z.object({ id: z.string() }))) });
export type BuildType = z.infer<typeof buildTypeSchema>;

export const stepsOf = (bt: BuildType) => bt.steps?.step ?? [];
export const scriptOf = (step: ReturnType<typeof stepsOf>[number]): string => step.properties?.property?.find((p) => p.name === 'script.content')?.value ?? '';
export const vcsRootIdsOf = (bt: BuildType): string[] =>
  (bt['vcs-root-entries']?.['vcs-root-entry'] ?? []).map((e) => e['vcs-root']?.id ?? e.id ?? '').filter(Boolean);

/** Build configurations of the project and its subprojects, with steps and VCS roots; the operations build left out. */
export async function listBuildTypes(tc: TeamCity, projectId: string, options: { includeOps?: boolean } = {}): Promise<BuildType[]> {
  const refs = await tc.rest.get(`app/rest/buildTypes?locator=${encodeURIComponent(`affectedProject:(id:${projectId})`)}`, buildTypesSchema, 'list the build configurations');
  const all = await Promise.all((refs.buildType ?? []).map((ref) => tc.rest.get(`app/rest/buildTypes/${byId(ref.id)}`, buildTypeSchema, `read build configuration ${ref.id}`)));
  return all.filter((bt) => options.includeOps || bt.id !== opsBuildTypeId(bt.projectId ?? ''));
}
