import { z } from 'zod/mini';
import type { TeamCity } from './index';
import { byId, type Rest } from './rest';

// teamcity-rest model/versionedSettings/VersionedSettingsConfig.java; GET /app/rest/projects/{locator}/versionedSettings/config.
const configSchema = z.object({
  synchronizationMode: z.optional(z.string()),
  format: z.optional(z.string()),
  allowUIEditing: z.optional(z.boolean()),
  storeSecureValuesOutsideVcs: z.optional(z.boolean()),
  vcsRootId: z.optional(z.string()),
});
export type VersionedSettingsConfig = z.infer<typeof configSchema>;

export const versionedSettingsRoutes = (rest: Rest): Pick<TeamCity, 'versionedSettings' | 'createSecureToken'> => ({
  versionedSettings: (projectId) => rest.get(`app/rest/projects/${byId(projectId)}/versionedSettings/config`, configSchema, 'read the versioned settings'),
  // POST …/secure/tokens takes the value as text/plain and answers the token.
  createSecureToken: async (projectId, value) => (await rest.sendText('POST', `app/rest/projects/${byId(projectId)}/secure/tokens`, value, 'create a secure token')).trim(),
});
