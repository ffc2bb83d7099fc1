import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, api } from './helpers';

const run = promisify(execFile);

/** The git endpoints (CLONE's) reached through this sandbox: its HTTP server and its access-key state. */
describe('bitbucket sandbox: git endpoints wiring', () => {
  let sb: BitbucketSandbox;
  let dir: string;
  before(async () => {
    sb = await startBitbucketSandbox();
    dir = await mkdtemp(join(tmpdir(), 'bb-git-'));
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  const lsRemoteHttps = (user: string, secret: string) =>
    run('git', ['ls-remote', `${sb.gitHttpsUrl}/acme/core-api.git`], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        GIT_TERMINAL_PROMPT: '0',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.extraHeader',
        GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`,
      },
    });

  it('serves git over HTTPS to an API token and refuses an app password', async () => {
    const { stdout } = await lsRemoteHttps('x-bitbucket-api-token-auth', 'ATATT-sandbox-alice-full');
    assert.match(stdout, /^[0-9a-f]{40}\tHEAD$/m);
    await assert.rejects(lsRemoteHttps('alice', 'sandbox-app-password'), /App passwords are deprecated|could not read Username|Authentication failed/);
    assert.equal(sb.stats.requests, 0, 'git requests are not REST requests');
  });

  it('admits a registered access key over SSH and records last_used', async () => {
    const keyPath = join(dir, 'id_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'wiring', '-f', keyPath]);
    const line = (await readFile(`${keyPath}.pub`, 'utf8')).trim();
    const created = await api(sb, '/repositories/acme/core-api/deploy-keys', { method: 'POST', auth: ALICE, json: { key: line, label: 'wiring' } });
    assert.equal(created.status, 200);
    const port = sb.gitSsh.split(':')[1];
    const { stdout } = await run('git', ['ls-remote', `ssh://git@127.0.0.1:${port}/acme/core-api.git`], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_SSH_COMMAND: `ssh -F /dev/null -i ${keyPath} -o IdentitiesOnly=yes -o UserKnownHostsFile=${sb.knownHostsPath} -o StrictHostKeyChecking=yes -o BatchMode=yes`,
      },
    });
    assert.match(stdout, /\tHEAD$/m);
    const got = await api(sb, `/repositories/acme/core-api/deploy-keys/${created.body.id}`, { auth: ALICE });
    assert.match(got.body.last_used, /^\d{4}-/);
  });
});
