import { TeamCityError, type OperationProgress, type TeamCity } from '../teamcity';
import { auditReportSchema, registerReportSchema, type AuditRow } from '../teamcity/reports';
import { deleteKeyRecord, keyRecordParameter, saveKeyRecord, type KeyRecord } from '../project/key-records';
import { provision, registered } from '../repositories/provision/provision';
import { auditSpec, registerDocs, registerSpec, revokeSpec, selectionsOf, type RegisterScope } from '../repositories/provision/script';
import { newKeyLabel, type WorkflowSettings } from '../project/settings';
import { switchKey } from '../repositories/vcs/roots';
import { emptyPlan, planKeySwitch } from '../versioned/plan';
import type { SettingsPlan } from '../versioned/kotlin';

export const scopeOf = (record: Pick<KeyRecord, 'projects' | 'repos'>): RegisterScope => ({
  projects: record.projects,
  slugs: record.repos.map((repo) => repo.split('/').pop() ?? repo),
});

/** Every access key on the repositories and projects this TeamCity project's keys cover. */
export async function auditKeys(tc: TeamCity, projectId: string, settings: WorkflowSettings, records: KeyRecord[], onProgress?: (p: OperationProgress) => void): Promise<AuditRow[]> {
  const scope: RegisterScope = {
    projects: [...new Set(records.flatMap((r) => r.projects))],
    slugs: [...new Set(records.flatMap((r) => scopeOf(r).slugs))],
  };
  if (scope.projects.length === 0 && scope.slugs.length === 0) return [];
  const result = await tc.runOperation(projectId, auditSpec({ workspace: settings.workspace, scope, concurrency: settings.concurrency }), { onProgress });
  const rows: AuditRow[] = [];
  for (let i = 0; i < selectionsOf(scope).length; i++) {
    try {
      rows.push(...(await result.readJson(`audit-${i}`, auditReportSchema)).keys);
    } catch {
      if (result.succeeded) throw new Error('The audit build left no result.');
    }
  }
  if (!result.succeeded && rows.length === 0) throw new Error(`The audit failed: ${result.problem ?? 'see the build log'}`);
  return rows.sort((a, b) => a.repo.localeCompare(b.repo) || (a.label ?? '').localeCompare(b.label ?? ''));
}

/** A key this project's VCS roots use that Bitbucket no longer has somewhere it was registered. */
export interface MissingKey {
  record: KeyRecord;
  missing: RegisterScope;
  /** Names of the VCS roots that use the key. */
  roots: string[];
}

/**
 * Compares the audit with what the records say was registered. Bitbucket drops the access keys an OAuth
 * consumer added when that consumer is changed (its API spec, POST …/deploy-keys), so a key can vanish under
 * VCS roots that still hand it out. A repository whose audit failed also shows here: registering again is harmless.
 */
export function missingKeys(records: KeyRecord[], audit: AuditRow[], rootsByKey: ReadonlyMap<string, string[]>, workspace: string): MissingKey[] {
  const has = (target: string, fingerprint: string): boolean => audit.some((row) => row.repo === target && row.fingerprint === fingerprint);
  return records.flatMap((record) => {
    const roots = rootsByKey.get(record.label) ?? [];
    const missing: RegisterScope = {
      projects: record.projects.filter((key) => !has(`${workspace}/project:${key}`, record.fingerprint)),
      slugs: record.repos.filter((repo) => !has(repo, record.fingerprint)).map((repo) => repo.split('/').pop() ?? repo),
    };
    return roots.length > 0 && (missing.projects.length > 0 || missing.slugs.length > 0) ? [{ record, missing, roots }] : [];
  });
}

/** Registers the record's public key again where it went missing; returns where it still is not. */
export async function registerAgain(tc: TeamCity, projectId: string, settings: WorkflowSettings, found: MissingKey, onProgress?: (p: OperationProgress) => void): Promise<string[]> {
  const { record, missing } = found;
  const spec = registerSpec({ workspace: settings.workspace, publicKey: record.publicKey, label: record.label, scope: missing, concurrency: settings.concurrency });
  const result = await tc.runOperation(projectId, spec, { onProgress });
  const left: string[] = [];
  for (const doc of registerDocs(missing)) {
    try {
      left.push(...(await result.readJson(doc.name, registerReportSchema)).results.filter((r) => !registered(r.status)).map((r) => r.repo));
    } catch {
      left.push(doc.project ? `project ${doc.project}` : missing.slugs.join(', '));
    }
  }
  return left;
}

export interface RevokeOutcome {
  removedFromTeamCity: boolean;
  failed: string[];
  /** The record's parameter, when the project refused to delete it (read-only versioned settings): delete it in the settings repository. */
  recordLeft?: string;
}

/** Removes the key from Bitbucket where it is registered; only when that fully worked also from TeamCity. */
/** Deletes the key with `fingerprint` (and our `label`) in Bitbucket where `scope` says; the helper's problem when it failed, else null. */
export async function revokeInBitbucket(
  tc: TeamCity,
  projectId: string,
  settings: WorkflowSettings,
  key: { fingerprint: string; label: string; scope: RegisterScope },
  onProgress?: (p: OperationProgress) => void,
): Promise<string | null> {
  const result = await tc.runOperation(projectId, revokeSpec({ workspace: settings.workspace, ...key, concurrency: settings.concurrency }), { onProgress });
  return result.succeeded ? null : (result.problem ?? 'revoke failed');
}

export async function revokeKey(tc: TeamCity, projectId: string, settings: WorkflowSettings, record: KeyRecord, onProgress?: (p: OperationProgress) => void): Promise<RevokeOutcome> {
  const problem = await revokeInBitbucket(tc, projectId, settings, { fingerprint: record.fingerprint, label: record.label, scope: scopeOf(record) }, onProgress);
  if (problem !== null) return { removedFromTeamCity: false, failed: [problem] };
  // SSH keys are not versioned settings: this works on a read-only project too.
  await tc.deleteSshKey(projectId, record.label);
  try {
    await deleteKeyRecord(tc, projectId, record.label);
  } catch (error) {
    if (error instanceof TeamCityError && error.status === 403) {
      // Refused on a read-only project; after a rotation's commit the record may be gone already.
      const name = keyRecordParameter(record).name;
      return { removedFromTeamCity: true, failed: [], ...((await tc.parameters(projectId)).has(name) ? { recordLeft: name } : {}) };
    }
    throw error;
  }
  return { removedFromTeamCity: true, failed: [] };
}

/** Where the old key is registered and the new one is not. */
const notMoved = (old: KeyRecord, moved: KeyRecord): string[] => [
  ...old.projects.filter((key) => !moved.projects.includes(key)).map((key) => `project ${key}`),
  ...old.repos.filter((repo) => !moved.repos.includes(repo)),
];

export type RotationStage = 'new-key' | 'switch' | 'revoke-old' | 'done';

/**
 * New key → registered everywhere the old one is → TeamCity switched to it → old key revoked. Builds keep
 * cloning throughout: at every moment the key TeamCity hands out is registered.
 */
export async function rotateKey(
  tc: TeamCity,
  projectId: string,
  settings: WorkflowSettings,
  old: KeyRecord,
  report: { stage?: (stage: RotationStage) => void; progress?: (p: OperationProgress) => void } = {},
): Promise<{ record: KeyRecord; switchedRoots: string[]; leftOnOld: string[] }> {
  report.stage?.('new-key');
  const label = newKeyLabel(projectId);
  const fresh = await provision(tc, projectId, { settings, scope: scopeOf(old), label, ...(report.progress ? { onProgress: report.progress } : {}) });
  const moved = fresh.record;
  const leftOnOld = notMoved(old, moved);
  if (leftOnOld.length > 0) {
    // Partly registered: nothing switches, the old key keeps working, the new one stays for a retry.
    return { record: moved, switchedRoots: [], leftOnOld };
  }
  report.stage?.('switch');
  const switchedRoots = await switchKey(tc, projectId, old.label, moved.label);
  report.stage?.('revoke-old');
  const revoked = await revokeKey(tc, projectId, settings, old, report.progress);
  if (!revoked.removedFromTeamCity) {
    await saveKeyRecord(tc, projectId, old);
    throw new Error(`Switched to the new key, but revoking the old one failed (${revoked.failed.join('; ')}); revoke ${old.label} again.`);
  }
  report.stage?.('done');
  return { record: moved, switchedRoots, leftOnOld };
}

/**
 * Rotation where the project's settings are read-only (versioned, editing off): the new key is registered and
 * uploaded (SSH keys are not versioned settings), and the rest — roots on the new key, its record in place of the
 * old one's — comes back as settings to commit. The old key stays until the commit is in: revoke it after "Check again".
 */
export async function planRotation(
  tc: TeamCity,
  projectId: string,
  settings: WorkflowSettings,
  old: KeyRecord,
  onProgress?: (p: OperationProgress) => void,
): Promise<{ record: KeyRecord; leftOnOld: string[]; plan: SettingsPlan }> {
  const label = newKeyLabel(projectId);
  const fresh = await provision(tc, projectId, { settings, scope: scopeOf(old), label, saveRecord: false, ...(onProgress ? { onProgress } : {}) });
  const moved = fresh.record;
  const leftOnOld = notMoved(old, moved);
  const plan: SettingsPlan = { ...emptyPlan(), parameters: [{ ...keyRecordParameter(moved), password: false }] };
  // Partly registered: no root moves, the old key keeps working; the new key's record still goes in, so it can be revoked.
  if (leftOnOld.length > 0) return { record: moved, leftOnOld, plan };
  return { record: moved, leftOnOld, plan: { ...plan, changedRoots: await planKeySwitch(tc, projectId, old.label, moved.label), removeParameters: [keyRecordParameter(old)] } };
}

export { registered };
