import { z } from 'zod/mini';
import type { TeamCity } from './index';
import { listAll } from './paging';
import { byId, type Rest } from './rest';

export const projectSchema = z.object({ id: z.string(), name: z.string(), parentProjectId: z.optional(z.string()) });
export type Project = z.infer<typeof projectSchema>;
const subprojectSchema = z.object({ id: z.string(), name: z.optional(z.string()), parentProjectId: z.optional(z.string()) });
export type Subproject = z.infer<typeof subprojectSchema>;

export const projectRoutes = (rest: Rest): Pick<TeamCity, 'project' | 'subprojects'> => ({
  project: (projectId) => rest.get(`app/rest/projects/${byId(projectId)}`, projectSchema, 'read the project'),
  subprojects: (projectId) =>
    listAll(rest, { path: 'app/rest/projects', locator: `affectedProject:(id:${projectId})`, key: 'project', itemFields: 'id,name,parentProjectId' }, subprojectSchema, 'list the subprojects'),
});
