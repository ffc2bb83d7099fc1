import { isPassword, type Build, type BuildType, type Parameter, type Project, type Requirement, type Step, type VcsRoot } from '../model';
import type { Store } from '../store';

// Entities in the JSON shapes TeamCity's REST API returns them.

const SECURE_PREFIX = 'secure:';

export function parameterJson(parameter: Parameter, owner: string, inherited = false): Record<string, unknown> {
  return {
    name: parameter.name,
    // A password parameter's value never leaves the server.
    ...(isPassword(parameter) ? {} : { value: parameter.value }),
    ...(inherited ? { inherited: true } : {}),
    type: parameter.rawType ? { rawValue: parameter.rawType } : undefined,
    href: `${owner}/parameters/${encodeURIComponent(parameter.name)}`,
  };
}

export function parametersJson(own: Parameter[], owner: string, inherited: Parameter[] = []): Record<string, unknown> {
  const names = new Set(own.map((p) => p.name));
  const property = [
    ...own.map((p) => parameterJson(p, owner)),
    ...inherited.filter((p) => !names.has(p.name) && (names.add(p.name), true)).map((p) => parameterJson(p, owner, true)),
  ];
  return { count: property.length, href: `${owner}/parameters`, property };
}

/** Parameters defined on the project's ancestors, nearest first. */
export function inheritedParameters(store: Store, projectId: string): Parameter[] {
  return store.projectChain(projectId).slice(1).flatMap((p) => p.parameters);
}

export const projectHref = (id: string) => `/app/rest/projects/id:${id}`;
export const vcsRootHref = (id: string) => `/app/rest/vcs-roots/id:${id}`;
export const buildTypeHref = (id: string) => `/app/rest/buildTypes/id:${id}`;
export const buildHref = (id: number) => `/app/rest/builds/id:${id}`;

export function projectRef(project: Project): Record<string, unknown> {
  return {
    id: project.id,
    name: project.name,
    ...(project.parentId ? { parentProjectId: project.parentId } : {}),
    description: project.description,
    href: projectHref(project.id),
    webUrl: `/project.html?projectId=${project.id}`,
  };
}

export function projectJson(store: Store, project: Project): Record<string, unknown> {
  const parent = project.parentId ? store.project(project.parentId) : undefined;
  const children = store.data.projects.filter((p) => p.parentId === project.id);
  const buildTypes = store.data.buildTypes.filter((b) => b.projectId === project.id);
  return {
    ...projectRef(project),
    archived: false,
    ...(parent ? { parentProject: projectRef(parent) } : {}),
    buildTypes: { count: buildTypes.length, buildType: buildTypes.map((b) => buildTypeRef(store, b)) },
    templates: { count: 0, buildType: [] },
    parameters: parametersJson(project.parameters, projectHref(project.id), inheritedParameters(store, project.id)),
    vcsRoots: { count: store.data.vcsRoots.filter((r) => r.projectId === project.id).length, href: `/app/rest/vcs-roots?locator=project:(id:${project.id})` },
    projects: { count: children.length, project: children.map(projectRef) },
    projectFeatures: projectFeaturesJson(project),
  };
}

// teamcity-rest model/project/Project.java: projectFeatures (PropEntitiesProjectFeature) of id, type, properties.
function projectFeaturesJson(project: Project): Record<string, unknown> {
  const features = project.features ?? [];
  return {
    count: features.length,
    projectFeature: features.map((f) => {
      // Secure properties (a connection's secure:clientSecret) are write-only, as VCS root ones are.
      const property = Object.entries(f.properties).filter(([name]) => !name.startsWith(SECURE_PREFIX)).map(([name, value]) => ({ name, value }));
      return { id: f.id, type: f.type, properties: { count: property.length, property } };
    }),
  };
}

export function vcsRootRef(root: VcsRoot): Record<string, unknown> {
  return { id: root.id, name: root.name, href: vcsRootHref(root.id) };
}

export function vcsRootJson(store: Store, root: VcsRoot): Record<string, unknown> {
  const project = store.project(root.projectId);
  // Secure properties (secure:password, …) are write-only, as in TeamCity.
  const property = Object.entries(root.properties)
    .filter(([name]) => !name.startsWith(SECURE_PREFIX))
    .map(([name, value]) => ({ name, value }));
  return {
    ...vcsRootRef(root),
    vcsName: root.vcsName,
    ...(project ? { project: projectRef(project) } : {}),
    properties: { count: property.length, href: `${vcsRootHref(root.id)}/properties`, property },
    vcsRootInstances: { href: `/app/rest/vcs-root-instances?locator=vcsRoot:(id:${root.id})` },
  };
}

export function buildTypeRef(store: Store, buildType: BuildType): Record<string, unknown> {
  const project = store.project(buildType.projectId);
  return {
    id: buildType.id,
    name: buildType.name,
    projectName: project?.name,
    projectId: buildType.projectId,
    href: buildTypeHref(buildType.id),
    webUrl: `/viewType.html?buildTypeId=${buildType.id}`,
  };
}

export function stepJson(step: Step): Record<string, unknown> {
  const property = Object.entries(step.properties).map(([name, value]) => ({ name, value }));
  return { id: step.id, name: step.name, type: step.type, properties: { count: property.length, property } };
}

export function stepsJson(buildType: BuildType): Record<string, unknown> {
  return { count: buildType.steps.length, step: buildType.steps.map(stepJson) };
}

// REST API Reference "AgentRequirements"/"AgentRequirement" (jetbrains.com/help/teamcity/rest): id, type, properties; names property-name/property-value unconfirmed.
/** TeamCity's agent-requirement: type plus the properties property-name and property-value. */
export function requirementJson(requirement: Requirement): Record<string, unknown> {
  const property = [{ name: 'property-name', value: requirement.name }, ...(requirement.value === undefined ? [] : [{ name: 'property-value', value: requirement.value }])];
  return { id: requirement.id, type: requirement.type, properties: { count: property.length, property } };
}

export function requirementsJson(buildType: BuildType): Record<string, unknown> {
  const requirements = buildType.requirements ?? [];
  return { count: requirements.length, 'agent-requirement': requirements.map(requirementJson) };
}

export function buildTypeJson(store: Store, buildType: BuildType): Record<string, unknown> {
  const project = store.project(buildType.projectId);
  const href = buildTypeHref(buildType.id);
  const inherited = project ? store.projectChain(project.id).flatMap((p) => p.parameters) : [];
  const settings = Object.entries(buildType.settings).map(([name, value]) => ({ name, value }));
  return {
    ...buildTypeRef(store, buildType),
    ...(project ? { project: projectRef(project) } : {}),
    paused: false,
    'vcs-root-entries': {
      count: buildType.vcsRootEntries.length,
      'vcs-root-entry': buildType.vcsRootEntries.map((e) => {
        const root = store.vcsRoot(e.vcsRootId);
        return { id: e.vcsRootId, 'vcs-root': root ? vcsRootRef(root) : { id: e.vcsRootId }, 'checkout-rules': e.checkoutRules };
      }),
    },
    settings: { count: settings.length, property: settings },
    parameters: parametersJson(buildType.parameters, href, inherited),
    steps: stepsJson(buildType),
    'agent-requirements': requirementsJson(buildType),
    // The sandbox has no templates; REST's BuildType carries "templates" (a BuildTypes list) all the same.
    templates: { count: 0, buildType: [] },
    builds: { href: `/app/rest/builds/?locator=buildType:(id:${buildType.id})` },
  };
}

export function buildJson(store: Store, build: Build): Record<string, unknown> {
  const buildType = store.buildType(build.buildTypeId);
  const href = buildHref(build.id);
  return {
    id: build.id,
    buildTypeId: build.buildTypeId,
    ...(build.state === 'queued' ? {} : { number: build.number }),
    status: build.status,
    state: build.state,
    ...(build.state === 'running' ? { running: true, percentageComplete: build.percentageComplete } : {}),
    href,
    webUrl: `/buildConfiguration/${build.buildTypeId}/${build.id}`,
    statusText: build.statusText,
    ...(build.state === 'running'
      ? { 'running-info': { percentageComplete: build.percentageComplete, elapsedSeconds: elapsed(build), estimatedTotalSeconds: 0, currentStageText: build.currentStageText, outdated: false, probablyHanging: false } }
      : {}),
    ...(build.state === 'queued' ? { waitReason: build.waitReason ?? 'Waiting for the build queue to be processed' } : {}),
    ...(buildType ? { buildType: buildTypeRef(store, buildType) } : {}),
    queuedDate: build.queuedDate,
    ...(build.startDate ? { startDate: build.startDate } : {}),
    ...(build.finishDate ? { finishDate: build.finishDate } : {}),
    ...(build.canceled ? { canceledInfo: { text: 'Canceled' } } : {}),
    properties: parametersJson(build.properties, href),
    problemOccurrences: { count: build.problems.length, href: `/app/rest/problemOccurrences?locator=build:(id:${build.id})` },
    artifacts: { href: `${href}/artifacts/children/` },
  };
}

function elapsed(build: Build): number {
  if (!build.startDate) return 0;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(build.startDate);
  if (!m) return 0;
  const start = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Math.max(0, Math.round((Date.now() - start) / 1000));
}
