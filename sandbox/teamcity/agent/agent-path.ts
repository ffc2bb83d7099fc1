import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const NODE_NAMES = new Set(['node', 'nodejs', 'npm', 'npx', 'corepack']);

/**
 * The agent's PATH. TeamCity agents do not ship Node (it is on PATH only where the admin installed it); with
 * `nodeOnPath: false` the sandbox agent plays such an agent: a folder of links to everything on this machine's
 * PATH except Node's programs.
 */
export function agentPath(options: { nodeOnPath: boolean; workDir: string }): string {
  const system = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  if (options.nodeOnPath) return [path.dirname(process.execPath), system].join(path.delimiter);
  const dir = path.join(options.workDir, 'path-without-node');
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    const linked = new Set<string>();
    for (const folder of system.split(path.delimiter)) {
      if (!folder || !existsSync(folder)) continue;
      for (const name of readdirSync(folder)) {
        if (NODE_NAMES.has(name) || linked.has(name)) continue;
        linked.add(name);
        symlinkSync(path.join(folder, name), path.join(dir, name));
      }
    }
  }
  return dir;
}
