import { projectTarget, repositoryTarget, type KeyTarget } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { repositoryStream } from './repos';

/** Which repositories (or which project) a bulk command works on. */
export type Selection = { repos: string[] } | { all: true } | { query: string } | { project: string };

/**
 * Explicit slugs cost no request; --all and --query list the workspace, and the work on the first page
 * starts while the next page is fetched.
 */
export async function* targetStream(client: BitbucketClient, workspace: string, selection: Selection): AsyncGenerator<KeyTarget> {
  if ('repos' in selection) {
    for (const slug of new Set(selection.repos)) yield repositoryTarget(workspace, slug);
  } else if ('project' in selection) {
    yield projectTarget(workspace, selection.project);
  } else {
    for await (const r of repositoryStream(client, workspace, 'query' in selection ? selection.query : undefined)) yield repositoryTarget(workspace, r.slug);
  }
}
