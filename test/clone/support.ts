import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BitbucketSandbox } from '../../sandbox/bitbucket/index';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'agent-helper/bin.js');

export const ALICE = { BITBUCKET_AUTH: 'api-token', BITBUCKET_EMAIL: 'alice@example.com', BITBUCKET_API_TOKEN: 'ATATT-sandbox-alice-full' };
export const OAUTH = { BITBUCKET_AUTH: 'oauth', BITBUCKET_OAUTH_KEY: 'sandbox-oauth-key', BITBUCKET_OAUTH_SECRET: 'sandbox-oauth-secret' };
export const ACCESS_TOKEN = { BITBUCKET_AUTH: 'access-token', BITBUCKET_ACCESS_TOKEN: 'ATCTT-sandbox-workspace' };

export interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a process to its end (never left behind), optionally watching it while it runs. */
export function runProcess(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; whileRunning?: (pid: number) => void | Promise<void> },
): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (child.pid !== undefined && options.whileRunning) void options.whileRunning(child.pid);
  });
}

/** A scratch area per test file: HOME and TMPDIR for the helper (so leftovers are visible), and destinations. */
export class Scratch {
  private constructor(readonly root: string) {}

  static async create(): Promise<Scratch> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'clone-test-'));
    await Promise.all(['home', 'tmp', 'keys', 'dest'].map((dir) => mkdir(path.join(root, dir))));
    return new Scratch(root);
  }

  get tmp(): string {
    return path.join(this.root, 'tmp');
  }

  dest(name: string): string {
    return path.join(this.root, 'dest', name);
  }

  /** The helper's environment: nothing inherited but PATH, plus the sandbox endpoints and `extra`. */
  env(sandbox: BitbucketSandbox, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, HOME: path.join(this.root, 'home'), TMPDIR: this.tmp, ...sandbox.env, ...extra };
  }

  async keygen(name: string, passphrase = ''): Promise<{ file: string; publicKey: string; privateKey: string }> {
    const file = path.join(this.root, 'keys', name);
    const run = await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', `clone-test-${name}`, '-f', file], { env: { PATH: process.env.PATH } });
    if (run.code !== 0) throw new Error(`ssh-keygen failed: ${run.stderr}`);
    return { file, publicKey: (await readFile(`${file}.pub`, 'utf8')).trim(), privateKey: await readFile(file, 'utf8') };
  }

  remove(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}

/** What the helper left in its TMPDIR (tsx, which runs the sources, keeps a cache there too). */
export async function privateTempDirs(scratch: Scratch): Promise<string[]> {
  return (await readdir(scratch.tmp)).filter((name) => name.startsWith('repo-access-'));
}

export function repoAccess(args: string[], env: NodeJS.ProcessEnv, whileRunning?: (pid: number) => void | Promise<void>): Promise<Spawned> {
  return runProcess(process.execPath, [BIN, ...args], { env, ...(whileRunning ? { whileRunning } : {}) });
}

export async function restCall(sandbox: BitbucketSandbox, method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.apiUrl}${route}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${ALICE.BITBUCKET_EMAIL}:${ALICE.BITBUCKET_API_TOKEN}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** Registers an access key through the sandbox's REST API, as `repo-access register` would; returns its id. */
export async function registerKey(sandbox: BitbucketSandbox, slug: string, publicKey: string, label = 'clone-test'): Promise<number> {
  const { status, json } = await restCall(sandbox, 'POST', `/repositories/acme/${slug}/deploy-keys`, { key: publicKey, label });
  if (status !== 200) throw new Error(`registering a key on ${slug} answered ${status}`);
  return (json as { id: number }).id;
}

/** Every file under `dir` (including .git) that contains any of `needles`. */
export async function filesContaining(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const content = await readFile(file);
    if (needles.some((needle) => content.includes(needle))) hits.push(file);
  }
  return hits;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  argv: string[];
}

/** The process `root` and all its descendants, read from /proc (each thread's `children` list). */
export async function processTree(root: number): Promise<ProcessInfo[]> {
  const tree: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // comm may contain spaces and parentheses: the fields after the last ')' are fixed.
      const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
      tree.push({ pid, ppid: Number(ppid), state, argv });
      for (const task of await readdir(`/proc/${pid}/task`)) {
        const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
        queue.push(...children.split(' ').filter(Boolean).map(Number));
      }
    } catch {
      // exited while we looked
    }
  }
  return tree;
}

/** Samples the argv of every process in `root`'s tree until it exits; returns everything seen. */
export function sampleArgv(root: number, seen: ProcessInfo[], intervalMs = 5): Promise<void> {
  return new Promise((resolve) => {
    const tick = async (): Promise<void> => {
      const tree = await processTree(root);
      seen.push(...tree);
      if (tree.some((p) => p.pid === root && p.state !== 'Z')) setTimeout(() => void tick(), intervalMs);
      else resolve();
    };
    void tick();
  });
}

/** Resolves as soon as `condition` holds (checked every few ms: /proc has no change events); rejects after timeoutMs. */
export async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
