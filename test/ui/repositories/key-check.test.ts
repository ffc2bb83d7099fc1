import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keygen } from '../../../agent-helper/operations/keygen';
import { checkOpenedKey } from '../../../plugin-ui/repositories/provision/key-check';
import { tempDir } from '../../agent-helper/cli-runner';

describe('the opened key is checked before it is stored', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  const make = async (name: string) => {
    const made = await keygen({ out: path.join(tmp.dir, name), comment: name });
    return { ...made, privateKey: readFileSync(path.join(tmp.dir, name), 'utf8') };
  };

  it('accepts the key keygen reported and every register report names', async () => {
    const key = await make('a');
    await checkOpenedKey(key.privateKey, { publicKey: key.publicKey, fingerprint: key.fingerprint, registered: [key.fingerprint, key.fingerprint] });
  });

  it('refuses a private key that is not the reported public key, or a register report of another key', async () => {
    const key = await make('a');
    const other = await make('b');
    await assert.rejects(checkOpenedKey(other.privateKey, { publicKey: key.publicKey, fingerprint: key.fingerprint, registered: [key.fingerprint] }), /not stored: it is not the key keygen reported/);
    await assert.rejects(
      checkOpenedKey(key.privateKey, { publicKey: key.publicKey, fingerprint: key.fingerprint, registered: [other.fingerprint] }),
      new RegExp(`fingerprint ${key.fingerprint.replace(/[+/]/g, '\\$&')} differs from ${other.fingerprint.replace(/[+/]/g, '\\$&')}`),
    );
  });

  it('refuses a key whose public half was swapped for another key\'s', async () => {
    const key = await make('a');
    const other = await make('b');
    const decode = (text: string) => Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const forged = decode(key.privateKey);
    const otherPub = decode(other.privateKey).subarray(62, 62 + 32);
    forged.set(otherPub, 62); // the public key inside the header blob (after magic, "none", "none", "", 1, len, "ssh-ed25519", len)
    const pem = `-----BEGIN OPENSSH PRIVATE KEY-----\n${forged.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
    await assert.rejects(checkOpenedKey(pem, { publicKey: other.publicKey, fingerprint: other.fingerprint, registered: [] }), /public half does not belong to its private half/);
  });
});
