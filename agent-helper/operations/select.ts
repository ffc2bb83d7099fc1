import { projectTarget, repositoryTarget, type KeyTarget } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { repos } from './repos';

/** Which repositories (or which project) a bulk command works on. */
export type Selection = { repos: string[] } | { all: true } | { query: string } | { project: string };

/** Explicit slugs cost no request; --all and --query list the workspace once. */
export async function resolveTargets(client: BitbucketClient, workspace: string, selection: Selection): Promise<KeyTarget[]> {
  if ('repos' in selection) return [...new Set(selection.repos)].map((slug) => repositoryTarget(workspace, slug));
  if ('project' in selection) return [projectTarget(workspace, selection.project)];
  const { repositories } = await repos(client, workspace, 'query' in selection ? selection.query : undefined);
  return repositories.map((r) => repositoryTarget(workspace, r.slug));
}
