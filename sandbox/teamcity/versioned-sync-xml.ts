// SANDBOX ONLY: the stand-in for TeamCity loading XML settings from the settings repository after a commit. Real
// TeamCity reads whole project-config.xml, buildTypes/<Id>.xml and vcsRoots/<Id>.xml files (.teamcity/<ProjectId>/…);
// this reads the files Repo Access hands over — new vcsRoots files, and the elements to merge under repo-access-merge/,
// read as if merged — so a test proves the files, not the plan object, carry the change.
import { badRequest } from './http';
import type { Step } from './model';
import type { Store } from './store';
import { allOrNothing } from './versioned-sync';
import { parseXml, select, type XmlElement } from './xml';

export interface SettingsFile {
  path: string;
  text: string;
}

const FILE = /^(?:repo-access-merge\/)?\.teamcity\/([A-Za-z0-9_]+)\/(?:(project-config)|(vcsRoots|buildTypes)\/([A-Za-z0-9_]+))\.xml$/;

const params = (element: XmlElement): Array<{ name: string; value: string; spec?: string }> =>
  element.children
    .filter((c) => c.name === 'param')
    .map((p) => ({ name: p.attributes.name ?? '', value: p.attributes.value ?? p.text, ...(p.attributes.spec ? { spec: p.attributes.spec } : {}) }));

/** Applies the files to the projects they name, which must be `projectId` or below it: all or nothing. Returns what changed. */
export function applyVersionedFiles(store: Store, projectId: string, files: readonly SettingsFile[]): string[] {
  return allOrNothing(store, () => {
    const tree = new Set(store.affectedProjects(projectId).map((p) => p.id));
    const changes: string[] = [];
    // Roots first: build configurations may name them.
    const ordered = [...files].sort((a, b) => Number(!a.path.includes('/vcsRoots/')) - Number(!b.path.includes('/vcsRoots/')));
    for (const file of ordered) {
      const m = FILE.exec(file.path);
      if (!m) throw badRequest(`${file.path}: not a settings file the sandbox reads`);
      const [, owner, projectConfig, kind, id] = m;
      if (!tree.has(owner!)) throw badRequest(`${file.path}: project ${owner} is not in the settings of ${projectId}`);
      const root = parseXml(file.text);
      if (projectConfig) changes.push(...applyProjectConfig(store, owner!, root));
      else if (kind === 'vcsRoots') changes.push(applyVcsRoot(store, owner!, id!, root, file.path.startsWith('repo-access-merge/')));
      else changes.push(applyBuildType(store, owner!, id!, root));
    }
    store.save();
    return changes;
  });
}

function applyProjectConfig(store: Store, projectId: string, root: XmlElement): string[] {
  if (root.name !== 'project') throw badRequest(`project-config.xml: <${root.name}> instead of <project>`);
  const project = store.project(projectId)!;
  return select(root, 'parameters').flatMap(params).map((p) => {
    const parameter = { name: p.name, value: p.value, ...(p.spec ? { rawType: p.spec } : {}) };
    const at = project.parameters.findIndex((q) => q.name === p.name);
    if (at >= 0) project.parameters[at] = parameter;
    else project.parameters.push(parameter);
    return `parameter ${p.name}`;
  });
}

/** A whole root file replaces the root; a merge one (a rotation's key change) sets only the params it holds. */
function applyVcsRoot(store: Store, projectId: string, id: string, root: XmlElement, merge: boolean): string {
  if (root.name !== 'vcs-root') throw badRequest(`vcsRoots/${id}.xml: <${root.name}> instead of <vcs-root>`);
  const properties = Object.fromEntries(params(root).map((p) => [p.name, p.value]));
  const existing = store.vcsRoot(id);
  if (merge) {
    if (!existing || existing.projectId !== projectId) throw badRequest(`vcsRoots/${id}.xml: no VCS root ${id} in ${projectId} to merge into`);
    Object.assign(existing.properties, properties);
    return `vcsRoot ${id}`;
  }
  const name = select(root, 'name')[0]?.text ?? id;
  if (existing) Object.assign(existing, { name, properties });
  else store.data.vcsRoots.push({ id, name, vcsName: root.attributes.type ?? 'jetbrains.git', projectId, properties });
  return `vcsRoot ${id}`;
}

function applyBuildType(store: Store, projectId: string, id: string, root: XmlElement): string {
  if (root.name !== 'build-type') throw badRequest(`buildTypes/${id}.xml: <${root.name}> instead of <build-type>`);
  const buildType = store.buildType(id);
  if (!buildType || buildType.projectId !== projectId) throw badRequest(`buildTypes/${id}.xml: no build configuration ${id} in ${projectId}`);
  for (const vcs of select(root, 'settings/vcs-settings')) {
    buildType.vcsRootEntries = select(vcs, 'vcs-entry-ref').map((ref) => {
      const rootId = ref.attributes['root-id'] ?? '';
      if (!store.vcsRoot(rootId)) throw badRequest(`buildTypes/${id}.xml: no VCS root ${rootId}`);
      return { vcsRootId: rootId, checkoutRules: select(ref, 'checkout-rule').map((r) => r.attributes.rule ?? '').join('\n') };
    });
  }
  for (const runner of select(root, 'settings/build-runners/runner').reverse()) {
    const name = runner.attributes.name ?? '';
    const properties = Object.fromEntries(select(runner, 'parameters').flatMap(params).map((p) => [p.name, p.value]));
    const step: Step = { id: `RUNNER_${Math.random().toString(36).slice(2, 8)}`, name, type: runner.attributes.type ?? 'simpleRunner', properties };
    buildType.steps = [step, ...buildType.steps.filter((s) => s.name !== name)];
  }
  for (const requirements of select(root, 'settings/requirements')) {
    for (const r of requirements.children) {
      const list = (buildType.requirements ??= []);
      const { name = '', value } = r.attributes;
      if (!list.some((q) => q.type === r.name && q.name === name && q.value === value)) list.push({ id: r.attributes.id ?? `RQ_${list.length + 1}`, type: r.name, name, ...(value === undefined ? {} : { value }) });
    }
  }
  return `buildType ${id}`;
}
