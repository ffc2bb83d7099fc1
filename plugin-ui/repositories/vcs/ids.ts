/** TeamCity ids: a Latin letter first, then letters, digits, underscores; at most 225 characters. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
export const MAX_ID = 225;

/** FNV-1a, 32 bits, base36: short, stable, no crypto needed for naming. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * Ids a repository's VCS root may take in a project, preferred first: the readable one, then one carrying a
 * hash of the full name for when the readable one is taken by another repository (`a-b` and `a_b` map alike).
 */
export function vcsRootIds(projectId: string, fullName: string): [string, string] {
  const slug = fullName.split('/').pop() ?? fullName;
  const readable = `${projectId}_${slug.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const suffix = `_${shortHash(fullName)}`;
  const hashed = `${readable.slice(0, MAX_ID - suffix.length)}${suffix}`;
  const ids: [string, string] = [readable.length <= MAX_ID ? readable : hashed, hashed];
  for (const id of ids) if (!ID_PATTERN.test(id)) throw new Error(`Cannot make a TeamCity id from project ${projectId}: it must start with a letter.`);
  return ids;
}

/** `git@host` → `git@host:W/S.git` (Bitbucket's own form); `git@host:PORT` → `ssh://git@host:PORT/W/S.git`. */
export function sshUrl(gitSsh: string, fullName: string): string {
  const match = /^(?:ssh:\/\/)?([^@\s/]+@)?([^:\s/]+)(?::(\d+))?\/?$/.exec(gitSsh.trim());
  if (!match) throw new Error(`repoaccess.gitSsh "${gitSsh}" is not user@host or user@host:port; fix the project parameter.`);
  const [, user = 'git@', host = '', port] = match;
  return port ? `ssh://${user}${host}:${port}/${fullName}.git` : `${user}${host}:${fullName}.git`;
}

export function httpsUrl(gitHttps: string, fullName: string): string {
  return `${gitHttps.replace(/\/+$/, '')}/${fullName}.git`;
}
