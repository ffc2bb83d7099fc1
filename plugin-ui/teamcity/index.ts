import type { z } from 'zod/mini';
import { getBuild, listArtifacts, queueBuild, readArtifactText, readBuildLog } from './builds';
import { ensureOpsBuildType, setTrustedAgentParameter, trustedAgentParameter } from './ops-build-type';
import type { OperationSpec } from './operation-spec';
import { deleteParameter, listParameters, setParameter, type Parameter, type ParameterOwner } from './parameters';
import { opsBuildTypeId } from './names';
import { listAll, type ListQuery } from './paging';
import { byId, createRest, type Rest } from './rest';
import { runOperation, type OperationOptions, type OperationProgress, type OperationResult } from './run-operation';
import { projectSchema, type Build } from './schemas';
import { deleteSshKey, uploadSshKey } from './ssh-keys';
import { moveStepFirst } from './steps';
import type { Schema } from './schema';
import type { Transport } from './transport';

export type { Build, OperationOptions, OperationProgress, OperationResult, Parameter, Rest, Transport };
export { TeamCityError } from './transport';
import { TeamCityError } from './transport';
export type { Infer, Schema } from './schema';
export type { ListQuery };
export { byId };
export { helperCommand, nodeCheck, NO_NODE_PROBLEM, shellArg } from './helper-script';
export { nodeParam, operationParam, opsBuildTypeId, opsProjectId, opsServedProject, params, trustedAgentParam } from './names';
export { ensureRequirement, NOT_WINDOWS, OpsConfigurationChanged } from './ops-build-type';
export { registerDocName, type OperationSpec, type Selection } from './operation-spec';

export type Project = z.infer<typeof projectSchema>;

/** The TeamCity REST operations the UI uses, bound to one transport. */
export interface TeamCity {
  /** Raw typed REST for endpoints not wrapped here (features bring their own zod schemas). */
  readonly rest: Rest;
  /** Every item of a list (VCS roots, build configurations, projects), following TeamCity's pages. */
  list<T>(query: ListQuery, item: Schema<T>, what: string): Promise<T[]>;
  project(projectId: string): Promise<Project>;
  parameters(projectId: string): Promise<Map<string, Parameter>>;
  setParameter(projectId: string, name: string, value: string, options?: { password?: boolean }): Promise<void>;
  deleteParameter(projectId: string, name: string): Promise<void>;
  /** Puts a build step first (its id may change); false when it already was. */
  moveStepFirst(buildTypeId: string, stepId: string): Promise<boolean>;
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
  runOperation(
    projectId: string,
    spec: OperationSpec,
    onProgress?: (progress: OperationProgress) => void,
    options?: OperationOptions,
  ): Promise<OperationResult>;
}

export function createTeamCity(transport: Transport): TeamCity {
  const rest = createRest(transport);
  // Checked on every use: the configuration may have been changed since the last run.
  const ensure = (projectId: string): Promise<string> => ensureOpsBuildType(rest, projectId);
  const ops = async (projectId: string): Promise<ParameterOwner> => ({ kind: 'buildTypes', id: await ensure(projectId) });
  const project = (projectId: string): ParameterOwner => ({ kind: 'projects', id: projectId });
  return {
    rest,
    list: (query, item, what) => listAll(rest, query, item, what),
    project: (projectId) => rest.get(`app/rest/projects/${byId(projectId)}`, projectSchema, 'read the project'),
    parameters: (projectId) => listParameters(rest, project(projectId)),
    setParameter: (projectId, name, value, options) => setParameter(rest, project(projectId), name, value, options),
    deleteParameter: (projectId, name) => deleteParameter(rest, project(projectId), name),
    moveStepFirst: (buildTypeId, stepId) => moveStepFirst(rest, buildTypeId, stepId),
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
    runOperation: async (projectId, spec, onProgress, options) => runOperation(rest, await ensure(projectId), spec, onProgress, options),
  };
}
