import type { OperationProgress, TeamCity } from '../teamcity';
import type { WorkflowSettings } from '../project/settings';
import { registerAgain, revokeInBitbucket, revokeKey, scopeOf } from './operations';
import { DEFAULT_ROTATION_DAYS, driftPlaces, placeName, rotationDaysOf, scopeOfPlaces, type KeyHealth } from './health';

/** Project parameter: keys older than this many days are due for rotation (default 90). */
export const ROTATION_DAYS_PARAM = 'repoaccess.rotationDays';

export async function readRotationDays(tc: TeamCity, projectId: string): Promise<number> {
  return rotationDaysOf((await tc.parameters(projectId)).get(ROTATION_DAYS_PARAM)?.value);
}

/** Stores the rotation age; the default is stored as nothing. */
export async function saveRotationDays(tc: TeamCity, projectId: string, days: number): Promise<void> {
  if (rotationDaysOf(String(days)) !== days) throw new Error('Enter a whole number of days from 1 to 3650.');
  if (days === DEFAULT_ROTATION_DAYS) await tc.deleteParameter(projectId, ROTATION_DAYS_PARAM);
  else await tc.setParameter(projectId, ROTATION_DAYS_PARAM, String(days));
}

export interface ActionOutcome {
  label: string;
  /** Where it worked (register again) or what was removed (revoke). */
  done: string[];
  /** Where it did not, or why. */
  failed: string[];
}

/** Whether `where` (a register result's repo, or a list of slugs when the result was unreadable) names `place`. */
const names = (where: string, place: string): boolean => where.split(', ').some((part) => place === part || place === placeName(part) || place.endsWith(`/${part}`));

/** Registers every drifted key again where Bitbucket lost it: one register build per key (each has its own public key). */
export async function repairDrift(tc: TeamCity, projectId: string, settings: WorkflowSettings, keys: KeyHealth[], onProgress?: (p: OperationProgress) => void): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const key of keys) {
    if (!key.drift) continue;
    const wanted = driftPlaces(key.drift, settings.workspace);
    const left = await registerAgain(tc, projectId, settings, key.drift, onProgress);
    outcomes.push({ label: key.label, done: wanted.filter((place) => !left.some((where) => names(where, place))), failed: left.map(placeName) });
  }
  return outcomes;
}

/**
 * Revokes every stale key by its fingerprint. A key the project records goes the way of "Revoke" (Bitbucket, then its
 * uploaded SSH key and record); a key labelled by us that the project no longer records is only deleted in Bitbucket.
 */
export async function revokeStale(tc: TeamCity, projectId: string, settings: WorkflowSettings, keys: KeyHealth[], onProgress?: (p: OperationProgress) => void): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const key of keys) {
    if (!key.stale) continue;
    const places = key.places;
    if (key.record) {
      const found = scopeOfPlaces(key.inBitbucket);
      const recorded = scopeOf(key.record);
      // The record's scope plus wherever the audit found the key besides.
      const widened = {
        ...key.record,
        projects: [...new Set([...key.record.projects, ...found.projects])],
        repos: [...new Set([...recorded.slugs, ...found.slugs])].map((slug) => `${settings.workspace}/${slug}`),
      };
      const outcome = await revokeKey(tc, projectId, settings, widened, onProgress);
      outcomes.push({ label: key.label, done: outcome.removedFromTeamCity ? [...places, "this project's SSH keys"] : [], failed: outcome.failed });
      continue;
    }
    const problem = await revokeInBitbucket(tc, projectId, settings, { fingerprint: key.fingerprint, label: key.label, scope: scopeOfPlaces(places) }, onProgress);
    outcomes.push({ label: key.label, done: problem === null ? places : [], failed: problem === null ? [] : [problem] });
  }
  return outcomes;
}
