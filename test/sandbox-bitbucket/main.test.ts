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
    const m = startMain(['--no-git', '--repos', '30', '--rate-limit', '100/60000']);
    try {
      const deadline = Date.now() + 20_000;
      while (!/BITBUCKET_API_URL=(\S+)/.test(m.out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const apiUrl = /BITBUCKET_API_URL=(\S+)/.exec(m.out())?.[1];
      assert.ok(apiUrl, `no URL printed: ${m.out()} ${m.err()}`);
      assert.match(m.out(), /BITBUCKET_OAUTH_TOKEN_URL=http:\/\/127\.0\.0\.1:\d+\/site\/oauth2\/access_token/);
      const res = await fetch(`${apiUrl}/repositories/acme`, { headers: { authorization: ALICE } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-ratelimit-limit'), '100');
      assert.equal(((await res.json()) as { size: number }).size, 30);
    } finally {
      m.child.kill('SIGTERM');
    }
    const [code] = await m.exited;
    assert.equal(code, 0);
  });

  for (const [args, pattern] of [
    [['--bogus'], /bogus/],
    [['--faults', 'often'], /--faults takes/],
    [['--port', '70000'], /--port must be/],
  ] as const) {
    it(`rejects ${args.join(' ')} with exit code 2 and says what is wrong`, async () => {
      const m = startMain([...args]);
      const [code] = await m.exited;
      assert.equal(code, 2);
      assert.match(m.err(), pattern);
    });
  }
});
