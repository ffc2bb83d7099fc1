import { Command } from 'commander';
import { usageError } from '../errors';
import type { KeyMatch } from '../operations/key-match';
import { revoke } from '../operations/revoke';
import { targetStream } from '../operations/select';
import { clientFromEnvironment, finish, resultLines, selectionFrom, withConcurrency, withSelection, withWorkspace, type SelectionFlags } from './bitbucket-options';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';
import { singleLine } from './parse';

export interface MatchFlags {
  fingerprint?: string;
  label?: string;
  expectLabel?: string;
}

export function keyMatchFrom(flags: MatchFlags): KeyMatch {
  if ((flags.fingerprint === undefined) === (flags.label === undefined)) throw usageError('say which key: pass exactly one of --fingerprint SHA256:… or --label L');
  if (flags.fingerprint !== undefined) {
    if (!/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/.test(flags.fingerprint)) throw usageError(`--fingerprint ${flags.fingerprint}: expected SHA256:… as 'ssh-keygen -lf' prints it`);
    return flags.expectLabel === undefined ? { fingerprint: flags.fingerprint } : { fingerprint: flags.fingerprint, expectLabel: flags.expectLabel };
  }
  if (flags.expectLabel !== undefined) throw usageError('--expect-label goes with --fingerprint: it names the label the key should carry');
  return { label: flags.label ?? '' };
}

export function revokeCommand(): Command {
  const command = withWorkspace(new Command('revoke').description('delete matching access keys from repositories'))
    .option('--fingerprint <sha256>', 'the key to delete, SHA256:… as ssh-keygen -lf prints it')
    .option('--label <label>', 'delete keys with this label', singleLine('--label'))
    .option('--expect-label <label>', 'with --fingerprint: leave a repository alone (failed) where a key of this label has another fingerprint', singleLine('--expect-label'));
  return withOutputOptions(withConcurrency(withSelection(command, { query: true, project: true }))).action(
    async (flags: SelectionFlags & OutputOptions & MatchFlags) => {
      const selection = selectionFrom(flags);
      const match = keyMatchFrom(flags);
      const client = clientFromEnvironment(flags.concurrency);
      const reporter = reporterFor('revoke', flags);
      const close = reporter.block('revoke');
      const targets = targetStream(client, flags.workspace, selection);
      const outcome = await revoke(client, { targets, match, reporter });
      close();
      const { summary, results } = outcome.report;
      finish(reporter, outcome, `${resultLines(results)}\nremoved ${summary.removed}, absent ${summary.absent}, failed ${summary.failed}`, results.filter((r) => r.status === 'failed'), results.length);
    },
  );
}
