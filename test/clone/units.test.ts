import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RepoAccessError } from '../../agent-helper/errors';
import { cloneFailure } from '../../agent-helper/clone/git-failure';
import { gitEnvironment } from '../../agent-helper/clone/git-environment';
import { clone } from '../../agent-helper/clone/clone';
import { httpsTransport } from '../../agent-helper/clone/https-transport';
import { readPrivateKey } from '../../agent-helper/clone/private-key';
import { sshCloneUrl } from '../../agent-helper/clone/ssh-transport';
import { BITBUCKET_KNOWN_HOSTS } from '../../agent-helper/clone/known-hosts';
import { readEndpoints, sshEndpoint } from '../../agent-helper/config/endpoints';
import { runProcess } from './support';

describe('clone building blocks', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'clone-units-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds SSH clone URLs in Bitbucket form, with ssh:// only when a port is given', () => {
    assert.equal(sshCloneUrl('git@bitbucket.org', 'acme/app'), 'git@bitbucket.org:acme/app.git');
    assert.equal(sshCloneUrl('git@127.0.0.1:2222', 'acme/app'), 'ssh://git@127.0.0.1:2222/acme/app.git');
    assert.throws(() => sshCloneUrl('ssh://nonsense/x', 'acme/app'), (e: unknown) => e instanceof RepoAccessError && e.exitCode === 2);
  });

  it('defaults git over SSH to ssh.bitbucket.org; --ssh-port-443 means altssh.bitbucket.org:443 and contradicts another BITBUCKET_GIT_SSH', () => {
    assert.equal(readEndpoints({}).gitSsh, 'git@ssh.bitbucket.org');
    assert.equal(sshCloneUrl(readEndpoints({}).gitSsh, 'acme/app'), 'git@ssh.bitbucket.org:acme/app.git');
    assert.equal(sshEndpoint({}, true), 'git@altssh.bitbucket.org:443');
    assert.equal(sshCloneUrl(sshEndpoint({}, true), 'acme/app'), 'ssh://git@altssh.bitbucket.org:443/acme/app.git');
    assert.equal(sshEndpoint({ BITBUCKET_GIT_SSH: 'git@127.0.0.1:2222' }, false), 'git@127.0.0.1:2222');
    assert.throws(() => sshEndpoint({ BITBUCKET_GIT_SSH: 'git@127.0.0.1:2222' }, true), (e: unknown) => e instanceof RepoAccessError && e.exitCode === 2);
  });

  it('clone --ssh-port-443 means git over SSH: with --transport https, or against another BITBUCKET_GIT_SSH, it is bad usage (exit 2)', async () => {
    const refused = (options: Partial<Parameters<typeof clone>[0]>, pattern: RegExp) =>
      assert.rejects(clone({ repo: 'acme/app', dest: path.join(dir, 'never'), sshPort443: true, env: { PATH: process.env.PATH }, ...options }), (e: unknown) => e instanceof RepoAccessError && e.exitCode === 2 && pattern.test(e.message));
    await refused({ transport: 'https' }, /--ssh-port-443 is for git over SSH/);
    await refused({ env: { PATH: process.env.PATH, BITBUCKET_GIT_SSH: 'git@127.0.0.1:2222' } }, /--ssh-port-443 means git@altssh\.bitbucket\.org:443/);
    await refused({}, /cloning over SSH needs a key/);
  });

  it('BITBUCKET_*_URL: https, or http on loopback only; never a user or password in it, and the error never repeats the URL', () => {
    assert.equal(readEndpoints({ BITBUCKET_API_URL: 'http://127.0.0.1:3000/2.0' }).apiUrl, 'http://127.0.0.1:3000/2.0');
    assert.equal(readEndpoints({ BITBUCKET_GIT_HTTPS_URL: 'https://git.example.com/' }).gitHttpsUrl, 'https://git.example.com');
    const refused = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(() => readEndpoints(env), (e: unknown) => e instanceof RepoAccessError && e.exitCode === 2 && pattern.test(e.message) && !e.message.includes('hunter2'));
    refused({ BITBUCKET_API_URL: 'http://api.example.com/2.0' }, /BITBUCKET_API_URL must be an https:\/\/ URL/);
    refused({ BITBUCKET_OAUTH_TOKEN_URL: 'ftp://127.0.0.1/token' }, /BITBUCKET_OAUTH_TOKEN_URL must be an https/);
    refused({ BITBUCKET_GIT_HTTPS_URL: 'https://alice:hunter2@bitbucket.org' }, /carries a user name or password/);
    refused({ BITBUCKET_API_URL: 'https://x-token-auth:hunter2@api.bitbucket.org/2.0' }, /carries a user name or password/);
    refused({ BITBUCKET_API_URL: 'not a url hunter2' }, /not a URL/);
  });

  it('pins the same three host keys for ssh.bitbucket.org, [altssh.bitbucket.org]:443 and bitbucket.org', async () => {
    const file = path.join(dir, 'known_hosts');
    writeFileSync(file, `${BITBUCKET_KNOWN_HOSTS}\n`);
    const fingerprints = async (host: string): Promise<string[]> => {
      const found = await runProcess('ssh-keygen', ['-F', host, '-f', file], { env: { PATH: process.env.PATH } });
      assert.equal(found.code, 0, `${host} is pinned`);
      const keys = found.stdout.split('\n').filter((line) => line && !line.startsWith('#'));
      writeFileSync(path.join(dir, 'found'), `${keys.join('\n')}\n`);
      const listed = await runProcess('ssh-keygen', ['-lf', path.join(dir, 'found')], { env: { PATH: process.env.PATH } });
      return listed.stdout.split('\n').filter(Boolean).map((line) => line.split(' ')[1] ?? '').sort();
    };
    const expected = ['SHA256:46OSHA1Rmj8E8ERTC6xkNcmGOw9oFxYr0WF6zWW8l1E', 'SHA256:FC73VB6C4OQLSCrjEayhMp9UMxS97caD/Yyi2bhW/J0', 'SHA256:ybgmFkzwOSotHTHLJgHO0QN8L0xErw6vd0VhFA9m3SM'];
    for (const host of ['ssh.bitbucket.org', '[altssh.bitbucket.org]:443', 'bitbucket.org']) assert.deepEqual(await fingerprints(host), expected, host);
    const other = await runProcess('ssh-keygen', ['-F', 'altssh.bitbucket.org', '-f', file], { env: { PATH: process.env.PATH } });
    assert.notEqual(other.code, 0, 'altssh.bitbucket.org is pinned on port 443 only');
  });

  it('tells encrypted from plain keys (OpenSSH and PEM) and rejects public keys and junk with exit 2', async () => {
    const file = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    for (const [name, passphrase] of [['plain', ''], ['locked', 'pw']] as const) {
      const run = await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path.join(dir, name)], { env: { PATH: process.env.PATH } });
      assert.equal(run.code, 0);
    }
    assert.equal(readPrivateKey(path.join(dir, 'plain'), '--key').encrypted, false);
    assert.equal(readPrivateKey(path.join(dir, 'locked'), '--key').encrypted, true);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assert.equal(readPrivateKey(file('pkcs8.pem', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string), '--key').encrypted, false);
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    assert.equal(readPrivateKey(file('enc.pem', encrypted), '--key').encrypted, true);
    const crlf = readPrivateKey(file('crlf', (rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string).replace(/\n/g, '\r\n')), '--key');
    assert.ok(!crlf.text.includes('\r') && crlf.text.endsWith('-----\n'));
    const refused = (target: string, pattern: RegExp) =>
      assert.throws(() => readPrivateKey(target, '--key'), (e: unknown) => e instanceof RepoAccessError && e.exitCode === 2 && pattern.test(e.message));
    refused(path.join(dir, 'plain.pub'), /public key, not the private key/);
    refused(file('junk', 'hello\n'), /not a private key/);
    refused(path.join(dir, 'missing'), /cannot read it \(ENOENT\)/);
  });

  it('hands git the HTTPS credential only through GIT_CONFIG_* entries after any existing ones', () => {
    const setup = httpsTransport({ repo: 'acme/app', gitHttpsUrl: 'https://bitbucket.org/', username: 'x-token-auth', password: 's3cret', env: { GIT_CONFIG_COUNT: '2' } });
    assert.equal(setup.url, 'https://bitbucket.org/acme/app.git');
    assert.equal(setup.env.GIT_CONFIG_COUNT, '4');
    assert.equal(setup.env.GIT_CONFIG_KEY_2, 'http.https://bitbucket.org/acme/.extraHeader');
    assert.equal(setup.env.GIT_CONFIG_VALUE_2, `Authorization: Basic ${Buffer.from('x-token-auth:s3cret').toString('base64')}`);
    assert.deepEqual([setup.env.GIT_CONFIG_KEY_3, setup.env.GIT_CONFIG_VALUE_3], ['credential.helper', '']);
    assert.ok(!setup.url.includes('s3cret'));
  });

  it('hardens git: TLS verified, no redirects, https and ssh only (http only for a loopback sandbox), no caller config or TLS bypass', () => {
    const caller = { PATH: '/bin', GIT_SSL_NO_VERIFY: '1', GIT_CONFIG_PARAMETERS: "'http.sslverify'='false'", GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.sslVerify', GIT_CONFIG_VALUE_0: 'false', GIT_CONFIG_GLOBAL: '/home/x/.gitconfig', BITBUCKET_API_TOKEN: 's3cret' };
    const transport = httpsTransport({ repo: 'acme/app', gitHttpsUrl: 'https://bitbucket.org', username: 'u', password: 'p', env: {} }).env;
    const entries = (env: NodeJS.ProcessEnv): Record<string, string> =>
      Object.fromEntries(Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`] ?? '', env[`GIT_CONFIG_VALUE_${i}`] ?? '']));
    const production = gitEnvironment(caller, transport, 'https://bitbucket.org');
    const config = entries(production);
    assert.deepEqual(
      [config['http.sslVerify'], config['http.followRedirects'], config['protocol.allow'], config['protocol.https.allow'], config['protocol.ssh.allow'], config['protocol.http.allow']],
      ['true', 'false', 'never', 'always', 'always', undefined],
    );
    assert.equal(config['credential.helper'], '');
    for (const name of ['GIT_SSL_NO_VERIFY', 'GIT_CONFIG_PARAMETERS', 'BITBUCKET_API_TOKEN']) assert.equal(production[name], undefined, name);
    assert.deepEqual([production.GIT_CONFIG_GLOBAL, production.GIT_CONFIG_NOSYSTEM, production.PATH], ['/dev/null', '1', '/bin']);
    assert.equal(entries(gitEnvironment(caller, transport, 'http://127.0.0.1:8080'))['protocol.http.allow'], 'always');
    assert.equal(entries(gitEnvironment(caller, transport, 'http://bitbucket.example'))['protocol.http.allow'], undefined);
  });

  it('maps git failures to one line and the contract exit code', () => {
    const context = { repo: 'acme/app', transport: 'ssh' as const, host: 'bitbucket.org' };
    const cases: Array<[string, number, RegExp]> = [
      ['Host key verification failed.\r\nfatal: Could not read from remote repository.', 3, /host key/],
      ['conq: repository access denied. deployment key is not associated with the requested repository.', 3, /not an access key/],
      ['git@bitbucket.org: Permission denied (publickey).', 3, /refused the SSH key/],
      ['conq: repository does not exist.', 2, /not found/],
      ['warning: Could not find remote branch nope to clone.\nfatal: Remote branch nope not found in upstream origin', 2, /branch/],
      ["ssh: connect to host bitbucket.org port 22: Connection refused", 4, /could not reach/],
      ['fatal: something new', 4, /failed: fatal: something new/],
      ["remote: CHANGE-3222 - Functionality has been deprecated\nremote: App passwords are deprecated and must be replaced with API tokens.\nfatal: unable to access 'https://bitbucket.org/acme/app.git/': The requested URL returned error: 410", 3, /app password.*removed app passwords on 2026-07-28/],
      ["remote: You may not have access to this repository or it no longer exists in this workspace.\nfatal: Authentication failed for 'https://bitbucket.org/acme/app.git/'", 3, /wrong, expired or revoked, or it may lack access to acme\/app/],
    ];
    for (const [stderr, code, message] of cases) {
      const error = cloneFailure(stderr, { ...context, branch: 'nope' });
      assert.equal(error.exitCode, code, stderr);
      assert.match(error.message, message);
      assert.ok(!error.message.includes('\n'));
    }
  });
});
