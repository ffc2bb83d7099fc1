import { BbqlError, evaluate, fieldsUsed, parseBbql, type Value } from '../bbql';
import type { FixtureRepository } from '../fixture';
import { HttpError } from '../http';
import { paginate } from '../pagination';
import type { Principal } from '../principal';
import { projectJson, repositoryJson } from '../render';
import { optionalPrincipal, principalOf, type Ctx, type Router } from '../router';
import { requireScopes, SCOPES } from '../scopes';
import type { RepoPermission, SandboxState } from '../state';

export const REPOSITORY_NOT_FOUND =
  'You may not have access to this repository or it no longer exists in this workspace. If you think this repository exists and you have access, make sure you are authenticated.';

function repoFields(state: SandboxState, r: FixtureRepository): Record<string, Value> {
  const project = r.project ? state.project(state.workspace, r.project) : undefined;
  return {
    name: r.name,
    slug: r.slug,
    full_name: `${state.workspace}/${r.slug}`,
    uuid: r.uuid,
    description: r.description,
    language: r.language,
    is_private: r.isPrivate,
    scm: 'git',
    created_on: r.createdOn,
    updated_on: r.updatedOn,
    'mainbranch.name': r.mainbranch,
    'workspace.slug': state.workspace,
    'project.key': project?.key ?? null,
    'project.name': project?.name ?? null,
    'project.uuid': project?.uuid ?? null,
  };
}

const SORTABLE = ['name', 'slug', 'full_name', 'created_on', 'updated_on'] as const;
const RANK: Record<RepoPermission, number> = { read: 1, write: 2, admin: 3 };
const ROLES: Record<string, number> = { member: 1, contributor: 2, admin: 3, owner: 3 };

function visibleRepos(ctx: Ctx, principal: Principal | null): FixtureRepository[] {
  const { state, url } = ctx;
  const ws = ctx.params.ws!;
  let repos = state.repositories().filter((r) => state.permission(principal, ws, r.slug) !== null);

  const role = url.searchParams.get('role');
  if (role !== null) {
    const need = ROLES[role];
    if (!need) throw new HttpError(400, `Invalid role: ${JSON.stringify(role)}. Use one of member, contributor, admin, owner.`);
    if (!principal) throw new HttpError(401, 'The role parameter needs an authenticated request.');
    repos = repos.filter((r) => RANK[state.permission(principal, ws, r.slug) ?? 'read'] >= need);
  }

  const q = url.searchParams.get('q');
  if (q !== null && q.trim() !== '') {
    let query;
    try {
      query = parseBbql(q);
    } catch (e) {
      throw new HttpError(400, `Invalid query: ${(e as BbqlError).message}`, { detail: `q=${q}` });
    }
    const known = repoFields(state, state.repositories()[0] ?? ({} as FixtureRepository));
    const unknown = fieldsUsed(query).find((f) => !(f in known));
    if (unknown) throw new HttpError(400, `Invalid field name: ${unknown}`, { detail: `q=${q}` });
    repos = repos.filter((r) => evaluate(query, (f) => repoFields(state, r)[f]));
  }

  const sort = url.searchParams.get('sort');
  if (sort) {
    const desc = sort.startsWith('-');
    const field = desc ? sort.slice(1) : sort;
    if (!(SORTABLE as readonly string[]).includes(field)) throw new HttpError(400, `Invalid sort field: ${field}`);
    const key = (r: FixtureRepository): string => String(repoFields(state, r)[field]);
    repos = [...repos].sort((a, b) => (desc ? -1 : 1) * key(a).localeCompare(key(b)));
  }
  return repos;
}

export function repositoryRoutes(router: Router): void {
  router.add('GET', '/2.0/repositories/:ws', (ctx) => {
    const principal = optionalPrincipal(ctx);
    if (principal) requireScopes(principal, SCOPES.readRepository);
    if (!ctx.state.isWorkspace(ctx.params.ws!)) throw new HttpError(404, `No workspace with identifier '${ctx.params.ws}'.`);
    const repos = visibleRepos(ctx, principal);
    return { status: 200, body: paginate(repos, ctx.url, (r) => repositoryJson(ctx.state, r, ctx.links)) };
  });

  router.add('GET', '/2.0/repositories/:ws/:slug', (ctx) => {
    const principal = optionalPrincipal(ctx);
    if (principal) requireScopes(principal, SCOPES.readRepository);
    const r = ctx.state.repo(ctx.params.ws!, ctx.params.slug!);
    if (!r || ctx.state.permission(principal, ctx.params.ws!, r.slug) === null) throw new HttpError(404, REPOSITORY_NOT_FOUND);
    return { status: 200, body: repositoryJson(ctx.state, r, ctx.links) };
  });

  router.add('GET', '/2.0/workspaces/:ws/projects', (ctx) => {
    const p = principalOf(ctx);
    requireScopes(p, { apiToken: ['read:project:bitbucket'], legacy: ['project'] });
    if (!ctx.state.isWorkspace(ctx.params.ws!)) throw new HttpError(404, `No workspace with identifier '${ctx.params.ws}'.`);
    return { status: 200, body: paginate(ctx.state.fixture.projects, ctx.url, (pr) => projectJson(ctx.state, pr, ctx.links)) };
  });

  router.add('GET', '/2.0/workspaces/:ws/projects/:key', (ctx) => {
    const p = principalOf(ctx);
    requireScopes(p, { apiToken: ['read:project:bitbucket'], legacy: ['project'] });
    const project = ctx.state.project(ctx.params.ws!, ctx.params.key!);
    if (!project) throw new HttpError(404, `Project ${ctx.params.key} not found.`);
    return { status: 200, body: projectJson(ctx.state, project, ctx.links) };
  });
}
