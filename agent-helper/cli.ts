import { Command, CommanderError } from 'commander';
import pkg from '../package.json';
import { commandFactories, type CommandName } from './commands/registry';
import { reportFailure } from './output/failure';

const isCommand = (word: string | undefined): word is CommandName => word !== undefined && Object.hasOwn(commandFactories, word);

function commandsNeeded(args: string[]): CommandName[] {
  const word = args.find((arg) => !arg.startsWith('-'));
  if (isCommand(word)) return [word];
  const onlyVersion = word === undefined && args.length > 0 && args.every((arg) => arg === '--version' || arg === '-V');
  return onlyVersion ? [] : (Object.keys(commandFactories) as CommandName[]);
}

export async function buildProgram(args: string[]): Promise<Command> {
  const program = new Command('repo-access')
    .version(pkg.version)
    .description('Bitbucket Cloud access for CI without personal passwords')
    .showSuggestionAfterError(true);
  for (const name of commandsNeeded(args)) program.addCommand(await commandFactories[name]());
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
