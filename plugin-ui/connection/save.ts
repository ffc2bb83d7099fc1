import type { TeamCity } from '../teamcity';
import { planSave, type Draft } from './model';
import type { Stored } from '../project/stored';

/** Stores `draft` (validated): each parameter in its place, then removes what is stale or in the wrong place. */
export async function saveConnection(tc: TeamCity, projectId: string, draft: Draft, stored: Stored): Promise<void> {
  const plan = planSave(draft, stored);
  for (const { place, name, value, password } of plan.set) {
    await (place === 'ops' ? tc.setOpsParameter : tc.setParameter)(projectId, name, value, { password });
  }
  for (const { place, name } of plan.remove) await (place === 'ops' ? tc.deleteOpsParameter : tc.deleteParameter)(projectId, name);
}
