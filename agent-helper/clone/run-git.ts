import { spawn } from 'node:child_process';

export interface GitRun {
  code: number;
  stderr: string;
  stdout: string;
}

/**
 * Runs git in its own process group so that an abort stops git together with the ssh or
 * git-remote-https it started (git removes a half-made clone when it gets SIGTERM).
 */
export function runGit(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal; onStderr?: (text: string) => void },
): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      options.onStderr?.(text);
    });
    let killTimer: NodeJS.Timeout | undefined;
    const abort = () => {
      signalGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
    };
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', abort);
      resolve({ code: code ?? 128 + (signal ? 15 : 0), stdout, stderr });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
