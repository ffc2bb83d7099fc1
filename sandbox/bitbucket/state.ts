import type { Fixture, FixtureProject, FixtureRepository } from './fixture';
import { keyMaterial, parsePublicKey } from './keys';
import type { Principal } from './principal';
import { authenticateBasic, type AuthResult } from './auth';

export interface DeployKeyRecord {
  id: number;
  /** "type base64", no comment */
  material: string;
  comment: string;
  label: string;
  createdOn: string;
  lastUsed: string | null;
  /** The OAuth consumer (key) whose token added it, if one did. */
  addedBy?: string;
}

export interface RepositoryInfo {
  workspace: string;
  slug: string;
  name: string;
  project: string | null;
  isPrivate: boolean;
  seed?: 'small' | 'large' | 'submodule';
}

export interface OAuthTokenRecord {
  accessToken: string;
  refreshToken: string;
  consumerKey: string;
  scopes: string[];
  expiresAt: number;
}

export type RepoPermission = 'read' | 'write' | 'admin';

/** In-memory Bitbucket data, seeded from a fixture; the routes and the git endpoints both work on it. */
export class SandboxState {
  readonly fixture: Fixture;
  readonly workspace: string;
  private readonly repos = new Map<string, FixtureRepository>();
  private readonly projects = new Map<string, FixtureProject>();
  private readonly repoKeys = new Map<string, DeployKeyRecord[]>();
  private readonly projectKeys = new Map<string, DeployKeyRecord[]>();
  private readonly oauthTokens = new Map<string, OAuthTokenRecord>();
  private readonly refreshTokens = new Map<string, OAuthTokenRecord>();
  private readonly revoked = new Set<string>();
  private nextKeyId = 1;
  /** Largest pagelen deploy-key listings accept (Bitbucket documents none for them: a client must not count on 100). */
  deployKeyMaxPagelen = 100;
  /** Deploy-key 400s carry their text in `fields.key` under a generic "Bad request" instead of in `message`. */
  keyErrorsInFields = false;
  /** Key material some user (or workspace) registered as a personal SSH key: it cannot become an access key. */
  private readonly personalSshKeys = new Set<string>();

  constructor(
    fixture: Fixture,
    readonly oauthTokenLifetimeSec = 7200,
    /** Milliseconds since the epoch, as Date.now (which it is unless a test injects another clock). */
    readonly now: () => number = Date.now,
  ) {
    this.fixture = fixture;
    this.workspace = fixture.workspace.slug;
    for (const p of fixture.projects) this.projects.set(p.key, p);
    for (const r of fixture.repositories) this.repos.set(r.slug, r);
    const seededAt = '2025-06-01T12:00:00.000000+00:00';
    for (const k of fixture.deployKeys) {
      const parsed = parsePublicKey(k.key);
      if (!parsed.ok) throw new Error(`fixture deploy key ${k.label}: ${parsed.message}`);
      const { material, comment } = parsed.key;
      const record = { id: this.nextKeyId++, material, comment, label: k.label, createdOn: k.addedOn ?? seededAt, lastUsed: null };
      if (k.repository) this.listFor(this.repoKeys, k.repository).push(record);
      else if (k.project) this.listFor(this.projectKeys, k.project).push(record);
    }
  }

  // ---- what the git endpoints and the tests call ----

  authenticateGit(username: string, password: string): { ok: true; principal: Principal } | { ok: false; status: 401 | 403 | 410; message: string } {
    const result: AuthResult = authenticateBasic(this, username, password, { git: true });
    if (result.ok) return { ok: true, principal: result.principal };
    return { ok: false, status: result.status, message: result.message };
  }

  canRead(principal: Principal, workspace: string, slug: string): boolean {
    return this.permission(principal, workspace, slug) !== null && hasReadScope(principal);
  }

  repository(workspace: string, slug: string): RepositoryInfo | undefined {
    const r = this.repo(workspace, slug);
    if (!r) return undefined;
    return { workspace: this.workspace, slug: r.slug, name: r.name, project: r.project, isPrivate: r.isPrivate, ...(r.seed ? { seed: r.seed } : {}) };
  }

  accessKeysFor(workspace: string, slug: string): string[] {
    const r = this.repo(workspace, slug);
    if (!r) return [];
    const own = this.repoKeys.get(r.slug) ?? [];
    const inherited = r.project ? (this.projectKeys.get(r.project) ?? []) : [];
    return [...own, ...inherited].map((k) => k.material);
  }

  /** Called by the git endpoints when a key was used to read a repository: updates `last_used`. */
  touchAccessKey(workspace: string, slug: string, publicKeyLine: string): void {
    const r = this.repo(workspace, slug);
    if (!r) return;
    const material = keyMaterial(publicKeyLine);
    const now = bitbucketTime(new Date());
    for (const k of this.repoKeys.get(r.slug) ?? []) if (k.material === material) k.lastUsed = now;
    if (r.project) for (const k of this.projectKeys.get(r.project) ?? []) if (k.material === material) k.lastUsed = now;
  }

  // ---- lookups used by the routes ----

  /** The workspace's slug or its {uuid}. */
  isWorkspace(id: string): boolean {
    return id === this.workspace || id === this.fixture.workspace.uuid;
  }

  repo(workspace: string, slug: string): FixtureRepository | undefined {
    if (!this.isWorkspace(workspace)) return undefined;
    // Bitbucket accepts the repository's {uuid} wherever it takes a slug.
    if (slug.startsWith('{')) return this.fixture.repositories.find((r) => r.uuid === slug);
    return this.repos.get(slug.toLowerCase());
  }

  project(workspace: string, key: string): FixtureProject | undefined {
    if (!this.isWorkspace(workspace)) return undefined;
    return this.projects.get(key);
  }

  repositories(): FixtureRepository[] {
    return [...this.repos.values()];
  }

  /** The principal's permission on a repository, ignoring scopes; null = cannot see it. */
  permission(principal: Principal | null, workspace: string, slug: string): RepoPermission | null {
    const r = this.repo(workspace, slug);
    if (!r) return null;
    if (!principal) return r.isPrivate ? null : 'read';
    switch (principal.kind) {
      case 'user':
        return principal.user.workspaceRole === 'owner' ? 'admin' : principal.user.workspaceRole === 'member' ? 'read' : r.isPrivate ? null : 'read';
      case 'app_user':
        return principal.scopes.has('repository:admin') ? 'admin' : principal.scopes.has('repository:write') ? 'write' : 'read';
      case 'access_token': {
        const res = principal.token.resource;
        const covered = res.type === 'workspace' || (res.type === 'project' && r.project === res.project) || (res.type === 'repository' && r.slug === res.repository);
        if (!covered) return r.isPrivate ? null : 'read';
        return principal.scopes.has('repository:admin') ? 'admin' : principal.scopes.has('repository:write') ? 'write' : 'read';
      }
    }
  }

  // ---- deploy keys ----

  repoDeployKeys(slug: string): DeployKeyRecord[] {
    return this.listFor(this.repoKeys, slug);
  }

  projectDeployKeys(key: string): DeployKeyRecord[] {
    return this.listFor(this.projectKeys, key);
  }

  /** Registers a key line as some user's personal SSH key (tests: an admin reusing their own key). */
  addPersonalSshKey(line: string): void {
    this.personalSshKeys.add(keyMaterial(line));
  }

  addDeployKey(list: DeployKeyRecord[], material: string, comment: string, label: string, addedBy?: string): DeployKeyRecord | 'duplicate' | 'personal' {
    if (this.personalSshKeys.has(material)) return 'personal';
    if (list.some((k) => k.material === material)) return 'duplicate';
    const record: DeployKeyRecord = { id: this.nextKeyId++, material, comment, label, createdOn: bitbucketTime(new Date()), lastUsed: null, ...(addedBy ? { addedBy } : {}) };
    list.push(record);
    return record;
  }

  /**
   * An admin edits the OAuth consumer. Bitbucket's API spec (POST …/deploy-keys): "If authenticating a deploy key
   * with an OAuth consumer, any changes to the OAuth consumer will subsequently invalidate the deploy key."
   */
  changeOAuthConsumer(consumerKey: string): void {
    for (const lists of [this.repoKeys, this.projectKeys]) {
      for (const [id, list] of lists) lists.set(id, list.filter((k) => k.addedBy !== consumerKey));
    }
  }

  removeDeployKey(list: DeployKeyRecord[], id: number): boolean {
    const i = list.findIndex((k) => k.id === id);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  // ---- revocation (tests: a credential withdrawn while in use) ----

  /** Withdraws an API token, access token, OAuth consumer key or issued OAuth token; later use answers 401. */
  revoke(secretOrKey: string): void {
    this.revoked.add(secretOrKey);
  }

  isRevoked(secretOrKey: string): boolean {
    return this.revoked.has(secretOrKey);
  }

  // ---- OAuth tokens ----

  issueOAuthToken(consumerKey: string, scopes: string[], now = this.now()): OAuthTokenRecord {
    const record: OAuthTokenRecord = {
      accessToken: randomToken(64),
      refreshToken: randomToken(24),
      consumerKey,
      scopes,
      expiresAt: now + this.oauthTokenLifetimeSec * 1000,
    };
    this.oauthTokens.set(record.accessToken, record);
    this.refreshTokens.set(record.refreshToken, record);
    return record;
  }

  oauthToken(accessToken: string): OAuthTokenRecord | undefined {
    return this.oauthTokens.get(accessToken);
  }

  redeemRefreshToken(refreshToken: string, consumerKey: string): OAuthTokenRecord | undefined {
    const old = this.refreshTokens.get(refreshToken);
    if (!old || old.consumerKey !== consumerKey || this.revoked.has(consumerKey)) return undefined;
    return this.issueOAuthToken(consumerKey, old.scopes);
  }

  private listFor(map: Map<string, DeployKeyRecord[]>, id: string): DeployKeyRecord[] {
    let list = map.get(id);
    if (!list) map.set(id, (list = []));
    return list;
  }
}

function hasReadScope(p: Principal): boolean {
  return p.kind === 'user' ? p.scopes.has('read:repository:bitbucket') : p.scopes.has('repository');
}

function randomToken(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
}

/** Bitbucket's timestamp style: 2021-08-10T05:28:00.570859+00:00 */
export function bitbucketTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}
