import { Command } from 'commander';
import { readPublicKeyFile } from '../keys/public-key-file';
import { register } from '../operations/register';
import { targetStream } from '../operations/select';
import { clientFromEnvironment, finish, resultLines, selectionFrom, withConcurrency, withSelection, withWorkspace, type SelectionFlags } from './bitbucket-options';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';
import { checkText, singleLine } from './parse';

export function registerCommand(): Command {
  const command = withWorkspace(new Command('register').description('add a public key as a read-only access key to repositories (idempotent)'))
    .requiredOption('--key <path.pub>', 'public key file')
    .option('--label <label>', "the access key's label in Bitbucket (default: the key's comment)", singleLine('--label'));
  return withOutputOptions(withConcurrency(withSelection(command, { query: true, project: true }))).action(
    async (flags: SelectionFlags & OutputOptions & { key: string; label?: string }) => {
      const selection = selectionFrom(flags);
      const key = readPublicKeyFile(flags.key);
      const client = clientFromEnvironment(flags.concurrency);
      const reporter = reporterFor('register', flags);
      const close = reporter.block('register', `register ${key.fingerprint}`);
      const targets = targetStream(client, flags.workspace, selection);
      const outcome = await register(client, { targets, key, label: flags.label ?? (key.comment ? checkText(`the comment of ${flags.key} (the default label)`, key.comment) : 'repo-access'), reporter });
      close();
      const { report } = outcome;
      const human = `${resultLines(report.results)}\n${key.fingerprint}: added ${report.summary.added}, present ${report.summary.present}, failed ${report.summary.failed}`;
      finish(reporter, outcome, human, report.results.filter((r) => r.status === 'failed'), report.results.length);
    },
  );
}
