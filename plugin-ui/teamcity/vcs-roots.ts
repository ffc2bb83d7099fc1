import { z } from 'zod/mini';
import type { TeamCity } from './index';
import { listAll } from './paging';
import { byId, type Rest } from './rest';
import { TeamCityError } from './transport';

const vcsRootSchema = z.object({
  id: z.string(),
  name: z.string(),
  vcsName: z.optional(z.string()),
  project: z.optional(z.object({ id: z.string() })),
  properties: z.optional(z.object({ property: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()) }))) })),
});
export type VcsRoot = z.infer<typeof vcsRootSchema>;

export interface NewVcsRoot {
  readonly id: string;
  readonly name: string;
  readonly projectId: string;
  readonly properties: Record<string, string>;
}

const rootPath = (id: string): string => `app/rest/vcs-roots/${byId(id)}`;
const propertyPath = (id: string, name: string): string => `${rootPath(id)}/properties/${encodeURIComponent(name)}`;
const toProperty = (props: Record<string, string>) => ({ property: Object.entries(props).map(([name, value]) => ({ name, value })) });

export const vcsRootRoutes = (rest: Rest): Pick<TeamCity, 'vcsRoot' | 'vcsRoots' | 'createVcsRoot' | 'setVcsRootProperties' | 'vcsRootProperty' | 'setVcsRootProperty'> => ({
  vcsRoot: async (id) => {
    try {
      return await rest.get(rootPath(id), vcsRootSchema, `read VCS root ${id}`);
    } catch (error) {
      if (error instanceof TeamCityError && error.status === 404) return null;
      throw error;
    }
  },
  vcsRoots: (projectId) =>
    listAll(rest, { path: 'app/rest/vcs-roots', locator: `affectedProject:(id:${projectId})`, key: 'vcs-root', itemFields: 'id,name,vcsName,project(id),properties(property(name,value))' }, vcsRootSchema, 'list the VCS roots'),
  createVcsRoot: async (root) => {
    const body = { id: root.id, name: root.name, vcsName: 'jetbrains.git', project: { id: root.projectId }, properties: toProperty(root.properties) };
    await rest.send('POST', 'app/rest/vcs-roots', body, vcsRootSchema, `create the VCS root of ${root.name}`);
  },
  setVcsRootProperties: async (id, properties) => {
    await rest.send('PUT', `${rootPath(id)}/properties`, toProperty(properties), z.unknown(), `update VCS root ${id}`);
  },
  vcsRootProperty: (id, name) => rest.text(propertyPath(id, name), `read the ${name} of VCS root ${id}`),
  setVcsRootProperty: async (id, name, value) => {
    await rest.sendText('PUT', propertyPath(id, name), value, `change the ${name} of VCS root ${id}`);
  },
});
