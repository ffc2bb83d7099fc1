import type { TeamCity } from '../teamcity';
import { propertyOf } from '../repositories/vcs/roots';

export type VersionedSettings =
  | { kind: 'off' }
  | {
      kind: 'two-way' | 'read-only';
      format: 'kotlin' | 'xml';
      /** The settings repository: its URL when the root is readable, else the root's id. */
      repository: string;
      /** The project that enables it (this one or the ancestor it inherits from). */
      definedIn: string;
      secureValuesOutsideVcs: boolean;
    };

/** The versioned settings in force for the project: its own, or its nearest ancestor's when it uses the parent's. */
export async function readVersionedSettings(tc: TeamCity, projectId: string): Promise<VersionedSettings> {
  for (let id: string | undefined = projectId; id && id !== '_Root'; ) {
    const config = await tc.versionedSettings(id);
    const mode = config.synchronizationMode ?? 'useParentProjectSettings';
    if (mode === 'disabled') return { kind: 'off' };
    if (mode === 'enabled') {
      const root = config.vcsRootId ? await tc.vcsRoot(config.vcsRootId) : null;
      return {
        kind: config.allowUIEditing === false ? 'read-only' : 'two-way',
        format: config.format === 'xml' ? 'xml' : 'kotlin',
        repository: (root && propertyOf(root, 'url')) || config.vcsRootId || 'the settings repository',
        definedIn: id,
        secureValuesOutsideVcs: config.storeSecureValuesOutsideVcs ?? false,
      };
    }
    id = (await tc.project(id)).parentProjectId;
  }
  return { kind: 'off' };
}

/** The one line at the top of the tab. */
export function versionedNotice(settings: VersionedSettings): string | null {
  if (settings.kind === 'off') return null;
  const where = `Settings of this project live in ${settings.repository} (${settings.format === 'kotlin' ? 'Kotlin DSL' : 'XML'})`;
  return settings.kind === 'two-way'
    ? `${where}; Repo Access will write through TeamCity, which commits each change to that repository as you.`
    : `${where}; Repo Access will write no settings here: it gives you the change as ${settings.format === 'kotlin' ? 'Kotlin DSL' : 'XML settings files'} to commit (SSH keys are still uploaded).`;
}
