import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireBuilt } from '../support/built';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled helper as a child process (never blocking this event loop: sandboxes run in-process). */
export function runCli(args: string[], env: Record<string, string | undefined>, options: { cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [requireBuilt('helper'), ...args], {
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
