import { spawn } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type Seed = 'small' | 'large' | 'submodule';

// Bump when a seed's content changes: the template cache under os.tmpdir() is keyed by it.
const SEED_VERSION = 'v2';
const CACHE_DIR = path.join(os.tmpdir(), `repo-access-git-seeds-${SEED_VERSION}`);
const AUTHOR = 'Sandbox Seeder <seeder@sandbox.invalid>';
const EPOCH = 1_700_000_000;

/** The repository the submodule seed's `.gitmodules` points at, relative to the superproject. */
export const SUBMODULE_TARGET_SLUG = 'shared-lib';

const templates = new Map<Seed, Promise<string>>();

/** Path of a bare repository holding `seed`, built once per machine (and once per process at most). */
export function seedTemplate(seed: Seed): Promise<string> {
  let template = templates.get(seed);
  if (!template) {
    template = buildTemplate(seed);
    templates.set(seed, template);
    template.catch(() => templates.delete(seed));
  }
  return template;
}

const materialized = new Map<string, Promise<string>>();

/**
 * The bare repository `dataDir/ws/slug.git`, copied from its seed's template on first use so that a
 * fixture of thousands of repositories costs nothing until one of them is cloned.
 */
export function ensureRepository(dataDir: string, workspace: string, slug: string, seed: Seed): Promise<string> {
  const target = path.join(dataDir, workspace, `${slug}.git`);
  let ready = materialized.get(target);
  if (!ready) {
    ready = materialize(target, seed);
    materialized.set(target, ready);
    ready.catch(() => materialized.delete(target));
  }
  return ready;
}

async function materialize(target: string, seed: Seed): Promise<string> {
  if (await exists(target)) return target;
  const template = await seedTemplate(seed);
  await mkdir(path.dirname(target), { recursive: true });
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  await cp(template, staging, { recursive: true });
  await publish(staging, target);
  return target;
}

async function buildTemplate(seed: Seed): Promise<string> {
  const target = path.join(CACHE_DIR, `${seed}.git`);
  if (await exists(path.join(target, 'HEAD'))) return target;
  await mkdir(CACHE_DIR, { recursive: true });
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  await run('git', ['init', '--quiet', '--bare', '--template=', '--initial-branch=main', staging]);
  const stream = seed === 'large' ? largeHistory() : seed === 'submodule' ? submoduleHistory(await headOf('small')) : smallHistory();
  await run('git', ['fast-import', '--quiet'], { cwd: staging, input: stream });
  await publish(staging, target);
  return target;
}

async function headOf(seed: Seed): Promise<string> {
  const repo = await seedTemplate(seed);
  return (await run('git', ['rev-parse', 'refs/heads/main'], { cwd: repo })).trim();
}

/** Renames staging into place; another process that got there first wins and ours is dropped. */
async function publish(staging: string, target: string): Promise<void> {
  try {
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!(await exists(target))) throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

// --- fast-import streams: fixed author, dates and content, so every build yields the same commit ids.

interface FileChange {
  path: string;
  content?: Buffer | string;
  gitlink?: string;
}

class History {
  private readonly chunks: Buffer[] = [];
  private mark = 0;
  private tick = 0;
  private readonly heads = new Map<string, number>();

  commit(branch: string, message: string, changes: FileChange[], from?: string): this {
    const lines: string[] = [];
    for (const change of changes) {
      if (change.gitlink) {
        lines.push(`M 160000 ${change.gitlink} ${change.path}`);
        continue;
      }
      const blobMark = ++this.mark;
      this.data(`blob\nmark :${blobMark}\n`, change.content ?? '');
      lines.push(`M 100644 :${blobMark} ${change.path}`);
    }
    const commitMark = ++this.mark;
    const when = `${EPOCH + 3600 * this.tick++} +0000`;
    const parent = this.heads.get(from ?? branch);
    this.data(`commit refs/heads/${branch}\nmark :${commitMark}\nauthor ${AUTHOR} ${when}\ncommitter ${AUTHOR} ${when}\n`, `${message}\n`);
    this.chunks.push(Buffer.from(`${parent ? `from :${parent}\n` : ''}${lines.join('\n')}\n\n`));
    this.heads.set(branch, commitMark);
    return this;
  }

  /** A lightweight tag on the branch's current commit. */
  tag(name: string, branch: string): this {
    this.chunks.push(Buffer.from(`reset refs/tags/${name}\nfrom :${this.heads.get(branch)}\n\n`));
    return this;
  }

  stream(): Buffer {
    return Buffer.concat([...this.chunks, Buffer.from('done\n')]);
  }

  private data(header: string, content: Buffer | string): void {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    this.chunks.push(Buffer.from(`${header}data ${bytes.length}\n`), bytes, Buffer.from('\n'));
  }
}

function smallHistory(): Buffer {
  return new History()
    .commit('main', 'Initial commit', [{ path: 'README.md', content: '# Sample repository\n\nSeeded by the Bitbucket sandbox.\n' }])
    .commit('main', 'Add greeting', [{ path: 'src/hello.txt', content: 'hello from the sandbox\n' }])
    .tag('v1.0', 'main')
    .commit('main', 'Describe the layout', [
      { path: 'README.md', content: '# Sample repository\n\nSeeded by the Bitbucket sandbox.\n\n- src/: sources\n' },
    ])
    .commit('develop', 'Work in progress on develop', [{ path: 'src/develop.txt', content: 'only on develop\n' }], 'main')
    .stream();
}

/** ~21 MB of incompressible history: 25 commits adding 840 KiB of pseudo-random bytes each. */
function largeHistory(): Buffer {
  const history = new History().commit('main', 'Initial commit', [{ path: 'README.md', content: '# Large repository\n' }]);
  const noise = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), Buffer.alloc(16, 0));
  for (let i = 1; i <= 25; i++) {
    const part = noise.update(Buffer.alloc(840 * 1024));
    history.commit('main', `Add data part ${i}`, [{ path: `data/part-${String(i).padStart(2, '0')}.bin`, content: part }]);
  }
  return history.stream();
}

function submoduleHistory(sharedLibHead: string): Buffer {
  const gitmodules = `[submodule "${SUBMODULE_TARGET_SLUG}"]\n\tpath = ${SUBMODULE_TARGET_SLUG}\n\turl = ../${SUBMODULE_TARGET_SLUG}.git\n`;
  return new History()
    .commit('main', 'Add shared-lib as a submodule', [
      { path: 'README.md', content: '# Application\n\nUses ../shared-lib.git (same workspace) as a submodule.\n' },
      { path: '.gitmodules', content: gitmodules },
      { path: SUBMODULE_TARGET_SLUG, gitlink: sharedLibHead },
    ])
    .stream();
}

function run(command: string, args: string[], options: { cwd?: string; input?: Buffer } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args[0]} failed (${code}): ${stderr.trim()}`))));
  });
}
