import { z } from 'zod/mini';
import type { BitbucketClient } from './client';
import { Account, DeployKey, Repository } from './schemas';

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

export const listKeys = (client: BitbucketClient, target: KeyTarget): Promise<DeployKey[]> =>
  client.paginate({ path: target.keysPath, schema: DeployKey, what: `listing access keys of ${target.name}` });

export const addKey = (client: BitbucketClient, target: KeyTarget, key: string, label: string): Promise<DeployKey> =>
  client.request({ method: 'POST', path: target.keysPath, body: { key, label }, schema: DeployKey, what: `adding the access key to ${target.name}` });

export const getKey = (client: BitbucketClient, target: KeyTarget, id: number): Promise<DeployKey> =>
  client.request({ path: `${target.keysPath}/${id}`, schema: DeployKey, what: `reading access key ${id} of ${target.name}` });

export const deleteKey = (client: BitbucketClient, target: KeyTarget, id: number): Promise<undefined> =>
  client.request({ method: 'DELETE', path: `${target.keysPath}/${id}`, schema: z.undefined(), what: `removing access key ${id} from ${target.name}` });
