import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BUNDLE = path.resolve('dist/agent/repo-access.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled helper as a child process (never blocking this event loop: sandboxes run in-process). */
export function runCli(args: string[], env: Record<string, string | undefined>, options: { cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      cwd: options.cwd ?? process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const ALICE = { BITBUCKET_AUTH: 'api-token', BITBUCKET_EMAIL: 'alice@example.com', BITBUCKET_API_TOKEN: 'ATATT-sandbox-alice-full' };
export const BOB = { BITBUCKET_AUTH: 'api-token', BITBUCKET_EMAIL: 'bob@example.com', BITBUCKET_API_TOKEN: 'ATATT-sandbox-bob-readonly' };
export const EXPIRED = { BITBUCKET_AUTH: 'api-token', BITBUCKET_EMAIL: 'alice@example.com', BITBUCKET_API_TOKEN: 'ATATT-sandbox-alice-expired' };
export const APP_PASSWORD = { BITBUCKET_AUTH: 'app-password', BITBUCKET_USERNAME: 'alice', BITBUCKET_APP_PASSWORD: 'sandbox-app-password' };
export const OAUTH = { BITBUCKET_AUTH: 'oauth', BITBUCKET_OAUTH_KEY: 'sandbox-oauth-key', BITBUCKET_OAUTH_SECRET: 'sandbox-oauth-secret' };
export const ACCESS_TOKEN = { BITBUCKET_AUTH: 'access-token', BITBUCKET_ACCESS_TOKEN: 'ATCTT-sandbox-workspace' };
export const SECRETS = ['ATATT-sandbox-alice-full', 'ATATT-sandbox-bob-readonly', 'ATATT-sandbox-alice-expired', 'sandbox-app-password', 'sandbox-oauth-secret', 'ATCTT-sandbox-workspace'];

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'repo-access-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Builds dist/agent/repo-access.js when it is missing or older than agent-helper/**; a file lock keeps
 * parallel mocha workers from building at once.
 */
export async function ensureBundle(): Promise<void> {
  const { statSync, readdirSync } = await import('node:fs');
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  const built = (): number => {
    try {
      return statSync(BUNDLE).mtimeMs;
    } catch {
      return 0;
    }
  };
  if (built() > newest('agent-helper')) return;
  await new Promise<void>((resolve, reject) => {
    const script = `[ "$(stat -c %Y ${BUNDLE} 2>/dev/null || echo 0)" -gt "$(find agent-helper -type f -printf '%T@\\n' | sort -n | tail -1 | cut -d. -f1)" ] || npx webpack --mode production --env only=helper`;
    const child = spawn('flock', [path.join(tmpdir(), 'repo-access-bundle.lock'), 'sh', '-c', script], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`building the helper bundle failed (${code})`))));
  });
}
