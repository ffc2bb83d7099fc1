import { NOT_WINDOWS } from '../teamcity';

// The change Repo Access would have written, as Kotlin DSL to commit to the settings repository (names as in the
// TeamCity Kotlin DSL docs: GitVcsRoot, authMethod = uploadedKey { uploadedKey } / password { userName; password },
// VcsSettings.root(root, rules) and removeEntry(id), script { name; scriptContent }, params { param; password }).

export type PlannedAuth = { kind: 'uploaded-key'; keyName: string } | { kind: 'password'; userName: string; reference: string };

export interface PlannedRoot {
  id: string;
  name: string;
  url: string;
  branch: string;
  auth: PlannedAuth;
}

export interface PlannedBuildChange {
  buildTypeId: string;
  /** The project the build configuration belongs to (the XML format keeps its file in that project's folder). */
  projectId?: string;
  /** Roots of the same repositories this change takes out of the build. */
  removeRootIds: string[];
  addRoots: Array<{ rootId: string; checkoutRules: string }>;
  /** Every VCS root entry of the build once changed, in order (XML lists them all; Kotlin only the differences). */
  entriesAfter?: Array<{ rootId: string; checkoutRules: string }>;
  /** The clone step, first in the build. */
  cloneStep?: { name: string; script: string };
}

/** A parameter of the project: a password one carries a secure token (`credentialsJSON:…`), never the secret. */
export interface PlannedParameter {
  name: string;
  value: string;
  password: boolean;
}

/** An existing VCS root that moves to another uploaded key (a rotation): only its key changes. */
export interface ChangedRoot {
  id: string;
  name: string;
  /** The project the root belongs to (the XML format keeps its file in that project's folder). */
  projectId?: string;
  fromKey: string;
  toKey: string;
}

export interface SettingsPlan {
  roots: PlannedRoot[];
  builds: PlannedBuildChange[];
  parameters: PlannedParameter[];
  changedRoots?: ChangedRoot[];
  /** Parameters of the project to take out (a rotated key's record), with the value they hold now. */
  removeParameters?: Array<{ name: string; value: string }>;
}

const str = (text: string): string => `"${text.replace(/[\\"$]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
/** A Kotlin identifier for the root object: its id, which TeamCity already keeps to letters, digits and underscores. */
const ident = (rootId: string): string => rootId;

function rootKotlin(root: PlannedRoot): string {
  const auth =
    root.auth.kind === 'uploaded-key'
      ? ['    authMethod = uploadedKey {', `        uploadedKey = ${str(root.auth.keyName)}`, '    }']
      : ['    authMethod = password {', `        userName = ${str(root.auth.userName)}`, `        password = ${str(root.auth.reference)}`, '    }'];
  return [`object ${ident(root.id)} : GitVcsRoot({`, `    id(${str(root.id)})`, `    name = ${str(root.name)}`, `    url = ${str(root.url)}`, `    branch = ${str(root.branch)}`, ...auth, '})'].join('\n');
}

// The patch TeamCity itself writes for a changed root (patches/vcsRoots: changeVcsRoot(RelativeId(…)) { (this as GitVcsRoot).apply { … } }),
// less its `expected` check, so that only the key changes whatever else the root holds.
function changedRootKotlin(root: ChangedRoot): string {
  return [
    `changeVcsRoot(RelativeId(${str(root.id)})) {`,
    `    // ${root.name}: from ${root.fromKey}`,
    '    (this as GitVcsRoot).apply {',
    '        authMethod = uploadedKey {',
    `            uploadedKey = ${str(root.toKey)}`,
    '        }',
    '    }',
    '}',
  ].join('\n');
}

/** `defined`: the roots this text declares as objects; any other root is named by its id (AbsoluteId), as TeamCity has it. */
function buildKotlin(change: PlannedBuildChange, defined: ReadonlySet<string>): string {
  const lines = [`changeBuildType(RelativeId(${str(change.buildTypeId)})) {`];
  if (change.removeRootIds.length || change.addRoots.length) {
    lines.push('    vcs {');
    for (const id of change.removeRootIds) lines.push(`        removeEntry(RelativeId(${str(id)}))`);
    for (const entry of change.addRoots) lines.push(`        root(${defined.has(entry.rootId) ? ident(entry.rootId) : `AbsoluteId(${str(entry.rootId)})`}${entry.checkoutRules ? `, ${str(entry.checkoutRules)}` : ''})`);
    lines.push('    }');
  }
  if (change.cloneStep) {
    lines.push('    steps {', '        insert(0) {', '            script {', `                name = ${str(change.cloneStep.name)}`, `                scriptContent = ${str(change.cloneStep.script)}`, '            }', '        }', '    }');
    // The step is an sh script, as ensureCloneStep's NOT_WINDOWS requirement says through REST.
    lines.push('    requirements {', `        doesNotContain(${str(NOT_WINDOWS.name)}, ${str(NOT_WINDOWS.value ?? '')})`, '    }');
  }
  lines.push('}');
  return lines.join('\n');
}

/** The whole change as one Kotlin file for the settings repository's `.teamcity` folder. */
export function renderKotlin(plan: SettingsPlan, header: string): string {
  const project = ['changeProject(DslContext.projectId) {', ...plan.roots.map((r) => `    vcsRoot(${ident(r.id)})`)];
  const removed = plan.removeParameters ?? [];
  if (plan.parameters.length || removed.length) {
    project.push('    params {', ...plan.parameters.map((p) => `        ${p.password ? 'password' : 'param'}(${str(p.name)}, ${str(p.value)})`));
    // TeamCity's own patches use add/expect/update blocks in params; remove by the same pattern is not confirmed.
    if (removed.length) project.push('        remove {', ...removed.map((p) => `            param(${str(p.name)}, ${str(p.value)})`), '        }');
    project.push('    }');
  }
  project.push('}');
  return [
    `// ${header}`,
    'import jetbrains.buildServer.configs.kotlin.*',
    // changeProject/changeBuildType/changeVcsRoot live there: TeamCity's own generated settings and patches import it.
    'import jetbrains.buildServer.configs.kotlin.ui.*',
    'import jetbrains.buildServer.configs.kotlin.buildSteps.script',
    'import jetbrains.buildServer.configs.kotlin.vcs.GitVcsRoot',
    '',
    ...plan.roots.map(rootKotlin).flatMap((text) => [text, '']),
    ...(plan.changedRoots ?? []).map(changedRootKotlin).flatMap((text) => [text, '']),
    project.join('\n'),
    '',
    ...plan.builds.map((change) => buildKotlin(change, new Set(plan.roots.map((r) => r.id)))).flatMap((text) => [text, '']),
  ].join('\n');
}
