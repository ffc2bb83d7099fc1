import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BitbucketClient } from '../agent-helper/bitbucket/client';
import type { Credentials } from '../agent-helper/config/credentials';
import { readPublicKeyFile, type PublicKeyFile } from '../agent-helper/keys/public-key-file';
import { keygen } from '../agent-helper/operations/keygen';
import { register } from '../agent-helper/operations/register';
import { targetStream } from '../agent-helper/operations/select';
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const REPOSITORIES = 1000;
const LATENCY_MS = 50;
const CONCURRENCY = 8;
/** The sequential baseline takes ~2 requests x 50 ms per repository; measure a sample unless asked for all. */
const BASELINE_REPOSITORIES = Number(process.env.BENCH_BASELINE_REPOS ?? 250);
const WORKSPACE = 'acme';
const credentials: Credentials = { mode: 'api-token', email: 'alice@example.com', token: 'ATATT-sandbox-alice-full' };

interface Row {
  name: string;
  repositories: number;
  requests: number;
  status429: number;
  wallMs: number;
  boundMs: number | null;
}

export interface Sandbox {
  apiUrl: string;
  oauthTokenUrl: string;
  close(): Promise<void>;
}

/** The sandbox in its own process, as Bitbucket would be: its CPU time does not delay the client's timers. */
export async function sandbox(rateLimit?: string, options: { repositories?: number; latencyMs?: number; style?: 'bitbucket' } = {}): Promise<Sandbox> {
  const args = ['--import', 'tsx', 'sandbox/bitbucket/main.ts', '--repos', String(options.repositories ?? REPOSITORIES), '--projects', '10', '--latency', String(options.latencyMs ?? LATENCY_MS), '--no-git'];
  if (rateLimit) args.push('--rate-limit', rateLimit, ...(options.style ? ['--rate-limit-style', options.style] : []));
  const child = spawn(process.execPath, args, { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /REST API\s+(\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code})`)));
  });
  return {
    apiUrl,
    oauthTokenUrl: apiUrl.replace(/\/2\.0$/, '/site/oauth2/access_token'),
    async close() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** `repo-access register --all`, as the CLI runs it: list once, then one POST per repository. */
/** Lower bound: requests x latency / concurrency, or under a rate limit requests / rate if that is longer. */
async function ours(name: string, sb: Sandbox, key: PublicKeyFile, ratePerSec = Infinity): Promise<Row> {
  const client = new BitbucketClient(credentials, { apiUrl: sb.apiUrl, oauthTokenUrl: sb.oauthTokenUrl }, { concurrency: CONCURRENCY });
  const started = performance.now();
  const outcome = await register(client, { targets: targetStream(client, WORKSPACE, { all: true }), key, label: 'bench' });
  const wallMs = performance.now() - started;
  if (outcome.fatal || outcome.report.summary.failed > 0) throw new Error(`${name}: ${outcome.report.summary.failed} failed ${outcome.fatal?.message ?? ''}`);
  const { requests, status429 } = client.stats;
  return { name, repositories: REPOSITORIES, requests, status429, wallMs, boundMs: Math.max((requests * LATENCY_MS) / CONCURRENCY, (requests * 1000) / ratePerSec) };
}

/** What Ansible and Terraform do: per repository, list its keys, then add the key if missing; sequentially. */
async function naive(sb: Sandbox, key: PublicKeyFile, count: number): Promise<Row> {
  const authorization = `Basic ${Buffer.from(`${credentials.mode === 'api-token' ? `${credentials.email}:${credentials.token}` : ''}`).toString('base64')}`;
  let requests = 0;
  const started = performance.now();
  for (let i = 1; i <= count; i += 1) {
    const url = `${sb.apiUrl}/repositories/${WORKSPACE}/repo-${String(i).padStart(String(REPOSITORIES).length, '0')}/deploy-keys`;
    requests += 1;
    const listed = (await (await fetch(url, { headers: { authorization } })).json()) as { values: Array<{ key: string }> };
    if (listed.values.some((k) => k.key.startsWith(key.material))) continue;
    requests += 1;
    const added = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ key: key.material, label: 'bench' }) });
    if (added.status !== 200) throw new Error(`baseline: POST answered ${added.status}`);
  }
  return { name: 'naive sequential list+add', repositories: count, requests, status429: 0, wallMs: performance.now() - started, boundMs: null };
}

function table(rows: Row[]): string {
  const header = ['run', 'repos', 'requests', 'req/repo', '429s', 'wall s', 'bound s', 'wall/bound', 'ms/repo'];
  const cells = rows.map((r) => [
    r.name,
    String(r.repositories),
    String(r.requests),
    (r.requests / r.repositories).toFixed(3),
    String(r.status429),
    (r.wallMs / 1000).toFixed(2),
    r.boundMs === null ? '-' : (r.boundMs / 1000).toFixed(2),
    r.boundMs === null ? '-' : (r.wallMs / r.boundMs).toFixed(2),
    (r.wallMs / r.repositories).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-register-'));
  try {
    const key = readPublicKeyFile((await keygen({ out: path.join(dir, 'key'), comment: 'bench' })).publicKeyPath);
    console.log(`register: one key onto ${REPOSITORIES} sandbox repositories, ${LATENCY_MS} ms latency per request, concurrency ${CONCURRENCY}`);
    const rows: Row[] = [];
    let sb = await sandbox();
    try {
      rows.push(await ours('repo-access register (first)', sb, key));
      rows.push(await ours('repo-access register (repeat)', sb, key));
    } finally {
      await sb.close();
    }
    sb = await sandbox('100/1000');
    try {
      rows.push(await ours('first, under 100 req/s limit', sb, key, 100));
    } finally {
      await sb.close();
    }
    sb = await sandbox();
    let baseline: Row;
    try {
      baseline = await naive(sb, key, Math.min(BASELINE_REPOSITORIES, REPOSITORIES));
    } finally {
      await sb.close();
    }
    rows.push(baseline);
    console.log(table(rows));
    const first = rows[0]!;
    const repeat = rows[1]!;
    const baselinePerRepo = baseline.wallMs / baseline.repositories;
    const speedup = baselinePerRepo / (first.wallMs / first.repositories);
    const sampled = baseline.repositories < REPOSITORIES ? ` (baseline measured on ${baseline.repositories} repositories; it is linear, so ${REPOSITORIES} take ~${((baselinePerRepo * REPOSITORIES) / 1000).toFixed(1)} s)` : '';
    console.log(
      [
        `req/repo first ${(first.requests / REPOSITORIES).toFixed(3)}, repeat ${(repeat.requests / REPOSITORIES).toFixed(3)} (target <= 1.02): ${first.requests / REPOSITORIES <= 1.02 && repeat.requests / REPOSITORIES <= 1.02 ? 'met' : 'MISSED'}`,
        `wall/bound first ${(first.wallMs / first.boundMs!).toFixed(2)}, repeat ${(repeat.wallMs / repeat.boundMs!).toFixed(2)} (target <= 1.2): ${Math.max(first.wallMs / first.boundMs!, repeat.wallMs / repeat.boundMs!) <= 1.2 ? 'met' : 'MISSED'}`,
        `speed-up over the naive baseline ${speedup.toFixed(1)}x (target >= 5x): ${speedup >= 5 ? 'met' : 'MISSED'}${sampled}`,
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
