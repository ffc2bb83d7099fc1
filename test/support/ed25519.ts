import { generateKeyPairSync } from 'node:crypto';
import sshpk from 'sshpk';

/**
 * A fresh ed25519 key pair as DER (the raw keys are their last 32 bytes), encoded by the generation itself:
 * exporting a fresh KeyObject as JWK can deadlock Node 20 when garbage collection runs inside the export.
 */
export function ed25519Der(): { publicKey: Buffer; privateKey: Buffer } {
  return generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } });
}

/** A fresh ed25519 key as sshpk's private key (openssh and ssh forms via toString), built from ed25519Der. */
export function ed25519SshKey(comment?: string): sshpk.PrivateKey {
  const der = ed25519Der();
  const parts = [
    { name: 'A', data: der.publicKey.subarray(-32) },
    { name: 'k', data: der.privateKey.subarray(-32) },
  ];
  const key = new sshpk.PrivateKey({ type: 'ed25519', parts } as unknown as sshpk.PrivateKey);
  if (comment !== undefined) key.comment = comment;
  return key;
}
