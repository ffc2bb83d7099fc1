import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readZip } from '../zip';

/**
 * Installs the plugin's agent tool as a TeamCity agent does: `agent/repo-access.zip` from the plugin zip,
 * unpacked into `toolDir` with its unix modes. Returns the tool folder.
 */
export async function installAgentTool(pluginZip: string, toolDir: string): Promise<string> {
  const plugin = await readZip(pluginZip);
  const agentZip = plugin.get('agent/repo-access.zip');
  if (!agentZip) throw new Error(`${pluginZip} holds no agent/repo-access.zip: rebuild it with npm run build`);
  rmSync(toolDir, { recursive: true, force: true });
  for (const [name, entry] of await readZip(agentZip.data)) {
    const target = path.resolve(toolDir, name);
    if (!target.startsWith(path.resolve(toolDir) + path.sep)) throw new Error(`Agent tool entry escapes its folder: ${name}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
    if (entry.mode) chmodSync(target, entry.mode);
  }
  return toolDir;
}
