import { badRequest, HttpError, notFound, route, sendJson, sendText, type Route } from '../http';
import { locatorId, parseLocator } from '../locator';
import type { BuildType, Requirement, Step } from '../model';
import type { Store } from '../store';
import { buildTypeHref, buildTypeJson, buildTypeRef, requirementJson, requirementsJson, stepJson, stepsJson } from './json';
import { pagedList } from './paging';
import { parameterRoutes } from './parameters';
import { findProject } from './projects';
import { buildTypeSchema, generateId, ID_PATTERN, parseBody, requirementSchema, stepSchema, stepsSchema, vcsRootEntrySchema } from './schemas';
import { findVcsRoot } from './vcs-roots';
import { isReadOnly } from './versioned-settings';
import type { z } from 'zod';

export function findBuildType(store: Store, locator: string): BuildType {
  const id = locatorId(locator);
  const buildType = store.buildType(id);
  if (!buildType) throw notFound(`No build type or template is found by id '${id}'.`);
  return buildType;
}

function selectBuildTypes(store: Store, locatorText: string | null): BuildType[] {
  let buildTypes = store.data.buildTypes;
  if (!locatorText) return buildTypes;
  const locator = parseLocator(locatorText);
  if (locator.id !== undefined) buildTypes = buildTypes.filter((b) => b.id === locator.id);
  if (locator.name !== undefined) buildTypes = buildTypes.filter((b) => b.name === locator.name);
  if (locator.project !== undefined) {
    const id = locatorId(locator.project);
    buildTypes = buildTypes.filter((b) => b.projectId === id);
  }
  if (locator.affectedProject !== undefined) {
    const ids = new Set(store.affectedProjects(locatorId(locator.affectedProject)).map((p) => p.id));
    buildTypes = buildTypes.filter((b) => ids.has(b.projectId));
  }
  return buildTypes;
}

function toStep(buildType: BuildType, body: z.infer<typeof stepSchema>): Step {
  const taken = new Set(buildType.steps.map((s) => s.id));
  let n = buildType.steps.length + 1;
  while (taken.has(`RUNNER_${n}`)) n++;
  const id = body.id ?? `RUNNER_${n}`;
  if (taken.has(id)) throw badRequest(`Build step with id '${id}' already exists`);
  return { id, name: body.name, type: body.type, properties: Object.fromEntries((body.properties?.property ?? []).map((p) => [p.name, p.value ?? ''])) };
}

function toRequirement(buildType: BuildType, body: z.infer<typeof requirementSchema>): Requirement {
  const prop = (name: string) => body.properties.property.find((p) => p.name === name)?.value;
  const name = prop('property-name');
  if (!name) throw badRequest('Agent requirement should contain the property-name property.');
  const taken = new Set((buildType.requirements ?? []).map((r) => r.id));
  let n = taken.size + 1;
  while (taken.has(`RQ_${n}`)) n++;
  const value = prop('property-value');
  return { id: body.id ?? `RQ_${n}`, type: body.type, name, ...(value === undefined ? {} : { value }) };
}

function findStep(buildType: BuildType, id: string): Step {
  const step = buildType.steps.find((s) => s.id === id);
  if (!step) throw notFound(`No step with id '${id}' is found in the build configuration.`);
  return step;
}

function addVcsRootEntry(store: Store, buildType: BuildType, body: z.infer<typeof vcsRootEntrySchema>): void {
  const root = findVcsRoot(store, `id:${body['vcs-root'].id}`);
  if (buildType.vcsRootEntries.some((e) => e.vcsRootId === root.id)) throw badRequest(`VCS root '${root.id}' is already attached to '${buildType.id}'`);
  buildType.vcsRootEntries.push({ vcsRootId: root.id, checkoutRules: body['checkout-rules'] ?? '' });
}

export function buildTypeRoutes(): Route[] {
  const base = '^\\/app\\/rest\\/buildTypes\\/([^/]+)';
  const at = (suffix: string) => new RegExp(`${base}${suffix}$`);
  return [
    route('GET', /^\/app\/rest\/buildTypes\/?$/, (req, res, ctx) => {
      const buildTypes = selectBuildTypes(ctx.store, req.url.searchParams.get('locator'));
      // Unpaged unless the locator says count: (BuildTypeFinder keeps AbstractFinder's null default page size).
      sendJson(res, 200, pagedList(req, buildTypes, null, (b, full) => (full ? buildTypeJson : buildTypeRef)(ctx.store, b), 'buildType'));
    }),
    route('POST', /^\/app\/rest\/buildTypes\/?$/, (req, res, ctx) => {
      const body = parseBody(buildTypeSchema, req.json());
      const projectLocator = body.project?.locator ?? (body.project?.id ? `id:${body.project.id}` : body.projectId ? `id:${body.projectId}` : undefined);
      if (!projectLocator) throw badRequest('Build configuration creation request should contain project node.');
      const project = findProject(ctx.store, projectLocator);
      const id = body.id ?? generateId(project.id, body.name);
      if (!ID_PATTERN.test(id)) throw badRequest(`Build configuration or template ID "${id}" is invalid: it must start with a Latin letter and contain only Latin letters, digits and underscores.`);
      if (!ctx.store.idFree(id)) throw new HttpError(400, `Build configuration or template ID "${id}" is already used by another build configuration or template.`);
      const buildType: BuildType = {
        id,
        name: body.name,
        projectId: project.id,
        parameters: (body.parameters?.property ?? []).map((p) => ({ name: p.name, value: p.value ?? '', ...(p.type?.rawValue ? { rawType: p.type.rawValue } : {}) })),
        settings: Object.fromEntries((body.settings?.property ?? []).map((p) => [p.name, p.value ?? ''])),
        steps: [],
        vcsRootEntries: [],
        requirements: [],
      };
      for (const requirement of body['agent-requirements']?.['agent-requirement'] ?? []) buildType.requirements!.push(toRequirement(buildType, requirement));
      for (const step of body.steps?.step ?? []) buildType.steps.push(toStep(buildType, step));
      for (const entry of body['vcs-root-entries']?.['vcs-root-entry'] ?? []) addVcsRootEntry(ctx.store, buildType, entry);
      ctx.store.data.buildTypes.push(buildType);
      ctx.store.save();
      sendJson(res, 200, buildTypeJson(ctx.store, buildType));
    }),
    route('GET', at('\\/?'), (req, res, ctx) => sendJson(res, 200, buildTypeJson(ctx.store, findBuildType(ctx.store, req.params[0]!)))),
    route('DELETE', at('\\/?'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      ctx.store.data.buildTypes.splice(ctx.store.data.buildTypes.indexOf(buildType), 1);
      ctx.store.save();
      res.writeHead(204).end();
    }),
    // POST /app/rest/buildTypes/{btLocator}/move?targetProjectId=<external id>: no body, no answer (teamcity-rest
    // BuildTypeRequest.moveToProject, TW-21447; "Project not found." as 400). Its own parameters go with it; that password values survive is not confirmed.
    route('POST', at('\\/move\\/?'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      const target = ctx.store.project(req.url.searchParams.get('targetProjectId') ?? '');
      if (!target) throw badRequest('Project not found.');
      // The source project is checked as for every write (refuseReadOnlyWrite); the target's settings change too.
      if (isReadOnly(ctx.store, target.id)) throw new HttpError(403, `Project "${target.id}" settings are read-only: they are loaded from VCS.`);
      buildType.projectId = target.id;
      ctx.store.save();
      res.writeHead(204).end();
    }),
    route('GET', at('\\/steps\\/?'), (req, res, ctx) => sendJson(res, 200, stepsJson(findBuildType(ctx.store, req.params[0]!)))),
    route('POST', at('\\/steps\\/?'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      const step = toStep(buildType, parseBody(stepSchema, req.json()));
      buildType.steps.push(step);
      ctx.store.save();
      sendJson(res, 200, stepJson(step));
    }),
    // Replaces every step with the list given, in its order; each is added anew, so ids are not kept
    // (teamcity-rest BuildTypeRequest.replaceSteps → PropEntitiesStep.setToBuildType: removeAllSteps, add each, applyRunnersOrder).
    route('PUT', at('\\/steps\\/?'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      const body = parseBody(stepsSchema, req.json());
      const kept = buildType.steps;
      buildType.steps = [];
      try {
        for (const step of body.step) buildType.steps.push(toStep(buildType, { ...step, id: undefined }));
      } catch (error) {
        buildType.steps = kept;
        throw error;
      }
      ctx.store.save();
      sendJson(res, 200, stepsJson(buildType));
    }),
    // TeamCity calls a step's properties "parameters" in this route.
    route('PUT', at('\\/steps\\/([^/]+)\\/parameters\\/([^/]+)'), (req, res, ctx) => {
      const step = findStep(findBuildType(ctx.store, req.params[0]!), req.params[1]!);
      step.properties[req.params[2]!] = req.text();
      ctx.store.save();
      sendText(res, 200, req.text());
    }),
    route('DELETE', at('\\/steps\\/([^/]+)'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      const index = buildType.steps.findIndex((s) => s.id === req.params[1]);
      if (index < 0) throw notFound(`No step with id '${req.params[1]}' is found.`);
      buildType.steps.splice(index, 1);
      ctx.store.save();
      res.writeHead(204).end();
    }),
    route('GET', at('\\/agent-requirements\\/?'), (req, res, ctx) => sendJson(res, 200, requirementsJson(findBuildType(ctx.store, req.params[0]!)))),
    route('POST', at('\\/agent-requirements\\/?'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      const requirement = toRequirement(buildType, parseBody(requirementSchema, req.json()));
      (buildType.requirements ??= []).push(requirement);
      ctx.store.save();
      sendJson(res, 200, requirementJson(requirement));
    }),
    route('DELETE', at('\\/agent-requirements\\/([^/]+)'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      const index = (buildType.requirements ?? []).findIndex((r) => r.id === req.params[1]);
      if (index < 0) throw notFound(`No agent requirement with id '${req.params[1]}' is found.`);
      buildType.requirements!.splice(index, 1);
      ctx.store.save();
      res.writeHead(204).end();
    }),
    route('GET', at('\\/vcs-root-entries\\/?'), (req, res, ctx) => {
      sendJson(res, 200, buildTypeJson(ctx.store, findBuildType(ctx.store, req.params[0]!))['vcs-root-entries']);
    }),
    route('POST', at('\\/vcs-root-entries\\/?'), (req, res, ctx) => {
      const buildType = findBuildType(ctx.store, req.params[0]!);
      addVcsRootEntry(ctx.store, buildType, parseBody(vcsRootEntrySchema, req.json()));
      ctx.store.save();
      const entries = buildTypeJson(ctx.store, buildType)['vcs-root-entries'] as { 'vcs-root-entry': unknown[] };
      sendJson(res, 200, entries['vcs-root-entry'].at(-1));
    }),
    route('DELETE', at('\\/vcs-root-entries\\/([^/]+)'), (req, res, ctx) => {
      // The entry is named by a VCS root locator, `id:X` or `X` (teamcity-rest BuildTypeRequest.deleteVcsRootEntry).
      const buildType = findBuildType(ctx.store, req.params[0]!);
      const rootId = locatorId(req.params[1]!);
      const index = buildType.vcsRootEntries.findIndex((e) => e.vcsRootId === rootId);
      if (index < 0) throw notFound(`No VCS root entry with id '${rootId}' is found.`);
      buildType.vcsRootEntries.splice(index, 1);
      ctx.store.save();
      res.writeHead(204).end();
    }),
    ...parameterRoutes('/app/rest/buildTypes', (ctx, locator) => {
      const buildType = findBuildType(ctx.store, locator);
      return { own: buildType.parameters, inherited: ctx.store.projectChain(buildType.projectId).flatMap((p) => p.parameters), href: buildTypeHref(buildType.id) };
    }),
  ];
}
