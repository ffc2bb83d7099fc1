import { APP_PASSWORD_RETIRED } from '../config/app-password';
import { RepoAccessError, type ExitCode } from '../errors';

interface Context {
  repo: string;
  transport: 'ssh' | 'https';
  host: string;
  branch?: string;
  knownHosts?: string;
}

type Rule = [RegExp, ExitCode, (context: Context) => string];

// First match wins: the more specific server messages come before git's generic last words.
const RULES: Rule[] = [
  [/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No \S+ host key is known for/i, 3,
    (c) => `the SSH host key of ${c.host} does not match the pinned known_hosts (${c.knownHosts ?? 'built-in Bitbucket host keys'}); refusing to connect — check BITBUCKET_KNOWN_HOSTS`],
  [/Remote branch (\S+) not found|couldn't find remote ref/i, 2,
    (c) => `branch ${c.branch ?? '(default)'} does not exist in ${c.repo}; check --branch`],
  [/conq: repository does not exist|repository '[^']*' not found|returned error: 404/i, 2,
    (c) => `repository ${c.repo} was not found (or this credential cannot see it); check --repo`],
  [/conq: repository access denied|deployment key is not associated/i, 3,
    (c) => `the SSH key is not an access key of ${c.repo} (never registered or revoked); register it with 'repo-access register'`],
  [/Permission denied \(publickey|incorrect passphrase|Load key .*: (incorrect passphrase|invalid format|error in libcrypto)/i, 3,
    (c) => `${c.host} refused the SSH key (or its passphrase is wrong); check --key and BITBUCKET_SSH_PASSPHRASE`],
  // Git over HTTPS answers a retired app password with 410 and `remote:` lines naming CHANGE-3222.
  [/CHANGE-3222|returned error: 410/i, 3, (c) => `${c.host} refused the credential: it is an app password. ${APP_PASSWORD_RETIRED}`],
  [/returned error: 403/i, 3, (c) => `the credential may not read ${c.repo} (403); grant it read access to the repository`],
  [/could not read (Username|Password)|Authentication failed|returned error: 401/i, 3,
    // Bitbucket also answers "Authentication failed" for a valid credential that may not read this repository.
    (c) => `${c.host} refused the credential (401): it is wrong, expired or revoked, or it may lack access to ${c.repo}; check BITBUCKET_AUTH and its variables, and that the credential can read the repository`],
  [/Could not resolve (hostname|host)|Connection refused|Connection timed out|timed out|Network is unreachable|No route to host|Failed to connect|Couldn't connect|Connection reset|Connection closed|returned error: 5\d\d|early EOF|unexpected disconnect/i, 4,
    (c) => `could not reach ${c.host} over ${c.transport}; check the network and BITBUCKET_GIT_${c.transport === 'ssh' ? 'SSH' : 'HTTPS_URL'}`],
];

/** Turns git's stderr of a failed clone into one line that says what failed and what to do. */
export function cloneFailure(stderr: string, context: Context): RepoAccessError {
  for (const [pattern, exitCode, message] of RULES) if (pattern.test(stderr)) return new RepoAccessError(message(context), exitCode);
  const last = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(fatal|error|remote):/.test(line))
    .pop();
  return new RepoAccessError(`git clone of ${context.repo} failed${last ? `: ${last}` : ''}`, 4);
}
