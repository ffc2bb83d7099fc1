import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ALICE } from './helpers';

function startMain(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/bitbucket/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, out: () => out, err: () => err };
}

describe('bitbucket sandbox: standalone main.ts', () => {
  it('prints its URLs and env, serves, and stops on SIGTERM', async () => {
    const m = startMain(['--no-git']);
    try {
      const deadline = Date.now() + 20_000;
      while (!/BITBUCKET_API_URL=(\S+)/.test(m.out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const apiUrl = /BITBUCKET_API_URL=(\S+)/.exec(m.out())?.[1];
      assert.ok(apiUrl, `no URL printed: ${m.out()} ${m.err()}`);
      assert.match(m.out(), /BITBUCKET_OAUTH_TOKEN_URL=http:\/\/127\.0\.0\.1:\d+\/site\/oauth2\/access_token/);
      const res = await fetch(`${apiUrl}/user`, { headers: { authorization: ALICE } });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    } finally {
      m.child.kill('SIGTERM');
    }
    const [code] = await m.exited;
    assert.equal(code, 0);
  });

  it('rejects an unknown flag with exit code 2 and one line on stderr', async () => {
    const m = startMain(['--bogus']);
    const [code] = await m.exited;
    assert.equal(code, 2);
    assert.match(m.err(), /bogus/);
  });
});
