import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticateRequest, type RequestAuth } from './auth';
import { errorBody, HttpError, send, type Reply } from './http';
import type { Links } from './render';
import { Router, type Ctx } from './router';
import { deployKeyRoutes } from './routes/deploy-keys';
import { oauthRoutes } from './routes/oauth';
import { repositoryRoutes } from './routes/repositories';
import { userRoutes } from './routes/user';
import type { SandboxState } from './state';
import type { FaultInjector, RateLimiter, Stats } from './traffic';

export interface ServerOptions {
  state: SandboxState;
  stats: Stats;
  links: Links;
  latencyMs: number;
  rateLimiter: RateLimiter | null;
  faults: FaultInjector | null;
  /** Faults strike after the request took effect (the answer is lost), instead of before. */
  faultsAfterHandling: boolean;
  /** git smart HTTP, handed every `/{ws}/{slug}.git…` request; null = git disabled. */
  gitHttp: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
}

const GIT_PATH = /^\/[^/]+\/[^/]+\.git(\/|$)/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

function buildRouter(): Router {
  const router = new Router();
  userRoutes(router);
  repositoryRoutes(router);
  deployKeyRoutes(router);
  oauthRoutes(router);
  return router;
}

export function createSandboxServer(opts: ServerOptions): Server {
  const router = buildRouter();
  return createServer((req, res) => {
    handle(router, opts, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: errorBody('Internal sandbox error') });
      else res.destroy();
      if (process.env.BB_SANDBOX_DEBUG) console.error(err);
    });
  });
}

async function handle(router: Router, opts: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', opts.links.origin);
  if (GIT_PATH.test(url.pathname)) {
    if (opts.gitHttp) return opts.gitHttp(req, res);
    return send(res, { status: 404, body: errorBody('Git endpoints are disabled in this sandbox (git: false).') });
  }

  opts.stats.requests++;
  const fault = opts.faults?.next() ?? null;
  const replyFor = (): Promise<Reply> => reply_(router, opts, req, url);
  let reply: Reply;
  if (!fault) reply = await replyFor();
  else {
    if (opts.faultsAfterHandling) await replyFor();
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    reply = { status: 500, body: errorBody('Something went wrong (injected fault).', { id: 'sandbox-fault' }) };
  }
  if (opts.latencyMs > 0) await sleep(opts.latencyMs);
  send(res, reply);
}

async function reply_(router: Router, opts: ServerOptions, req: IncomingMessage, url: URL): Promise<Reply> {
  const reply = await limitedReply(router, opts, req, url);
  if (opts.rateLimiter?.sendsHeaders) reply.headers = { ...opts.rateLimiter.headers(), ...reply.headers };
  return reply;
}

async function limitedReply(router: Router, opts: ServerOptions, req: IncomingMessage, url: URL): Promise<Reply> {
  if (opts.rateLimiter) {
    const wait = opts.rateLimiter.take(opts.state.now());
    if (wait !== null) {
      opts.stats.status429++;
      // 1,000/h rolling, 429 "gives no information" (sourcegraph/sourcegraph-public-snapshot#49001), plain text (ArcBees/teamcity-plugins#66).
      if (opts.rateLimiter.style === 'bitbucket') return { status: 429, text: 'Rate limit for this resource has been exceeded' };
      return { status: 429, headers: { 'retry-after': String(wait) }, body: errorBody('Rate limit for this resource has been exceeded') };
    }
  }
  const method = req.method ?? 'GET';
  const found = router.match(method, url.pathname);
  if (!found) return { status: 404, body: errorBody(`Resource not found: ${url.pathname}`) };
  if (found === 'method') return { status: 405, body: errorBody(`Method ${method} is not allowed here`) };

  let auth: RequestAuth | undefined;
  const ctx: Ctx = {
    req,
    url,
    params: found.params,
    state: opts.state,
    get auth() {
      return (auth ??= authenticateRequest(opts.state, req.headers));
    },
    links: opts.links,
    wrote: () => {
      if (WRITE_METHODS.has(method)) opts.stats.wrote();
    },
  };
  try {
    return await found.handler(ctx);
  } catch (e) {
    if (e instanceof HttpError) {
      const headers = { ...e.headers };
      if (e.status === 401) headers['www-authenticate'] ??= 'Basic realm="Bitbucket.org HTTP"';
      return { status: e.status, headers, body: errorBody(e.message, e.extra) };
    }
    throw e;
  }
}
