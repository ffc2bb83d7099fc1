import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCredentials, readEndpoints } from '../config/credentials';
import { sshEndpoint } from '../config/endpoints';
import { optionalValue } from '../config/secrets';
import { usageError } from '../errors';
import { callerEnvironment, gitEnvironment } from './git-environment';
import { cloneFailure } from './git-failure';
import { httpsTransport } from './https-transport';
import { runInterruptible } from './interrupt';
import { PrivateDir } from './private-dir';
import { readHead } from './head';
import { gitProgress } from './progress';
import { runGit } from './run-git';
import { sshTransport, type TransportSetup } from './ssh-transport';

type Env = Record<string, string | undefined>;
export type CloneTransport = 'ssh' | 'https';

export interface CloneOptions {
  repo: string;
  dest: string;
  branch?: string;
  depth?: number;
  transport?: CloneTransport;
  key?: string;
  /** git over SSH through altssh.bitbucket.org:443, for networks that block port 22. */
  sshPort443?: boolean;
  recurseSubmodules?: boolean;
  env?: Env;
  onProgress?: (text: string) => void;
}

export interface CloneResult {
  repo: string;
  dest: string;
  transport: CloneTransport;
  commit: string | null;
  branch: string | null;
}

const REPO = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/;

/**
 * Clones W/SLUG with the environment's credential (or an SSH key), keeping every secret out of argv,
 * URLs and .git/config; temporary key material is removed whatever happens, signals included.
 */
export async function clone(options: CloneOptions): Promise<CloneResult> {
  const env = options.env ?? process.env;
  const repo = options.repo.replace(/\.git$/, '');
  if (!REPO.test(repo) || repo.split('/').some((part) => part.startsWith('.'))) {
    throw usageError(`--repo ${options.repo}: expected WORKSPACE/SLUG, e.g. acme/core-api`);
  }
  if (options.branch !== undefined && (options.branch === '' || options.branch.startsWith('-'))) {
    throw usageError(`--branch ${options.branch}: not a branch name`);
  }
  const dest = path.resolve(options.dest);
  checkDestination(dest);
  const endpoints = readEndpoints(env);
  const keyFile = options.key ?? (env.BITBUCKET_SSH_KEY_FILE || undefined);
  const transport = options.transport ?? (options.key !== undefined || options.sshPort443 === true || env.BITBUCKET_AUTH === 'ssh-key' ? 'ssh' : 'https');
  if (transport === 'https' && options.key !== undefined) throw usageError('--key clones over SSH; drop --transport https or --key');
  if (transport === 'https' && options.sshPort443 === true) throw usageError('--ssh-port-443 is for git over SSH; drop --transport https or --ssh-port-443');
  const gitSsh = sshEndpoint(env, options.sshPort443 === true);

  const dir = transport === 'ssh' ? await PrivateDir.create() : undefined;
  return runInterruptible(
    async (signal) => {
      let setup: TransportSetup;
      if (dir) {
        if (keyFile === undefined) throw usageError('cloning over SSH needs a key: pass --key PATH or set BITBUCKET_SSH_KEY_FILE');
        const passphrase = optionalValue(env, 'BITBUCKET_SSH_PASSPHRASE');
        setup = await sshTransport({
          repo,
          keyFile,
          keyFlag: options.key !== undefined ? '--key' : 'BITBUCKET_SSH_KEY_FILE',
          gitSsh,
          dir,
          passphrase,
          knownHostsPath: endpoints.knownHostsPath,
        });
      } else {
        const credentials = readCredentials(env);
        // The HTTP client (for the OAuth grant) is only loaded when an HTTPS clone needs it.
        const { gitHttpsCredentials } = await import(/* webpackMode: "eager" */ '../bitbucket/git-credentials');
        const credential = await gitHttpsCredentials(credentials, endpoints);
        setup = httpsTransport({ repo, gitHttpsUrl: endpoints.gitHttpsUrl, ...credential, env: callerEnvironment(env) });
      }
      const host = transport === 'ssh' ? gitSsh.replace(/^[^@]*@/, '') : new URL(endpoints.gitHttpsUrl).host;
      options.onProgress?.(`cloning ${repo} over ${transport} into ${dest}`);
      const args = ['clone', options.onProgress ? '--progress' : '--quiet'];
      if (options.branch !== undefined) args.push('--branch', options.branch);
      if (options.depth !== undefined) args.push('--depth', String(options.depth));
      if (options.recurseSubmodules) args.push('--recurse-submodules');
      args.push('--', setup.url, dest);
      const childEnv = gitEnvironment(env, setup.env, endpoints.gitHttpsUrl);
      const onStderr = options.onProgress && gitProgress((phase, percent) => options.onProgress?.(`${repo}: ${phase} ${percent}%`));
      const run = await runGit(args, { env: childEnv, signal, onStderr });
      if (signal.aborted) throw usageError('interrupted');
      if (run.code !== 0) {
        throw cloneFailure(run.stderr, { repo, transport, host, branch: options.branch, knownHosts: endpoints.knownHostsPath });
      }
      const head = (await readHead(dest)) ?? (await headFromGit(dest, childEnv));
      return { repo, dest, transport, commit: head.commit, branch: head.branch };
    },
    async () => dir?.remove(),
  );
}

async function headFromGit(dest: string, env: NodeJS.ProcessEnv): Promise<{ commit: string | null; branch: string | null }> {
  const run = await runGit(['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD'], { env, cwd: dest });
  const [commit, branch] = run.code === 0 ? run.stdout.trim().split('\n') : [];
  return { commit: commit ?? null, branch: branch && branch !== 'HEAD' ? branch : null };
}

function checkDestination(dest: string): void {
  let stat;
  try {
    stat = statSync(dest);
  } catch {
    return;
  }
  if (!stat.isDirectory() || readdirSync(dest).length > 0) throw usageError(`--dest ${dest} exists and is not an empty directory; pick a new path`);
}
