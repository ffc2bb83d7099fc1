import { strict as assert } from 'node:assert';
import { createHash, webcrypto } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import sshpk from 'sshpk';
import { fingerprintOf } from '../../agent-helper/keys/fingerprint';
import { generatePrivateKey } from '../../agent-helper/keys/generate';
import { keygen } from '../../agent-helper/operations/keygen';
import { runCli, tempDir } from './cli-runner';
import { requireBuilt } from '../support/built';

function sshKeygen(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh-keygen', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('keys', function () {
  this.timeout(120_000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => requireBuilt('helper'));
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  for (const [type, bits] of [['ed25519', undefined], ['ecdsa', 256], ['ecdsa', 384], ['ecdsa', 521], ['rsa', 3072]] as const) {
    it(`keygen ${type}${bits ? ` ${bits}` : ''}: ssh-keygen reads the file, derives the same public key and fingerprint`, async () => {
      const out = path.join(tmp.dir, 'id');
      const run = await runCli(['keygen', '--out', out, '--type', type, ...(bits ? ['--bits', String(bits)] : []), '--comment', 'ci@example', '--json'], {});
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as Record<string, unknown>;
      assert.equal(doc.type, type);
      assert.equal(doc.bits, bits ?? 256);
      assert.equal(doc.privateKeyPath, out);
      assert.equal(doc.publicKeyPath, `${out}.pub`);
      assert.equal(statSync(out).mode & 0o777, 0o600);
      assert.match(readFileSync(out, 'utf8'), /^-----BEGIN OPENSSH PRIVATE KEY-----/);
      const publicLine = readFileSync(`${out}.pub`, 'utf8').trim();
      assert.equal(publicLine, doc.publicKey);
      assert.match(publicLine, / ci@example$/);
      const derived = await sshKeygen(['-y', '-f', out]);
      assert.equal(derived.code, 0, derived.stderr);
      assert.equal(derived.stdout.trim().split(' ').slice(0, 2).join(' '), publicLine.split(' ').slice(0, 2).join(' '));
      const listed = await sshKeygen(['-lf', out]);
      assert.equal(listed.stdout.split(' ')[1], doc.fingerprint);
      assert.equal(listed.stdout.split(' ')[0], String(doc.bits));
    });
  }

  it('rsa defaults to 4096 bits', async () => {
    const result = await keygen({ out: path.join(tmp.dir, 'rsa'), type: 'rsa' });
    assert.equal(result.bits, 4096);
    assert.match((await sshKeygen(['-lf', path.join(tmp.dir, 'rsa')])).stdout, /^4096 /);
  });

  it('encrypts with the passphrase from a file (aes256-ctr); ssh-keygen needs it to read the key', async () => {
    const out = path.join(tmp.dir, 'enc');
    writeFileSync(path.join(tmp.dir, 'pass'), 'correct horse\n');
    const run = await runCli(['keygen', '--out', out, '--passphrase-file', path.join(tmp.dir, 'pass'), '--json'], {});
    assert.equal(run.code, 0, run.stderr);
    assert.match(readFileSync(out, 'utf8'), /BEGIN OPENSSH PRIVATE KEY/);
    const wrong = await sshKeygen(['-y', '-P', 'wrong', '-f', out]);
    assert.notEqual(wrong.code, 0);
    const right = await sshKeygen(['-y', '-P', 'correct horse', '-f', out]);
    assert.equal(right.code, 0, right.stderr);
    assert.equal(right.stdout.trim().split(' ')[1], readFileSync(`${out}.pub`, 'utf8').split(' ')[1]);
    assert.ok(!run.stdout.includes('correct horse') && !run.stderr.includes('correct horse'));
  });

  it('an empty passphrase file means no passphrase', async () => {
    writeFileSync(path.join(tmp.dir, 'empty'), '\n');
    const out = path.join(tmp.dir, 'plain');
    const run = await runCli(['keygen', '--out', out, '--passphrase-file', path.join(tmp.dir, 'empty')], {});
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await sshKeygen(['-y', '-P', '', '-f', out])).code, 0);
  });

  it('refuses rsa under 3072 bits, bad ecdsa sizes and unknown types with exit 2 and writes nothing', async () => {
    const out = path.join(tmp.dir, 'k');
    for (const args of [['--type', 'rsa', '--bits', '2048'], ['--type', 'ecdsa', '--bits', '255'], ['--type', 'dsa'], ['--bits', 'many']]) {
      const run = await runCli(['keygen', '--out', out, ...args], {});
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.equal(existsSync(out) || existsSync(`${out}.pub`), false);
    }
    const rsa = await runCli(['keygen', '--out', out, '--type', 'rsa', '--bits', '2048'], {});
    assert.match(rsa.stderr, /at least 3072/);
  });

  it('never overwrites: an existing private or public file means exit 2 and both files unchanged', async () => {
    const out = path.join(tmp.dir, 'k');
    writeFileSync(`${out}.pub`, 'keep me\n');
    const run = await runCli(['keygen', '--out', out], {});
    assert.equal(run.code, 2);
    assert.match(run.stderr, /already exists/);
    assert.equal(readFileSync(`${out}.pub`, 'utf8'), 'keep me\n');
    assert.equal(existsSync(out), false);
    writeFileSync(out, 'private\n');
    assert.equal((await runCli(['keygen', '--out', out], {})).code, 2);
    assert.equal(readFileSync(out, 'utf8'), 'private\n');
  });

  it('--seal-to writes only PATH.sealed and PATH.pub; the browser side opens it with WebCrypto', async () => {
    const subtle = webcrypto.subtle;
    const pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    const raw = Buffer.from(await subtle.exportKey('raw', pair.publicKey)).toString('base64url');
    const out = path.join(tmp.dir, 'sealed');
    const run = await runCli(['keygen', '--out', out, '--seal-to', raw, '--json'], {});
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as { privateKeyPath: null; sealedPath: string; publicKey: string; fingerprint: string };
    assert.equal(doc.privateKeyPath, null);
    assert.equal(doc.sealedPath, `${out}.sealed`);
    assert.equal(existsSync(out), false);
    assert.equal(statSync(doc.sealedPath).mode & 0o777, 0o600);
    assert.doesNotMatch(run.stdout + run.stderr, /PRIVATE KEY/);
    const sealed = JSON.parse(readFileSync(doc.sealedPath, 'utf8')) as { v: number; alg: string; epk: string; iv: string; ct: string };
    assert.equal(sealed.v, 1);
    assert.equal(sealed.alg, 'ECDH-P256/HKDF-SHA256/A256GCM');
    const epk = Buffer.from(sealed.epk, 'base64url');
    const peer = await subtle.importKey('raw', epk, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const shared = await subtle.deriveBits({ name: 'ECDH', public: peer }, pair.privateKey, 256);
    const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    const aes = await subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: epk, info: new TextEncoder().encode('repo-access sealed key v1') },
      hkdf,
      { name: 'AES-GCM', length: 256 },
      false,
      ['decrypt'],
    );
    const plain = new TextDecoder().decode(await subtle.decrypt({ name: 'AES-GCM', iv: Buffer.from(sealed.iv, 'base64url') }, aes, Buffer.from(sealed.ct, 'base64url')));
    assert.match(plain, /^-----BEGIN OPENSSH PRIVATE KEY-----/);
    const opened = path.join(tmp.dir, 'opened');
    writeFileSync(opened, plain, { mode: 0o600 });
    assert.equal((await sshKeygen(['-lf', opened])).stdout.split(' ')[1], doc.fingerprint);
  });

  it('--seal-to with a malformed public key is exit 2 and writes nothing', async () => {
    const out = path.join(tmp.dir, 's');
    for (const bad of ['not-base64!', Buffer.alloc(65, 4).toString('base64url'), Buffer.alloc(33, 2).toString('base64url')]) {
      const run = await runCli(['keygen', '--out', out, '--seal-to', bad], {});
      assert.equal(run.code, 2, run.stderr);
      assert.equal(existsSync(`${out}.pub`) || existsSync(`${out}.sealed`), false);
    }
  });

  it('fingerprints are SHA256 of the key blob, unpadded base64, for any generated key (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ed25519' as const, 'ecdsa' as const), fc.string({ maxLength: 20 }), async (type, comment) => {
        const key = await generatePrivateKey(type, 256, comment.replace(/\s/g, '_') || 'c');
        const blob = Buffer.from(key.toPublic().toString('ssh').split(' ')[1] ?? '', 'base64');
        const expected = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
        assert.equal(fingerprintOf(key), expected);
        assert.equal(fingerprintOf(sshpk.parseKey(key.toPublic().toString('ssh'), 'ssh')), expected);
      }),
      { numRuns: 50 },
    );
  });
});
