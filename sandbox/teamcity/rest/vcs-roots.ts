import { badRequest, HttpError, notFound, route, sendJson, sendText, type Route } from '../http';
import { locatorId, parseLocator } from '../locator';
import type { VcsRoot } from '../model';
import type { Store } from '../store';
import { vcsRootJson, vcsRootRef } from './json';
import { DEFAULT_PAGE_SIZE, pagedList } from './paging';
import { findProject } from './projects';
import { generateId, ID_PATTERN, parseBody, propertiesSchema, vcsRootSchema } from './schemas';

export function findVcsRoot(store: Store, locator: string): VcsRoot {
  const id = locatorId(locator);
  const root = store.vcsRoot(id);
  if (!root) throw notFound(`No VCS root found by internal or external id '${id}'.`);
  return root;
}

function selectRoots(store: Store, locatorText: string | null): VcsRoot[] {
  let roots = store.data.vcsRoots;
  if (!locatorText) return roots;
  const locator = parseLocator(locatorText);
  if (locator.id !== undefined) roots = roots.filter((r) => r.id === locator.id);
  if (locator.name !== undefined) roots = roots.filter((r) => r.name === locator.name);
  if (locator.type !== undefined) roots = roots.filter((r) => r.vcsName === locator.type);
  if (locator.project !== undefined) {
    const id = locatorId(locator.project);
    roots = roots.filter((r) => r.projectId === id);
  }
  if (locator.affectedProject !== undefined) {
    // Roots usable in the project: its own, its subprojects' and its ancestors'.
    const id = locatorId(locator.affectedProject);
    const ids = new Set([...store.affectedProjects(id), ...store.projectChain(id)].map((p) => p.id));
    roots = roots.filter((r) => ids.has(r.projectId));
  }
  return roots;
}

export function vcsRootRoutes(): Route[] {
  const one = /^\/app\/rest\/vcs-roots\/([^/]+)\/?$/;
  const properties = /^\/app\/rest\/vcs-roots\/([^/]+)\/properties\/?$/;
  const property = /^\/app\/rest\/vcs-roots\/([^/]+)\/properties\/([^/]+)$/;
  return [
    route('GET', /^\/app\/rest\/vcs-roots\/?$/, (req, res, ctx) => {
      const roots = selectRoots(ctx.store, req.url.searchParams.get('locator'));
      // VCS roots page by default (teamcity-rest data/finder/impl/VcsRootFinder.java getDefaultPageItemsCount).
      sendJson(res, 200, pagedList(req, roots, DEFAULT_PAGE_SIZE, (r, full) => (full ? vcsRootJson(ctx.store, r) : vcsRootRef(r)), 'vcs-root'));
    }),
    route('POST', /^\/app\/rest\/vcs-roots\/?$/, (req, res, ctx) => {
      const body = parseBody(vcsRootSchema, req.json());
      const project = findProject(ctx.store, body.project.locator ?? `id:${body.project.id ?? ''}`);
      const id = body.id ?? generateId(project.id, body.name);
      if (!ID_PATTERN.test(id)) throw badRequest(`VCS root ID "${id}" is invalid: it must start with a Latin letter and contain only Latin letters, digits and underscores.`);
      if (!ctx.store.idFree(id)) throw new HttpError(400, `VCS root ID "${id}" is already used.`);
      if (ctx.store.data.vcsRoots.some((r) => r.projectId === project.id && r.name === body.name))
        throw badRequest(`VCS root with name "${body.name}" already exists in project "${project.name}".`);
      const root: VcsRoot = {
        id,
        name: body.name,
        vcsName: body.vcsName,
        projectId: project.id,
        properties: Object.fromEntries((body.properties?.property ?? []).map((p) => [p.name, p.value ?? ''])),
      };
      ctx.store.data.vcsRoots.push(root);
      ctx.store.save();
      sendJson(res, 200, vcsRootJson(ctx.store, root));
    }),
    route('GET', one, (req, res, ctx) => sendJson(res, 200, vcsRootJson(ctx.store, findVcsRoot(ctx.store, req.params[0]!)))),
    route('DELETE', one, (req, res, ctx) => {
      const root = findVcsRoot(ctx.store, req.params[0]!);
      const users = ctx.store.data.buildTypes.filter((b) => b.vcsRootEntries.some((e) => e.vcsRootId === root.id));
      if (users.length) throw badRequest(`VCS root "${root.name}" is used in build configurations: ${users.map((b) => b.id).join(', ')}. Detach it first.`);
      ctx.store.data.vcsRoots.splice(ctx.store.data.vcsRoots.indexOf(root), 1);
      ctx.store.save();
      res.writeHead(204).end();
    }),
    route('GET', properties, (req, res, ctx) => sendJson(res, 200, vcsRootJson(ctx.store, findVcsRoot(ctx.store, req.params[0]!)).properties)),
    route('PUT', properties, (req, res, ctx) => {
      const root = findVcsRoot(ctx.store, req.params[0]!);
      const body = parseBody(propertiesSchema, req.json());
      root.properties = Object.fromEntries(body.property.map((p) => [p.name, p.value ?? '']));
      ctx.store.save();
      sendJson(res, 200, vcsRootJson(ctx.store, root).properties);
    }),
    route('GET', property, (req, res, ctx) => {
      const root = findVcsRoot(ctx.store, req.params[0]!);
      const name = req.params[1]!;
      const value = root.properties[name];
      if (value === undefined) throw notFound(`No property with name '${name}'`);
      sendText(res, 200, name.startsWith('secure:') ? '' : value);
    }),
    route('PUT', property, (req, res, ctx) => {
      const root = findVcsRoot(ctx.store, req.params[0]!);
      const name = req.params[1]!;
      root.properties[name] = req.text();
      ctx.store.save();
      sendText(res, 200, name.startsWith('secure:') ? '' : req.text());
    }),
  ];
}
