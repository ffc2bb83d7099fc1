import { Command } from 'commander';
import { usageError } from '../errors';
import { normalizeFingerprint } from '../keys/fingerprint';
import { readPublicKeyFile } from '../keys/public-key-file';
import { rotate } from '../operations/rotate';
import { targetStream } from '../operations/select';
import { clientFromEnvironment, finish, resultLines, selectionFrom, withConcurrency, withSelection, withWorkspace, type SelectionFlags } from './bitbucket-options';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';
import { singleLine } from './parse';
import { keyMatchFrom, type MatchFlags } from './revoke';

export function rotateCommand(): Command {
  const command = withWorkspace(new Command('rotate').description('replace an access key: add the new one, verify it, then remove the old one'))
    .requiredOption('--key <new.pub>', 'the new public key')
    .option('--fingerprint <sha256>', 'the old key, SHA256:…')
    .option('--label <label>', 'the old keys, by label', singleLine('--label'))
    .option('--new-label <label>', "label of the new key (default: the old key's)", singleLine('--new-label'));
  return withOutputOptions(withConcurrency(withSelection(command, { query: true, project: true }))).action(
    async (flags: SelectionFlags & OutputOptions & MatchFlags & { key: string; newLabel?: string }) => {
      const selection = selectionFrom(flags);
      const match = keyMatchFrom(flags);
      const key = readPublicKeyFile(flags.key);
      if ('fingerprint' in match && normalizeFingerprint(match.fingerprint) === key.fingerprint) throw usageError('--key is the same key as --fingerprint; pass the new key');
      const client = clientFromEnvironment(flags.concurrency);
      const reporter = reporterFor('rotate', flags);
      const close = reporter.block('rotate', `rotate to ${key.fingerprint}`);
      const targets = targetStream(client, flags.workspace, selection);
      const outcome = await rotate(client, { targets, key, match, reporter, ...(flags.newLabel === undefined ? {} : { label: flags.newLabel }) });
      close();
      const { summary, results } = outcome.report;
      finish(reporter, outcome, `${resultLines(results)}\nrotated ${summary.rotated}, absent ${summary.absent}, failed ${summary.failed}`, results.filter((r) => r.status === 'failed'), results.length);
    },
  );
}
