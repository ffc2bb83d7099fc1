import { Command, CommanderError } from 'commander';
import pkg from '../package.json';
import { errorMessage, RepoAccessError } from './errors';
import { serviceMessage } from './output/service-messages';
import { auditCommand } from './commands/audit';
import { checkCommand } from './commands/check';
import { cloneCommand } from './commands/clone';
import { keygenCommand } from './commands/keygen';
import { registerCommand } from './commands/register';
import { reposCommand } from './commands/repos';
import { revokeCommand } from './commands/revoke';
import { rotateCommand } from './commands/rotate';

/** Each command module exports `<name>Command(): Command`; they are registered here. */
const commands: Array<() => Command> = [keygenCommand, checkCommand, reposCommand, registerCommand, revokeCommand, auditCommand, rotateCommand, cloneCommand];

export function buildProgram(): Command {
  const program = new Command('repo-access')
    .version(pkg.version)
    .description('Bitbucket Cloud access for CI without personal passwords')
    .showSuggestionAfterError(true);
  for (const make of commands) program.addCommand(make());
  const configure = (command: Command): void => {
    command.exitOverride().configureOutput({
      outputError: (text, write) => write(`repo-access: ${text.replace(/^error: /, '').trim()}; see 'repo-access ${command.name() === 'repo-access' ? '' : `${command.name()} `}--help'\n`),
    });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Runs the program and returns the contract's exit code; every failure leaves exactly one stderr line. */
export async function main(argv: string[] = process.argv, env: Record<string, string | undefined> = process.env): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const known = error instanceof RepoAccessError;
    const line = known ? error.message : `unexpected error: ${errorMessage(error)}`;
    process.stderr.write(`repo-access: ${line}\n`);
    if (!known && env.REPO_ACCESS_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    if (env.TEAMCITY_VERSION) process.stderr.write(`${serviceMessage('buildProblem', { description: line.slice(0, 4000) })}\n`);
    return known ? error.exitCode : 4;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
