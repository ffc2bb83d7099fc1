import { opsProjectId, TeamCityError, type OperationProgress, type TeamCity } from '../../teamcity';
import { featureParams, type WorkflowSettings } from '../../project/settings';
import { reposReportSchema, type ReposDocument } from '../../teamcity/reports';
import type { Repository } from './model';


const toRepositories = (doc: ReposDocument): Repository[] =>
  doc.repositories.map((r) => ({ slug: r.slug, fullName: r.full_name, name: r.name ?? r.slug, project: r.project, isPrivate: r.is_private, mainbranch: r.mainbranch ?? null }));

export interface LoadedRepositories {
  repositories: Repository[];
  buildId: number;
  fromCache: boolean;
}

/**
 * Parameters of the "Repo Access" subproject, which remembers the last listing (its settings are never read-only), and
 * the project's it inherits (where earlier versions kept it); the project's alone before the subproject exists.
 */
async function listingParameters(tc: TeamCity, projectId: string) {
  try {
    return await tc.parameters(opsProjectId(projectId));
  } catch (error) {
    if (error instanceof TeamCityError && error.status === 404) return tc.parameters(projectId);
    throw error;
  }
}

/** The last listing, read back from the artifact of the build remembered in the "Repo Access" subproject; null when there is none. */
export async function cachedRepositories(tc: TeamCity, projectId: string): Promise<LoadedRepositories | null> {
  const cached = (await listingParameters(tc, projectId)).get(featureParams.reposBuildId)?.value;
  const buildId = Number(cached);
  if (!cached || !Number.isInteger(buildId)) return null;
  try {
    const doc = reposReportSchema.safeParse(JSON.parse(await tc.artifactText(buildId, 'out/repos.json')));
    return doc.success ? { repositories: toRepositories(doc.data), buildId, fromCache: true } : null;
  } catch (error) {
    if (error instanceof TeamCityError || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** The last listing (a build artifact) unless `refresh`; otherwise runs `repos` in a build and remembers it. */
export async function loadRepositories(
  tc: TeamCity,
  projectId: string,
  settings: WorkflowSettings,
  options: { refresh: boolean; onProgress?: (progress: OperationProgress) => void },
): Promise<LoadedRepositories> {
  if (!options.refresh) {
    const cached = await cachedRepositories(tc, projectId);
    if (cached) return cached;
  }
  const result = await tc.runOperation(projectId, { v: 1, command: 'repos', workspace: settings.workspace }, { onProgress: options.onProgress });
  if (!result.succeeded) throw new Error(`Listing the repositories of ${settings.workspace} failed: ${result.problem ?? 'see the build log'}`);
  const doc = await result.readJson('repos', reposReportSchema);
  // The operations build ran, so the subproject exists.
  await tc.setParameter(opsProjectId(projectId), featureParams.reposBuildId, String(result.build.id));
  return { repositories: toRepositories(doc), buildId: result.build.id, fromCache: false };
}
