import assert from 'node:assert/strict';
import { createECDH, createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createSealOpener } from '../../../plugin-ui/repositories/provision/seal';
import { SEAL_ALG } from '../../../plugin-ui/teamcity/reports';
import { fromBase64Url, toBase64Url } from '../../../plugin-ui/repositories/provision/base64url';

// An independent node:crypto sealer written from the seal format alone (the helper's side of the contract).
function seal(recipient: string, plaintext: string): string {
  const ecdh = createECDH('prime256v1');
  const epk = ecdh.generateKeys();
  const shared = ecdh.computeSecret(Buffer.from(fromBase64Url(recipient)));
  const key = Buffer.from(hkdfSync('sha256', shared, epk, Buffer.from('repo-access sealed key v1'), 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({ v: 1, alg: SEAL_ALG, epk: toBase64Url(epk), iv: toBase64Url(iv), ct: toBase64Url(ct) });
}

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

describe('seal opener (WebCrypto ECDH P-256 + HKDF-SHA256 + AES-256-GCM)', () => {
  it('exports a 65-byte uncompressed point as unpadded base64url', async () => {
    const opener = await createSealOpener();
    assert.match(opener.publicKey, /^[A-Za-z0-9_-]+$/);
    const raw = fromBase64Url(opener.publicKey);
    assert.equal(raw.length, 65);
    assert.equal(raw[0], 4);
  });

  it('opens what was sealed to it', async () => {
    const opener = await createSealOpener();
    assert.equal(await opener.open(seal(opener.publicKey, KEY)), KEY);
  });

  it('cannot open a seal made for another tab', async () => {
    const mine = await createSealOpener();
    const other = await createSealOpener();
    await assert.rejects(mine.open(seal(other.publicKey, KEY)), /not sealed to this tab/);
  });

  it('rejects a tampered ciphertext and a wrong format', async () => {
    const opener = await createSealOpener();
    const doc = JSON.parse(seal(opener.publicKey, KEY)) as { ct: string };
    const ct = fromBase64Url(doc.ct);
    ct[0] = (ct[0] ?? 0) ^ 1;
    await assert.rejects(opener.open(JSON.stringify({ ...doc, ct: toBase64Url(ct) })), /altered/);
    await assert.rejects(opener.open('{"v":2}'), /not a ECDH-P256/);
    await assert.rejects(opener.open('nope'), /not JSON/);
  });

  it('keeps its private key non-extractable', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    await assert.rejects(crypto.subtle.exportKey('pkcs8', pair.privateKey));
  });
});

describe('seal opener against the real helper (keygen --seal-to)', () => {
  it('opens the private key the helper sealed, which the helper never wrote in plain', async function () {
    this.timeout(30000);
    const { mkdtempSync, readFileSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { spawn } = await import('node:child_process');
    const dir = mkdtempSync(path.join(tmpdir(), 'ra-seal-'));
    try {
      const opener = await createSealOpener();
      const out = path.join(dir, 'key');
      const child = spawn(process.execPath, ['agent-helper/bin.js', 'keygen', '--out', out, '--seal-to', opener.publicKey, '--comment', 'seal-test', '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 0, stderr);
      const doc = JSON.parse(stdout) as { privateKeyPath: string | null; sealedPath: string; publicKey: string };
      assert.equal(doc.privateKeyPath, null);
      assert.equal(existsSync(out), false, 'no plain private key on disk');
      const privateKey = await opener.open(readFileSync(doc.sealedPath, 'utf8'));
      assert.match(privateKey, /^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+-----END OPENSSH PRIVATE KEY-----\n?$/);
      assert.equal(stdout.includes(privateKey.split('\n')[1] ?? '!'), false, 'the JSON holds no part of the private key');
      const { default: sshpk } = await import('sshpk');
      const parsed = sshpk.parsePrivateKey(privateKey, 'openssh');
      assert.equal(parsed.toPublic().toString('ssh').split(' ')[1], doc.publicKey.split(' ')[1], 'the opened key is the one whose public half was registered');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
