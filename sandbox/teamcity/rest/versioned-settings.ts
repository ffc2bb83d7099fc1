import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HttpError, route, sendJson, sendText, type Route } from '../http';
import { locatorId } from '../locator';
import type { VersionedSettings } from '../model';
import type { Store } from '../store';
import { findProject } from './projects';
import { parseBody } from './schemas';

const configSchema = z.object({
  synchronizationMode: z.enum(['useParentProjectSettings', 'disabled', 'enabled']),
  format: z.enum(['kotlin', 'xml']).optional(),
  allowUIEditing: z.boolean().optional(),
  storeSecureValuesOutsideVcs: z.boolean().optional(),
  vcsRootId: z.string().optional(),
});

/** The settings in force: "Enabling synchronization for a project also enables it for all its subprojects", which may override it (TeamCity docs, Storing Project Settings in Version Control). */
export function effectiveVersionedSettings(store: Store, projectId: string): VersionedSettings & { definedIn: string | null } {
  for (const project of store.projectChain(projectId)) {
    const own = project.versionedSettings;
    if (own && own.synchronizationMode !== 'useParentProjectSettings') return { ...own, definedIn: project.id };
  }
  return { synchronizationMode: 'disabled', definedIn: null };
}

export const isReadOnly = (store: Store, projectId: string): boolean => {
  const settings = effectiveVersionedSettings(store, projectId);
  return settings.synchronizationMode === 'enabled' && settings.allowUIEditing === false;
};

function configJson(store: Store, projectId: string): Record<string, unknown> {
  const own = findProject(store, `id:${projectId}`).versionedSettings?.synchronizationMode ?? 'useParentProjectSettings';
  const { definedIn, ...effective } = effectiveVersionedSettings(store, projectId);
  void definedIn;
  if (effective.synchronizationMode !== 'enabled') return { synchronizationMode: own };
  // UNCONFIRMED: whether an inheriting project reports its ancestor's format and editing mode; the tab walks up on useParentProjectSettings either way.
  return {
    synchronizationMode: own,
    format: effective.format ?? 'kotlin',
    allowUIEditing: effective.allowUIEditing ?? true,
    ...(effective.vcsRootId ? { vcsRootId: effective.vcsRootId } : {}),
    // Only reported with two-way synchronization (teamcity-rest VersionedSettingsConfig.java: "if (versionedSettingsBean.isUseTwoWaySynchronization())").
    ...(effective.allowUIEditing !== false ? { storeSecureValuesOutsideVcs: effective.storeSecureValuesOutsideVcs ?? true } : {}),
  };
}

/** The project whose settings a REST write changes; null for writes outside project settings (builds, SSH keys, tokens). */
function ownerOf(store: Store, pathname: string, body: Buffer): string | null {
  const json = (): Record<string, unknown> => {
    try {
      return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const idIn = (ref: unknown): string | null => {
    const r = ref as { id?: string; locator?: string } | undefined;
    return r?.id ?? (r?.locator ? locatorId(r.locator) : null);
  };
  const m = /^\/app\/rest\/(projects|vcs-roots|buildTypes)(?:\/([^/]+)(\/[^/]+)?)?/.exec(pathname);
  if (!m) return null;
  const [, kind, locator, sub] = m;
  if (!locator) {
    const doc = json();
    // A new subproject changes its parent's settings (not confirmed: no source says whether a read-only parent refuses it).
    if (kind === 'projects') return idIn(doc.parentProject) ?? '_Root';
    if (kind === 'vcs-roots') return idIn(doc.project);
    return idIn(doc.project) ?? (typeof doc.projectId === 'string' ? doc.projectId : null);
  }
  const id = locatorId(decodeURIComponent(locator));
  // "TeamCity synchronizes all changes to the project settings … with the exception of SSH keys" (TeamCity docs, Storing Project Settings in Version Control).
  if (kind === 'projects') return sub === '/sshKeys' || sub === '/secure' || sub === '/versionedSettings' ? null : id;
  if (kind === 'vcs-roots') return store.vcsRoot(id)?.projectId ?? null;
  return store.buildType(id)?.projectId ?? null;
}

/**
 * Refuses a REST write to the settings of a project whose versioned settings disable UI editing: with allowUIEditing
 * false "the project settings can be modified only via the settings repository" (Kotlin DSL docs, VersionedSettings).
 * UNCONFIRMED: no source at hand gives TeamCity's status and text for the refusal; 403 with a plain message is modelled.
 */
export function refuseReadOnlyWrite(store: Store, method: string, pathname: string, body: Buffer): void {
  if (method === 'GET') return;
  const projectId = ownerOf(store, pathname, body);
  if (!projectId || !store.project(projectId) || !isReadOnly(store, projectId)) return;
  const from = effectiveVersionedSettings(store, projectId).definedIn;
  throw new HttpError(403, `Project "${projectId}" settings are read-only: they are loaded from VCS (versioned settings of "${from}" disable editing in the UI).`);
}

export function versionedSettingsRoutes(): Route[] {
  const config = /^\/app\/rest\/projects\/([^/]+)\/versionedSettings\/config\/?$/;
  return [
    // GET/PUT /app/rest/projects/{locator}/versionedSettings/config (teamcity-rest request/VersionedSettingsRequest.java, @since 2023.05 REST).
    route('GET', config, (req, res, ctx) => sendJson(res, 200, configJson(ctx.store, findProject(ctx.store, req.params[0]!).id))),
    route('PUT', config, (req, res, ctx) => {
      const project = findProject(ctx.store, req.params[0]!);
      const body = parseBody(configSchema, req.json());
      if (body.vcsRootId && !ctx.store.vcsRoot(body.vcsRootId)) throw new HttpError(400, `No VCS root found by id '${body.vcsRootId}'.`);
      project.versionedSettings = body;
      ctx.store.save();
      sendJson(res, 200, configJson(ctx.store, project.id));
    }),
    // POST /app/rest/projects/{projectLocator}/secure/tokens: text/plain value in, the token out (teamcity-rest ProjectRequest.java createSecureToken).
    route('POST', /^\/app\/rest\/projects\/([^/]+)\/secure\/tokens\/?$/, (req, res, ctx) => {
      const project = findProject(ctx.store, req.params[0]!);
      const value = req.text();
      const tokens = (project.secureTokens ??= {});
      // getOrCreateToken: the same value keeps its token.
      const token = Object.keys(tokens).find((t) => tokens[t] === value) ?? `credentialsJSON:${randomUUID()}`;
      tokens[token] = value;
      ctx.store.save();
      sendText(res, 200, token);
    }),
  ];
}

/** A secure token of the project or an ancestor, resolved; any other text unchanged. */
export function resolveSecureToken(store: Store, projectId: string, value: string): string {
  if (!value.startsWith('credentialsJSON:')) return value;
  for (const project of store.projectChain(projectId)) {
    const found = project.secureTokens?.[value];
    if (found !== undefined) return found;
  }
  return value;
}
