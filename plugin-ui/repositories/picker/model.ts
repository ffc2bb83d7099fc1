export interface Repository {
  slug: string;
  fullName: string;
  /** Display name; may hold any text (shown as text, never as markup). */
  name: string;
  project: string | null;
  isPrivate: boolean;
  /** The main branch in Bitbucket; null when it has none yet (or the listing predates it). */
  mainbranch: string | null;
}

export const NO_PROJECT = '';

export interface ProjectGroup {
  key: string;
  repos: Repository[];
}

export type Row =
  | { kind: 'project'; key: string; total: number; shown: number }
  | { kind: 'repo'; repo: Repository };

export interface Catalog {
  repos: Repository[];
  groups: ProjectGroup[];
  byProject: Map<string, Repository[]>;
  haystack: string[];
}

/** Groups once so each keystroke only scans precomputed lower-case strings. */
export function buildCatalog(repos: Repository[]): Catalog {
  const byProject = new Map<string, Repository[]>();
  const sorted = [...repos].sort((a, b) => a.fullName.localeCompare(b.fullName));
  for (const repo of sorted) {
    const key = repo.project ?? NO_PROJECT;
    let list = byProject.get(key);
    if (!list) byProject.set(key, (list = []));
    list.push(repo);
  }
  const keys = [...byProject.keys()].sort((a, b) => (a === NO_PROJECT ? 1 : b === NO_PROJECT ? -1 : a.localeCompare(b)));
  const groups = keys.map((key) => ({ key, repos: byProject.get(key) ?? [] }));
  const ordered = groups.flatMap((g) => g.repos);
  return { repos: ordered, groups, byProject, haystack: ordered.map((r) => `${r.fullName}\n${r.name}\n${r.project ?? ''}`.toLowerCase()) };
}

export function visibleRows(catalog: Catalog, filter: string): Row[] {
  const needle = filter.trim().toLowerCase();
  const rows: Row[] = [];
  let index = 0;
  for (const group of catalog.groups) {
    const header: Row = { kind: 'project', key: group.key, total: group.repos.length, shown: 0 };
    rows.push(header);
    for (const repo of group.repos) {
      if (needle === '' || (catalog.haystack[index] ?? '').includes(needle)) {
        rows.push({ kind: 'repo', repo });
        header.shown++;
      }
      index++;
    }
    if (header.shown === 0) rows.pop();
  }
  return rows;
}

export type Selection = ReadonlySet<string>;

export function toggleRepo(selection: Selection, fullName: string): Set<string> {
  const next = new Set(selection);
  if (!next.delete(fullName)) next.add(fullName);
  return next;
}

export function projectState(catalog: Catalog, selection: Selection, key: string): 'all' | 'some' | 'none' {
  const repos = catalog.byProject.get(key) ?? [];
  let count = 0;
  for (const repo of repos) if (selection.has(repo.fullName)) count++;
  return count === 0 ? 'none' : count === repos.length ? 'all' : 'some';
}

export function selectedInProject(catalog: Catalog, selection: Selection, key: string): number {
  let count = 0;
  for (const repo of catalog.byProject.get(key) ?? []) if (selection.has(repo.fullName)) count++;
  return count;
}

/** A whole project toggles every one of its repositories, filtered out or not. */
export function toggleProject(catalog: Catalog, selection: Selection, key: string): Set<string> {
  const next = new Set(selection);
  const repos = catalog.byProject.get(key) ?? [];
  const select = projectState(catalog, selection, key) !== 'all';
  for (const repo of repos) {
    if (select) next.add(repo.fullName);
    else next.delete(repo.fullName);
  }
  return next;
}

/** What to register: whole projects get one project-level key, the rest per repository. */
export interface Target {
  projects: string[];
  repos: Repository[];
}

export function registrationTarget(catalog: Catalog, selection: Selection): Target {
  const projects: string[] = [];
  const repos: Repository[] = [];
  for (const group of catalog.groups) {
    const state = projectState(catalog, selection, group.key);
    if (state === 'none') continue;
    if (state === 'all' && group.key !== NO_PROJECT) projects.push(group.key);
    else repos.push(...group.repos.filter((r) => selection.has(r.fullName)));
  }
  return { projects, repos };
}

export function selectedRepositories(catalog: Catalog, selection: Selection): Repository[] {
  return catalog.repos.filter((r) => selection.has(r.fullName));
}
