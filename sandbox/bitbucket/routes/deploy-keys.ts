import { HttpError, readJson } from '../http';
import { parsePublicKey } from '../keys';
import { paginate } from '../pagination';
import type { Principal } from '../principal';
import { deployKeyJson, projectDeployKeyJson } from '../render';
import { principalOf, type Ctx, type Router } from '../router';
import { requireScopes, SCOPES } from '../scopes';
import type { DeployKeyRecord } from '../state';
import { REPOSITORY_NOT_FOUND } from './repositories';

export const DUPLICATE_KEY_MESSAGE = 'Someone has already added that access key to this repository.';
// Atlassian KB "Why am I not able to add an SSH key in Bitbucket Cloud": a user's or workspace's SSH key cannot become an access key.
export const PERSONAL_KEY_MESSAGE = 'Someone has already registered that SSH key.';

// Bitbucket answers field errors as {"fields":{"key":[…]},"message":"Bad request"} (NixOS/hydra#493, buildbot/buildbot#7049).
function keyRefused(ctx: Ctx, outcome: 'duplicate' | 'personal'): HttpError {
  const text = outcome === 'duplicate' ? DUPLICATE_KEY_MESSAGE : PERSONAL_KEY_MESSAGE;
  return ctx.state.keyErrorsInFields ? new HttpError(400, 'Bad request', { fields: { key: [text] } }) : new HttpError(400, text);
}
/** Bitbucket's answer when an access token calls the deploy-key API. */
export const NOT_FOR_THIS_MECHANISM = 'This API is not accessible by this authentication mechanism';

function adminRepo(ctx: Ctx, principal: Principal) {
  const { state } = ctx;
  const r = state.repo(ctx.params.ws!, ctx.params.slug!);
  const perm = r ? state.permission(principal, ctx.params.ws!, r.slug) : null;
  if (!r || !perm) throw new HttpError(404, REPOSITORY_NOT_FOUND);
  if (perm !== 'admin') throw new HttpError(403, 'You must be an administrator of this repository to manage its access keys.');
  return r;
}

function adminProject(ctx: Ctx, principal: Principal) {
  const project = ctx.state.project(ctx.params.ws!, ctx.params.key!);
  if (!project) throw new HttpError(404, `Project ${ctx.params.key} not found.`);
  if (principal.kind === 'user' && principal.user.workspaceRole !== 'owner') throw new HttpError(403, 'You must be an administrator of this project to manage its access keys.');
  return project;
}

/** The authenticated principal, refusing access tokens: they cannot use the deploy-key API at all. */
function keyManager(ctx: Ctx): Principal {
  const p = principalOf(ctx);
  if (p.kind === 'access_token') throw new HttpError(403, NOT_FOR_THIS_MECHANISM);
  return p;
}

function keyId(ctx: Ctx): number {
  const raw = ctx.params.id!;
  if (!/^\d+$/.test(raw)) throw new HttpError(404, 'Deploy key not found.');
  return Number(raw);
}

function findKey(list: DeployKeyRecord[], id: number): DeployKeyRecord {
  const k = list.find((x) => x.id === id);
  if (!k) throw new HttpError(404, 'Deploy key not found.');
  return k;
}

async function newKeyFromBody(ctx: Ctx): Promise<{ material: string; comment: string; label: string }> {
  const body = await readJson(ctx.req);
  if (typeof body.key !== 'string' || !body.key.trim()) throw new HttpError(400, 'Bad request', { fields: { key: ['This field is required.'] } });
  if (body.label !== undefined && typeof body.label !== 'string') throw new HttpError(400, 'Bad request', { fields: { label: ['Expected a string.'] } });
  const parsed = parsePublicKey(body.key);
  if (!parsed.ok) throw new HttpError(400, parsed.message, { fields: { key: [parsed.message] } });
  return { material: parsed.key.material, comment: parsed.key.comment, label: body.label ?? '' };
}

export function deployKeyRoutes(router: Router): void {
  const repoBase = '/2.0/repositories/:ws/:slug/deploy-keys';

  router.add('GET', repoBase, (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.readDeployKeys);
    const r = adminRepo(ctx, p);
    return { status: 200, body: paginate(ctx.state.repoDeployKeys(r.slug), ctx.url, (k) => deployKeyJson(ctx.state, r, k, ctx.links), ctx.state.deployKeyMaxPagelen) };
  });

  router.add('POST', repoBase, async (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.writeDeployKeys);
    const r = adminRepo(ctx, p);
    const k = await newKeyFromBody(ctx);
    const added = ctx.state.addDeployKey(ctx.state.repoDeployKeys(r.slug), k.material, k.comment, k.label, p.via === 'oauth' ? p.consumer.key : undefined);
    if (added === 'duplicate' || added === 'personal') throw keyRefused(ctx, added);
    ctx.wrote();
    return { status: 200, body: deployKeyJson(ctx.state, r, added, ctx.links) };
  });

  router.add('GET', `${repoBase}/:id`, (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.readDeployKeys);
    const r = adminRepo(ctx, p);
    return { status: 200, body: deployKeyJson(ctx.state, r, findKey(ctx.state.repoDeployKeys(r.slug), keyId(ctx)), ctx.links) };
  });

  router.add('DELETE', `${repoBase}/:id`, (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.deleteDeployKeys);
    const r = adminRepo(ctx, p);
    if (!ctx.state.removeDeployKey(ctx.state.repoDeployKeys(r.slug), keyId(ctx))) throw new HttpError(404, 'Deploy key not found.');
    ctx.wrote();
    return { status: 204 };
  });

  const projectBase = '/2.0/workspaces/:ws/projects/:key/deploy-keys';

  router.add('GET', projectBase, (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.readProjectKeys);
    const project = adminProject(ctx, p);
    return { status: 200, body: paginate(ctx.state.projectDeployKeys(project.key), ctx.url, (k) => projectDeployKeyJson(ctx.state, project, k, ctx.links), ctx.state.deployKeyMaxPagelen) };
  });

  router.add('POST', projectBase, async (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.writeProjectKeys);
    const project = adminProject(ctx, p);
    const k = await newKeyFromBody(ctx);
    const added = ctx.state.addDeployKey(ctx.state.projectDeployKeys(project.key), k.material, k.comment, k.label, p.via === 'oauth' ? p.consumer.key : undefined);
    if (added === 'duplicate' || added === 'personal') throw keyRefused(ctx, added);
    ctx.wrote();
    return { status: 200, body: projectDeployKeyJson(ctx.state, project, added, ctx.links) };
  });

  router.add('GET', `${projectBase}/:id`, (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.readProjectKeys);
    const project = adminProject(ctx, p);
    return { status: 200, body: projectDeployKeyJson(ctx.state, project, findKey(ctx.state.projectDeployKeys(project.key), keyId(ctx)), ctx.links) };
  });

  router.add('DELETE', `${projectBase}/:id`, (ctx) => {
    const p = keyManager(ctx);
    requireScopes(p, SCOPES.deleteProjectKeys);
    const project = adminProject(ctx, p);
    if (!ctx.state.removeDeployKey(ctx.state.projectDeployKeys(project.key), keyId(ctx))) throw new HttpError(404, 'Deploy key not found.');
    ctx.wrote();
    return { status: 204 };
  });
}
