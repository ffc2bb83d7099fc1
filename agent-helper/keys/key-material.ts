import sshpk from 'sshpk';
import { fingerprintOf } from './fingerprint';

export interface KeyFacts {
  /** `type base64`, without comment. */
  material: string;
  fingerprint: string;
  type: string;
  bits: number;
}

/** Facts about a key as Bitbucket returns it; undefined when the text is not a parsable public key. */
export function keyFacts(text: string): KeyFacts | undefined {
  try {
    const key = sshpk.parseKey(text.trim(), 'ssh');
    return { material: text.trim().split(/\s+/).slice(0, 2).join(' '), fingerprint: fingerprintOf(key), type: key.type, bits: key.size };
  } catch {
    return undefined;
  }
}
