import { Command } from 'commander';
import { check } from '../operations/check';
import { clientFromEnvironment } from './client-wiring';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';

export function checkCommand(): Command {
  return withOutputOptions(new Command('check').description('authenticate and say as whom, and whether the credential is personal')).action(
    async (flags: OutputOptions) => {
      const reporter = reporterFor('check', flags);
      const result = await check(clientFromEnvironment());
      const who = `${result.mode}: ${result.account.kind} ${result.account.name} (${result.account.uuid})${result.personal ? ', personal' : ''}`;
      reporter.result(result, [who, ...result.warnings.map((w) => `warning: ${w}`)].join('\n'));
    },
  );
}
