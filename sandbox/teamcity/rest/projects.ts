import { badRequest, HttpError, notFound, route, sendJson, type Route } from '../http';
import { locatorId, parseLocator } from '../locator';
import type { Project } from '../model';
import type { Store } from '../store';
import type { RestContext } from './context';
import { inheritedParameters, projectJson, projectRef, projectHref } from './json';
import { pagedList } from './paging';
import { parameterRoutes } from './parameters';
import { generateId, ID_PATTERN, parseBody, projectSchema } from './schemas';

export function findProject(store: Store, locator: string): Project {
  const id = locatorId(locator);
  const project = store.project(id);
  if (!project) throw notFound(`No project found by locator 'id:${id}'. Project cannot be found by external id '${id}'.`);
  return project;
}

function selectProjects(store: Store, locatorText: string | null): Project[] {
  if (!locatorText) return store.data.projects;
  const locator = parseLocator(locatorText);
  let projects = store.data.projects;
  if (locator.id !== undefined) projects = projects.filter((p) => p.id === locator.id);
  if (locator.name !== undefined) projects = projects.filter((p) => p.name === locator.name);
  if (locator.parentProject !== undefined) {
    const parent = locatorId(locator.parentProject);
    projects = projects.filter((p) => p.parentId === parent);
  }
  if (locator.affectedProject !== undefined) {
    const ids = new Set(store.affectedProjects(locatorId(locator.affectedProject)).map((p) => p.id));
    projects = projects.filter((p) => ids.has(p.id));
  }
  return projects;
}

export function projectRoutes(): Route[] {
  return [
    route('GET', /^\/app\/rest\/projects\/?$/, (req, res, ctx) => {
      const projects = selectProjects(ctx.store, req.url.searchParams.get('locator'));
      // Unpaged unless the locator says count: (ProjectFinder keeps AbstractFinder's null default page size).
      sendJson(res, 200, pagedList(req, projects, null, (p, full) => (full ? projectJson(ctx.store, p) : projectRef(p)), 'project'));
    }),
    route('POST', /^\/app\/rest\/projects\/?$/, (req, res, ctx) => {
      const body = parseBody(projectSchema, req.json());
      const parentLocator = body.parentProject?.locator ?? (body.parentProject?.id ? `id:${body.parentProject.id}` : 'id:_Root');
      const parent = findProject(ctx.store, parentLocator);
      const id = body.id ?? generateId(parent.id, body.name);
      if (!ID_PATTERN.test(id)) throw badRequest(`Project ID "${id}" is invalid: it must start with a Latin letter and contain only Latin letters, digits and underscores.`);
      if (!ctx.store.idFree(id)) throw new HttpError(400, `Project ID "${id}" is already used by another project.`);
      const project: Project = { id, name: body.name, parentId: parent.id, ...(body.description ? { description: body.description } : {}), parameters: [], sshKeys: {} };
      ctx.store.data.projects.push(project);
      ctx.store.save();
      sendJson(res, 200, projectJson(ctx.store, project));
    }),
    route('GET', /^\/app\/rest\/projects\/([^/]+)\/?$/, (req, res, ctx) => {
      sendJson(res, 200, projectJson(ctx.store, findProject(ctx.store, req.params[0]!)));
    }),
    ...parameterRoutes('/app/rest/projects', (ctx: RestContext, locator) => {
      const project = findProject(ctx.store, locator);
      return { own: project.parameters, inherited: inheritedParameters(ctx.store, project.id), href: projectHref(project.id) };
    }),
  ];
}
