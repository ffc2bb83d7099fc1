import { z } from 'zod/mini';
import { listAll } from './paging';
import type { Rest } from './rest';

// Loaded with the ownership section (TeamCity.serverInventory imports it into that chunk).

const PAGE = 'count:100';

const propertiesSchema = z.optional(z.object({ property: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()) }))) }));
const parametersSchema = z.optional(
  z.object({
    property: z.optional(
      z.array(z.object({ name: z.string(), value: z.optional(z.string()), inherited: z.optional(z.boolean()), type: z.optional(z.object({ rawValue: z.optional(z.string()) })) })),
    ),
  }),
);
const projectSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  parentProjectId: z.optional(z.string()),
  parameters: parametersSchema,
  projectFeatures: z.optional(z.object({ projectFeature: z.optional(z.array(z.object({ id: z.string(), type: z.string(), properties: propertiesSchema }))) })),
});
const vcsRootSchema = z.object({ id: z.string(), name: z.string(), project: z.optional(z.object({ id: z.string() })), properties: propertiesSchema });
const buildTypeSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  projectId: z.optional(z.string()),
  parameters: parametersSchema,
  steps: z.optional(z.object({ step: z.optional(z.array(z.object({ properties: propertiesSchema }))) })),
  'vcs-root-entries': z.optional(z.object({ 'vcs-root-entry': z.optional(z.array(z.object({ 'vcs-root': z.optional(z.object({ id: z.string() })) }))) })),
});
const buildSchema = z.object({ id: z.number(), buildTypeId: z.string(), startDate: z.optional(z.string()), queuedDate: z.optional(z.string()) });

/** Parameters as listed with their type (`type(rawValue)`): a password parameter's value never comes back. */
export type ParameterList = z.infer<typeof parametersSchema>;
export type PropertyList = z.infer<typeof propertiesSchema>;

/** Every project, Git VCS root and build configuration of the server, and the builds since a date. */
export interface ServerInventory {
  projects: Array<z.infer<typeof projectSchema>>;
  vcsRoots: Array<z.infer<typeof vcsRootSchema>>;
  buildTypes: Array<z.infer<typeof buildTypeSchema>>;
  builds: Array<z.infer<typeof buildSchema>>;
}

// One request per page of 100 with only the fields the report reads (teamcity-rest: locator count:, fields=).
const PROJECT_FIELDS =
  'id,name,parentProjectId,parameters(property(name,value,inherited,type(rawValue))),projectFeatures(projectFeature(id,type,properties(property(name,value))))';
const ROOT_FIELDS = 'id,name,project(id),properties(property(name,value))';
const BUILD_TYPE_FIELDS =
  'id,name,projectId,parameters(property(name,value,inherited,type(rawValue))),steps(step(properties(property(name,value)))),vcs-root-entries(vcs-root-entry(vcs-root(id)))';
const BUILD_FIELDS = 'id,buildTypeId,startDate,queuedDate';

/** Reads the whole server in pages of 100; `since` is a TeamCity REST date (yyyyMMdd'T'HHmmssZ). */
export async function loadServerInventory(rest: Rest, since: string): Promise<ServerInventory> {
  const [projects, vcsRoots, buildTypes, builds] = await Promise.all([
    listAll(rest, { path: 'app/rest/projects', locator: PAGE, key: 'project', itemFields: PROJECT_FIELDS }, projectSchema, 'list the projects'),
    listAll(rest, { path: 'app/rest/vcs-roots', locator: `type:jetbrains.git,${PAGE}`, key: 'vcs-root', itemFields: ROOT_FIELDS }, vcsRootSchema, 'list the VCS roots'),
    listAll(rest, { path: 'app/rest/buildTypes', locator: PAGE, key: 'buildType', itemFields: BUILD_TYPE_FIELDS }, buildTypeSchema, 'list the build configurations'),
    listAll(rest, { path: 'app/rest/builds', locator: `sinceDate:${since},${PAGE}`, key: 'build', itemFields: BUILD_FIELDS }, buildSchema, 'list the recent builds'),
  ]);
  return { projects, vcsRoots, buildTypes, builds };
}
