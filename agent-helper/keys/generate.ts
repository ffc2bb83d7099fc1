import { generateKeyPair, generateKeyPairSync } from 'node:crypto';
import { promisify } from 'node:util';
import sshpk from 'sshpk';
import { usageError } from '../errors';
import type { KeyType } from '../contract/reports';

export const KEY_TYPES: readonly KeyType[] = ['ed25519', 'ecdsa', 'rsa'];

const ECDSA_CURVES = { 256: 'nistp256', 384: 'nistp384', 521: 'nistp521' } as const;
export const RSA_DEFAULT_BITS = 4096;
export const RSA_MIN_BITS = 3072;

/** The bits a type takes (default when `bits` is undefined); a usage error for anything else. */
export function resolveBits(type: KeyType, bits: number | undefined): number {
  switch (type) {
    case 'ed25519':
      if (bits !== undefined && bits !== 256) throw usageError(`--bits ${bits}: ed25519 keys are always 256 bits; leave --bits out`);
      return 256;
    case 'ecdsa':
      if (bits !== undefined && !(bits in ECDSA_CURVES)) throw usageError(`--bits ${bits}: ecdsa takes 256, 384 or 521`);
      return bits ?? 256;
    case 'rsa':
      if (bits !== undefined && (!Number.isInteger(bits) || bits < RSA_MIN_BITS || bits > 16384)) {
        throw usageError(`--bits ${bits}: rsa keys need at least ${RSA_MIN_BITS} bits (default ${RSA_DEFAULT_BITS}); pass --bits ${RSA_MIN_BITS} or more`);
      }
      return bits ?? RSA_DEFAULT_BITS;
  }
}

/**
 * ed25519 comes from node:crypto and is handed to sshpk as parts: ~70x faster than sshpk's pure-JS
 * generator. RSA too (sshpk cannot make RSA), converted from PKCS#8 PEM. ecdsa is sshpk's own.
 */
export async function generatePrivateKey(type: KeyType, bits: number, comment: string): Promise<sshpk.PrivateKey> {
  let key: sshpk.PrivateKey;
  switch (type) {
    case 'ed25519': {
      // Encoded by the generation itself: exporting a fresh KeyObject as JWK can deadlock Node 20 when garbage
      // collection runs inside the export (seen here: the key job's destructor waits on the key's lock).
      // The raw keys are the last 32 bytes of the DER: SPKI for the public key, PKCS#8 for the seed.
      const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
        publicKeyEncoding: { type: 'spki', format: 'der' },
        privateKeyEncoding: { type: 'pkcs8', format: 'der' },
      });
      key = new sshpk.PrivateKey({
        type: 'ed25519',
        parts: [
          { name: 'A', data: publicKey.subarray(-32) },
          { name: 'k', data: privateKey.subarray(-32) },
        ],
      });
      break;
    }
    case 'ecdsa':
      key = sshpk.generatePrivateKey('ecdsa', { curve: ECDSA_CURVES[bits as keyof typeof ECDSA_CURVES] });
      break;
    case 'rsa': {
      const { privateKey } = await promisify(generateKeyPair)('rsa', {
        modulusLength: bits,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      key = sshpk.parsePrivateKey(privateKey, 'pem');
      break;
    }
  }
  // sshpk caches the public key and fingerprints: the comment must be set before their first use.
  key.comment = comment;
  return key;
}
