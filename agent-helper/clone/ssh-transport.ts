import { usageError } from '../errors';
import { BITBUCKET_KNOWN_HOSTS, checkKnownHostsFile } from './known-hosts';
import type { PrivateDir } from './private-dir';
import { readPrivateKey } from './private-key';

export interface TransportSetup {
  url: string;
  env: Record<string, string>;
}

/** `git@host` → `git@host:ws/slug.git`; `git@host:PORT` → `ssh://git@host:PORT/ws/slug.git`. */
export function sshCloneUrl(gitSsh: string, repo: string): string {
  const match = /^([^@\s/]+@)?([^:\s/]+)(?::(\d+))?$/.exec(gitSsh);
  if (!match) throw usageError(`BITBUCKET_GIT_SSH=${gitSsh}: expected user@host or user@host:port`);
  const [, user = 'git@', host, port] = match;
  return port ? `ssh://${user}${host}:${port}/${repo}.git` : `${user}${host}:${repo}.git`;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * ssh with that key alone: a private copy of the key (ssh wants 0600), `-F none` so no ssh config adds
 * identities or relaxes checks, the pinned known_hosts only, and a passphrase (if any) answered by an
 * askpass script that reads it from the environment — never from argv.
 */
export async function sshTransport(options: {
  repo: string;
  keyFile: string;
  keyFlag: string;
  passphrase?: string;
  gitSsh: string;
  knownHostsPath?: string;
  dir: PrivateDir;
}): Promise<TransportSetup> {
  const url = sshCloneUrl(options.gitSsh, options.repo);
  const key = readPrivateKey(options.keyFile, options.keyFlag);
  if (key.encrypted && options.passphrase === undefined) {
    throw usageError(`${options.keyFlag} ${options.keyFile} is passphrase-protected; set BITBUCKET_SSH_PASSPHRASE or BITBUCKET_SSH_PASSPHRASE_FILE`);
  }
  if (options.knownHostsPath !== undefined) checkKnownHostsFile(options.knownHostsPath);
  const knownHosts = options.knownHostsPath ?? (await options.dir.write('known_hosts', `${BITBUCKET_KNOWN_HOSTS}\n`));
  const keyCopy = await options.dir.write('id', key.text);
  const env: Record<string, string> = {};
  const askpass = key.encrypted && options.passphrase !== undefined;
  if (askpass) {
    env.SSH_ASKPASS = await options.dir.write('askpass', '#!/bin/sh\nprintf \'%s\\n\' "$REPO_ACCESS_SSH_PASSPHRASE"\n', 0o700);
    env.SSH_ASKPASS_REQUIRE = 'force';
    env.REPO_ACCESS_SSH_PASSPHRASE = options.passphrase ?? '';
  }
  const sshOptions = [
    'IdentitiesOnly=yes',
    'IdentityAgent=none',
    `UserKnownHostsFile=${shellQuote(knownHosts)}`,
    'GlobalKnownHostsFile=/dev/null',
    'StrictHostKeyChecking=yes',
    'UpdateHostKeys=no',
    'PreferredAuthentications=publickey',
    'PasswordAuthentication=no',
    'KbdInteractiveAuthentication=no',
    'ConnectTimeout=20',
    'NumberOfPasswordPrompts=1',
    // BatchMode would also silence the askpass that answers the passphrase.
    `BatchMode=${askpass ? 'no' : 'yes'}`,
  ];
  env.GIT_SSH_COMMAND = ['ssh', '-F', 'none', '-i', shellQuote(keyCopy), ...sshOptions.flatMap((option) => ['-o', option])].join(' ');
  env.GIT_SSH_VARIANT = 'ssh';
  return { url, env };
}
