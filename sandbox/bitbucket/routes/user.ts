import { HttpError } from '../http';
import { paginate } from '../pagination';
import { accessTokenAppUserJson, oauthAppUserJson, userJson, workspaceJson } from '../render';
import { principalOf, type Router } from '../router';
import { requireScopes, SCOPES } from '../scopes';

const CHANGE_2770 = {
  message: 'CHANGE-2770 - Functionality has been deprecated',
  detail: 'Please read the changelog entry for more details.',
  data: { announcement_url: 'https://developer.atlassian.com/cloud/bitbucket/changelog#CHANGE-2770' },
};

/** Cross-workspace endpoints Bitbucket removed (CHANGE-2770); they answer 410 Gone. */
const REMOVED_BY_CHANGE_2770 = ['/2.0/workspaces', '/2.0/repositories', '/2.0/user/permissions/workspaces', '/2.0/user/permissions/repositories'];

export function userRoutes(router: Router): void {
  router.add('GET', '/2.0/user', (ctx) => {
    const p = principalOf(ctx);
    // Access tokens act as their own bot user and may always read it.
    if (p.kind !== 'access_token') requireScopes(p, SCOPES.user);
    switch (p.kind) {
      case 'user': return { status: 200, body: userJson(p.user, ctx.links) };
      case 'app_user': return { status: 200, body: oauthAppUserJson(p.consumer, ctx.links) };
      case 'access_token': return { status: 200, body: accessTokenAppUserJson(ctx.state, p.token, ctx.links) };
    }
  });

  router.add('GET', '/2.0/user/workspaces', (ctx) => {
    const p = principalOf(ctx);
    requireScopes(p, SCOPES.workspaces);
    const { state, links } = ctx;
    const administrator = p.kind === 'user' ? p.user.workspaceRole === 'owner' : false;
    const isMember = p.kind !== 'user' || p.user.workspaceRole !== 'collaborator';
    const access = isMember
      ? [{
          type: 'workspace_access',
          administrator,
          workspace: { ...workspaceJson(state, links), type: 'workspace_base' },
          links: { self: { href: `${links.origin}/2.0/user/workspaces/${state.workspace}/permission` } },
        }]
      : [];
    return { status: 200, body: paginate(access, ctx.url, (a) => a) };
  });

  for (const path of REMOVED_BY_CHANGE_2770) {
    router.add('GET', path, () => {
      const { message, ...extra } = CHANGE_2770;
      throw new HttpError(410, message, extra);
    });
  }

  router.add('GET', '/2.0/workspaces/:ws', (ctx) => {
    const p = principalOf(ctx);
    requireScopes(p, SCOPES.workspaces);
    if (!ctx.state.isWorkspace(ctx.params.ws!)) throw new HttpError(404, `No workspace with identifier '${ctx.params.ws}'.`);
    return { status: 200, body: workspaceJson(ctx.state, ctx.links) };
  });
}
