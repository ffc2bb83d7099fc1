import type { KeygenReport, KeyType } from '../contract/reports';
import { createFiles } from '../keys/key-files';
import { fingerprintOf } from '../keys/fingerprint';
import { generatePrivateKey, resolveBits } from '../keys/generate';
import { privateKeyText, publicKeyLine } from '../keys/openssh-format';
import { parseRecipient, seal } from '../keys/seal';

export interface KeygenOptions {
  out: string;
  type?: KeyType;
  bits?: number;
  comment?: string;
  passphrase?: string;
  /** The browser's one-time P-256 public key: write PATH.sealed instead of the plain private key. */
  sealTo?: string;
}

export async function keygen(options: KeygenOptions): Promise<KeygenReport> {
  const type = options.type ?? 'ed25519';
  const bits = resolveBits(type, options.bits);
  const recipient = options.sealTo === undefined ? undefined : parseRecipient(options.sealTo);
  const key = await generatePrivateKey(type, bits, options.comment ?? 'repo-access');
  const privateText = privateKeyText(key, options.passphrase);
  const publicKey = publicKeyLine(key);
  const publicKeyPath = `${options.out}.pub`;
  const base = { type, bits, fingerprint: fingerprintOf(key), publicKey, publicKeyPath };
  if (recipient) {
    const sealedPath = `${options.out}.sealed`;
    createFiles([
      { path: sealedPath, text: `${JSON.stringify(seal(privateText, recipient))}\n`, mode: 0o600 },
      { path: publicKeyPath, text: `${publicKey}\n`, mode: 0o644 },
    ]);
    return { ...base, privateKeyPath: null, sealedPath };
  }
  createFiles([
    { path: options.out, text: privateText, mode: 0o600 },
    { path: publicKeyPath, text: `${publicKey}\n`, mode: 0o644 },
  ]);
  return { ...base, privateKeyPath: options.out };
}
