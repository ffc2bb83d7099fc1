import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildType } from '../model';
import type { Store } from '../store';
import type { BuildLog } from './build-log';

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

function git(args: string[], env: Record<string, string>, log: BuildLog, cwd?: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => log.line(line)));
    child.once('error', (error) => {
      log.line(`Could not run git: ${error.message}`, 'E');
      resolve({ code: 1, stdout });
    });
    child.once('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/**
 * Agent-side checkout as TeamCity does it, for the git VCS roots that authenticate with an SSH key uploaded to
 * the project (authMethod TEAMCITY_SSH_KEY): the key is written to a private temp file for the clone only.
 * Roots with other authentication are not checked out by the sandbox (build steps clone those).
 * Returns the problem that stops the build, or null.
 */
export async function checkoutVcsRoots(options: {
  store: Store;
  buildType: BuildType;
  checkoutDir: string;
  tempDir: string;
  agentEnv: Record<string, string>;
  log: BuildLog;
}): Promise<string | null> {
  const { store, buildType, checkoutDir, tempDir, agentEnv, log } = options;
  for (const entry of buildType.vcsRootEntries) {
    const root = store.vcsRoot(entry.vcsRootId);
    if (!root || root.vcsName !== 'jetbrains.git' || root.properties.authMethod !== 'TEAMCITY_SSH_KEY') continue;
    const keyName = root.properties.teamcitySshKey ?? '';
    const url = root.properties.url ?? '';
    const branch = (root.properties.branch || 'refs/heads/main').replace(/^refs\/heads\//, '');
    const target = /=>\s*(\S.*)$/.exec(entry.checkoutRules)?.[1]?.trim() ?? '.';
    log.open(`Updating sources: VCS root ${root.name}`);
    try {
      const key = store.projectChain(root.projectId).map((project) => project.sshKeys[keyName]).find((text) => text !== undefined);
      if (key === undefined) return `Failed to check out VCS root ${root.name}: SSH key '${keyName}' is not uploaded to project ${root.projectId} or its parents`;
      const keyFile = path.join(tempDir, `vcs-${root.id}.key`);
      writeFileSync(keyFile, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
      const ssh = ['ssh', '-F', 'none', '-i', quote(keyFile), '-o IdentitiesOnly=yes', '-o IdentityAgent=none', '-o BatchMode=yes', '-o StrictHostKeyChecking=yes'];
      if (agentEnv.BITBUCKET_KNOWN_HOSTS) ssh.push(`-o UserKnownHostsFile=${quote(agentEnv.BITBUCKET_KNOWN_HOSTS)}`);
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tempDir, GIT_SSH_COMMAND: ssh.join(' '), GIT_TERMINAL_PROMPT: '0' };
      const dest = path.join(checkoutDir, target);
      log.line(`git clone ${url} (${branch}) into ${target} with SSH key '${keyName}'`);
      const clone = await git(['clone', '--quiet', '--depth', '1', '--branch', branch, url, dest], env, log);
      rmSync(keyFile, { force: true });
      if (clone.code !== 0) return `Failed to check out VCS root ${root.name} (${url}) with SSH key '${keyName}': git exited with ${clone.code}`;
      const head = (await git(['rev-parse', 'HEAD'], env, log, dest)).stdout.trim();
      log.line(`Checked out ${url} (${branch} @ ${head.slice(0, 12)}) into ${target}`);
    } finally {
      log.close();
    }
  }
  return null;
}
