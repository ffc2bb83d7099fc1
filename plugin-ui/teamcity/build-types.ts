import { z } from 'zod/mini';
import type { TeamCity } from './index';
import { listAll } from './paging';
import { byId, type Rest } from './rest';

const propertySchema = z.object({ name: z.string(), value: z.optional(z.string()) });
const projectBuildTypeSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  projectId: z.optional(z.string()),
  steps: z.optional(z.object({ step: z.optional(z.array(z.object({ id: z.optional(z.string()), name: z.optional(z.string()), type: z.string(), properties: z.optional(z.object({ property: z.optional(z.array(propertySchema)) })) }))) })),
  'vcs-root-entries': z.optional(
    z.object({ 'vcs-root-entry': z.optional(z.array(z.object({ id: z.optional(z.string()), 'vcs-root': z.optional(z.object({ id: z.string() })), 'checkout-rules': z.optional(z.string()) }))) }),
  ),
});
/** A build configuration with its steps and VCS root entries. */
export type BuildType = z.infer<typeof projectBuildTypeSchema>;

const BUILD_TYPE_FIELDS = 'id,name,projectId,steps(step(id,name,type,disabled,properties(property(name,value)))),vcs-root-entries(vcs-root-entry(id,vcs-root(id),checkout-rules))';
const entriesPath = (buildTypeId: string): string => `app/rest/buildTypes/${byId(buildTypeId)}/vcs-root-entries`;

export const buildTypeRoutes = (rest: Rest): Pick<TeamCity, 'buildTypes' | 'attachRoot' | 'detachRoot'> => ({
  buildTypes: (projectId) =>
    listAll(rest, { path: 'app/rest/buildTypes', locator: `affectedProject:(id:${projectId})`, key: 'buildType', itemFields: BUILD_TYPE_FIELDS }, projectBuildTypeSchema, 'list the build configurations'),
  attachRoot: async (buildTypeId, rootId, checkoutRules) => {
    await rest.send('POST', entriesPath(buildTypeId), { id: rootId, 'vcs-root': { id: rootId }, 'checkout-rules': checkoutRules }, z.unknown(), `attach VCS root ${rootId} to ${buildTypeId}`);
  },
  detachRoot: (buildTypeId, rootId) => rest.remove(`${entriesPath(buildTypeId)}/${byId(rootId)}`, `detach VCS root ${rootId} from ${buildTypeId}`),
});
