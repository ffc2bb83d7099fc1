import type { IncomingMessage } from 'node:http';
import { HttpError, type Reply } from './http';
import type { Principal } from './principal';
import type { Links } from './render';
import type { SandboxState } from './state';
import type { RequestAuth } from './auth';

export interface Ctx {
  req: IncomingMessage;
  /** The request URL as the client saw it (absolute, for `next` links). */
  url: URL;
  params: Record<string, string>;
  state: SandboxState;
  auth: RequestAuth;
  links: Links;
  /** Counts a successful state change (stats.writes). */
  wrote(): void;
}

export type Handler = (ctx: Ctx) => Promise<Reply> | Reply;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/:(\w+)/g, (_, n: string) => { names.push(n); return '([^/]+)'; }) + '/?$',
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]!); });
      return { handler: r.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}

/** The authenticated principal, or 401. */
export function principalOf(ctx: Ctx): Principal {
  if (!ctx.auth.ok) throw new HttpError(ctx.auth.status, ctx.auth.message, ctx.auth.extra);
  if (!ctx.auth.principal) throw new HttpError(401, 'This API is only accessible with the following authentication types: apppassword, session, api_token, oauth2', {}, { 'www-authenticate': 'Basic realm="Bitbucket.org HTTP"' });
  return ctx.auth.principal;
}

/** The principal, or null for an anonymous request; a bad credential is still 401. */
export function optionalPrincipal(ctx: Ctx): Principal | null {
  if (!ctx.auth.ok) throw new HttpError(ctx.auth.status, ctx.auth.message, ctx.auth.extra);
  return ctx.auth.principal;
}
