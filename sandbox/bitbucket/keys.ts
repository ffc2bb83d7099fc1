import sshpk from 'sshpk';

export interface ParsedPublicKey {
  /** "ssh-ed25519 AAAA…" without the comment: what Bitbucket returns as `key` and compares. */
  material: string;
  comment: string;
  type: string;
  bits: number;
}

export type KeyParseResult = { ok: true; key: ParsedPublicKey } | { ok: false; message: string };

const MIN_RSA_BITS = 2048;

export function parsePublicKey(text: string): KeyParseResult {
  const line = text.trim();
  const fields = line.split(/\s+/);
  if (fields.length < 2 || line.includes('\n')) return { ok: false, message: 'Invalid SSH key' };
  let parsed: sshpk.Key;
  try {
    parsed = sshpk.parseKey(line, 'ssh');
  } catch {
    return { ok: false, message: 'Invalid SSH key' };
  }
  if (parsed.type === 'rsa' && parsed.size < MIN_RSA_BITS) {
    return { ok: false, message: `RSA keys must be at least ${MIN_RSA_BITS} bits` };
  }
  if (parsed.type === 'dsa') return { ok: false, message: 'DSA keys are not supported' };
  return {
    ok: true,
    key: {
      material: `${fields[0]} ${fields[1]}`,
      comment: fields.slice(2).join(' '),
      type: parsed.type,
      bits: parsed.size,
    },
  };
}

/** "type base64" of a key line, ignoring any comment. */
export function keyMaterial(line: string): string {
  const [type = '', data = ''] = line.trim().split(/\s+/);
  return `${type} ${data}`;
}
