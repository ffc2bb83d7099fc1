import { classify, inSubtree, type Finding, type Verdict } from './classify';
import type { Environment } from '../repositories/vcs/bitbucket-urls';
import type { ServerFacts } from './server-facts';

/** A finding of the server-wide report: where it lives, and how much the builds that depend on it ran lately. */
export interface ServerFinding extends Finding {
  projectName: string;
  /** Builds in the last 30 days of the configurations that depend on it. */
  recentBuilds: number;
  /** Start (TeamCity date) of the latest of those builds; null when none ran in the window. */
  lastUsed: string | null;
}

/** The logins an owner text names: `Name (login)` → login; `login` → login; lower-cased. */
export function ownerLogins(owner: string | null): string[] {
  if (!owner) return [];
  const inner = /\(([^()]+)\)\s*$/.exec(owner)?.[1];
  return [...new Set([inner ?? owner].map((s) => s.trim().toLowerCase()).filter(Boolean))];
}

const SERVICE_EXPLANATION = 'Shared service account: survives people leaving, but costs a Bitbucket seat and its API token expires (rotate it before then).';

function connectionFindings(facts: ServerFacts, parents: ReadonlyMap<string, string | null>): Finding[] {
  return facts.connections.map((c) => {
    // Roots authorized through a connection (ACCESS_TOKEN) may use any connection of their project or its ancestors.
    const roots = facts.vcsRoots.filter((r) => r.authMethod.toUpperCase() === 'ACCESS_TOKEN' && inSubtree(r.projectId, c.projectId, parents)).map((r) => r.id);
    return {
      subject: 'connection',
      id: `${c.projectId}:connection:${c.id}`,
      name: `Bitbucket Cloud connection "${c.displayName}"`,
      projectId: c.projectId,
      kind: 'oauth-consumer',
      verdict: 'unknown',
      owner: null,
      explanation: `OAuth consumer ${c.clientId || '(no key)'}: tied to the workspace it was added to; the tokens roots get through it belong to the TeamCity user who authorized them.`,
      sshHostMove: null,
      repositories: [],
      dependents: facts.buildTypes.filter((b) => b.vcsRootIds.some((id) => roots.includes(id))).map((b) => ({ id: b.id, name: b.name, projectId: b.projectId })),
    };
  });
}

function parameterFindings(facts: ServerFacts, parents: ReadonlyMap<string, string | null>): Finding[] {
  return facts.secretParameters.map((p) => {
    const onProject = p.holderId === p.projectId;
    return {
      subject: 'parameter',
      id: `${p.holderId}:${p.name}`,
      name: `Parameter ${p.name} of ${p.holderId}`,
      projectId: p.projectId,
      kind: 'token',
      verdict: 'unknown',
      owner: null,
      explanation: 'A password parameter named for Bitbucket: check whose secret it holds, and move the builds that read it to an access key or an access token.',
      sshHostMove: null,
      repositories: [],
      dependents: facts.buildTypes
        .filter((b) => (onProject ? inSubtree(b.projectId, p.projectId, parents) : b.id === p.holderId))
        .map((b) => ({ id: b.id, name: b.name, projectId: b.projectId })),
    };
  });
}

/** Every Bitbucket credential on the server with its verdict, dependents and recent use; service accounts marked as such. */
export function serverReport(facts: ServerFacts, env: Environment): ServerFinding[] {
  const parents = new Map(facts.projects.map((p) => [p.id, p.parentId]));
  const names = new Map(facts.projects.map((p) => [p.id, p.name]));
  const service = new Set(facts.serviceAccounts.map((s) => s.toLowerCase()));
  const builds = new Map<string, string[]>();
  for (const b of facts.recentBuilds) builds.set(b.buildTypeId, [...(builds.get(b.buildTypeId) ?? []), b.startDate]);
  const base = [
    ...classify({ env, vcsRoots: facts.vcsRoots, stored: facts.stored, buildTypes: facts.buildTypes, parents }),
    ...connectionFindings(facts, parents),
    ...parameterFindings(facts, parents),
  ];
  return base.map((f) => {
    const starts = f.dependents.flatMap((d) => builds.get(d.id) ?? []).sort();
    const isService = f.verdict === 'personal' && ownerLogins(f.owner).some((login) => service.has(login));
    const verdict: Verdict = isService ? 'service-account' : f.verdict;
    return {
      ...f,
      verdict,
      explanation: isService ? SERVICE_EXPLANATION : f.explanation,
      projectName: names.get(f.projectId) ?? f.projectId,
      recentBuilds: starts.length,
      lastUsed: starts.at(-1) ?? null,
    };
  });
}

/** People who own a personal or retired credential somewhere: the person picker's choices. */
export function people(findings: readonly ServerFinding[]): string[] {
  return [...new Set(findings.filter((f) => f.verdict === 'personal' || f.verdict === 'retired').flatMap((f) => ownerLogins(f.owner)))].sort();
}

/**
 * What depends on the person named by any of `identities` (Bitbucket username, e-mail, TeamCity user): credentials
 * whose owner is one of them. A shared service account is nobody's.
 */
export function dependsOn(findings: readonly ServerFinding[], identities: readonly string[]): ServerFinding[] {
  const wanted = new Set(identities.map((s) => s.trim().toLowerCase()).filter(Boolean));
  return findings.filter((f) => f.verdict !== 'service-account' && ownerLogins(f.owner).some((login) => wanted.has(login)));
}

/** The findings grouped by the project of the build configurations that would stop. */
export function stoppingByProject(findings: readonly ServerFinding[], projectNames: ReadonlyMap<string, string>): Array<{ project: string; buildTypes: string[] }> {
  const groups = new Map<string, Set<string>>();
  for (const d of findings.flatMap((f) => f.dependents)) {
    const name = projectNames.get(d.projectId) ?? d.projectId;
    groups.set(name, (groups.get(name) ?? new Set()).add(d.name));
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([project, set]) => ({ project, buildTypes: [...set].sort() }));
}

/** Columns of the auditors' export: one row per credential. */
const COLUMNS = ['subject', 'id', 'name', 'project', 'kind', 'verdict', 'owner', 'repositories', 'dependents', 'recentBuilds', 'lastUsed', 'explanation'] as const;

function row(f: ServerFinding): Record<(typeof COLUMNS)[number], string | number> {
  return {
    subject: f.subject,
    id: f.id,
    name: f.name,
    project: f.projectName,
    kind: f.kind,
    verdict: f.verdict,
    owner: f.owner ?? '',
    repositories: f.repositories.join(' '),
    dependents: f.dependents.map((d) => d.id).join(' '),
    recentBuilds: f.recentBuilds,
    lastUsed: f.lastUsed ?? '',
    explanation: f.explanation,
  };
}

// RFC 4180: quote every field, double the quotes; a leading =+-@ is prefixed with ' so a spreadsheet never runs it.
const csvField = (value: string | number): string => `"${String(value).replace(/^[=+\-@]/, "'$&").replace(/"/g, '""')}"`;

export function toCsv(findings: readonly ServerFinding[]): string {
  return [COLUMNS.join(','), ...findings.map((f) => COLUMNS.map((c) => csvField(row(f)[c])).join(','))].join('\r\n') + '\r\n';
}

export function toJson(findings: readonly ServerFinding[], generatedAt: Date): string {
  return JSON.stringify({ generatedAt: generatedAt.toISOString(), credentials: findings.map(row) }, null, 2);
}
