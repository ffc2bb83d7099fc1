import { SEAL_ALG, sealedKeySchema } from '../../teamcity/reports';
import { fromBase64Url, toBase64Url } from './base64url';

const HKDF_INFO = new TextEncoder().encode('repo-access sealed key v1');

export interface SealOpener {
  /** Raw uncompressed P-256 point, base64url without padding: the build's --seal-to value. */
  publicKey: string;
  /** Opens PATH.sealed (its JSON text) and returns the OpenSSH private key text. */
  open(sealedJson: string): Promise<string>;
}

/** One key pair per provisioning; the private half cannot be exported, so only this tab can open the seal. */
export async function createSealOpener(subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<SealOpener> {
  const pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const publicRaw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return {
    publicKey: toBase64Url(publicRaw),
    async open(sealedJson: string): Promise<string> {
      let parsedJson: unknown;
      try {
        parsedJson = JSON.parse(sealedJson);
      } catch {
        throw new Error('The sealed key artifact is not JSON; run the provisioning again.');
      }
      const parsed = sealedKeySchema.safeParse(parsedJson);
      if (!parsed.success) throw new Error(`The sealed key artifact is not a ${SEAL_ALG} v1 seal; update the agent tool and run again.`);
      const epk = fromBase64Url(parsed.data.epk);
      const iv = fromBase64Url(parsed.data.iv);
      const ct = fromBase64Url(parsed.data.ct);
      if (epk.length !== 65 || iv.length !== 12 || ct.length < 17) throw new Error('The sealed key artifact is malformed; run the provisioning again.');
      const peer = await subtle.importKey('raw', epk, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      const shared = await subtle.deriveBits({ name: 'ECDH', public: peer }, pair.privateKey, 256);
      const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
      const aes = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: epk, info: HKDF_INFO }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
      try {
        const plain = await subtle.decrypt({ name: 'AES-GCM', iv }, aes, ct);
        return new TextDecoder().decode(plain);
      } catch {
        throw new Error('The sealed key was not sealed to this tab (or was altered); run the provisioning again from this page.');
      }
    },
  };
}
