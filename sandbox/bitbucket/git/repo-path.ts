import type { GitRepository } from './state';

/** Finds (creating on first use) the bare repository behind a known sandbox repository. */
export type RepoLocator = (repository: GitRepository) => Promise<string>;

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** `ws/slug.git`, `/ws/slug.git` or `ws/slug` (Bitbucket accepts all three) → names, or undefined. */
export function parseRepoPath(text: string): { workspace: string; slug: string } | undefined {
  const parts = text.replace(/^\//, '').replace(/\.git\/?$/, '').split('/');
  if (parts.length !== 2) return undefined;
  const [workspace, slug] = parts as [string, string];
  if (!SEGMENT.test(workspace) || !SEGMENT.test(slug) || workspace.startsWith('.') || slug.startsWith('.')) return undefined;
  return { workspace, slug };
}

/** A clean environment for server-side git: nothing of the host's git configuration leaks in. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    ...extra,
  };
}
