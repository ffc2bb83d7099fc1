import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BitbucketClient } from '../agent-helper/bitbucket/client';
import type { Credentials } from '../agent-helper/config/credentials';
import { readPublicKeyFile, type PublicKeyFile } from '../agent-helper/keys/public-key-file';
import { keygen } from '../agent-helper/operations/keygen';
import { register } from '../agent-helper/operations/register';
import { targetStream } from '../agent-helper/operations/select';
import { sleep } from '../agent-helper/bitbucket/backoff';
import { sandbox, type Sandbox } from './register';
import { requireBuilt } from '../test/support/built';

const REPOSITORIES = 3000;
/** bitbucket.org's 1,000 requests per rolling hour, scaled: 300 per 3 s, so the run needs ten windows. */
const RATE = { limit: 300, windowMs: 3000 };
const LATENCY_MS = 20;
const CONCURRENCY = 8;
const WORKSPACE = 'acme';
const credentials: Credentials = { mode: 'api-token', email: 'alice@example.com', token: 'ATATT-sandbox-alice-full' };

interface Row {
  name: string;
  requests: number;
  status429: number;
  wallMs: number;
  added: number;
  present: number;
}

/** The fastest the limit allows from a fresh window: request N can start only after floor((N-1)/limit) windows. */
const boundMs = (requests: number): number => Math.floor((requests - 1) / RATE.limit) * RATE.windowMs + LATENCY_MS;

async function registerAll(name: string, sb: Sandbox, key: PublicKeyFile): Promise<Row> {
  const client = new BitbucketClient(credentials, { apiUrl: sb.apiUrl, oauthTokenUrl: sb.oauthTokenUrl }, { concurrency: CONCURRENCY, rate: RATE });
  const started = performance.now();
  const outcome = await register(client, { targets: targetStream(client, WORKSPACE, { all: true }), key, label: 'bench' });
  const wallMs = performance.now() - started;
  const { added, present, failed } = outcome.report.summary;
  if (outcome.fatal || failed > 0) throw new Error(`${name}: ${failed} failed ${outcome.fatal?.message ?? ''}`);
  return { name, requests: client.stats.requests - client.stats.status429, status429: client.stats.status429, wallMs, added, present };
}

/** The bundled CLI, killed with SIGKILL once its TeamCity progress reports `after` repositories done. */
async function killedRun(sb: Sandbox, keyPath: string, after: number): Promise<number> {
  const env = { PATH: process.env.PATH, BITBUCKET_AUTH: 'api-token', BITBUCKET_EMAIL: 'alice@example.com', BITBUCKET_API_TOKEN: 'ATATT-sandbox-alice-full', BITBUCKET_API_URL: sb.apiUrl, BITBUCKET_OAUTH_TOKEN_URL: sb.oauthTokenUrl, REPO_ACCESS_RATE_LIMIT: `${RATE.limit}/${RATE.windowMs}`, TEAMCITY_VERSION: 'bench' };
  const child = spawn(process.execPath, [requireBuilt('helper'), 'register', '--workspace', WORKSPACE, '--key', keyPath, '--all'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let done = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/\((\d+)\/\d+/g)) done = Math.max(done, Number(match[1]));
    if (done >= after) child.kill('SIGKILL');
  });
  await once(child, 'close');
  return done;
}

function table(rows: Row[]): string {
  const header = ['run', 'requests', 'req/repo', '429s', 'wall s', 'bound s', 'wall/bound', 'result'];
  const cells = rows.map((r) => [r.name, String(r.requests), (r.requests / REPOSITORIES).toFixed(3), String(r.status429), (r.wallMs / 1000).toFixed(2), (boundMs(r.requests) / 1000).toFixed(2), (r.wallMs / boundMs(r.requests)).toFixed(2), `added ${r.added}, present ${r.present}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => (i === 0 || i === c.length - 1 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-rate-'));
  try {
    const made = await keygen({ out: path.join(dir, 'key'), comment: 'bench' });
    const key = readPublicKeyFile(made.publicKeyPath);
    console.log(`register --all onto ${REPOSITORIES} repositories under bitbucket.org's limit (plain 429, no Retry-After), scaled to ${RATE.limit} requests per ${RATE.windowMs / 1000} s; ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`);
    console.log('each run starts from a fresh window (the one before it waited a window out), as a next run would');
    const rows: Row[] = [];
    let sb = await sandbox(`${RATE.limit}/${RATE.windowMs}`, { repositories: REPOSITORIES, latencyMs: LATENCY_MS, style: 'bitbucket' });
    try {
      rows.push(await registerAll('first', sb, key));
      await sleep(RATE.windowMs);
      rows.push(await registerAll('repeat (all present)', sb, key));
    } finally {
      await sb.close();
    }
    sb = await sandbox(`${RATE.limit}/${RATE.windowMs}`, { repositories: REPOSITORIES, latencyMs: LATENCY_MS, style: 'bitbucket' });
    let killedAt: number;
    try {
      killedAt = await killedRun(sb, made.publicKeyPath, REPOSITORIES / 2);
      // No waiting: the resumed run meets a window still full of the killed run's requests.
      rows.push(await registerAll(`resumed after SIGKILL at ${killedAt}`, sb, key));
    } finally {
      await sb.close();
    }
    console.log(table(rows));
    const [first, repeat, resumed] = rows as [Row, Row, Row];
    const perRepo = Math.max(first.requests, repeat.requests, resumed.requests) / REPOSITORIES;
    const wallBound = Math.max(first.wallMs / boundMs(first.requests), repeat.wallMs / boundMs(repeat.requests));
    const repeatRatio = repeat.wallMs / first.wallMs;
    console.log(
      [
        `req/repo at most ${perRepo.toFixed(3)} (target <= 1.02): ${perRepo <= 1.02 ? 'met' : 'MISSED'}`,
        `wall/bound at most ${wallBound.toFixed(2)} (target <= 1.1): ${wallBound <= 1.1 ? 'met' : 'MISSED'}`,
        `repeat/first ${repeatRatio.toFixed(2)} (target <= 1.1): ${repeatRatio <= 1.1 ? 'met' : 'MISSED'}`,
        `resumed after SIGKILL: added ${resumed.added} + present ${resumed.present} = ${resumed.added + resumed.present} of ${REPOSITORIES}, none failed, ${resumed.status429} 429s met: ${resumed.added + resumed.present === REPOSITORIES && resumed.present >= killedAt ? 'met' : 'MISSED'}`,
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
