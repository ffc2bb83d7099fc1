import type { BitbucketClient } from './client';
import { Account, Repository } from './schemas';

const seg = encodeURIComponent;

/** Where access keys of one repository or one project live. */
export interface KeyTarget {
  /** `W/SLUG`, or `W/project:KEY` for a project-level key. */
  name: string;
  keysPath: string;
}

export const repositoryTarget = (workspace: string, slug: string): KeyTarget => ({
  name: `${workspace}/${slug}`,
  keysPath: `/repositories/${seg(workspace)}/${seg(slug)}/deploy-keys`,
});

export const projectTarget = (workspace: string, key: string): KeyTarget => ({
  name: `${workspace}/project:${key}`,
  keysPath: `/workspaces/${seg(workspace)}/projects/${seg(key)}/deploy-keys`,
});

export const currentAccount = (client: BitbucketClient): Promise<Account> =>
  client.request({ path: '/user', schema: Account, what: 'GET /user' });

export const repositoryPages = (client: BitbucketClient, workspace: string, query?: string): AsyncGenerator<Repository[]> =>
  client.pages({ path: `/repositories/${seg(workspace)}`, query: { q: query }, schema: Repository, what: `listing repositories of ${workspace}` });
