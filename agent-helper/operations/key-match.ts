import type { AccessKey } from '../bitbucket/access-keys';
import { normalizeFingerprint } from '../keys/fingerprint';

/**
 * Which existing access keys revoke/rotate act on. With `expectLabel`, a key of that label with another
 * fingerprint means the caller's record and Bitbucket disagree: the repository is left alone.
 */
export type KeyMatch = { fingerprint: string; expectLabel?: string } | { label: string };

export function matches(key: AccessKey, match: KeyMatch): boolean {
  if ('label' in match) return key.label === match.label;
  return key.facts?.fingerprint === normalizeFingerprint(match.fingerprint);
}

/** A key labelled as expected that is not the expected key; null when the repository agrees with the record. */
export function disagreement(keys: readonly AccessKey[], match: KeyMatch): AccessKey | null {
  if (!('expectLabel' in match) || match.expectLabel === undefined) return null;
  return keys.find((key) => key.label === match.expectLabel && !matches(key, match)) ?? null;
}
