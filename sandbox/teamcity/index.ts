import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from './agent/agent';
import { Csrf } from './csrf';
import { buildHostRuntime } from './host-runtime/build';
import { HttpError, makeRequest, readBody, sendError, sendText, type Route } from './http';
import type { Build } from './model';
import { buildPage, editProjectPage, PLUGIN_RESOURCES, HOST_RUNTIME_PATH, indexPage, STYLE, STYLE_PATH } from './page';
import { restRoutes } from './rest';
import { refuseReadOnlyWrite } from './rest/versioned-settings';
import type { RestContext } from './rest/context';
import { seedData, type SeedOptions } from './seed';
import { Store } from './store';
import { applyVersionedSettings } from './versioned-sync';
import { applyVersionedFiles } from './versioned-sync-xml';
import { readZip } from './zip';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TeamCitySandboxOptions {
  /** Folder holding the server's state (state.json, build logs and artifacts); kept across restarts. */
  dataDir: string;
  /** Default 0 = a free port; always 127.0.0.1. */
  port?: number;
  /** Environment of the agent: e.g. the Bitbucket sandbox's `env`. */
  agentEnv?: Record<string, string>;
  /** The plugin zip (default dist/repo-access-teamcity.zip): its agent tool runs builds, its jar serves bundle.js. */
  pluginZip?: string;
  /** The host runtime script (default: bundled on its first request by host-runtime/build.ts). */
  hostRuntime?: string;
  /** The agent's buildAgent.properties, OS and whether Node is on its PATH (see AgentOptions). */
  agent?: { properties?: Record<string, string>; os?: string; nodeOnPath?: boolean };
  /** Where the seeded demo VCS roots point (used only when dataDir holds no state yet). */
  seed?: SeedOptions;
}

export interface TeamCitySandbox {
  url: string;
  adminTabUrl(projectId: string): string;
  /** The CSRF token writes must carry (what /authenticationTest.html?csrf returns). */
  csrfToken: string;
  store: Store;
  /** Resolves when the build has finished, or as soon as `until` holds for it (rejects after timeoutMs). */
  waitForBuild(id: number, timeoutMs?: number, until?: (build: Build) => boolean): Promise<Build>;
  close(): Promise<void>;
}

/**
 * A UI script (bundle.js or a lazy chunk) as the plugin zip ships it — unless webpack has built a newer dist/ui since the
 * zip was packed (a `webpack --env only=ui` edit loop): then that one, so a reload shows the change.
 */
async function currentUiScript(pluginZip: string, builtDir: string, name: string): Promise<Buffer | undefined> {
  const zipTime = existsSync(pluginZip) ? statSync(pluginZip).mtimeMs : -1;
  const built = path.join(builtDir, name);
  if (existsSync(path.join(builtDir, 'bundle.js')) && statSync(path.join(builtDir, 'bundle.js')).mtimeMs > zipTime) return existsSync(built) ? readFileSync(built) : undefined;
  if (zipTime < 0) return undefined;
  const jar = (await readZip(pluginZip)).get('server/repo-access-server.jar');
  return jar ? (await readZip(jar.data)).get(`buildServerResources/${name}`)?.data : undefined;
}

export async function startTeamCitySandbox(options: TeamCitySandboxOptions): Promise<TeamCitySandbox> {
  const pluginZip = path.resolve(options.pluginZip ?? path.join(repoRoot, 'dist/repo-access-teamcity.zip'));
  const hostRuntime = options.hostRuntime ? path.resolve(options.hostRuntime) : undefined;
  const store = new Store(options.dataDir, () => seedData(options.seed));
  const agent = new Agent({ store, agentEnv: options.agentEnv ?? {}, pluginZip, workDir: path.join(options.dataDir, 'agent'), ...options.agent });
  const csrf = new Csrf();
  const routes: Route[] = restRoutes();
  const ctx: RestContext = { store, onQueued: () => agent.notify(), onCanceled: (id) => agent.cancel(id) };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (!csrf.accepts(req)) throw new HttpError(403, Csrf.refusal);
    if (method === 'GET' && url.pathname === '/authenticationTest.html' && url.searchParams.has('csrf')) return sendText(res, 200, csrf.token);
    if (method === 'GET' && url.pathname === '/') return sendText(res, 200, indexPage(store), 'text/html;charset=UTF-8');
    if (method === 'GET' && url.pathname === '/admin/editProject.html') {
      const project = store.project(url.searchParams.get('projectId') ?? '');
      if (!project) return sendText(res, 404, `Project '${url.searchParams.get('projectId') ?? ''}' not found`);
      return sendText(res, 200, editProjectPage(store, project, csrf.token), 'text/html;charset=UTF-8');
    }
    const buildUrl = /^\/buildConfiguration\/[^/]+\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && buildUrl) {
      const build = store.build(Number(buildUrl[1]));
      if (!build) return sendText(res, 404, `Build ${buildUrl[1]} not found`);
      const log = path.join(store.buildDir(build.id), 'build.log');
      return sendText(res, 200, buildPage(store, build, existsSync(log) ? readFileSync(log, 'utf8') : ''), 'text/html;charset=UTF-8');
    }
    if (method === 'GET' && url.pathname === STYLE_PATH) return sendText(res, 200, STYLE, 'text/css;charset=UTF-8');
    if (method === 'GET' && url.pathname === HOST_RUNTIME_PATH) {
      const script = hostRuntime ?? (await buildHostRuntime());
      if (!existsSync(script)) throw new HttpError(404, `${script} is missing`);
      return sendText(res, 200, readFileSync(script, 'utf8'), 'text/javascript;charset=UTF-8');
    }
    const uiScript = url.pathname.startsWith(PLUGIN_RESOURCES) ? /^[\w.-]+\.js$/.exec(url.pathname.slice(PLUGIN_RESOURCES.length)) : null;
    if (method === 'GET' && uiScript) {
      const script = await currentUiScript(pluginZip, path.join(repoRoot, 'dist/ui'), uiScript[0]);
      if (!script) throw new HttpError(404, `${pluginZip} holds no ${uiScript[0]}: run npm run build`);
      return sendText(res, 200, script.toString('utf8'), 'text/javascript;charset=UTF-8');
    }
    const sync = /^\/sandbox\/versionedSettings\/([^/]+)\/sync$/.exec(url.pathname);
    if (method === 'POST' && sync) {
      // Sandbox only: stands in for TeamCity loading a commit to the settings repository: Kotlin text (versioned-sync.ts)
      // or a zip of XML settings files (versioned-sync-xml.ts).
      const body = await readBody(req);
      const projectId = decodeURIComponent(sync[1]!);
      const changes = body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))
        ? applyVersionedFiles(store, projectId, [...(await readZip(body))].map(([name, entry]) => ({ path: name, text: entry.data.toString('utf8') })))
        : applyVersionedSettings(store, projectId, body.toString('utf8'));
      return sendText(res, 200, changes.join('\n'));
    }
    const candidates = routes.filter((r) => r.pattern.test(url.pathname));
    const match = candidates.find((r) => r.method === method);
    if (!match) throw new HttpError(candidates.length ? 405 : 404, `${method} ${url.pathname} is not supported by the TeamCity sandbox`);
    const groups = match.pattern.exec(url.pathname)!.slice(1).map((g) => (g === undefined ? g : decodeURIComponent(g)));
    const body = method === 'GET' ? Buffer.alloc(0) : await readBody(req);
    refuseReadOnlyWrite(store, method, url.pathname, body);
    await match.handler(makeRequest(req, url, groups as string[], body), res, ctx);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) return sendError(res, error);
      console.error('TeamCity sandbox error:', error);
      sendError(res, new HttpError(500, 'Internal error in the TeamCity sandbox'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent.notify();

  return {
    url,
    adminTabUrl: (projectId) => `${url}/admin/editProject.html?projectId=${encodeURIComponent(projectId)}&tab=repo-access`,
    csrfToken: csrf.token,
    store,
    waitForBuild: (id, timeoutMs = 60_000, until = (build) => build.state === 'finished') =>
      new Promise<Build>((resolve, reject) => {
        const done = () => {
          const build = store.build(id);
          if (!build || !until(build)) return false;
          clearTimeout(timer);
          agent.events.off('changed', check);
          resolve(build);
          return true;
        };
        const check = () => void done();
        const timer = setTimeout(() => {
          agent.events.off('changed', check);
          reject(new Error(`Build ${id} was still ${store.build(id)?.state ?? 'missing'} after ${timeoutMs} ms, short of what the caller waited for`));
        }, timeoutMs);
        agent.events.on('changed', check);
        done();
      }),
    close: async () => {
      await agent.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
