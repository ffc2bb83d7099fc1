import type { Route } from '../http';
import { buildRoutes } from './builds';
import { buildTypeRoutes } from './build-types';
import { projectRoutes } from './projects';
import { sshKeyRoutes } from './ssh-keys';
import { versionedSettingsRoutes } from './versioned-settings';
import { vcsRootRoutes } from './vcs-roots';

export const SERVER_VERSION = { version: '2024.07 (build 160569)', versionMajor: 2024, versionMinor: 7, buildNumber: '160569' };

export function restRoutes(): Route[] {
  return [
    ...projectRoutes(),
    ...sshKeyRoutes(),
    ...versionedSettingsRoutes(),
    ...vcsRootRoutes(),
    ...buildTypeRoutes(),
    ...buildRoutes(),
  ];
}
