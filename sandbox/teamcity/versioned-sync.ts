// SANDBOX ONLY: the stand-in for TeamCity reading a project's settings repository after a commit. Real TeamCity
// compiles the Kotlin DSL; this reads back only the small subset Repo Access generates (GitVcsRoot objects,
// changeProject/changeBuildType patches) and applies it, so a test proves the committed text is what carries the change.
import { badRequest } from './http';
import type { Step } from './model';
import type { Store } from './store';

interface Root {
  ident: string;
  id: string;
  properties: Record<string, string>;
}

const STRING = '"((?:[^"\\\\]|\\\\.)*)"';
const unescape = (s: string): string => s.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);

/** The text between the brace at `open` and its match, skipping braces inside strings. */
function body(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw badRequest('Unbalanced braces in the settings text');
}

/** Each `header {…}` in `text`: the header's captures and the block's body. */
function blocks(text: string, header: string): Array<{ groups: string[]; body: string }> {
  const found: Array<{ groups: string[]; body: string }> = [];
  const pattern = new RegExp(`${header}\\s*\\{`, 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const inner = body(text, m.index + m[0].length - 1);
    found.push({ groups: m.slice(1).map((g) => unescape(g ?? '')), body: inner });
    pattern.lastIndex = m.index + m[0].length + inner.length;
  }
  return found;
}

const assigned = (text: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}\\s*=\\s*${STRING}`).exec(text);
  return m ? unescape(m[1]!) : undefined;
};

function parseRoots(text: string): Root[] {
  // object X : GitVcsRoot({ … }) — property names as in teamcity-git's VCS root settings (authMethod, teamcitySshKey, username, secure:password).
  return blocks(text, 'object\\s+(\\w+)\\s*:\\s*GitVcsRoot\\(').map(({ groups, body: b }) => {
    const id = new RegExp(`\\bid\\(${STRING}\\)`).exec(b)?.[1];
    if (!id) throw badRequest(`GitVcsRoot ${groups[0]} has no id("…")`);
    const properties: Record<string, string> = { url: assigned(b, 'url') ?? '', branch: assigned(b, 'branch') ?? '' };
    const key = blocks(b, 'authMethod\\s*=\\s*uploadedKey')[0];
    const password = blocks(b, 'authMethod\\s*=\\s*password')[0];
    if (key) Object.assign(properties, { authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: assigned(key.body, 'uploadedKey') ?? '', username: '' });
    else if (password) Object.assign(properties, { authMethod: 'PASSWORD', username: assigned(password.body, 'userName') ?? '', 'secure:password': assigned(password.body, 'password') ?? '' });
    return { ident: groups[0]!, id: unescape(id), properties: { ...properties, name: assigned(b, 'name') ?? id } };
  });
}

/** The params a `params {…}` body adds, and the names its `remove {…}` blocks take out (TeamCity's patches use add/expect/update blocks; remove: not confirmed). */
function parseParams(text: string): { add: Array<{ name: string; value: string; password: boolean }>; remove: string[] } {
  const result: { add: Array<{ name: string; value: string; password: boolean }>; remove: string[] } = { add: [], remove: [] };
  const each = (b: string, found: (kind: string, name: string, value: string) => void) => {
    const pattern = new RegExp(`\\b(password|param)\\(${STRING}\\s*,\\s*${STRING}\\)`, 'g');
    for (let m = pattern.exec(b); m; m = pattern.exec(b)) found(m[1]!, unescape(m[2]!), unescape(m[3]!));
  };
  for (const { body: b } of blocks(text, '\\bparams')) {
    let adds = b;
    for (const removed of blocks(b, '\\bremove')) {
      each(removed.body, (_kind, name) => result.remove.push(name));
      adds = adds.replace(removed.body, '');
    }
    each(adds, (kind, name, value) => result.add.push({ name, value, password: kind === 'password' }));
  }
  return result;
}

/** Runs `change` on the store as one sync: when it throws, the store is as it was. */
export function allOrNothing<T>(store: Store, change: () => T): T {
  const backup = JSON.stringify(store.data);
  try {
    return change();
  } catch (error) {
    Object.assign(store.data, JSON.parse(backup));
    throw error;
  }
}

/** Applies the generated settings to `projectId`, as a sync from the settings repository would: all or nothing. Returns what changed. */
export function applyVersionedSettings(store: Store, projectId: string, text: string): string[] {
  return allOrNothing(store, () => apply(store, projectId, text));
}

function apply(store: Store, projectId: string, text: string): string[] {
  const project = store.project(projectId);
  if (!project) throw badRequest(`No project '${projectId}'`);
  const changes: string[] = [];
  const roots = parseRoots(text);
  const byIdent = new Map(roots.map((r) => [r.ident, r]));
  for (const root of roots) {
    const { name, ...properties } = root.properties;
    const existing = store.vcsRoot(root.id);
    if (existing) existing.properties = { ...existing.properties, ...properties };
    else store.data.vcsRoots.push({ id: root.id, name: name!, vcsName: 'jetbrains.git', projectId, properties });
    changes.push(`vcsRoot ${root.id}`);
  }
  // changeVcsRoot(RelativeId("…")) { (this as GitVcsRoot).apply { authMethod = uploadedKey { uploadedKey = "…" } } }, as TeamCity's own patches/vcsRoots.
  for (const { groups, body: b } of blocks(text, `changeVcsRoot\\(RelativeId\\(${STRING}\\)\\)`)) {
    const root = store.vcsRoot(groups[0]!);
    if (!root) throw badRequest(`changeVcsRoot: no VCS root '${groups[0]}'`);
    const key = blocks(b, 'authMethod\\s*=\\s*uploadedKey')[0];
    if (key) Object.assign(root.properties, { authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: assigned(key.body, 'uploadedKey') ?? '' });
    changes.push(`vcsRoot ${root.id}`);
  }
  for (const { body: b } of blocks(text, 'changeProject\\(DslContext\\.projectId\\)')) {
    const { add, remove } = parseParams(b);
    for (const name of remove) {
      project.parameters = project.parameters.filter((q) => q.name !== name);
      changes.push(`parameter ${name} removed`);
    }
    for (const p of add) {
      const parameter = { name: p.name, value: p.value, ...(p.password ? { rawType: "password display='hidden'" } : {}) };
      const at = project.parameters.findIndex((q) => q.name === p.name);
      if (at >= 0) project.parameters[at] = parameter;
      else project.parameters.push(parameter);
      changes.push(`parameter ${p.name}`);
    }
  }
  for (const { groups, body: b } of blocks(text, `changeBuildType\\(RelativeId\\(${STRING}\\)\\)`)) {
    const buildType = store.buildType(groups[0]!);
    if (!buildType) throw badRequest(`changeBuildType: no build configuration '${groups[0]}'`);
    for (const { body: vcs } of blocks(b, '\\bvcs')) {
      for (const m of vcs.matchAll(new RegExp(`removeEntry\\(RelativeId\\(${STRING}\\)\\)`, 'g'))) {
        buildType.vcsRootEntries = buildType.vcsRootEntries.filter((e) => e.vcsRootId !== unescape(m[1]!));
      }
      // root(Object) for a root declared in the text; root(AbsoluteId("…")) for one TeamCity already has (Kotlin DSL VcsSettings.root(Id, rules)).
      for (const m of vcs.matchAll(new RegExp(`\\broot\\((?:AbsoluteId\\(${STRING}\\)|(\\w+))(?:\\s*,\\s*${STRING})?\\)`, 'g'))) {
        const id = m[1] !== undefined ? unescape(m[1]) : byIdent.get(m[2]!)?.id;
        if (id === undefined) throw badRequest(`root(${m[2]}): no such GitVcsRoot object in the text`);
        if (m[1] !== undefined && !store.data.vcsRoots.some((r) => r.id === id)) throw badRequest(`root(AbsoluteId("${id}")): no such VCS root`);
        if (!buildType.vcsRootEntries.some((e) => e.vcsRootId === id)) buildType.vcsRootEntries.push({ vcsRootId: id, checkoutRules: unescape(m[3] ?? '') });
      }
    }
    for (const { body: steps } of blocks(b, '\\bsteps')) {
      for (const { body: script } of blocks(steps, 'insert\\(0\\)\\s*\\{\\s*script')) {
        const name = assigned(script, 'name') ?? '';
        const step: Step = { id: `RUNNER_${Math.random().toString(36).slice(2, 8)}`, name, type: 'simpleRunner', properties: { 'script.content': assigned(script, 'scriptContent') ?? '', 'use.custom.script': 'true' } };
        buildType.steps = [step, ...buildType.steps.filter((s) => s.name !== name)];
      }
    }
    for (const { body: requirements } of blocks(b, '\\brequirements')) {
      for (const m of requirements.matchAll(new RegExp(`doesNotContain\\(${STRING}\\s*,\\s*${STRING}\\)`, 'g'))) {
        const [name, value] = [unescape(m[1]!), unescape(m[2]!)];
        const list = (buildType.requirements ??= []);
        if (!list.some((r) => r.type === 'does-not-contain' && r.name === name && r.value === value)) list.push({ id: `RQ_${list.length + 1}`, type: 'does-not-contain', name, value });
      }
    }
    changes.push(`buildType ${buildType.id}`);
  }
  store.save();
  return changes;
}
