import type { RegisterScope } from '../repositories/provision/script';
import type { KeyRecord } from '../project/key-records';
import { missingKeys, type MissingKey } from './operations';
import type { AuditRow } from '../teamcity/reports';

/** One access key as the health view shows it: where it is, what uses it, and what is wrong with it. */
export interface KeyHealth {
  label: string;
  fingerprint: string;
  /** This project's record of the key; null for a key labelled by us that the project no longer records. */
  record: KeyRecord | null;
  /** Where the record says it is registered and where Bitbucket has it (`W/slug`, `W/project:KEY`). */
  places: string[];
  /** Where Bitbucket has it. */
  inBitbucket: string[];
  /** Names of the VCS roots whose uploaded key it is. */
  roots: string[];
  /** Where Bitbucket lost it while VCS roots rely on it; null when nowhere. */
  drift: MissingKey | null;
  /** No VCS root of the project uses it. */
  stale: boolean;
  lastUsed: string | null;
  /** The earliest of the record's creation and Bitbucket's `added_on`. */
  created: string | null;
  ageDays: number | null;
  dueForRotation: boolean;
}

export const DEFAULT_ROTATION_DAYS = 90;
const DAY_MS = 86_400_000;

/** Labels the tab gives the keys of `projectId` (settings.ts newKeyLabel): `repoaccess-<projectId>-…`. */
export const isOurLabel = (label: string | null, projectId: string): boolean => label !== null && label.startsWith(`repoaccess-${projectId.replace(/[^A-Za-z0-9_.-]/g, '_')}-`);

const recordPlaces = (record: KeyRecord, workspace: string): string[] => [...record.projects.map((key) => `${workspace}/project:${key}`), ...record.repos];

/** `acme/project:CORE` → `project CORE`; repositories as they are. */
export const placeName = (place: string): string => place.replace(/^[^/]+\/project:/, 'project ');

export const scopeOfPlaces = (places: string[]): RegisterScope => ({
  projects: places.flatMap((place) => /\/project:(.+)$/.exec(place)?.slice(1) ?? []),
  slugs: places.filter((place) => !place.includes('/project:')).map((place) => place.split('/').pop() ?? place),
});

const earliest = (dates: Array<string | null>): string | null => dates.filter((d): d is string => d !== null && !Number.isNaN(Date.parse(d))).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
const latest = (dates: Array<string | null>): string | null => dates.filter((d): d is string => d !== null && !Number.isNaN(Date.parse(d))).sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
const unique = (items: string[]): string[] => [...new Set(items)];

/**
 * Every key the project records plus every key in the audit labelled by this project, matched by fingerprint
 * (labels can be edited in Bitbucket). Drifted: a VCS root uses it and Bitbucket lost it somewhere it was registered.
 * Stale: no VCS root of the project uses it. Due for rotation: older than `rotationDays`.
 */
export function keyHealth(input: {
  projectId: string;
  workspace: string;
  records: KeyRecord[];
  audit: AuditRow[];
  rootsByKey: ReadonlyMap<string, string[]>;
  rotationDays: number;
  now?: Date;
}): KeyHealth[] {
  const { projectId, workspace, records, audit, rootsByKey, rotationDays } = input;
  const now = (input.now ?? new Date()).getTime();
  const drifts = new Map(missingKeys(records, audit, rootsByKey, workspace).map((found) => [found.record.fingerprint, found]));
  const known = new Set(records.map((record) => record.fingerprint));
  const orphans = unique(audit.filter((row) => row.fingerprint !== null && !known.has(row.fingerprint) && isOurLabel(row.label, projectId)).map((row) => row.fingerprint as string));
  const entries: Array<{ fingerprint: string; record: KeyRecord | null }> = [...records.map((record) => ({ fingerprint: record.fingerprint, record })), ...orphans.map((fingerprint) => ({ fingerprint, record: null }))];
  return entries.map(({ fingerprint, record }): KeyHealth => {
    const rows = audit.filter((row) => row.fingerprint === fingerprint);
    const label = record?.label ?? rows[0]?.label ?? fingerprint;
    const roots = rootsByKey.get(label) ?? [];
    const inBitbucket = unique(rows.map((row) => row.repo));
    const created = earliest([record?.created ?? null, ...rows.map((row) => row.createdOn)]);
    const ageDays = created === null ? null : Math.floor((now - Date.parse(created)) / DAY_MS);
    return {
      label,
      fingerprint,
      record,
      places: unique([...(record ? recordPlaces(record, workspace) : []), ...inBitbucket]),
      inBitbucket,
      roots,
      drift: drifts.get(fingerprint) ?? null,
      stale: roots.length === 0,
      lastUsed: latest(rows.map((row) => row.lastUsed)),
      created,
      ageDays,
      dueForRotation: ageDays !== null && ageDays >= rotationDays,
    };
  });
}

export const driftCount = (drift: MissingKey): number => drift.missing.projects.length + drift.missing.slugs.length;

/** The key's state in words: healthy, or each problem it has. */
export function stateText(key: KeyHealth): string {
  const problems = [
    ...(key.drift ? [`drifted on ${driftCount(key.drift)} ${driftCount(key.drift) === 1 ? 'repository' : 'repositories'}`] : []),
    ...(key.stale ? ['stale'] : []),
    ...(key.dueForRotation ? ['due for rotation'] : []),
  ];
  return problems.length ? problems.join(', ') : 'healthy';
}

/** Where a drifted key is missing, as places: `project CORE`, `acme/core-api`. */
export const driftPlaces = (drift: MissingKey, workspace: string): string[] => [...drift.missing.projects.map((key) => `project ${key}`), ...drift.missing.slugs.map((slug) => `${workspace}/${slug}`)];

/** Rotation age from the project parameter: whole days from 1 to 3650, else the default. */
export function rotationDaysOf(text: string | null | undefined): number {
  const n = Number(text?.trim() || NaN);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : DEFAULT_ROTATION_DAYS;
}
