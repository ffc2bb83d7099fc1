import type { OperationSpec } from '../../agent-helper/contract';
import { getBuild, listArtifacts, queueBuild, readArtifactText, readBuildLog } from './builds';
import { buildTypeRoutes, type BuildType } from './build-types';
import { ensureOpsBuildType, ensureRequirement, setTrustedAgentParameter, trustedAgentParameter } from './ops-build-type';
import { deleteParameter, listParameters, setParameter, type Parameter, type ParameterOwner } from './parameters';
import { opsBuildTypeId } from './names';
import { projectRoutes, type Project, type Subproject } from './projects';
import { createRest } from './rest';
import { runOperation, type OperationOptions, type OperationProgress, type OperationResult } from './run-operation';
import type { Build } from './rest-shapes';
import type { ServerInventory } from './server-inventory';
import { deleteSshKey, uploadSshKey } from './ssh-keys';
import { stepRoutes, type NewStep } from './steps';
import type { Transport } from './transport';
import { versionedSettingsRoutes, type VersionedSettingsConfig } from './versioned-settings';
import { vcsRootRoutes, type NewVcsRoot, type VcsRoot } from './vcs-roots';

export type { Build, BuildType, NewStep, NewVcsRoot, OperationOptions, OperationProgress, OperationResult, Parameter, Project, ServerInventory, Subproject, Transport, VcsRoot, VersionedSettingsConfig };
export { TeamCityError } from './transport';
import { TeamCityError } from './transport';
export type { Infer, Schema } from './schema';
export { helperCommand, nodeCheck, NO_NODE_PROBLEM, shellArg } from './helper-script';
export { nodeParam, nodeParameters, operationParam, opsBuildTypeId, opsProjectId, opsServedProject, params, trustedAgentParam } from './names';
export { NOT_WINDOWS, OpsConfigurationChanged } from './ops-build-type';

/** An agent requirement: `type` is TeamCity's condition (exists, does-not-contain, …) on the agent parameter `name`. */
export type Requirement = Parameters<typeof ensureRequirement>[2];

/** The TeamCity REST operations the UI uses, bound to one transport: the only place that knows routes and locators. */
export interface TeamCity {
  project(projectId: string): Promise<Project>;
  /** The projects below the project, over all pages. */
  subprojects(projectId: string): Promise<Subproject[]>;
  parameters(projectId: string): Promise<Map<string, Parameter>>;
  setParameter(projectId: string, name: string, value: string, options?: { password?: boolean }): Promise<void>;
  deleteParameter(projectId: string, name: string): Promise<void>;
  /** null when there is no VCS root with that id. */
  vcsRoot(id: string): Promise<VcsRoot | null>;
  /** Every VCS root usable in the project (its own, its subprojects' and its ancestors'), with properties. */
  vcsRoots(projectId: string): Promise<VcsRoot[]>;
  createVcsRoot(root: NewVcsRoot): Promise<void>;
  /** Replaces all of the root's properties: secure ones not sent are dropped. */
  setVcsRootProperties(id: string, properties: Record<string, string>): Promise<void>;
  vcsRootProperty(id: string, name: string): Promise<string>;
  setVcsRootProperty(id: string, name: string, value: string): Promise<void>;
  /** Build configurations of the project and its subprojects, with steps and VCS root entries. */
  buildTypes(projectId: string): Promise<BuildType[]>;
  attachRoot(buildTypeId: string, rootId: string, checkoutRules: string): Promise<void>;
  /** Takes the root out of the build's checkout; the root stays in its project. */
  detachRoot(buildTypeId: string, rootId: string): Promise<void>;
  /** Appends a build step; returns its id. */
  addStep(buildTypeId: string, step: NewStep): Promise<string>;
  setStepProperty(buildTypeId: string, stepId: string, name: string, value: string): Promise<void>;
  /** Puts a build step first (its id may change); false when it already was. */
  moveStepFirst(buildTypeId: string, stepId: string): Promise<boolean>;
  /** Adds the agent requirement unless the build configuration has it already. */
  ensureRequirement(buildTypeId: string, requirement: Requirement): Promise<void>;
  /** The project's own versioned-settings configuration. */
  versionedSettings(projectId: string): Promise<VersionedSettingsConfig>;
  /** Keeps `value` as a secure token of the project; returns the token (for `credentialsJSON:…`). */
  createSecureToken(projectId: string, value: string): Promise<string>;
  /** The whole server for the ownership report, in pages of 100; `since` (a TeamCity REST date) bounds the builds. */
  serverInventory(since: string): Promise<ServerInventory>;
  uploadSshKey(projectId: string, name: string, privateKey: string): Promise<void>;
  deleteSshKey(projectId: string, name: string): Promise<void>;
  /** Creates the operations build configuration, or checks it is unchanged (OpsConfigurationChanged otherwise). */
  ensureOpsBuildType(projectId: string): Promise<string>;
  /** Parameters of the operations build configuration (its own and inherited), keyed by name; none before it exists. */
  opsParameters(projectId: string): Promise<Map<string, Parameter>>;
  setOpsParameter(projectId: string, name: string, value: string, options?: { password?: boolean }): Promise<void>;
  deleteOpsParameter(projectId: string, name: string): Promise<void>;
  /** The agent parameter whose agents may run the operations build (and so hold the management credential). */
  trustedAgentParameter(projectId: string): Promise<string>;
  setTrustedAgentParameter(projectId: string, name: string): Promise<void>;
  queueBuild(buildTypeId: string, properties?: Record<string, string>): Promise<Build>;
  build(buildId: number): Promise<Build>;
  artifacts(buildId: number, dir?: string): Promise<string[]>;
  artifactText(buildId: number, path: string): Promise<string>;
  buildLog(buildId: number): Promise<string>;
  /** Checks the project's operations build, queues `spec` on it, reports progress, resolves when it finished. */
  runOperation(projectId: string, spec: OperationSpec, options?: OperationOptions): Promise<OperationResult>;
}

export function createTeamCity(transport: Transport): TeamCity {
  const rest = createRest(transport);
  // Checked on every use: the configuration may have been changed since the last run.
  const ensure = (projectId: string): Promise<string> => ensureOpsBuildType(rest, projectId);
  const ops = async (projectId: string): Promise<ParameterOwner> => ({ kind: 'buildTypes', id: await ensure(projectId) });
  const project = (projectId: string): ParameterOwner => ({ kind: 'projects', id: projectId });
  return {
    ...projectRoutes(rest),
    parameters: (projectId) => listParameters(rest, project(projectId)),
    setParameter: (projectId, name, value, options) => setParameter(rest, project(projectId), name, value, options),
    deleteParameter: (projectId, name) => deleteParameter(rest, project(projectId), name),
    ...vcsRootRoutes(rest),
    ...buildTypeRoutes(rest),
    ...stepRoutes(rest),
    ensureRequirement: (buildTypeId, requirement) => ensureRequirement(rest, buildTypeId, requirement),
    ...versionedSettingsRoutes(rest),
    // Only the ownership section asks: its code comes in that section's lazy chunk.
    serverInventory: async (since) => (await import(/* webpackChunkName: "ownership" */ './server-inventory')).loadServerInventory(rest, since),
    uploadSshKey: (projectId, name, privateKey) => uploadSshKey(rest, projectId, name, privateKey),
    deleteSshKey: (projectId, name) => deleteSshKey(rest, projectId, name),
    ensureOpsBuildType: ensure,
    // Reading does not create or check it: the Connection section shows what is stored even when it was tampered with.
    opsParameters: (projectId) =>
      listParameters(rest, { kind: 'buildTypes', id: opsBuildTypeId(projectId) }).catch((error: unknown) => {
        if (error instanceof TeamCityError && error.status === 404) return new Map<string, Parameter>();
        throw error;
      }),
    setOpsParameter: async (projectId, name, value, options) => setParameter(rest, await ops(projectId), name, value, options),
    deleteOpsParameter: async (projectId, name) => deleteParameter(rest, await ops(projectId), name),
    trustedAgentParameter: (projectId) => trustedAgentParameter(rest, projectId),
    setTrustedAgentParameter: (projectId, name) => setTrustedAgentParameter(rest, projectId, name),
    queueBuild: (buildTypeId, properties) => queueBuild(rest, buildTypeId, properties),
    build: (buildId) => getBuild(rest, buildId),
    artifacts: (buildId, dir) => listArtifacts(rest, buildId, dir),
    artifactText: (buildId, path) => readArtifactText(rest, buildId, path),
    buildLog: (buildId) => readBuildLog(rest, buildId),
    runOperation: async (projectId, spec, options) => runOperation(rest, await ensure(projectId), spec, options),
  };
}
