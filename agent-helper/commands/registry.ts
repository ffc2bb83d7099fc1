import type { Command } from 'commander';

/**
 * Each command module exports `<name>Command(): Command`. Only the module of the command being run is
 * evaluated (all of them for help), so start-up does not pay for zod, sshpk and the others.
 */
export const commandFactories = {
  keygen: async () => (await import(/* webpackMode: "eager" */ './keygen')).keygenCommand(),
  check: async () => (await import(/* webpackMode: "eager" */ './check')).checkCommand(),
  repos: async () => (await import(/* webpackMode: "eager" */ './repos')).reposCommand(),
  register: async () => (await import(/* webpackMode: "eager" */ './register')).registerCommand(),
  revoke: async () => (await import(/* webpackMode: "eager" */ './revoke')).revokeCommand(),
  audit: async () => (await import(/* webpackMode: "eager" */ './audit')).auditCommand(),
  rotate: async () => (await import(/* webpackMode: "eager" */ './rotate')).rotateCommand(),
  clone: async () => (await import(/* webpackMode: "eager" */ './clone')).cloneCommand(),
  operation: async () => (await import(/* webpackMode: "eager" */ './operation')).operationCommand(),
} satisfies Record<string, () => Promise<Command>>;

export type CommandName = keyof typeof commandFactories;
