// Names the UI and the operations builds share (TEAM.md section 5).

/** Project parameters holding the Repo Access settings and the management credential. */
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

/** Build parameter carrying the command lines an operations build runs. */
export const scriptParam = 'repoaccess.script';

/** The build configuration that runs the helper for the UI, one per project. */
export const opsBuildTypeId = (projectId: string): string => `${projectId}_RepoAccessOps`;

/** Where the helper's JSON documents land (published as artifacts under out/). */
export const artifactDir = 'out';
