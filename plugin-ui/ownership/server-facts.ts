import { opsServedProject, params, type TeamCity } from '../teamcity';
import type { ParameterList, PropertyList } from '../teamcity/server-inventory';
import type { BuildTypeFacts, StoredCredentialFacts, VcsRootFacts } from './classify';

/** The root project: the server-wide report reads from it down. */
export const ROOT_PROJECT = '_Root';

/** Root project parameter: the Bitbucket accounts the admin marked as shared service accounts, one per line. */
export const serviceAccountsParam = 'repoaccess.serviceAccounts';

const DAY = 86_400_000;
/** The window of "builds that used it recently". */
export const RECENT_DAYS = 30;

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

const own = (parameters: ParameterList) => (parameters?.property ?? []).filter((p) => !p.inherited);
const ownValue = (parameters: ParameterList, name: string) => own(parameters).find((p) => p.name === name)?.value ?? '';
const prop = (properties: PropertyList, name: string) => properties?.property?.find((p) => p.name === name)?.value ?? '';
const repoAccessNames = new Set<string>(Object.values(params));
const isPassword = (p: NonNullable<NonNullable<ParameterList>['property']>[number]) => p.type?.rawValue?.split(' ')[0] === 'password';
const holdsBitbucketSecret = (p: NonNullable<NonNullable<ParameterList>['property']>[number]) => isPassword(p) && /bitbucket|\bbb_|atlassian/i.test(p.name) && !repoAccessNames.has(p.name);

/** TeamCity's REST date format of `date` (yyyyMMdd'T'HHmmssZ). */
export const teamcityDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '+0000');

/**
 * Everything the server-wide report needs, read from TeamCity in pages of 100 (projects with their parameters and
 * connections, VCS roots, build configurations with parameters, steps and roots, recent builds): a request per 100
 * items listed, whatever the server's size. Reads only; queues nothing.
 */
export async function loadServerFacts(tc: TeamCity, now = new Date()): Promise<ServerFacts> {
  const since = teamcityDate(new Date(now.getTime() - RECENT_DAYS * DAY));
  const { projects, vcsRoots: roots, buildTypes, builds } = await tc.serverInventory(since);
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
