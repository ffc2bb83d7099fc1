// Names the UI and the operations builds share.

/**
 * Parameters holding the Repo Access settings and the credentials: the management credential (access-key
 * mode) on the operations build configuration only, a clone credential (other modes) on the project.
 */
export const params = {
  mode: 'repoaccess.mode',
  workspace: 'repoaccess.workspace',
  auth: 'env.BITBUCKET_AUTH',
  email: 'env.BITBUCKET_EMAIL',
  username: 'env.BITBUCKET_USERNAME',
  apiToken: 'env.BITBUCKET_API_TOKEN',
  oauthKey: 'env.BITBUCKET_OAUTH_KEY',
  oauthSecret: 'env.BITBUCKET_OAUTH_SECRET',
  accessToken: 'env.BITBUCKET_ACCESS_TOKEN',
} as const;

/** Build parameter carrying the operation spec (JSON) an operations build runs; the helper validates it. */
export const operationParam = 'repoaccess.operation';

/** Project parameter: the full path of Node on the agents when it is not on PATH. */
export const nodeParam = 'repoaccess.node';

/** The project's Node parameters: the path (empty: node on PATH) and the env variable the steps read it from. */
export const nodeParameters: ReadonlyArray<readonly [name: string, value: string]> = [
  [nodeParam, ''],
  ['env.REPO_ACCESS_NODE', `%${nodeParam}%`],
];

/** Agent parameter (buildAgent.properties) that marks agents trusted to hold the management credential, by default. */
export const trustedAgentParam = 'repoaccess.trusted';

/** Project parameter: the agent parameter the admin chose in the tab instead (the operations build requires it to exist). */
export const trustedAgentSetting = 'repoaccess.trustedAgentParameter';

/**
 * The subproject "Repo Access" that holds the operations build configuration and the management credential, with
 * versioned settings switched off so neither reaches a settings repository and a read-only project can still run it.
 */
export const opsProjectId = (projectId: string): string => `${projectId}_RepoAccess`;

/** The build configuration that runs the helper for the UI, one per project, in its "Repo Access" subproject (earlier versions: in the project itself). */
export const opsBuildTypeId = (projectId: string): string => `${opsProjectId(projectId)}Ops`;

/** The project an operations build configuration serves, or null when `buildTypeId` is not one (either home counts). */
export function opsServedProject(buildTypeId: string, projectId: string): string | null {
  if (buildTypeId === opsBuildTypeId(projectId)) return projectId;
  const parent = projectId.endsWith('_RepoAccess') ? projectId.slice(0, -'_RepoAccess'.length) : null;
  return parent && buildTypeId === opsBuildTypeId(parent) ? parent : null;
}

/** Where the helper's JSON documents land (published as artifacts under out/). */
export const artifactDir = 'out';
