import { params, type TeamCity } from '../teamcity';

/**
 * Replaces a project's personal clone credential (an API token) with a workspace, project or repository access token:
 * tied to no person. The token goes into a password parameter; the personal token and its e-mail are removed.
 */
export async function replaceWithAccessToken(tc: TeamCity, projectId: string, accessToken: string): Promise<void> {
  const token = accessToken.trim();
  if (!token || /\s/.test(token)) throw new Error('Paste the access token (one line, no spaces): create it under the workspace, project or repository settings in Bitbucket.');
  await tc.setParameter(projectId, params.accessToken, token, { password: true });
  await tc.setParameter(projectId, params.auth, 'access-token');
  for (const name of [params.apiToken, params.email, params.username]) await tc.deleteParameter(projectId, name);
}
