import type { FixtureOAuthConsumer, FixtureProject, FixtureRepository, FixtureUser, FixtureAccessToken } from './fixture';
import type { DeployKeyRecord, SandboxState } from './state';

/** Where links point: the REST base and the git endpoints. */
export interface Links {
  origin: string; // http://127.0.0.1:PORT
  gitHttpsUrl: string;
  gitSsh: string; // git@127.0.0.1:PORT or ''
}

const href = (h: string) => ({ href: h });

/** App users carry an Atlassian account id of their own (a bot account). */
const botAccountId = (uuid: string): string => `712020:${uuid.slice(1, -1)}`;

export function workspaceJson(state: SandboxState, l: Links) {
  const w = state.fixture.workspace;
  return {
    type: 'workspace',
    uuid: w.uuid,
    name: w.name,
    slug: w.slug,
    links: { self: href(`${l.origin}/2.0/workspaces/${w.slug}`), html: href(`${l.origin}/${w.slug}/`) },
  };
}

export function projectJson(state: SandboxState, p: FixtureProject, l: Links) {
  const ws = state.workspace;
  return {
    type: 'project',
    key: p.key,
    uuid: p.uuid,
    name: p.name,
    links: { self: href(`${l.origin}/2.0/workspaces/${ws}/projects/${p.key}`), html: href(`${l.origin}/${ws}/workspace/projects/${p.key}`) },
  };
}

function sshCloneUrl(l: Links, ws: string, slug: string): string {
  if (!l.gitSsh) return `git@127.0.0.1:${ws}/${slug}.git`;
  return `ssh://${l.gitSsh}/${ws}/${slug}.git`;
}

export function repositoryJson(state: SandboxState, r: FixtureRepository, l: Links) {
  const ws = state.workspace;
  const project = r.project ? state.project(ws, r.project) : undefined;
  return {
    type: 'repository',
    full_name: `${ws}/${r.slug}`,
    name: r.name,
    slug: r.slug,
    uuid: r.uuid,
    description: r.description,
    scm: 'git',
    is_private: r.isPrivate,
    language: r.language,
    fork_policy: 'no_public_forks',
    has_issues: false,
    has_wiki: false,
    created_on: r.createdOn,
    updated_on: r.updatedOn,
    mainbranch: { type: 'branch', name: r.mainbranch },
    workspace: workspaceJson(state, l),
    ...(project ? { project: projectJson(state, project, l) } : {}),
    links: {
      self: href(`${l.origin}/2.0/repositories/${ws}/${r.slug}`),
      html: href(`${l.origin}/${ws}/${r.slug}`),
      clone: [
        { name: 'https', href: `${l.gitHttpsUrl}/${ws}/${r.slug}.git` },
        { name: 'ssh', href: sshCloneUrl(l, ws, r.slug) },
      ],
    },
  };
}

export function repositorySummaryJson(state: SandboxState, r: FixtureRepository, l: Links) {
  return {
    type: 'repository',
    full_name: `${state.workspace}/${r.slug}`,
    name: r.name,
    uuid: r.uuid,
    links: { self: href(`${l.origin}/2.0/repositories/${state.workspace}/${r.slug}`), html: href(`${l.origin}/${state.workspace}/${r.slug}`) },
  };
}

export function userJson(u: FixtureUser, l: Links) {
  return {
    type: 'user',
    uuid: u.uuid,
    username: u.username,
    display_name: u.displayName,
    account_id: u.accountId,
    nickname: u.username,
    account_status: 'active',
    has_2fa_enabled: null,
    is_staff: false,
    created_on: '2020-01-15T10:00:00.000000+00:00',
    links: { self: href(`${l.origin}/2.0/users/${encodeURIComponent(u.uuid)}`), html: href(`${l.origin}/${encodeURIComponent(u.uuid)}/`) },
  };
}

/** The workspace's OAuth consumer acts as an app user (Bitbucket's `app_user` object). */
export function oauthAppUserJson(c: FixtureOAuthConsumer, l: Links) {
  return {
    type: 'app_user',
    uuid: c.uuid,
    display_name: c.name,
    account_id: botAccountId(c.uuid),
    account_status: 'active',
    kind: 'oauth_consumer',
    links: { self: href(`${l.origin}/2.0/users/${encodeURIComponent(c.uuid)}`) },
  };
}

export function accessTokenAppUserJson(state: SandboxState, t: FixtureAccessToken, l: Links) {
  const kind = `${t.resource.type}_access_token`;
  return {
    type: 'app_user',
    uuid: t.uuid,
    display_name: t.name,
    account_id: botAccountId(t.uuid),
    account_status: 'active',
    kind,
    resource: { type: t.resource.type, workspace: state.workspace, ...('project' in t.resource ? { project: t.resource.project } : {}), ...('repository' in t.resource ? { repository: t.resource.repository } : {}) },
    links: { self: href(`${l.origin}/2.0/users/${encodeURIComponent(t.uuid)}`) },
  };
}

export function deployKeyJson(state: SandboxState, r: FixtureRepository, k: DeployKeyRecord, l: Links) {
  return {
    id: k.id,
    key: k.material,
    comment: k.comment,
    label: k.label,
    type: 'deploy_key',
    // Bitbucket's API spec names a deploy key's creation time `added_on` (schema deploy_key), not `created_on`.
    added_on: k.createdOn,
    // Bitbucket's API spec, schema deploy_key: `last_used` (date-time); null until a clone uses the key (not confirmed).
    last_used: k.lastUsed,
    repository: repositorySummaryJson(state, r, l),
    owner: null,
    links: { self: href(`${l.origin}/2.0/repositories/${state.workspace}/${r.slug}/deploy-keys/${k.id}`) },
  };
}

export function projectDeployKeyJson(state: SandboxState, p: FixtureProject, k: DeployKeyRecord, l: Links) {
  return {
    id: k.id,
    key: k.material,
    comment: k.comment,
    label: k.label,
    type: 'project_deploy_key',
    // Bitbucket's API spec: project_deploy_key carries `added_on` and `last_used` as well.
    added_on: k.createdOn,
    last_used: k.lastUsed,
    project: projectJson(state, p, l),
    links: { self: href(`${l.origin}/2.0/workspaces/${state.workspace}/projects/${p.key}/deploy-keys/${k.id}`) },
  };
}
