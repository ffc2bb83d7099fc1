import type { DeployKey } from '../bitbucket/schemas';
import { normalizeFingerprint } from '../keys/fingerprint';
import { keyFacts } from '../keys/key-material';

/**
 * Which existing access keys revoke/rotate act on. With `expectLabel`, a key of that label with another
 * fingerprint means the caller's record and Bitbucket disagree: the repository is left alone.
 */
export type KeyMatch = { fingerprint: string; expectLabel?: string } | { label: string };

export function matches(key: DeployKey, match: KeyMatch): boolean {
  if ('label' in match) return key.label === match.label;
  return keyFacts(key.key)?.fingerprint === normalizeFingerprint(match.fingerprint);
}

/** A key labelled as expected that is not the expected key; null when the repository agrees with the record. */
export function disagreement(keys: readonly DeployKey[], match: KeyMatch): DeployKey | null {
  if (!('expectLabel' in match) || match.expectLabel === undefined) return null;
  return keys.find((key) => key.label === match.expectLabel && !matches(key, match)) ?? null;
}

export const describeMatch = (match: KeyMatch): string => ('label' in match ? `label ${JSON.stringify(match.label)}` : match.fingerprint);
