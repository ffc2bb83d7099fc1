import { generateKeyPairSync } from 'node:crypto';

/**
 * A fresh ed25519 key pair as DER (the raw keys are their last 32 bytes), encoded by the generation itself:
 * exporting a fresh KeyObject as JWK can deadlock Node 20 when garbage collection runs inside the export.
 */
export function ed25519Der(): { publicKey: Buffer; privateKey: Buffer } {
  return generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } });
}
