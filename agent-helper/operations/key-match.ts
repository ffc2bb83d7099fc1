import type { DeployKey } from '../bitbucket/schemas';
import { normalizeFingerprint } from '../keys/fingerprint';
import { keyFacts } from '../keys/key-material';

/** Which existing access keys revoke/rotate act on. */
export type KeyMatch = { fingerprint: string } | { label: string };

export function matches(key: DeployKey, match: KeyMatch): boolean {
  if ('label' in match) return key.label === match.label;
  return keyFacts(key.key)?.fingerprint === normalizeFingerprint(match.fingerprint);
}

export const describeMatch = (match: KeyMatch): string => ('label' in match ? `label ${JSON.stringify(match.label)}` : match.fingerprint);
