import { Command, CommanderError } from 'commander';
import pkg from '../package.json';
import { reportFailure } from './output/failure';
/**
 * Each command module exports `<name>Command(): Command`. Only the module of the command being run is
 * evaluated (all of them for help), so start-up does not pay for zod, sshpk and the others.
 */
const commands: Record<string, () => Promise<Command>> = {
  keygen: async () => (await import(/* webpackMode: "eager" */ './commands/keygen')).keygenCommand(),
  check: async () => (await import(/* webpackMode: "eager" */ './commands/check')).checkCommand(),
  repos: async () => (await import(/* webpackMode: "eager" */ './commands/repos')).reposCommand(),
  register: async () => (await import(/* webpackMode: "eager" */ './commands/register')).registerCommand(),
  revoke: async () => (await import(/* webpackMode: "eager" */ './commands/revoke')).revokeCommand(),
  audit: async () => (await import(/* webpackMode: "eager" */ './commands/audit')).auditCommand(),
  rotate: async () => (await import(/* webpackMode: "eager" */ './commands/rotate')).rotateCommand(),
  clone: async () => (await import(/* webpackMode: "eager" */ './commands/clone')).cloneCommand(),
  operation: async () => (await import(/* webpackMode: "eager" */ './commands/operation')).operationCommand(),
};

function commandsNeeded(args: string[]): string[] {
  const word = args.find((arg) => !arg.startsWith('-'));
  if (word !== undefined && word in commands) return [word];
  const onlyVersion = word === undefined && args.length > 0 && args.every((arg) => arg === '--version' || arg === '-V');
  return onlyVersion ? [] : Object.keys(commands);
}

export async function buildProgram(args: string[]): Promise<Command> {
  const program = new Command('repo-access')
    .version(pkg.version)
    .description('Bitbucket Cloud access for CI without personal passwords')
    .showSuggestionAfterError(true);
  for (const name of commandsNeeded(args)) program.addCommand(await commands[name]!());
  const configure = (command: Command): void => {
    command.exitOverride().configureOutput({
      outputError: (text, write) => write(`repo-access: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}; see 'repo-access ${command.name() === 'repo-access' ? '' : `${command.name()} `}--help'\n`),
    });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Runs the program and returns the contract's exit code; every failure leaves exactly one stderr line. */
export async function main(argv: string[] = process.argv, env: Record<string, string | undefined> = process.env): Promise<number> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportFailure(error, env);
  }
}

void main().then((code) => {
  process.exitCode = code;
});
