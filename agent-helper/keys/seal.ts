import { createCipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import type { SealedKey } from '../contract/reports';
import { usageError } from '../errors';

export const SEAL_ALG: SealedKey['alg'] = 'ECDH-P256/HKDF-SHA256/A256GCM';
const HKDF_INFO = Buffer.from('repo-access sealed key v1', 'utf8');


/** Validates the browser's one-time public key: base64url of an uncompressed P-256 point (65 bytes). */
export function parseRecipient(text: string): Buffer {
  const raw = /^[A-Za-z0-9_-]+$/.test(text) ? Buffer.from(text, 'base64url') : Buffer.alloc(0);
  if (raw.length !== 65 || raw[0] !== 0x04) {
    throw usageError('--seal-to: expected a P-256 public key as an uncompressed point (65 bytes), base64url without padding');
  }
  return raw;
}

/** Seals text to the recipient (ECDH P-256, HKDF-SHA256, AES-256-GCM; the format is described in agent-helper/USAGE.md). */
export function seal(plaintext: string, recipient: Buffer): SealedKey {
  const ecdh = createECDH('prime256v1');
  const epk = ecdh.generateKeys();
  let shared: Buffer;
  try {
    shared = ecdh.computeSecret(recipient);
  } catch {
    throw usageError('--seal-to: the public key is not a point on P-256; pass the key the browser generated');
  }
  const key = Buffer.from(hkdfSync('sha256', shared, epk, HKDF_INFO, 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { v: 1, alg: SEAL_ALG, epk: epk.toString('base64url'), iv: iv.toString('base64url'), ct: ct.toString('base64url') };
}
