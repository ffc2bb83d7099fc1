import { byId, type Rest } from './rest';
import { artifactFilesSchema, buildSchema, type Build } from './rest-shapes';

const buildPath = (buildId: number): string => `app/rest/builds/${byId(buildId)}`;
const artifactPath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

export function queueBuild(rest: Rest, buildTypeId: string, properties: Record<string, string> = {}): Promise<Build> {
  const body = { buildType: { id: buildTypeId }, properties: { property: Object.entries(properties).map(([name, value]) => ({ name, value })) } };
  return rest.send('POST', 'app/rest/buildQueue', body, buildSchema, 'start the build');
}

export function getBuild(rest: Rest, buildId: number): Promise<Build> {
  return rest.get(buildPath(buildId), buildSchema, `read the state of build #${buildId}`);
}

/** Names of the artifacts in `dir` ('' for the root). */
export async function listArtifacts(rest: Rest, buildId: number, dir = ''): Promise<string[]> {
  const { file = [] } = await rest.get(`${buildPath(buildId)}/artifacts/children/${artifactPath(dir)}`, artifactFilesSchema, `list the artifacts of build #${buildId}`);
  return file.map((entry) => entry.name);
}

export function readArtifactText(rest: Rest, buildId: number, path: string): Promise<string> {
  return rest.text(`${buildPath(buildId)}/artifacts/content/${artifactPath(path)}`, `read ${path} of build #${buildId}`);
}

export function readBuildLog(rest: Rest, buildId: number): Promise<string> {
  return rest.text(`downloadBuildLog.html?buildId=${buildId}`, `read the log of build #${buildId}`);
}
