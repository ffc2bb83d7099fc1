import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createHttpHandler } from './http-backend';
import type { RepoLocator } from './repo-path';
import { ensureRepository } from './seeds';
import { startSshServer } from './ssh-server';
import type { GitState } from './state';

export type { GitRepository, GitState } from './state';
export { SUBMODULE_TARGET_SLUG } from './seeds';

export interface GitEndpoints {
  /** `git@127.0.0.1:PORT` */
  gitSsh: string;
  /** known_hosts pinning this run's SSH host key for `[127.0.0.1]:PORT` */
  knownHostsPath: string;
  handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

/**
 * Git over SSH (own port) and over HTTPS (requests handed over by the REST server) for the sandbox's
 * repositories. Bare repositories live in `dataDir/<workspace>/<slug>.git` and are created from
 * their seed the first time anyone fetches them.
 */
export async function startGitEndpoints<P>(options: { state: GitState<P>; dataDir: string }): Promise<GitEndpoints> {
  const state = options.state as GitState<unknown>;
  const { dataDir } = options;
  const locate: RepoLocator = (repository) => ensureRepository(dataDir, repository.workspace, repository.slug, repository.seed ?? 'small');
  const keysDir = path.join(dataDir, '.ssh-endpoint');
  await mkdir(keysDir, { recursive: true });
  const knownHostsPath = path.join(keysDir, 'known_hosts');
  const ssh = await startSshServer({ state, locate, knownHostsPath });
  return {
    gitSsh: `git@127.0.0.1:${ssh.port}`,
    knownHostsPath,
    handleHttp: createHttpHandler({ state, dataDir, locate }),
    close: () => ssh.close(),
  };
}
