import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gitEnv, parseRepoPath, type RepoLocator } from './repo-path';
import type { GitState } from './state';

const REALM = 'Basic realm="Bitbucket.org HTTP"';
const MESSAGES = {
  notFound: 'Repository not found',
  forbidden: 'You may not have access to this repository or it no longer exists in this workspace. If you think this repository exists and you have access, make sure you are authenticated.',
  readOnly: 'Pushing is not supported by the sandbox: its git endpoints serve clones only.',
  unauthenticated: 'Authentication required: Bitbucket Cloud needs an API token, an OAuth access token or an access token for this repository.',
};

/**
 * Smart HTTP in front of `git http-backend` (CGI), with Bitbucket's answers: 401 + Basic challenge
 * without a usable credential, 403 for a credential that may not read, 404 for an unknown repository.
 */
export function createHttpHandler(options: { state: GitState<unknown>; dataDir: string; locate: RepoLocator }) {
  return async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const match = /^\/([^/]+)\/([^/]+?\.git)(\/.*)?$/.exec(url.pathname);
    const target = match ? parseRepoPath(`${match[1]}/${match[2]}`) : undefined;
    if (!match || !target) return answer(res, 404, MESSAGES.notFound);
    const service = url.searchParams.get('service') ?? match[3]?.slice(1);
    const { state } = options;

    const credential = basicCredential(req.headers.authorization);
    const repository = state.repository(target.workspace, target.slug);
    let remoteUser = '';
    if (credential) {
      const auth = state.authenticateGit(credential.username, credential.password);
      if (!auth.ok) return answer(res, auth.status, auth.message, auth.status === 401);
      if (!repository) return answer(res, 404, MESSAGES.notFound);
      if (!state.canRead(auth.principal, target.workspace, target.slug)) return answer(res, 403, MESSAGES.forbidden);
      remoteUser = credential.username;
    } else if (!repository || repository.isPrivate) {
      // Private or unknown: ask for a credential first, as Bitbucket does, so existence is not revealed.
      return answer(res, 401, MESSAGES.unauthenticated, true);
    }
    if (service === 'git-receive-pack') return answer(res, 403, MESSAGES.readOnly);
    if (service !== 'git-upload-pack') return answer(res, 404, MESSAGES.notFound);

    try {
      await options.locate(repository);
    } catch {
      return answer(res, 500, 'The sandbox could not create this repository from its seed');
    }
    await runCgi(req, res, {
      GIT_PROJECT_ROOT: options.dataDir,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: `/${target.workspace}/${target.slug}.git${match[3] ?? ''}`,
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      ...(typeof req.headers['git-protocol'] === 'string' ? { GIT_PROTOCOL: req.headers['git-protocol'] } : {}),
      REMOTE_USER: remoteUser,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    });
  };
}

function basicCredential(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function answer(res: ServerResponse, status: number, message: string, challenge = false): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(challenge ? { 'www-authenticate': REALM } : {}) });
  res.end(`${message}\n`);
}

function runCgi(req: IncomingMessage, res: ServerResponse, env: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('git', ['http-backend'], { env: gitEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    req.pipe(child.stdin);
    child.stdin.on('error', () => {});
    child.stderr.resume();
    let head = Buffer.alloc(0);
    let headerDone = false;
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = headerEnd(head);
      if (end === undefined) return;
      headerDone = true;
      child.stdout.off('data', onData);
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end.at).toString('latin1').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end.at + end.length));
      child.stdout.pipe(res);
    };
    child.stdout.on('data', onData);
    res.on('close', () => child.exitCode === null && child.kill());
    child.on('error', () => {});
    child.on('close', () => {
      if (!headerDone && !res.headersSent) answer(res, 500, 'git http-backend failed');
      resolve();
    });
  });
}

function headerEnd(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return lf >= 0 ? { at: lf, length: 2 } : undefined;
}
