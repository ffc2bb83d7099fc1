import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBitbucketSandbox } from '../sandbox/bitbucket/index';
import { requireBuilt } from '../test/support/built';

const REPO = 'acme/big-history';
const CLONE_RUNS = 11;
const START_RUNS = 21;

/** Wall time of one process run in ms; throws if it fails. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr.trim()}`));
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Runs `a` and `b` alternately `runs` times each (ABBA order, after one untimed warm-up of each, so
 * neither always follows the other on a busy machine); medians in ms.
 */
async function alternate(runs: number, a: (i: number) => Promise<number>, b: (i: number) => Promise<number>): Promise<[number, number]> {
  await a(-1);
  await b(-1);
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      times[0].push(await a(i));
      times[1].push(await b(i));
    } else {
      times[1].push(await b(i));
      times[0].push(await a(i));
    }
  }
  return [median(times[0]), median(times[1])];
}

const line = (label: string, ours: number, base: number, baseLabel: string, target: number) =>
  `  ${label}: repo-access ${ours.toFixed(0)} ms vs ${baseLabel} ${base.toFixed(0)} ms → ratio ${(ours / base).toFixed(2)}× (target ≤ ${target}×: ${ours / base <= target ? 'met' : 'MISSED'})`;

/**
 * `repo-access clone` against plain `git clone` of the same 20 MB repository over SSH from the
 * Bitbucket sandbox, and the bundled helper's cold start against bare node.
 */
export async function run(): Promise<void> {
  const helper = requireBuilt('helper');
  const work = await mkdtemp(path.join(os.tmpdir(), 'repo-access-clone-bench-'));
  const sandbox = await startBitbucketSandbox({ dataDir: path.join(work, 'data') });
  try {
    const keyFile = path.join(work, 'id_ed25519');
    await timed('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'clone-bench', '-f', keyFile], { PATH: process.env.PATH });
    const response = await fetch(`${sandbox.apiUrl}/repositories/${REPO}/deploy-keys`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('alice@example.com:ATATT-sandbox-alice-full').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: (await readFile(`${keyFile}.pub`, 'utf8')).trim(), label: 'clone-bench' }),
    });
    if (response.status !== 200) throw new Error(`registering the bench key answered ${response.status}`);

    const env = { PATH: process.env.PATH, HOME: work, ...sandbox.env };
    const port = sandbox.gitSsh.split(':')[1];
    const sshCommand = `ssh -F none -i ${keyFile} -o IdentitiesOnly=yes -o UserKnownHostsFile=${sandbox.knownHostsPath} -o StrictHostKeyChecking=yes -o BatchMode=yes`;
    const dest = (kind: string, i: number) => path.join(work, `${kind}-${i}`);
    const cleanThen = async (dir: string, measure: () => Promise<number>) => {
      const ms = await measure();
      await rm(dir, { recursive: true, force: true });
      return ms;
    };
    const ours = (i: number) =>
      cleanThen(dest('ours', i), () => timed(process.execPath, [helper, 'clone', '--repo', REPO, '--dest', dest('ours', i), '--key', keyFile, '--json'], env));
    const plain = (i: number) =>
      cleanThen(dest('git', i), () =>
        timed('git', ['clone', '--quiet', `ssh://git@127.0.0.1:${port}/${REPO}.git`, dest('git', i)], { ...env, GIT_SSH_COMMAND: sshCommand }),
      );
    const [cloneOurs, clonePlain] = await alternate(CLONE_RUNS, ours, plain);

    const [startOurs, startNode] = await alternate(
      START_RUNS,
      () => timed(process.execPath, [helper, '--version'], env),
      () => timed(process.execPath, ['-e', '0'], env),
    );
    console.log(`Clone of ${REPO} (≥ 20 MB history) over SSH from the sandbox, medians of ${CLONE_RUNS} alternating runs:`);
    console.log(line('clone', cloneOurs, clonePlain, 'git clone', 1.15));
    console.log(`Cold start, medians of ${START_RUNS} alternating runs:`);
    console.log(line('start', startOurs, startNode, 'node -e 0', 1.5));
    const overhead = cloneOurs - clonePlain;
    console.log(
      `  the helper adds ${overhead.toFixed(0)} ms to a clone: node itself ~${startNode.toFixed(0)} ms, loading the bundle ~${(startOurs - startNode).toFixed(0)} ms, the rest its own work and noise`,
    );
  } finally {
    await sandbox.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
