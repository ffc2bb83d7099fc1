import type { TeamCity } from '../teamcity';
import { featureParams } from './settings';

/**
 * The agent knows where Bitbucket's git endpoints are (BITBUCKET_GIT_SSH, BITBUCKET_GIT_HTTPS_URL on the agent;
 * bitbucket.org when unset): helper builds write them down so VCS roots point where builds can reach.
 */
export const endpointLines = ['echo "$BITBUCKET_GIT_SSH" > out/git-ssh.txt', 'echo "$BITBUCKET_GIT_HTTPS_URL" > out/git-https.txt'];

/** Stores what the build found as repoaccess.gitSsh / gitHttps, unless the project already sets them. */
export async function rememberEndpoints(tc: TeamCity, projectId: string, buildId: number): Promise<void> {
  const current = await tc.parameters(projectId);
  for (const [file, name] of [
    ['out/git-ssh.txt', featureParams.gitSsh],
    ['out/git-https.txt', featureParams.gitHttps],
  ] as const) {
    if (current.get(name)?.value) continue;
    const value = (await tc.artifactText(buildId, file).catch(() => '')).trim();
    if (value) await tc.setParameter(projectId, name, value);
  }
}
