import { Command } from 'commander';
import { audit } from '../operations/audit';
import { targetStream } from '../operations/select';
import { clientFromEnvironment, finish, selectionFrom, withConcurrency, withSelection, withWorkspace, type SelectionFlags } from './bitbucket-options';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';

export function auditCommand(): Command {
  const command = withWorkspace(new Command('audit').description('list the access keys of repositories with fingerprints and last use'));
  return withOutputOptions(withConcurrency(withSelection(command, { query: true, project: true }))).action(async (flags: SelectionFlags & OutputOptions) => {
    const selection = selectionFrom(flags);
    const client = clientFromEnvironment(flags.concurrency);
    const reporter = reporterFor('audit', flags);
    const close = reporter.block('audit');
    const outcome = await audit(client, { targets: targetStream(client, flags.workspace, selection), reporter });
    close();
    const { keys, failures, repositories } = outcome.report;
    const human = [
      ...keys.map((k) => `${k.repo}\t${k.keyId}\t${k.fingerprint ?? '?'}\t${k.type ?? '?'} ${k.bits ?? ''}\t${k.label ?? ''}\tlast used ${k.lastUsed ?? 'never'}`),
      ...failures.map((f) => `${f.repo}: failed (${f.error})`),
      `${keys.length} key(s) on ${repositories - failures.length} of ${repositories}`,
    ].join('\n');
    finish(reporter, outcome, human, failures, repositories);
  });
}
