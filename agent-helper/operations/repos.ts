import { repositoryPages } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { authFailure, BitbucketHttpError } from '../bitbucket/http-error';
import type { Repository } from '../bitbucket/schemas';
import { usageError } from '../errors';

export interface RepositorySummary {
  slug: string;
  full_name: string;
  /** The display name (may differ from the slug; shown by the TeamCity picker). */
  name: string;
  project: string | null;
  is_private: boolean;
  /** The repository's main branch (Bitbucket's `mainbranch.name`); null when it has none yet. */
  mainbranch: string | null;
}

/** The workspace's repositories page by page (optionally a BBQL query), errors mapped to exit codes. */
export async function* repositoryStream(client: BitbucketClient, workspace: string, query?: string): AsyncGenerator<Repository> {
  try {
    for await (const page of repositoryPages(client, workspace, query)) yield* page;
  } catch (error) {
    if (!(error instanceof BitbucketHttpError)) throw error;
    if (error.isAuth) throw authFailure(error, client.credentials.mode);
    if (error.status === 400 && query !== undefined) throw usageError(`--query ${JSON.stringify(query)}: Bitbucket rejected the query (${error.bitbucketMessage}); fix the BBQL`);
    if (error.status === 404) throw usageError(`workspace ${workspace} not found or not visible to this credential; check --workspace`);
    throw error;
  }
}

/** Every repository of the workspace (all pages), optionally filtered by a BBQL query. */
export async function repos(client: BitbucketClient, workspace: string, query?: string): Promise<{ repositories: RepositorySummary[] }> {
  const repositories: RepositorySummary[] = [];
  for await (const r of repositoryStream(client, workspace, query)) {
    repositories.push({ slug: r.slug, full_name: r.full_name, name: r.name ?? r.slug, project: r.project?.key ?? null, is_private: r.is_private, mainbranch: r.mainbranch?.name ?? null });
  }
  return { repositories };
}
