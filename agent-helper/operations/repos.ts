import { listRepositories } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import { authFailure, BitbucketHttpError } from '../bitbucket/http-error';
import { usageError } from '../errors';

export interface RepositorySummary {
  slug: string;
  full_name: string;
  /** The display name (may differ from the slug; shown by the TeamCity picker). */
  name: string;
  project: string | null;
  is_private: boolean;
}

/** Every repository of the workspace (all pages), optionally filtered by a BBQL query. */
export async function repos(client: BitbucketClient, workspace: string, query?: string): Promise<{ repositories: RepositorySummary[] }> {
  try {
    const found = await listRepositories(client, workspace, query);
    return { repositories: found.map((r) => ({ slug: r.slug, full_name: r.full_name, name: r.name ?? r.slug, project: r.project?.key ?? null, is_private: r.is_private })) };
  } catch (error) {
    if (!(error instanceof BitbucketHttpError)) throw error;
    if (error.isAuth) throw authFailure(error, client.credentials.mode);
    if (error.status === 400 && query !== undefined) throw usageError(`--query ${JSON.stringify(query)}: Bitbucket rejected the query (${error.bitbucketMessage}); fix the BBQL`);
    if (error.status === 404) throw usageError(`workspace ${workspace} not found or not visible to this credential; check --workspace`);
    throw error;
  }
}
