import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildType, VcsRoot } from '../model';
import type { Store } from '../store';
import type { BuildLog } from './build-log';
import { isEncrypted } from '../rest/ssh-keys';

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A checkout that failed; the message is fit for the build's status text. */
export class CheckoutError extends Error {}

export interface CheckoutContext {
  store: Store;
  buildType: BuildType;
  checkoutDir: string;
  tempDir: string;
  /** Environment of the agent: PATH, HOME, and the Bitbucket sandbox's BITBUCKET_KNOWN_HOSTS. */
  baseEnv: Record<string, string>;
  knownHostsPath: string | undefined;
  /** Resolves %references% in VCS root properties (e.g. 'secure:password' = %env.BITBUCKET_API_TOKEN%). */
  resolve(text: string): string;
  log: BuildLog;
  /** Secret values to mask in the log from now on. */
  addSecret(value: string): void;
  onChild(child: ChildProcess | undefined): void;
}

/** `+:. => repos/x` puts the root's files under repos/x; no rule (or `+:.`) means the checkout folder itself. */
function targetOf(checkoutRules: string): string {
  const rule = checkoutRules
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^(\+:)?\.\s*=>/.test(l));
  return rule ? rule.split('=>')[1]!.trim().replace(/^\/+|\/+$/g, '') : '';
}

function sshKeyOf(ctx: CheckoutContext, root: VcsRoot, name: string): { key: string; projectId: string } {
  for (const project of [...ctx.store.projectChain(root.projectId), ...ctx.store.projectChain(ctx.buildType.projectId)]) {
    const key = project.sshKeys[name];
    if (key !== undefined) return { key, projectId: project.id };
  }
  throw new CheckoutError(`SSH key '${name}' is not uploaded to project ${root.projectId} or its parents`);
}

function git(ctx: CheckoutContext, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    ctx.onChild(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (error) => (stderr += error.message));
    child.once('close', (code) => {
      ctx.onChild(undefined);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Agent-side checkout of every VCS root attached to the build configuration, as TeamCity's git plugin does. */
export async function checkoutVcsRoots(ctx: CheckoutContext): Promise<void> {
  for (const entry of ctx.buildType.vcsRootEntries) {
    const root = ctx.store.vcsRoot(entry.vcsRootId);
    if (!root) throw new CheckoutError(`VCS root ${entry.vcsRootId} no longer exists`);
    if (root.vcsName !== 'jetbrains.git') throw new CheckoutError(`VCS root ${root.id}: only git roots can be checked out by the sandbox agent`);
    const prop = (name: string) => ctx.resolve(root.properties[name] ?? '');
    const url = prop('url');
    const branch = prop('branch').replace(/^refs\/heads\//, '') || 'main';
    const target = targetOf(entry.checkoutRules);
    const env: Record<string, string> = { ...ctx.baseEnv, HOME: ctx.tempDir, GIT_TERMINAL_PROMPT: '0' };
    // No user ssh config, no ssh-agent: only what the root says. HOME points away from ~/.ssh and ~/.gitconfig.
    const ssh = ['ssh', '-F none', '-o IdentityAgent=none', '-o BatchMode=yes', '-o StrictHostKeyChecking=yes', ...(ctx.knownHostsPath ? [`-o UserKnownHostsFile=${quote(ctx.knownHostsPath)}`] : [])];
    const keyFile = path.join(ctx.tempDir, `vcs-key-${root.id}`);
    ctx.log.open(`Updating sources: agent side checkout of ${root.name}`);
    try {
      switch (prop('authMethod') || 'ANONYMOUS') {
        case 'TEAMCITY_SSH_KEY': {
          const name = prop('teamcitySshKey');
          const { key, projectId } = sshKeyOf(ctx, root, name);
          if (isEncrypted(key)) throw new CheckoutError(`SSH key '${name}' has a passphrase, which the sandbox agent cannot use`);
          writeFileSync(keyFile, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
          env.GIT_SSH_COMMAND = [...ssh, '-o IdentitiesOnly=yes', `-i ${quote(keyFile)}`].join(' ');
          ctx.log.line(`Using SSH key '${name}' uploaded to project ${projectId}`);
          break;
        }
        case 'PRIVATE_KEY_DEFAULT':
          env.GIT_SSH_COMMAND = ssh.join(' ');
          ctx.log.line("Using the agent's default SSH key");
          break;
        case 'PASSWORD': {
          const secret = prop('secure:password');
          ctx.addSecret(secret);
          // A credential helper configured through the environment reads the secret from the environment:
          // never in argv, the URL or .git/config; a refusal reads "Authentication failed", as in TeamCity.
          Object.assign(env, {
            GIT_CONFIG_COUNT: '2',
            GIT_CONFIG_KEY_0: 'credential.helper',
            GIT_CONFIG_VALUE_0: '',
            GIT_CONFIG_KEY_1: 'credential.helper',
            GIT_CONFIG_VALUE_1: '!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" "$TC_VCS_USERNAME" "$TC_VCS_PASSWORD"; }; f',
            TC_VCS_USERNAME: prop('username'),
            TC_VCS_PASSWORD: secret,
          });
          ctx.log.line(`Using username '${prop('username')}' and a password`);
          break;
        }
        case 'ANONYMOUS':
          break;
        default:
          throw new CheckoutError(`VCS root ${root.id}: authentication method '${prop('authMethod')}' is not supported by the sandbox agent`);
      }
      const dest = path.join(ctx.checkoutDir, target);
      // TeamCity updates the kept checkout incrementally; the sandbox clones afresh into the root's target.
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(ctx.checkoutDir, { recursive: true });
      const clone = await git(ctx, ['clone', '--quiet', '--depth', '1', '--single-branch', '--branch', branch, '--', url, dest], env, ctx.checkoutDir);
      if (clone.code !== 0) {
        const lines = clone.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
        const reason =
          lines.find((l) => /denied|Authentication failed|not found|Host key verification failed/i.test(l)) ?? lines.find((l) => l.startsWith('fatal:')) ?? lines.at(-1) ?? `git exited with code ${clone.code}`;
        throw new CheckoutError(`Failed to perform checkout on agent: ${root.name}: ${reason}`);
      }
      const head = await git(ctx, ['rev-parse', 'HEAD'], env, dest);
      ctx.log.line(`Checked out ${url} (${branch} @ ${head.stdout.trim().slice(0, 12)}) into ${target || '.'}`);
    } finally {
      rmSync(keyFile, { force: true });
      ctx.log.close();
    }
  }
}
