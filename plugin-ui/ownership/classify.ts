import { bitbucketRepository, type Environment } from '../repositories/vcs/bitbucket-urls';
/** Who owns each way into Bitbucket that a TeamCity project holds, and whether it survives its owner leaving. */

export type CredentialKind =
  | 'app-password'
  | 'api-token'
  | 'teamcity-token'
  | 'oauth-consumer'
  | 'access-token'
  | 'token'
  | 'access-key'
  | 'ssh-key'
  | 'anonymous';

/** `service-account`: a dedicated Bitbucket user the admin marked as shared: survives people leaving, costs a seat, its token expires. */
export type Verdict = 'retired' | 'personal' | 'service-account' | 'non-personal' | 'unknown';

export const APP_PASSWORD_SUNSET = '2026-07-28';
/** Git over SSH leaves bitbucket.org for ssh.bitbucket.org by then (Atlassian, "Upcoming change to Bitbucket Cloud SSH access"). */
export const SSH_HOST_DEADLINE = '2026-11-12';

export interface VcsRootFacts {
  id: string;
  name: string;
  projectId: string;
  url: string;
  authMethod: string;
  username: string;
  teamcitySshKey: string;
}

export interface StoredCredentialFacts {
  projectId: string;
  /** env.BITBUCKET_AUTH of that project (its own, not inherited). */
  auth: string;
  email: string;
  username: string;
  /** The account's display name, when a `check` run told it. */
  accountName?: string | null;
  /** Where it is stored: the operations build's management credential (default) or a project's clone credential. */
  holder?: 'management' | 'clone';
}

export interface BuildTypeFacts {
  id: string;
  name: string;
  projectId: string;
  vcsRootIds: string[];
  /** true when a step runs the Repo Access helper, i.e. uses the project's stored credential. */
  usesHelper: boolean;
}

export interface Finding {
  subject: 'vcs-root' | 'stored-credential' | 'connection' | 'parameter';
  id: string;
  name: string;
  projectId: string;
  kind: CredentialKind;
  verdict: Verdict;
  owner: string | null;
  explanation: string;
  /** What to change in the root's settings, when its URL will stop working (null when nothing). */
  sshHostMove: string | null;
  repositories: string[];
  dependents: Array<{ id: string; name: string; projectId: string }>;
}

const SPECIAL_TOKEN_USER = 'x-token-auth';
const API_TOKEN_USER = 'x-bitbucket-api-token-auth';

/**
 * The new URL of a git-over-SSH URL on bitbucket.org (`git@bitbucket.org:W/S.git`, `ssh://git@bitbucket.org/W/S.git`):
 * the same on ssh.bitbucket.org; null for any other URL (HTTPS on bitbucket.org stays).
 */
export function movedSshUrl(url: string): string | null {
  const scp = /^([^@/:\s]+@)?bitbucket\.org:(?!\d+\/)(.+)$/i.exec(url.trim());
  if (scp && !url.includes('://')) return `${scp[1] ?? ''}ssh.bitbucket.org:${scp[2]}`;
  const ssh = /^ssh:\/\/([^@/\s]+@)?bitbucket\.org(:22)?(\/.+)$/i.exec(url.trim());
  return ssh ? `ssh://${ssh[1] ?? ''}ssh.bitbucket.org${ssh[3]}` : null;
}

function sshHostMove(url: string): string | null {
  const moved = movedSshUrl(url);
  return moved && `Git over SSH moves off bitbucket.org by ${SSH_HOST_DEADLINE}: change this root's URL to ${moved} (HTTPS URLs stay).`;
}

function classifyGitAuth(root: VcsRootFacts, env: Environment): Pick<Finding, 'kind' | 'verdict' | 'owner' | 'explanation'> {
  const method = root.authMethod.toUpperCase();
  const user = root.username.trim();
  switch (method) {
    case 'TEAMCITY_SSH_KEY':
      if (root.teamcitySshKey.startsWith(env.ownKeyPrefix))
        return { kind: 'access-key', verdict: 'non-personal', owner: null, explanation: `Access key "${root.teamcitySshKey}" managed by Repo Access; tied to no account.` };
      return {
        kind: 'ssh-key',
        verdict: 'unknown',
        owner: null,
        explanation: `Uploaded SSH key "${root.teamcitySshKey}": an access key if registered on the repository, personal if it is someone's account key.`,
      };
    case 'PRIVATE_KEY_DEFAULT':
    case 'PRIVATE_KEY_FILE':
      return { kind: 'ssh-key', verdict: 'unknown', owner: null, explanation: 'SSH key on the agent: check whether it is an access key or an account key.' };
    case 'ACCESS_TOKEN':
      return {
        kind: 'teamcity-token',
        verdict: 'personal',
        owner: null,
        explanation: 'Token from a TeamCity connection, issued to the TeamCity user who authorized it; it stops when their Bitbucket account is removed.',
      };
    case 'ANONYMOUS':
      return { kind: 'anonymous', verdict: 'non-personal', owner: null, explanation: 'Anonymous: works only for public repositories.' };
    case 'PASSWORD':
      if (user === SPECIAL_TOKEN_USER)
        return { kind: 'token', verdict: 'non-personal', owner: null, explanation: 'Access token or OAuth consumer token (x-token-auth); tied to no person.' };
      if (user === API_TOKEN_USER || user.includes('@'))
        return {
          kind: 'api-token',
          verdict: 'personal',
          owner: user.includes('@') ? user : null,
          explanation: "An Atlassian API token: builds stop when its owner's account is removed or the token expires.",
        };
      return {
        kind: 'app-password',
        verdict: 'retired',
        owner: user || null,
        explanation: `App password of ${user || 'an unnamed user'}: Bitbucket turned app passwords off on ${APP_PASSWORD_SUNSET}, so this root no longer works.`,
      };
    default:
      return { kind: 'anonymous', verdict: 'unknown', owner: null, explanation: `Unrecognized authentication method "${root.authMethod}".` };
  }
}

function classifyStored(cred: StoredCredentialFacts): Pick<Finding, 'kind' | 'verdict' | 'owner' | 'explanation'> | null {
  const login = cred.email || cred.username;
  const owner = cred.accountName ? (login ? `${cred.accountName} (${login})` : cred.accountName) : login || null;
  switch (cred.auth) {
    case 'api-token':
      return {
        kind: 'api-token',
        verdict: 'personal',
        owner,
        explanation: "Management credential is an API token: Repo Access builds stop when its owner's account is removed.",
      };
    case 'app-password':
      return {
        kind: 'app-password',
        verdict: 'retired',
        owner: cred.username || null,
        explanation: `Management credential is an app password: turned off by Bitbucket on ${APP_PASSWORD_SUNSET}.`,
      };
    case 'oauth':
      return { kind: 'oauth-consumer', verdict: 'non-personal', owner: null, explanation: "OAuth consumer: acts as the workspace's app user, tied to no person." };
    case 'access-token':
      return { kind: 'access-token', verdict: 'non-personal', owner: null, explanation: 'Workspace/project/repository access token: tied to no person (cannot manage access keys).' };
    default:
      return null;
  }
}

const dependent = (b: BuildTypeFacts) => ({ id: b.id, name: b.name, projectId: b.projectId });

/** Projects in the subtree, by parent links, so a root's findings cover subprojects. */
export function inSubtree(projectId: string, rootId: string, parents: ReadonlyMap<string, string | null>): boolean {
  let current: string | null | undefined = projectId;
  for (let depth = 0; current && depth < 100; depth++) {
    if (current === rootId) return true;
    current = parents.get(current);
  }
  return false;
}

export function classify(input: {
  env: Environment;
  vcsRoots: VcsRootFacts[];
  stored: StoredCredentialFacts[];
  buildTypes: BuildTypeFacts[];
  parents: ReadonlyMap<string, string | null>;
}): Finding[] {
  const findings: Finding[] = [];
  for (const root of input.vcsRoots) {
    const repo = bitbucketRepository(root.url, input.env);
    if (!repo) continue;
    const dependents = input.buildTypes.filter((b) => b.vcsRootIds.includes(root.id)).map(dependent);
    findings.push({
      subject: 'vcs-root',
      id: root.id,
      name: root.name,
      projectId: root.projectId,
      ...classifyGitAuth(root, input.env),
      sshHostMove: sshHostMove(root.url),
      repositories: [repo],
      dependents,
    });
  }
  for (const cred of input.stored) {
    const verdict = classifyStored(cred);
    if (!verdict) continue;
    const dependents = input.buildTypes
      .filter((b) => b.usesHelper && inSubtree(b.projectId, cred.projectId, input.parents))
      .map(dependent);
    const clone = cred.holder === 'clone';
    findings.push({
      subject: 'stored-credential',
      id: `${cred.projectId}:${clone ? 'clone:' : ''}env.BITBUCKET_AUTH`,
      name: `${clone ? 'Clone' : 'Management'} credential of ${cred.projectId}`,
      projectId: cred.projectId,
      ...verdict,
      sshHostMove: null,
      repositories: [],
      dependents,
    });
  }
  const rank: Record<Verdict, number> = { retired: 0, personal: 1, unknown: 2, 'service-account': 3, 'non-personal': 4 };
  return findings.sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.name.localeCompare(b.name));
}

/** Repositories whose VCS roots break (or already broke) when a person leaves: what "migrate" moves to an access key. */
export function migrationCandidates(findings: Finding[]): { repositories: string[]; vcsRootIds: string[] } {
  const affected = findings.filter((f) => f.subject === 'vcs-root' && (f.verdict === 'personal' || f.verdict === 'retired'));
  return { repositories: [...new Set(affected.flatMap((f) => f.repositories))].sort(), vcsRootIds: affected.map((f) => f.id) };
}
