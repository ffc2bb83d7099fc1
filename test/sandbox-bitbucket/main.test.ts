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
  /** Resolves with the first match of pattern in stdout, as soon as it is printed; rejects if the process exits first. */
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (!match) return;
        child.stdout.off('data', check);
        resolve(match);
      };
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`exited without printing ${pattern}: ${out} ${err}`)));
      check();
    });
  return { child, exited, printed, out: () => out, err: () => err };
}

describe('bitbucket sandbox: standalone main.ts', () => {
  it('prints its URLs and env, serves, and stops on SIGTERM', async () => {
    const m = startMain(['--no-git', '--repos', '30', '--rate-limit', '100/60000']);
    try {
      // The last line of the environment it prints (without git): everything above it is there too.
      await m.printed(/BITBUCKET_GIT_HTTPS_URL=\S+\n/);
      const apiUrl = /BITBUCKET_API_URL=(\S+)/.exec(m.out())?.[1];
      assert.ok(apiUrl, m.out());
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
