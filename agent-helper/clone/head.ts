import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The commit and branch checked out in a fresh clone, read from .git directly (a fresh clone has
 * HEAD → a loose branch ref, or a detached commit id); undefined when that is not the layout.
 */
export async function readHead(worktree: string): Promise<{ commit: string; branch: string | null } | undefined> {
  const gitDir = path.join(worktree, '.git');
  try {
    const head = (await readFile(path.join(gitDir, 'HEAD'), 'utf8')).trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) return { commit: head, branch: null };
    const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    if (!ref) return undefined;
    const commit = (await readFile(path.join(gitDir, ref), 'utf8')).trim();
    return /^[0-9a-f]{40,64}$/.test(commit) ? { commit, branch: ref.slice('refs/heads/'.length) } : undefined;
  } catch {
    return undefined;
  }
}
