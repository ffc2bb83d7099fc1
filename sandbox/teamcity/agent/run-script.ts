import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { BuildLog } from './build-log';
import { parseServiceMessage, type ServiceMessage } from './service-messages';

/**
 * Runs a command-line step's script with sh in its own process group (so cancel kills what it started),
 * logging its stdout and stderr line by line and handing service messages from both to onMessage.
 * Resolves with the exit code once the output is drained.
 */
export function runScript(options: {
  scriptFile: string;
  env: Record<string, string>;
  cwd: string;
  log: BuildLog;
  onStart(child: ChildProcess): void;
  onMessage(message: ServiceMessage): void;
}): Promise<number> {
  const { scriptFile, env, cwd, log, onStart, onMessage } = options;
  return new Promise((resolve) => {
    const child = spawn('sh', [scriptFile], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    onStart(child);
    const drained = ([child.stdout, child.stderr] as const).map((stream, i) => {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', (line) => {
        const message = parseServiceMessage(line);
        if (message) onMessage(message);
        else log.line(line, i === 1 ? 'W' : 'i');
      });
      return new Promise<void>((done) => lines.once('close', done));
    });
    child.once('error', (error) => log.line(`Could not start the step: ${error.message}`, 'E'));
    child.once('close', (exitCode, signal) => {
      void Promise.all(drained).then(() => resolve(exitCode ?? (signal ? 137 : 1)));
    });
  });
}
