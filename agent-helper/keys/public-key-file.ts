import { readFileSync } from 'node:fs';
import sshpk from 'sshpk';
import { usageError } from '../errors';
import { fingerprintOf } from './fingerprint';

export interface PublicKeyFile {
  key: sshpk.Key;
  /** `type base64` without the comment: what Bitbucket stores and compares. */
  material: string;
  comment: string | undefined;
  fingerprint: string;
}

/** Reads and validates an authorized_keys-style public key file; a usage error (exit 2) names what is wrong. */
export function readPublicKeyFile(file: string): PublicKeyFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(`--key ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? 'error'})`}; pass the .pub file of a key made by 'repo-access keygen' or ssh-keygen`);
  }
  if (/PRIVATE KEY/.test(text)) throw usageError(`--key ${file}: this is a private key; pass its public half (${file}.pub)`);
  let key: sshpk.Key;
  try {
    key = sshpk.parseKey(text.trim(), 'ssh');
  } catch {
    throw usageError(`--key ${file}: not an OpenSSH public key line ("ssh-ed25519 AAAA… comment"); pass a valid .pub file`);
  }
  const comment = key.comment && key.comment !== '(unnamed)' ? key.comment : undefined;
  const material = key.toString('ssh').split(' ').slice(0, 2).join(' ');
  return { key, material, comment, fingerprint: fingerprintOf(key) };
}
