import { z } from 'zod/mini';
import type { TeamCity } from '../teamcity';
import { featureParams } from './settings';

/** What a provisioned key covers: kept as a project parameter so rotation and revocation know where it is. */
export interface KeyRecord {
  label: string;
  fingerprint: string;
  publicKey: string;
  created: string;
  projects: string[];
  repos: string[];
}

const keyRecordSchema = z.object({
  label: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  created: z.string(),
  projects: z.array(z.string()),
  repos: z.array(z.string()),
});

export async function listKeyRecords(tc: TeamCity, projectId: string): Promise<KeyRecord[]> {
  const all = await tc.parameters(projectId);
  const records: KeyRecord[] = [];
  for (const [name, parameter] of all) {
    if (!name.startsWith(featureParams.keyPrefix) || parameter.inherited || parameter.value === null) continue;
    try {
      const parsed = keyRecordSchema.safeParse(JSON.parse(parameter.value));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // Someone edited it by hand into something else: not ours to interpret.
    }
  }
  return records.sort((a, b) => b.created.localeCompare(a.created));
}

/** The project parameter a key record is kept in: its name and JSON value. */
export const keyRecordParameter = (record: KeyRecord): { name: string; value: string } => ({ name: `${featureParams.keyPrefix}${record.label}`, value: JSON.stringify(record) });

export async function saveKeyRecord(tc: TeamCity, projectId: string, record: KeyRecord): Promise<void> {
  const { name, value } = keyRecordParameter(record);
  await tc.setParameter(projectId, name, value);
}

export async function deleteKeyRecord(tc: TeamCity, projectId: string, label: string): Promise<void> {
  await tc.deleteParameter(projectId, `${featureParams.keyPrefix}${label}`);
}
