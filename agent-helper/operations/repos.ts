import { repositoryPages } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { authFailure, BitbucketHttpError } from '../bitbucket/http-error';
import type { Repository } from '../bitbucket/schemas';
import type { ReposReport, RepositorySummary } from '../contract/reports';
import { usageError } from '../errors';

/** The workspace's repositories page by page (optionally a BBQL query), errors mapped to exit codes. */
export async function* repositoryStream(client: BitbucketClient, workspace: string, query?: string): AsyncGenerator<Repository> {
  try {
    for await (const page of repositoryPages(client, workspace, query)) yield* page;
  } catch (error) {
    if (!(error instanceof BitbucketHttpError)) throw error;
    if (error.isAuth) throw authFailure(error, client.credentials.mode);
    if (error.failure.kind === 'bad-request' && query !== undefined) throw usageError(`--query ${JSON.stringify(query)}: Bitbucket rejected the query (${error.bitbucketMessage}); fix the BBQL`);
    if (error.failure.kind === 'not-found') throw usageError(`workspace ${workspace} not found or not visible to this credential; check --workspace`);
    throw error;
  }
}

/** Every repository of the workspace (all pages), optionally filtered by a BBQL query. */
export async function repos(client: BitbucketClient, workspace: string, query?: string): Promise<ReposReport> {
  const repositories: RepositorySummary[] = [];
  for await (const r of repositoryStream(client, workspace, query)) {
    repositories.push({ slug: r.slug, full_name: r.fullName, name: r.name, project: r.projectKey, is_private: r.isPrivate, mainbranch: r.mainBranch });
  }
  return { repositories };
}
