import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFixture, type Fixture } from './fixture';
import { startGitEndpoints, type GitEndpoints } from './git/index';
import type { Links } from './render';
import { createSandboxServer } from './server';
import { SandboxState } from './state';
import { createStats, FaultInjector, RateLimiter, type FaultKind, type RateLimitStyle, type Stats } from './traffic';

export { SandboxState } from './state';
export type { Principal } from './principal';
export { Fixture, generateFixture, defaultFixture, loadFixture } from './fixture';

export interface BitbucketSandboxOptions {
  fixture?: Fixture;
  port?: number;
  latencyMs?: number;
  /** `style: 'bitbucket'`: plain 429, no Retry-After; X-RateLimit-* only with `headers: true` (support.atlassian.com "API request limits"). */
  rateLimit?: { limit: number; windowMs: number; style?: RateLimitStyle; headers?: boolean };
  /** `afterHandling: true` lets the request take effect before its answer is lost (extension). */
  faults?: { everyNth: number; kinds: FaultKind[]; afterHandling?: boolean };
  oauthTokenLifetimeSec?: number;
  /** The clock for token expiry and the rate-limit window (default Date.now): tests move time instead of waiting. */
  clock?: () => number;
  /** Largest pagelen deploy-key listings accept (default 100); beyond it 400 "Invalid pagelen". */
  deployKeyMaxPagelen?: number;
  /** Deploy-key 400s name the problem only in `error.fields.key` (message "Bad request"). */
  keyErrorsInFields?: boolean;
  dataDir?: string;
  git?: boolean;
}

export interface BitbucketSandbox {
  apiUrl: string;
  oauthTokenUrl: string;
  gitHttpsUrl: string;
  gitSsh: string;
  knownHostsPath: string;
  env: Record<string, string>;
  state: SandboxState;
  stats: Stats;
  close(): Promise<void>;
}

export async function startBitbucketSandbox(options: BitbucketSandboxOptions = {}): Promise<BitbucketSandbox> {
  const state = new SandboxState(options.fixture ?? defaultFixture(), options.oauthTokenLifetimeSec ?? 7200, options.clock);
  if (options.deployKeyMaxPagelen !== undefined) state.deployKeyMaxPagelen = options.deployKeyMaxPagelen;
  state.keyErrorsInFields = options.keyErrorsInFields ?? false;
  const rate = options.rateLimit;
  const rateLimiter = rate ? new RateLimiter(rate.limit, rate.windowMs, rate.style, rate.headers ?? (rate.style ?? 'retry-after') === 'retry-after') : null;
  const faults = options.faults ? new FaultInjector(options.faults.everyNth, options.faults.kinds) : null;
  const stats = createStats(() => {
    rateLimiter?.reset();
    faults?.reset();
  });
  const links: Links = { origin: '', gitHttpsUrl: '', gitSsh: '' };
  let git: GitEndpoints | null = null;

  const server = createSandboxServer({
    state,
    stats,
    links,
    latencyMs: options.latencyMs ?? 0,
    rateLimiter,
    faults,
    faultsAfterHandling: options.faults?.afterHandling ?? false,
    gitHttp: (req, res) => {
      if (!git) return Promise.resolve(void res.writeHead(404).end());
      return git.handleHttp(req, res);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  links.origin = `http://127.0.0.1:${port}`;
  links.gitHttpsUrl = links.origin;

  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'bb-sandbox-')));
  const closeServer = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await git?.close();
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (options.git !== false) git = await startGitEndpoints({ state, dataDir });
  } catch (e) {
    await closeServer();
    throw e;
  }
  links.gitSsh = git?.gitSsh ?? '';

  const apiUrl = `${links.origin}/2.0`;
  const oauthTokenUrl = `${links.origin}/site/oauth2/access_token`;
  const env: Record<string, string> = {
    BITBUCKET_API_URL: apiUrl,
    BITBUCKET_OAUTH_TOKEN_URL: oauthTokenUrl,
    BITBUCKET_GIT_HTTPS_URL: links.gitHttpsUrl,
  };
  if (git) {
    env.BITBUCKET_GIT_SSH = git.gitSsh;
    env.BITBUCKET_KNOWN_HOSTS = git.knownHostsPath;
  }
  let closed: Promise<void> | undefined;
  return {
    apiUrl,
    oauthTokenUrl,
    gitHttpsUrl: links.gitHttpsUrl,
    gitSsh: git?.gitSsh ?? '',
    knownHostsPath: git?.knownHostsPath ?? '',
    env,
    state,
    stats,
    close: () => (closed ??= closeServer()),
  };
}
