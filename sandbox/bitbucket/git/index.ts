import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GitState } from './state';

export type { GitState } from './state';

export interface GitEndpoints {
  gitSsh: string;
  knownHostsPath: string;
  handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function startGitEndpoints(_options: { state: GitState<any>; dataDir: string }): Promise<GitEndpoints> {
  return {
    gitSsh: '',
    knownHostsPath: '',
    async handleHttp(_req, res) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Repository not found\n');
    },
    async close() {},
  };
}
