import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import { gitEnv, parseRepoPath, type RepoLocator } from './repo-path';
import type { GitState } from './state';

const { Server, utils } = ssh2;

export interface SshEndpoint {
  port: number;
  close(): Promise<void>;
}

// What bitbucket.org answers on its SSH endpoint (`conq` is its SSH front end).
const MESSAGES = {
  shell: 'You can use git to connect to Bitbucket. Shell access is disabled.',
  readOnly: 'conq: repository access denied. access via a deployment key is read-only.',
  notFound: 'conq: repository does not exist.',
  denied: 'conq: repository access denied. deployment key is not associated with the requested repository.',
  badCommand: 'conq: invalid command syntax.',
};

/**
 * Git over SSH as bitbucket.org serves it to access keys: user `git`, public-key auth, and only
 * `git-upload-pack` for repositories whose access keys (repository or project level, read at the
 * moment of the request) include the client's key. The repository is only known once the client
 * asks to exec, so any key that proves possession is let in and the check happens at exec.
 */
/**
 * ssh2 drops a leading zero byte of an ed25519 public key, so about 1 key in 256 it makes cannot be parsed back
 * (mscdex/ssh2#1513): draw again until both halves parse.
 */
function parsableHostKey(): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

export async function startSshServer(options: {
  state: GitState<unknown>;
  locate: RepoLocator;
  knownHostsPath: string;
}): Promise<SshEndpoint> {
  const hostKey = parsableHostKey();
  const children = new Set<Promise<void>>();
  const clients = new Set<ssh2.Connection>();

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => {});
    let clientKey: Buffer | undefined;

    client.on('authentication', (ctx) => {
      if (ctx.username !== 'git' || ctx.method !== 'publickey') return ctx.reject(['publickey']);
      if (ctx.signature) {
        const key = utils.parseKey(ctx.key.data);
        if (key instanceof Error || !ctx.blob || key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
        clientKey = Buffer.from(ctx.key.data);
      }
      ctx.accept();
    });

    client.on('session', (acceptSession) => {
      const session = acceptSession();
      const env: Record<string, string> = {};
      session.on('env', (accept, _reject, info) => {
        if (info.key === 'GIT_PROTOCOL') env.GIT_PROTOCOL = info.val;
        accept?.();
      });
      session.on('pty', (accept) => accept?.());
      session.on('shell', (accept) => refuse(accept(), MESSAGES.shell));
      session.on('exec', (accept, _reject, info) => {
        const stream = accept();
        const exec = execute(info.command, clientKey, env, stream);
        children.add(exec);
        void exec.finally(() => children.delete(exec));
      });
    });
  });

  async function execute(command: string, key: Buffer | undefined, env: Record<string, string>, stream: ssh2.ServerChannel): Promise<void> {
    const match = /^git[- ](upload-pack|receive-pack|upload-archive) +'?([^']*)'?$/.exec(command.trim());
    const target = match ? parseRepoPath(match[2] ?? '') : undefined;
    if (!match || !target) return refuse(stream, MESSAGES.badCommand);
    if (match[1] !== 'upload-pack') return refuse(stream, MESSAGES.readOnly);
    const repository = options.state.repository(target.workspace, target.slug);
    if (!repository) return refuse(stream, MESSAGES.notFound);
    const blob = key?.toString('base64');
    const registered = options.state.accessKeysFor(target.workspace, target.slug).find((line) => line.trim().split(/\s+/)[1] === blob);
    if (!key || !registered) return refuse(stream, MESSAGES.denied);
    // The deploy key's `last_used` (Bitbucket's API spec, schema deploy_key); that a read over SSH sets it at once is not confirmed.
    options.state.touchAccessKey?.(target.workspace, target.slug, registered);

    let repoDir: string;
    try {
      repoDir = await options.locate(repository);
    } catch {
      return refuse(stream, MESSAGES.notFound);
    }
    const child = spawn('git', ['upload-pack', repoDir], { env: gitEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    await pipeChild(child, stream);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  await writeFile(options.knownHostsPath, `[127.0.0.1]:${port} ${hostKey.public.trim()}\n`, { mode: 0o644 });

  return {
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const client of clients) client.end();
      });
      await Promise.all(children);
    },
  };
}

function refuse(stream: ssh2.ServerChannel, message: string): void {
  stream.stderr.write(`${message}\n`);
  stream.exit(1);
  stream.end();
}

function pipeChild(child: ChildProcess, stream: ssh2.ServerChannel): Promise<void> {
  return new Promise((resolve) => {
    child.stdout?.pipe(stream, { end: false });
    child.stderr?.pipe(stream.stderr, { end: false });
    stream.pipe(child.stdin!);
    child.stdin?.on('error', () => {});
    // The client went away mid-transfer: stop the upload-pack it was talking to.
    stream.on('close', () => child.exitCode === null && child.kill());
    child.on('error', () => {});
    child.on('close', (code, signal) => {
      if (stream.writable) {
        stream.exit(code ?? (signal ? 128 : 1));
        stream.end();
      }
      resolve();
    });
  });
}
