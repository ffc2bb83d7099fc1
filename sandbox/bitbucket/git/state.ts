// The part of the Bitbucket sandbox's state the git endpoints use, typed structurally so the
// endpoints depend on the contract, not on the REST sandbox's module.
export type GitAuthResult<P> = { ok: true; principal: P } | { ok: false; status: 401 | 403 | 410; message: string };

export interface GitRepository {
  workspace: string;
  slug: string;
  name: string;
  project: string | null;
  isPrivate: boolean;
  seed?: 'small' | 'large' | 'submodule';
}

export interface GitState<P = unknown> {
  authenticateGit(username: string, password: string): GitAuthResult<P>;
  canRead(principal: P, workspace: string, slug: string): boolean;
  repository(workspace: string, slug: string): GitRepository | undefined;
  accessKeysFor(workspace: string, slug: string): string[];
  /** Optional: records "last used" of the access key that matched. */
  touchAccessKey?(workspace: string, slug: string, publicKey: string): void;
}
