const MAGIC = 'openssh-key-v1\0';
const PKCS8_ED25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  uint32(): number {
    if (this.at + 4 > this.bytes.length) throw new Error('truncated');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.at, 4);
    this.at += 4;
    return view.getUint32(0);
  }
  string(): Uint8Array {
    const length = this.uint32();
    if (this.at + length > this.bytes.length) throw new Error('truncated');
    const value = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The public key blob of an OpenSSH public key line (`ssh-ed25519 AAAA… comment`). */
function blobOf(line: string): Uint8Array {
  const base64 = line.trim().split(/\s+/)[1] ?? '';
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The SSH wire form of an ed25519 public key: string "ssh-ed25519", string key. */
function ed25519Blob(key: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode('ssh-ed25519');
  const blob = new Uint8Array(4 + name.length + 4 + key.length);
  const view = new DataView(blob.buffer);
  view.setUint32(0, name.length);
  blob.set(name, 4);
  view.setUint32(4 + name.length, key.length);
  blob.set(key, 8 + name.length);
  return blob;
}

async function fingerprintOf(blob: Uint8Array, subtle: SubtleCrypto): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', blob.slice()));
  return `SHA256:${btoa(String.fromCharCode(...digest)).replace(/=+$/, '')}`;
}

/**
 * Before the opened private key is stored: derives its public key from the private seed (WebCrypto Ed25519)
 * and requires it to be the key keygen reported and the one every register report names by fingerprint.
 * Throws one plain sentence otherwise; nothing is uploaded then.
 */
export async function checkOpenedKey(
  privateKey: string,
  expected: { publicKey: string; fingerprint: string; registered: readonly string[] },
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<void> {
  const refuse = (why: string) => new Error(`The opened key was not stored: ${why}. Run the provisioning again.`);
  const body = privateKey.replace(/-----(BEGIN|END) OPENSSH PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    throw refuse('it is not an OpenSSH private key');
  }
  if (text(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw refuse('it is not an OpenSSH private key');
  let header: Uint8Array;
  let type: string;
  let sectionPublic: Uint8Array;
  let secret: Uint8Array;
  try {
    const reader = new Reader(bytes.subarray(MAGIC.length));
    if (text(reader.string()) !== 'none') throw new Error('encrypted');
    reader.string();
    reader.string();
    if (reader.uint32() !== 1) throw new Error('not one key');
    header = reader.string();
    const section = new Reader(reader.string());
    if (section.uint32() !== section.uint32()) throw new Error('check bytes differ');
    type = text(section.string());
    sectionPublic = section.string();
    secret = section.string();
  } catch {
    throw refuse('its OpenSSH structure is damaged');
  }
  if (type !== 'ssh-ed25519' || secret.length !== 64) throw refuse(`it is a ${type} key, not the ed25519 key keygen makes`);
  const imported = await subtle.importKey('pkcs8', Uint8Array.from([...PKCS8_ED25519, ...secret.subarray(0, 32)]), { name: 'Ed25519' }, true, ['sign']);
  const jwk = await subtle.exportKey('jwk', imported);
  const derived = Uint8Array.from(atob((jwk.x ?? '').replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  if (!equal(derived, sectionPublic) || !equal(derived, secret.subarray(32)) || !equal(header, ed25519Blob(derived))) {
    throw refuse('its public half does not belong to its private half');
  }
  const expectedBlob = blobOf(expected.publicKey);
  if (!equal(header, expectedBlob)) throw refuse('it is not the key keygen reported');
  const fingerprint = await fingerprintOf(header, subtle);
  const wrong = [expected.fingerprint, ...expected.registered].find((f) => f !== fingerprint);
  if (wrong !== undefined) throw refuse(`its fingerprint ${fingerprint} differs from ${wrong}, which the build reported`);
}
