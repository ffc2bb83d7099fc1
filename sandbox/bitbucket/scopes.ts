import { missingScopes, type ScopeRequirement } from './auth';
import { HttpError } from './http';
import type { Principal } from './principal';

/** Scopes per endpoint, as Bitbucket's REST reference lists them (API-token scopes / legacy OAuth scopes). */
export const SCOPES = {
  user: { apiToken: ['read:user:bitbucket'], legacy: ['account'] },
  workspaces: { apiToken: ['read:workspace:bitbucket'], legacy: ['account'] },
  readRepository: { apiToken: ['read:repository:bitbucket'], legacy: ['repository'] },
  readDeployKeys: { apiToken: ['admin:repository:bitbucket'], legacy: ['repository', 'repository:admin'] },
  writeDeployKeys: { apiToken: ['admin:repository:bitbucket', 'write:ssh-key:bitbucket'], legacy: ['repository', 'repository:admin'] },
  deleteDeployKeys: { apiToken: ['admin:repository:bitbucket', 'delete:ssh-key:bitbucket'], legacy: ['repository', 'repository:admin'] },
  readProjectKeys: { apiToken: ['admin:project:bitbucket'], legacy: ['project:admin'] },
  writeProjectKeys: { apiToken: ['admin:project:bitbucket', 'write:ssh-key:bitbucket'], legacy: ['project:admin'] },
  deleteProjectKeys: { apiToken: ['admin:project:bitbucket', 'delete:ssh-key:bitbucket'], legacy: ['project:admin'] },
} satisfies Record<string, ScopeRequirement>;

export function requireScopes(principal: Principal, need: ScopeRequirement): void {
  const missing = missingScopes(principal, need);
  if (missing) throw new HttpError(403, 'Your credentials lack one or more required privilege scopes.', { detail: missing });
}
