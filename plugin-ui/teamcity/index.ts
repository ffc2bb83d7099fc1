import type { z } from 'zod/mini';
import { getBuild, listArtifacts, queueBuild, readArtifactText, readBuildLog } from './builds';
import { ensureOpsBuildType } from './ops-build-type';
import { deleteParameter, listParameters, setParameter, type Parameter } from './parameters';
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
export type { Infer, Schema } from './schema';
export type { ListQuery };
export { byId };
export { helperCommand, operationScript, shellArg } from './helper-script';
export { opsBuildTypeId, params, scriptParam } from './names';

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
  ensureOpsBuildType(projectId: string): Promise<string>;
  queueBuild(buildTypeId: string, properties?: Record<string, string>): Promise<Build>;
  build(buildId: number): Promise<Build>;
  artifacts(buildId: number, dir?: string): Promise<string[]>;
  artifactText(buildId: number, path: string): Promise<string>;
  buildLog(buildId: number): Promise<string>;
  /** Queues `script` on the project's operations build, reports progress, resolves when it finished. */
  runOperation(
    projectId: string,
    script: string,
    params?: Record<string, string>,
    onProgress?: (progress: OperationProgress) => void,
    options?: OperationOptions,
  ): Promise<OperationResult>;
}

export function createTeamCity(transport: Transport): TeamCity {
  const rest = createRest(transport);
  const ensured = new Map<string, Promise<string>>();
  const ensure = (projectId: string): Promise<string> => {
    let pending = ensured.get(projectId);
    if (!pending) {
      pending = ensureOpsBuildType(rest, projectId);
      ensured.set(projectId, pending);
      pending.catch(() => ensured.delete(projectId));
    }
    return pending;
  };
  return {
    rest,
    list: (query, item, what) => listAll(rest, query, item, what),
    project: (projectId) => rest.get(`app/rest/projects/${byId(projectId)}`, projectSchema, 'read the project'),
    parameters: (projectId) => listParameters(rest, projectId),
    setParameter: (projectId, name, value, options) => setParameter(rest, projectId, name, value, options),
    deleteParameter: (projectId, name) => deleteParameter(rest, projectId, name),
    moveStepFirst: (buildTypeId, stepId) => moveStepFirst(rest, buildTypeId, stepId),
    uploadSshKey: (projectId, name, privateKey) => uploadSshKey(rest, projectId, name, privateKey),
    deleteSshKey: (projectId, name) => deleteSshKey(rest, projectId, name),
    ensureOpsBuildType: ensure,
    queueBuild: (buildTypeId, properties) => queueBuild(rest, buildTypeId, properties),
    build: (buildId) => getBuild(rest, buildId),
    artifacts: (buildId, dir) => listArtifacts(rest, buildId, dir),
    artifactText: (buildId, path) => readArtifactText(rest, buildId, path),
    buildLog: (buildId) => readBuildLog(rest, buildId),
    runOperation: async (projectId, script, params, onProgress, options) => runOperation(rest, await ensure(projectId), script, params, onProgress, options),
  };
}
