import { HttpError } from '../http';
import { paginate } from '../pagination';
import { accessTokenAppUserJson, oauthAppUserJson, userJson, workspaceJson } from '../render';
import { principalOf, type Router } from '../router';
import { requireScopes, SCOPES } from '../scopes';

export const CHANGE_2770_MESSAGE =
  'This API is no longer supported. For information about its removal, please refer to the deprecation notice at: https://developer.atlassian.com/cloud/bitbucket/changelog/#CHANGE-2770';

export function userRoutes(router: Router): void {
  router.add('GET', '/2.0/user', (ctx) => {
    const p = principalOf(ctx);
    requireScopes(p, SCOPES.user);
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
          workspace: workspaceJson(state, links),
          links: { self: { href: `${links.origin}/2.0/user/workspaces/${state.workspace}/permission` } },
        }]
      : [];
    return { status: 200, body: paginate(access, ctx.url, (a) => a) };
  });

  router.add('GET', '/2.0/workspaces', () => {
    throw new HttpError(410, CHANGE_2770_MESSAGE);
  });

  router.add('GET', '/2.0/workspaces/:ws', (ctx) => {
    const p = principalOf(ctx);
    requireScopes(p, SCOPES.workspaces);
    if (ctx.params.ws !== ctx.state.workspace) throw new HttpError(404, `No workspace with identifier '${ctx.params.ws}'.`);
    return { status: 200, body: workspaceJson(ctx.state, ctx.links) };
  });
}
