import { opsServedProject, params, type Parameter, type TeamCity } from '../teamcity';
import { checkReportSchema } from '../teamcity/reports';
import { listBuildTypes, scriptOf, stepsOf, vcsRootIdsOf } from '../repositories/clone-step/build-types';
import type { WorkflowSettings } from '../project/settings';
import { propertyOf } from '../repositories/vcs/roots';
import { classify, inSubtree, type Finding } from './classify';
import { environmentOf } from '../repositories/vcs/bitbucket-urls';

/** Whose the project's own management credential is, in the helper's words (`check`); null when it cannot tell. */
async function managementAccount(tc: TeamCity, projectId: string): Promise<string | null> {
  try {
    const result = await tc.runOperation(projectId, { v: 1, command: 'check' });
    if (!result.succeeded) return null;
    const doc = await result.readJson('check', checkReportSchema);
    return doc.personal ? (doc.account.name ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * Reads the project subtree (projects, own credential parameters, VCS roots, build configurations) and classifies it.
 * Only with `checkOwner` does it queue a `check` build to name the management credential's owner: reading TeamCity
 * is free, a credentialed build runs when the admin asks.
 */
export async function ownershipReport(tc: TeamCity, projectId: string, settings: WorkflowSettings, options: { checkOwner?: boolean } = {}): Promise<Finding[]> {
  const projects = await tc.subprojects(projectId);
  const parents = new Map<string, string | null>(projects.map((p) => [p.id, p.parentProjectId ?? null]));
  if (!parents.has(projectId)) parents.set(projectId, (await tc.project(projectId)).parentProjectId ?? null);
  const subtree = [...parents.keys()].filter((id) => inSubtree(id, projectId, parents));

  // The management credential lives on the operations build; a project's own env.BITBUCKET_* is a clone credential.
  const opsOwn = await tc
    .opsParameters(projectId)
    .then((all) => new Map([...all].filter(([, p]) => !p.inherited)))
    .catch(() => new Map<string, Parameter>());
  const stored = await Promise.all(
    subtree.map(async (id) => {
      const all = id === projectId && opsOwn.has(params.auth) ? opsOwn : await tc.parameters(id);
      const own = (name: string) => {
        const p = all.get(name);
        return p && !p.inherited ? (p.value ?? '') : '';
      };
      return { projectId: id, auth: own(params.auth), email: own(params.email), username: own(params.username) };
    }),
  );
  const own = stored.find((s) => s.projectId === projectId && s.auth !== '' && s.auth !== 'app-password');
  const accountName = own && options.checkOwner ? await managementAccount(tc, projectId) : null;
  const buildTypes = await listBuildTypes(tc, projectId, { includeOps: true });
  const usedRoots = new Set(buildTypes.flatMap(vcsRootIdsOf));
  const roots = (await tc.vcsRoots(projectId)).filter((root) => subtree.includes(root.project?.id ?? '') || usedRoots.has(root.id));
  return classify({
    env: environmentOf(settings),
    parents,
    stored: stored.filter((s) => s.auth !== '').map((s) => (s === own ? { ...s, accountName } : s)),
    buildTypes: buildTypes.map((bt) => ({
      id: bt.id,
      name: bt.name ?? bt.id,
      projectId: bt.projectId ?? '',
      vcsRootIds: vcsRootIdsOf(bt),
      usesHelper: opsServedProject(bt.id, bt.projectId ?? '') !== null || stepsOf(bt).some((step) => scriptOf(step).includes('repo-access')),
    })),
    vcsRoots: roots.map((root) => ({
      id: root.id,
      name: root.name,
      projectId: root.project?.id ?? '',
      url: propertyOf(root, 'url'),
      authMethod: propertyOf(root, 'authMethod') || 'ANONYMOUS',
      username: propertyOf(root, 'username'),
      teamcitySshKey: propertyOf(root, 'teamcitySshKey'),
    })),
  });
}
