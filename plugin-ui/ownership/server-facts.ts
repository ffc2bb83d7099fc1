import { z } from 'zod/mini';
import { opsServedProject, params, type TeamCity } from '../teamcity';
import type { BuildTypeFacts, StoredCredentialFacts, VcsRootFacts } from './classify';

/** The root project: the server-wide report reads from it down. */
export const ROOT_PROJECT = '_Root';

/** Root project parameter: the Bitbucket accounts the admin marked as shared service accounts, one per line. */
export const serviceAccountsParam = 'repoaccess.serviceAccounts';

const PAGE = 'count:100';
const DAY = 86_400_000;
/** The window of "builds that used it recently". */
export const RECENT_DAYS = 30;

const propertiesSchema = z.optional(z.object({ property: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()) }))) }));
const parametersSchema = z.optional(
  z.object({
    property: z.optional(
      z.array(z.object({ name: z.string(), value: z.optional(z.string()), inherited: z.optional(z.boolean()), type: z.optional(z.object({ rawValue: z.optional(z.string()) })) })),
    ),
  }),
);
const projectSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  parentProjectId: z.optional(z.string()),
  parameters: parametersSchema,
  projectFeatures: z.optional(z.object({ projectFeature: z.optional(z.array(z.object({ id: z.string(), type: z.string(), properties: propertiesSchema }))) })),
});
const vcsRootSchema = z.object({ id: z.string(), name: z.string(), project: z.optional(z.object({ id: z.string() })), properties: propertiesSchema });
const buildTypeSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  projectId: z.optional(z.string()),
  parameters: parametersSchema,
  steps: z.optional(z.object({ step: z.optional(z.array(z.object({ properties: propertiesSchema }))) })),
  'vcs-root-entries': z.optional(z.object({ 'vcs-root-entry': z.optional(z.array(z.object({ 'vcs-root': z.optional(z.object({ id: z.string() })) }))) })),
});
const buildSchema = z.object({ id: z.number(), buildTypeId: z.string(), startDate: z.optional(z.string()), queuedDate: z.optional(z.string()) });

// One request per page of 100 with only the fields the report reads (teamcity-rest: locator count:, fields=).
const PROJECT_FIELDS =
  'id,name,parentProjectId,parameters(property(name,value,inherited,type(rawValue))),projectFeatures(projectFeature(id,type,properties(property(name,value))))';
const ROOT_FIELDS = 'id,name,project(id),properties(property(name,value))';
const BUILD_TYPE_FIELDS =
  'id,name,projectId,parameters(property(name,value,inherited,type(rawValue))),steps(step(properties(property(name,value)))),vcs-root-entries(vcs-root-entry(vcs-root(id)))';
const BUILD_FIELDS = 'id,buildTypeId,startDate,queuedDate';

/** A Bitbucket Cloud connection (project feature OAuthProvider, providerType BitBucketCloud). */
export interface ConnectionFacts {
  projectId: string;
  id: string;
  displayName: string;
  clientId: string;
}

/** A password parameter that holds a Bitbucket secret outside Repo Access' own names. */
export interface SecretParameterFacts {
  /** The project or build configuration holding it. */
  holderId: string;
  projectId: string;
  name: string;
}

export interface ServerFacts {
  projects: Array<{ id: string; name: string; parentId: string | null }>;
  vcsRoots: VcsRootFacts[];
  stored: StoredCredentialFacts[];
  buildTypes: BuildTypeFacts[];
  connections: ConnectionFacts[];
  secretParameters: SecretParameterFacts[];
  /** Builds started in the last RECENT_DAYS days: configuration and start (TeamCity date). */
  recentBuilds: Array<{ buildTypeId: string; startDate: string }>;
  serviceAccounts: string[];
}

type Params = z.infer<typeof parametersSchema>;
const own = (parameters: Params) => (parameters?.property ?? []).filter((p) => !p.inherited);
const ownValue = (parameters: Params, name: string) => own(parameters).find((p) => p.name === name)?.value ?? '';
const prop = (properties: z.infer<typeof propertiesSchema>, name: string) => properties?.property?.find((p) => p.name === name)?.value ?? '';
const repoAccessNames = new Set<string>(Object.values(params));
const isPassword = (p: NonNullable<NonNullable<Params>['property']>[number]) => p.type?.rawValue?.split(' ')[0] === 'password';
const holdsBitbucketSecret = (p: NonNullable<NonNullable<Params>['property']>[number]) => isPassword(p) && /bitbucket|\bbb_|atlassian/i.test(p.name) && !repoAccessNames.has(p.name);

/** TeamCity's REST date format of `date` (yyyyMMdd'T'HHmmssZ). */
export const teamcityDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '+0000');

/**
 * Everything the server-wide report needs, read from TeamCity in pages of 100 (projects with their parameters and
 * connections, VCS roots, build configurations with parameters, steps and roots, recent builds): a request per 100
 * items listed, whatever the server's size. Reads only; queues nothing.
 */
export async function loadServerFacts(tc: TeamCity, now = new Date()): Promise<ServerFacts> {
  const since = teamcityDate(new Date(now.getTime() - RECENT_DAYS * DAY));
  const [projects, roots, buildTypes, builds] = await Promise.all([
    tc.list({ path: 'app/rest/projects', locator: PAGE, key: 'project', itemFields: PROJECT_FIELDS }, projectSchema, 'list the projects'),
    tc.list({ path: 'app/rest/vcs-roots', locator: `type:jetbrains.git,${PAGE}`, key: 'vcs-root', itemFields: ROOT_FIELDS }, vcsRootSchema, 'list the VCS roots'),
    tc.list({ path: 'app/rest/buildTypes', locator: PAGE, key: 'buildType', itemFields: BUILD_TYPE_FIELDS }, buildTypeSchema, 'list the build configurations'),
    tc.list({ path: 'app/rest/builds', locator: `sinceDate:${since},${PAGE}`, key: 'build', itemFields: BUILD_FIELDS }, buildSchema, 'list the recent builds'),
  ]);
  const stored: StoredCredentialFacts[] = [];
  for (const p of projects) {
    const auth = ownValue(p.parameters, params.auth);
    if (auth) stored.push({ projectId: p.id, auth, email: ownValue(p.parameters, params.email), username: ownValue(p.parameters, params.username), holder: 'clone' });
  }
  for (const bt of buildTypes) {
    const auth = ownValue(bt.parameters, params.auth);
    const served = opsServedProject(bt.id, bt.projectId ?? '');
    if (auth && served !== null)
      stored.push({ projectId: served, auth, email: ownValue(bt.parameters, params.email), username: ownValue(bt.parameters, params.username), holder: 'management' });
  }
  const root = projects.find((p) => p.id === ROOT_PROJECT);
  return {
    projects: projects.map((p) => ({ id: p.id, name: p.name ?? p.id, parentId: p.parentProjectId ?? null })),
    vcsRoots: roots.map((r) => ({
      id: r.id,
      name: r.name,
      projectId: r.project?.id ?? '',
      url: prop(r.properties, 'url'),
      authMethod: prop(r.properties, 'authMethod') || 'ANONYMOUS',
      username: prop(r.properties, 'username'),
      teamcitySshKey: prop(r.properties, 'teamcitySshKey'),
    })),
    stored,
    buildTypes: buildTypes.map((bt) => ({
      id: bt.id,
      name: bt.name ?? bt.id,
      projectId: bt.projectId ?? '',
      vcsRootIds: (bt['vcs-root-entries']?.['vcs-root-entry'] ?? []).flatMap((e) => (e['vcs-root'] ? [e['vcs-root'].id] : [])),
      usesHelper: opsServedProject(bt.id, bt.projectId ?? '') !== null || (bt.steps?.step ?? []).some((s) => prop(s.properties, 'script.content').includes('repo-access')),
    })),
    connections: projects.flatMap((p) =>
      (p.projectFeatures?.projectFeature ?? [])
        .filter((f) => f.type === 'OAuthProvider' && prop(f.properties, 'providerType') === 'BitBucketCloud')
        .map((f) => ({ projectId: p.id, id: f.id, displayName: prop(f.properties, 'displayName') || f.id, clientId: prop(f.properties, 'clientId') })),
    ),
    secretParameters: [
      ...projects.flatMap((p) => own(p.parameters).filter(holdsBitbucketSecret).map((x) => ({ holderId: p.id, projectId: p.id, name: x.name }))),
      ...buildTypes.flatMap((bt) => own(bt.parameters).filter(holdsBitbucketSecret).map((x) => ({ holderId: bt.id, projectId: bt.projectId ?? '', name: x.name }))),
    ],
    recentBuilds: builds.map((b) => ({ buildTypeId: b.buildTypeId, startDate: b.startDate ?? b.queuedDate ?? '' })),
    serviceAccounts: parseServiceAccounts(ownValue(root?.parameters, serviceAccountsParam)),
  };
}

export const parseServiceAccounts = (text: string): string[] => [...new Set(text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean))];

/** Stores the service accounts on the root project (where every project inherits them from). */
export async function saveServiceAccounts(tc: TeamCity, accounts: string[]): Promise<void> {
  await tc.setParameter(ROOT_PROJECT, serviceAccountsParam, [...new Set(accounts)].join('\n'));
}
