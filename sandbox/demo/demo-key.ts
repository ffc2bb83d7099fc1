import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import sshpk from 'sshpk';

/** PKCS#8 DER of an ed25519 private key, up to its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface DemoKey {
  /** authorized_keys line, with the label as comment. */
  publicKey: string;
  /** OpenSSH private key file. */
  privateKey: string;
  fingerprint: string;
}

/**
 * An ed25519 key pair derived from `name`, the same on every run: the Bitbucket sandbox starts empty each time
 * while TeamCity's state stays in .data/, and both must hold the same seeded keys. Sandbox use only.
 */
export function demoKey(name: string, comment: string): DemoKey {
  const seed = createHash('sha256').update(`repo-access sandbox demo key: ${name}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  // DER, never JWK: exporting a KeyObject as JWK can deadlock Node 20.
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const key = new sshpk.PrivateKey({
    type: 'ed25519',
    parts: [
      { name: 'A', data: publicKey },
      { name: 'k', data: seed },
    ],
  });
  key.comment = comment;
  return { publicKey: key.toPublic().toString('ssh'), privateKey: key.toString('openssh'), fingerprint: key.fingerprint('sha256').toString() };
}
