import { usageError } from '../errors';

const WORKSPACE = /^[a-z0-9][a-z0-9_-]{0,61}$/i;
const SLUG = /^[a-z0-9_.-]{1,62}$/i;
const PROJECT_KEY = /^[a-z][a-z0-9_]{0,127}$/i;

export function validateWorkspace(workspace: string): string {
  if (!WORKSPACE.test(workspace)) throw usageError(`--workspace ${JSON.stringify(workspace)}: not a Bitbucket workspace id (letters, digits, - and _); pass the id from the workspace URL`);
  return workspace;
}

/** A repository slug, or W/SLUG naming the same workspace; checked before any request is made. */
export function validateSlug(workspace: string, argument: string): string {
  const [first, second, ...rest] = argument.split('/');
  const slug = second === undefined ? first : first === workspace && rest.length === 0 ? second : undefined;
  if (slug === undefined || !SLUG.test(slug) || slug === '.' || slug === '..') {
    throw usageError(`--repo ${JSON.stringify(argument)}: not a repository slug of workspace ${workspace} (letters, digits, ., - and _); fix the slug`);
  }
  return slug.toLowerCase();
}

export function validateProjectKey(key: string): string {
  if (!PROJECT_KEY.test(key)) throw usageError(`--project ${JSON.stringify(key)}: not a Bitbucket project key (a letter, then letters, digits or _); pass the key shown in the project settings`);
  return key.toUpperCase();
}
