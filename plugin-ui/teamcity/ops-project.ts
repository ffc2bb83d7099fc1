import { z } from 'zod/mini';
import { opsProjectId } from './names';
import { byId, type Rest } from './rest';
import { projectSchema } from './projects';
import { TeamCityError } from './transport';

const OPS_PROJECT_NAME = 'Repo Access';
// teamcity-rest model/versionedSettings/VersionedSettingsConfig.java: the mode a subproject may set for itself.
const versionedConfigSchema = z.object({ synchronizationMode: z.optional(z.string()) });

/** The "Repo Access" subproject of `projectId`, or null when it does not exist yet. */
export async function readOpsProject(rest: Rest, projectId: string): Promise<z.infer<typeof projectSchema> | null> {
  try {
    return await rest.get(`app/rest/projects/${byId(opsProjectId(projectId))}`, projectSchema, 'read the Repo Access subproject');
  } catch (error) {
    if (error instanceof TeamCityError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Creates the "Repo Access" subproject when missing and keeps its versioned settings switched off ("disabled", not
 * "use parent"): a subproject may differ from its parent ("Enabling synchronization for a project also enables it for
 * all its subprojects" unless they set their own — TeamCity docs, Storing Project Settings in Version Control), so the
 * management credential never goes to the settings repository and writes go through when the parent is read-only.
 * Returns its id.
 */
export async function ensureOpsProject(rest: Rest, projectId: string): Promise<string> {
  const id = opsProjectId(projectId);
  const existing = await readOpsProject(rest, projectId);
  if (existing === null) {
    try {
      const body = { id, name: OPS_PROJECT_NAME, parentProject: { locator: byId(projectId) }, description: 'Holds the Repo Access operations build configuration and the management credential. Only the Repo Access tab changes it.' };
      await rest.send('POST', 'app/rest/projects', body, projectSchema, 'create the Repo Access subproject');
    } catch (error) {
      if ((await readOpsProject(rest, projectId)) !== null) return ensureOpsProject(rest, projectId);
      if (error instanceof TeamCityError && error.status === 403) {
        throw new TeamCityError(
          `Could not create the subproject "${OPS_PROJECT_NAME}" (${id}) that holds the operations build and the management credential: TeamCity refused it, ` +
            'most likely because the settings of this project are read-only (versioned settings with editing in the UI off). Allow editing in the UI for a moment, ' +
            'or create the subproject yourself with that id and its versioned settings switched off, then try again.',
          403,
        );
      }
      throw error;
    }
  } else if (existing.parentProjectId !== projectId) {
    throw new TeamCityError(`The project ${id} is not a subproject of ${projectId}: Repo Access keeps its operations build there and will not use it. Move or rename it, then try again.`, null);
  }
  const path = `app/rest/projects/${byId(id)}/versionedSettings/config`;
  const config = await rest.get(path, versionedConfigSchema, 'read the versioned settings of the Repo Access subproject');
  if (config.synchronizationMode !== 'disabled') {
    // synchronizationMode is the one mandatory property (teamcity-rest VersionedSettingsConfigsServiceImpl.setVersionedSettingsConfig).
    await rest.send('PUT', path, { synchronizationMode: 'disabled' }, versionedConfigSchema, 'switch off versioned settings for the Repo Access subproject');
  }
  return id;
}
