import type { Route } from '../http';
import { route, sendJson } from '../http';
import { buildRoutes } from './builds';
import { buildTypeRoutes } from './build-types';
import { projectRoutes } from './projects';
import { sshKeyRoutes } from './ssh-keys';
import { versionedSettingsRoutes } from './versioned-settings';
import { vcsRootRoutes } from './vcs-roots';

export const SERVER_VERSION = { version: '2024.07 (build 160569)', versionMajor: 2024, versionMinor: 7, buildNumber: '160569' };

export function restRoutes(): Route[] {
  return [
    route('GET', /^\/app\/rest\/server\/?$/, (_req, res) => sendJson(res, 200, { ...SERVER_VERSION, buildDate: '20240715T000000+0000', webUrl: '/' })),
    ...projectRoutes(),
    ...sshKeyRoutes(),
    ...versionedSettingsRoutes(),
    ...vcsRootRoutes(),
    ...buildTypeRoutes(),
    ...buildRoutes(),
  ];
}
