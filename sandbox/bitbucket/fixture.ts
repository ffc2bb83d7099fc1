import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parsePublicKey } from './keys';

const Uuid = z.string().regex(/^\{[0-9a-f-]{36}\}$/, 'uuid in braces, e.g. {0000…}');

export const FixtureUser = z.object({
  username: z.string(),
  displayName: z.string(),
  uuid: Uuid,
  accountId: z.string(),
  email: z.string(),
  workspaceRole: z.enum(['owner', 'collaborator', 'member']),
});

export const FixtureProject = z.object({
  key: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  name: z.string(),
  uuid: Uuid,
  isPrivate: z.boolean().default(true),
});

export const FixtureRepository = z.object({
  slug: z.string().regex(/^[a-z0-9._-]+$/),
  name: z.string(),
  uuid: Uuid,
  project: z.string().nullable(),
  isPrivate: z.boolean().default(true),
  description: z.string().default(''),
  language: z.string().default(''),
  mainbranch: z.string().default('main'),
  seed: z.enum(['small', 'large', 'submodule']).optional(),
  createdOn: z.string(),
  updatedOn: z.string(),
});

export const FixtureApiToken = z.object({
  email: z.string(),
  token: z.string(),
  scopes: z.array(z.string()),
  /** ISO time; a time in the past makes the token answer 401 (expired). */
  expiresAt: z.string().nullable().default(null),
});

export const FixtureOAuthConsumer = z.object({
  key: z.string(),
  secret: z.string(),
  name: z.string(),
  uuid: Uuid,
  /** Legacy OAuth 2.0 scopes: account, repository, repository:write, repository:admin, project, … */
  scopes: z.array(z.string()),
  /** "This is a private consumer" unticked: such a consumer cannot use the client_credentials grant. */
  public: z.boolean().default(false),
});

export const FixtureAccessToken = z.object({
  token: z.string(),
  name: z.string(),
  uuid: Uuid,
  resource: z.discriminatedUnion('type', [
    z.object({ type: z.literal('workspace') }),
    z.object({ type: z.literal('project'), project: z.string() }),
    z.object({ type: z.literal('repository'), repository: z.string() }),
  ]),
  scopes: z.array(z.string()),
});

export const FixtureDeployKey = z.object({
  repository: z.string().optional(),
  project: z.string().optional(),
  key: z.string(),
  label: z.string(),
  /** When it was added (Bitbucket's `added_on`); default 2025-06-01. */
  addedOn: z.string().optional(),
});

const FixtureShape = z.object({
  workspace: z.object({ slug: z.string(), name: z.string(), uuid: Uuid }),
  users: z.array(FixtureUser),
  projects: z.array(FixtureProject),
  repositories: z.array(FixtureRepository),
  credentials: z.object({
    apiTokens: z.array(FixtureApiToken),
    appPasswords: z.array(z.object({ username: z.string(), password: z.string() })),
    oauthConsumers: z.array(FixtureOAuthConsumer),
    accessTokens: z.array(FixtureAccessToken),
  }),
  deployKeys: z.array(FixtureDeployKey).default([]),
});

/** The fixture schema: besides the shape, every reference must resolve and every key must parse. */
export const Fixture = FixtureShape.superRefine((f, ctx) => {
  const problem = (message: string): void => ctx.addIssue({ code: 'custom', message });
  const projects = new Set(f.projects.map((p) => p.key));
  const slugs = new Set<string>();
  for (const r of f.repositories) {
    if (slugs.has(r.slug)) problem(`repository slug ${r.slug} appears twice`);
    slugs.add(r.slug);
    if (r.project !== null && !projects.has(r.project)) problem(`repository ${r.slug} names unknown project ${r.project}`);
  }
  for (const k of f.deployKeys) {
    if (!k.repository === !k.project) problem(`deploy key ${k.label} needs exactly one of repository or project`);
    if (k.repository && !slugs.has(k.repository)) problem(`deploy key ${k.label} names unknown repository ${k.repository}`);
    if (k.project && !projects.has(k.project)) problem(`deploy key ${k.label} names unknown project ${k.project}`);
    const parsed = parsePublicKey(k.key);
    if (!parsed.ok) problem(`deploy key ${k.label}: ${parsed.message}`);
  }
  const emails = new Set(f.users.map((u) => u.email));
  for (const t of f.credentials.apiTokens) if (!emails.has(t.email)) problem(`API token of unknown user ${t.email}`);
  for (const t of f.credentials.accessTokens) {
    if (t.resource.type === 'project' && !projects.has(t.resource.project)) problem(`access token ${t.name} names unknown project ${t.resource.project}`);
    if (t.resource.type === 'repository' && !slugs.has(t.resource.repository)) problem(`access token ${t.name} names unknown repository ${t.resource.repository}`);
  }
});

export type Fixture = z.infer<typeof Fixture>;
export type FixtureInput = z.input<typeof Fixture>;
export type FixtureUser = z.infer<typeof FixtureUser>;
export type FixtureProject = z.infer<typeof FixtureProject>;
export type FixtureRepository = z.infer<typeof FixtureRepository>;
export type FixtureApiToken = z.infer<typeof FixtureApiToken>;
export type FixtureOAuthConsumer = z.infer<typeof FixtureOAuthConsumer>;
export type FixtureAccessToken = z.infer<typeof FixtureAccessToken>;

export const ALL_API_TOKEN_SCOPES = [
  'read:user:bitbucket',
  'read:workspace:bitbucket',
  'read:project:bitbucket',
  'read:repository:bitbucket',
  'write:repository:bitbucket',
  'admin:repository:bitbucket',
  'read:ssh-key:bitbucket',
  'write:ssh-key:bitbucket',
  'delete:ssh-key:bitbucket',
  'admin:project:bitbucket',
];

/** Deterministic uuid in Bitbucket's braced form, so fixtures stay stable across runs. */
export function fixtureUuid(n: number, kind: number): string {
  const hex = (n >>> 0).toString(16).padStart(12, '0');
  return `{${kind.toString(16).padStart(8, '0')}-5a4d-4b0c-8e1f-${hex}}`;
}

export function standardUsers(): FixtureUser[] {
  return [
    { username: 'alice', displayName: 'Alice Admin', uuid: fixtureUuid(1, 1), accountId: '557058:0a11ce00-0000-4000-8000-000000000001', email: 'alice@example.com', workspaceRole: 'owner' },
    { username: 'bob', displayName: 'Bob Reader', uuid: fixtureUuid(2, 1), accountId: '557058:0b0b0000-0000-4000-8000-000000000002', email: 'bob@example.com', workspaceRole: 'member' },
  ];
}

export function standardCredentials(): Fixture['credentials'] {
  return {
    apiTokens: [
      { email: 'alice@example.com', token: 'ATATT-sandbox-alice-full', scopes: [...ALL_API_TOKEN_SCOPES], expiresAt: null },
      { email: 'bob@example.com', token: 'ATATT-sandbox-bob-readonly', scopes: ['read:repository:bitbucket', 'read:user:bitbucket'], expiresAt: null },
      { email: 'alice@example.com', token: 'ATATT-sandbox-alice-expired', scopes: [...ALL_API_TOKEN_SCOPES], expiresAt: '2026-01-01T00:00:00Z' },
    ],
    appPasswords: [{ username: 'alice', password: 'sandbox-app-password' }],
    oauthConsumers: [
      { key: 'sandbox-oauth-key', secret: 'sandbox-oauth-secret', name: 'Repo Access CI', uuid: fixtureUuid(1, 2), scopes: ['repository', 'repository:admin', 'account'], public: false },
      { key: 'sandbox-oauth-public', secret: 'sandbox-oauth-public-secret', name: 'Public app', uuid: fixtureUuid(2, 2), scopes: ['repository', 'repository:admin', 'account'], public: true },
    ],
    accessTokens: [
      { token: 'ATCTT-sandbox-workspace', name: 'Workspace token', uuid: fixtureUuid(1, 3), resource: { type: 'workspace' }, scopes: ['repository', 'repository:admin', 'project', 'account'] },
    ],
  };
}

export interface GenerateFixtureOptions {
  workspace: string;
  repositories: number;
  projects: number;
}

/** A fixture with n repositories spread round-robin over k projects, plus the standard users and credentials. */
export function generateFixture({ workspace, repositories, projects }: GenerateFixtureOptions): Fixture {
  const projectList = Array.from({ length: projects }, (_, i) => ({
    key: `P${String(i + 1).padStart(3, '0')}`,
    name: `Project ${i + 1}`,
    uuid: fixtureUuid(i + 1, 4),
    isPrivate: true,
  }));
  const width = String(repositories).length;
  const base = Date.UTC(2024, 0, 1);
  const repos = Array.from({ length: repositories }, (_, i) => {
    const when = new Date(base + i * 3_600_000).toISOString();
    return {
      slug: `repo-${String(i + 1).padStart(width, '0')}`,
      name: `Repo ${String(i + 1).padStart(width, '0')}`,
      uuid: fixtureUuid(i + 1, 5),
      project: projectList.length ? projectList[i % projectList.length]!.key : null,
      isPrivate: true,
      description: '',
      language: '',
      mainbranch: 'main',
      seed: 'small' as const,
      createdOn: when,
      updatedOn: when,
    };
  });
  return Fixture.parse({
    workspace: { slug: workspace, name: workspace, uuid: fixtureUuid(1, 6) },
    users: standardUsers(),
    projects: projectList,
    repositories: repos,
    credentials: standardCredentials(),
    deployKeys: [],
  });
}

export function loadFixture(path: string): Fixture {
  return Fixture.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export const DEFAULT_FIXTURE_PATH = fileURLToPath(new URL('./fixtures/default.json', import.meta.url));

export function defaultFixture(): Fixture {
  return loadFixture(DEFAULT_FIXTURE_PATH);
}
