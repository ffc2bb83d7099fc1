import type sshpk from 'sshpk';

/** `SHA256:…` exactly as `ssh-keygen -lf` prints it. */
export function fingerprintOf(key: sshpk.Key | sshpk.PrivateKey): string {
  return key.fingerprint('sha256').toString();
}

/** Fingerprints are compared as ssh-keygen prints them; tolerate a missing `SHA256:` prefix or trailing `=`. */
export function normalizeFingerprint(text: string): string {
  const body = text.trim().replace(/^SHA256:/i, '').replace(/=+$/, '');
  return `SHA256:${body}`;
}
