import { readFileSync } from 'node:fs';
import { usageError } from '../errors';

export interface PrivateKeyFile {
  /** Normalised text (LF line ends, final newline): what ssh gets in the private copy. */
  text: string;
  encrypted: boolean;
}

/**
 * Reads and checks a private key file without a crypto library (keeps the helper's start fast):
 * OpenSSH format (cipher name from its header) or PEM (PKCS#1/SEC1 with Proc-Type, PKCS#8).
 */
export function readPrivateKey(file: string, flag: string): PrivateKeyFile {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); pass a readable private key file`);
  }
  const text = `${raw.replace(/\r\n?/g, '\n').trim()}\n`;
  const invalid = (why: string) => usageError(`${flag} ${file}: ${why}; pass an OpenSSH or PEM private key (e.g. from repo-access keygen)`);
  if (/^(ssh-|ecdsa-)\S+ AAAA/.test(text)) throw invalid('this is a public key, not the private key');
  const openssh = /^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=\n]+)-----END OPENSSH PRIVATE KEY-----\n$/.exec(text);
  if (openssh) {
    const body = Buffer.from((openssh[1] ?? '').replace(/\n/g, ''), 'base64');
    const magic = 'openssh-key-v1\0';
    if (body.subarray(0, magic.length).toString('latin1') !== magic || body.length < magic.length + 4) throw invalid('not a valid OpenSSH private key');
    const nameLength = body.readUInt32BE(magic.length);
    const cipher = body.subarray(magic.length + 4, magic.length + 4 + nameLength).toString('latin1');
    return { text, encrypted: cipher !== 'none' };
  }
  const pem = /^-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----\n[\s\S]+\n-----END \1-----\n$/.exec(text);
  if (pem) return { text, encrypted: pem[1] === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type: 4,ENCRYPTED$/m.test(text) };
  throw invalid('not a private key');
}
