import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { badRequest, notFound, route, sendJson, sendText, type Route } from '../http';
import { locatorId, parseLocator } from '../locator';
import { tcDate, type Build } from '../model';
import type { Store } from '../store';
import type { RestContext } from './context';
import { buildHref, buildJson } from './json';
import { findBuildType } from './build-types';
import { DEFAULT_PAGE_SIZE, pagedList } from './paging';
import { buildQueueSchema, parseBody } from './schemas';

export function findBuild(store: Store, locator: string): Build {
  const id = Number(locatorId(locator));
  const build = Number.isInteger(id) ? store.build(id) : undefined;
  if (!build) throw notFound(`No build found by locator 'id:${locatorId(locator)}'.`);
  return build;
}

function selectBuilds(store: Store, locatorText: string | null): Build[] {
  let builds = [...store.data.builds].reverse();
  const locator = locatorText ? parseLocator(locatorText) : {};
  if (locator.state === undefined && locator.running === undefined && locator.id === undefined) builds = builds.filter((b) => b.state === 'finished');
  if (locator.id !== undefined) builds = builds.filter((b) => String(b.id) === locator.id);
  if (locator.state !== undefined && locator.state !== 'any') builds = builds.filter((b) => b.state === locator.state);
  if (locator.running !== undefined && locator.running !== 'any') builds = builds.filter((b) => (b.state === 'running') === (locator.running === 'true'));
  if (locator.buildType !== undefined) {
    const id = locatorId(locator.buildType);
    builds = builds.filter((b) => b.buildTypeId === id);
  }
  if (locator.affectedProject !== undefined) {
    const ids = new Set(store.affectedProjects(locatorId(locator.affectedProject)).map((p) => p.id));
    builds = builds.filter((b) => ids.has(store.buildType(b.buildTypeId)?.projectId ?? ''));
  }
  if (locator.status !== undefined) builds = builds.filter((b) => b.status === locator.status);
  // teamcity-rest data/finder/impl/BuildPromotionFinder.java SINCE_DATE: builds started after the date (queued ones by queue time here).
  if (locator.sinceDate !== undefined) {
    const since = parseTcDate(locator.sinceDate);
    if (since === null) throw badRequest(`Could not parse date from value '${locator.sinceDate}'. Supported format example: 20250219T154203+0000`);
    builds = builds.filter((b) => (parseTcDate(b.startDate ?? b.queuedDate) ?? 0) > since);
  }
  return builds;
}

/** Milliseconds of a TeamCity REST date (yyyyMMdd'T'HHmmssZ), null when it is not one. */
export function parseTcDate(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})([+-])(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - offset;
}

/** Resolves an artifact path inside the build's artifacts folder, refusing anything that escapes it. */
function artifactPath(store: Store, build: Build, relative: string): string {
  const root = path.join(store.buildDir(build.id), 'artifacts');
  const full = path.resolve(root, relative.replace(/^\/+/, ''));
  if (full !== root && !full.startsWith(root + path.sep)) throw badRequest('Artifact path escapes the artifacts folder');
  if (!existsSync(full)) throw notFound(`No artifact with relative path '${relative}' found in build with id '${build.id}'`);
  return full;
}

function fileJson(build: Build, relative: string, full: string): Record<string, unknown> {
  const stat = statSync(full);
  const href = buildHref(build.id);
  return {
    name: path.basename(relative),
    ...(stat.isFile() ? { size: stat.size } : {}),
    modificationTime: tcDate(stat.mtime),
    href: `${href}/artifacts/metadata/${relative}`,
    ...(stat.isFile() ? { content: { href: `${href}/artifacts/content/${relative}` } } : { children: { href: `${href}/artifacts/children/${relative}` } }),
  };
}

function cancel(ctx: RestContext, build: Build): void {
  if (build.state === 'finished') return;
  build.canceled = true;
  if (build.state === 'queued') {
    build.state = 'finished';
    build.status = 'UNKNOWN';
    build.statusText = 'Canceled';
    build.finishDate = tcDate();
  }
  ctx.store.save();
  ctx.onCanceled(build.id);
}

export function buildRoutes(): Route[] {
  const build = '^\\/app\\/rest\\/builds\\/([^/]+)';
  return [
    route('POST', /^\/app\/rest\/buildQueue\/?$/, (req, res, ctx) => {
      const body = parseBody(buildQueueSchema, req.json());
      const buildType = findBuildType(ctx.store, `id:${body.buildType.id}`);
      const id = ctx.store.data.nextBuildId++;
      const queued: Build = {
        id,
        number: String(ctx.store.data.builds.filter((b) => b.buildTypeId === buildType.id).length + 1),
        buildTypeId: buildType.id,
        state: 'queued',
        status: 'UNKNOWN',
        statusText: '',
        properties: (body.properties?.property ?? []).map((p) => ({ name: p.name, value: p.value ?? '', ...(p.type?.rawValue ? { rawType: p.type.rawValue } : {}) })),
        percentageComplete: 0,
        currentStageText: '',
        problems: [],
        queuedDate: tcDate(),
      };
      ctx.store.data.builds.push(queued);
      ctx.store.save();
      ctx.onQueued();
      sendJson(res, 200, buildJson(ctx.store, queued));
    }),
    // TeamCity cancels a queued or running build by POSTing a cancel request to it.
    route('POST', /^\/app\/rest\/(?:buildQueue|builds)\/([^/]+)\/?$/, (req, res, ctx) => {
      const found = findBuild(ctx.store, req.params[0]!);
      cancel(ctx, found);
      sendJson(res, 200, buildJson(ctx.store, found));
    }),
    route('GET', /^\/app\/rest\/builds\/?$/, (req, res, ctx) => {
      const builds = selectBuilds(ctx.store, req.url.searchParams.get('locator'));
      // Builds page by default (BuildPromotionFinder getDefaultPageItemsCount: Constants.getDefaultPageItemsCount()).
      sendJson(res, 200, pagedList(req, builds, DEFAULT_PAGE_SIZE, (b) => buildJson(ctx.store, b), 'build'));
    }),
    route('GET', new RegExp(`${build}\\/?$`), (req, res, ctx) => sendJson(res, 200, buildJson(ctx.store, findBuild(ctx.store, req.params[0]!)))),
    route('GET', new RegExp(`${build}\\/artifacts(?:\\/children(\\/.*)?|\\/?)$`), (req, res, ctx) => {
      const found = findBuild(ctx.store, req.params[0]!);
      const relative = (req.params[1] ?? '').replace(/^\/+|\/+$/g, '');
      const root = path.join(ctx.store.buildDir(found.id), 'artifacts');
      if (!relative && !existsSync(root)) return sendJson(res, 200, { count: 0, file: [] });
      const dir = relative ? artifactPath(ctx.store, found, relative) : root;
      if (!statSync(dir).isDirectory()) throw badRequest(`'${relative}' is a file, not a folder`);
      const file = readdirSync(dir)
        .sort()
        .map((name) => fileJson(found, relative ? `${relative}/${name}` : name, path.join(dir, name)));
      sendJson(res, 200, { count: file.length, href: `${buildHref(found.id)}/artifacts/children/${relative}`, file });
    }),
    route('GET', new RegExp(`${build}\\/artifacts\\/(?:content|files)\\/(.+)$`), (req, res, ctx) => {
      const found = findBuild(ctx.store, req.params[0]!);
      const full = artifactPath(ctx.store, found, req.params[1]!);
      if (!statSync(full).isFile()) throw badRequest(`'${req.params[1]}' is a folder, not a file`);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(readFileSync(full));
    }),
    route('GET', /^\/downloadBuildLog\.html$/, (req, res, ctx) => {
      const found = findBuild(ctx.store, `id:${req.url.searchParams.get('buildId') ?? ''}`);
      const log = path.join(ctx.store.buildDir(found.id), 'build.log');
      sendText(res, 200, existsSync(log) ? readFileSync(log, 'utf8') : '');
    }),
  ];
}
