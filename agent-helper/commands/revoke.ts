import { usageError } from '../errors';
import type { KeyMatch } from '../operations/key-match';
import type { RevokeReport } from '../contract/reports';
import { revoke } from '../operations/revoke';
import { bulkCommand } from './bulk-command';
import { resultLines } from './exit-policy';
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
    return { fingerprint: flags.fingerprint, expectLabel: flags.expectLabel };
  }
  if (flags.expectLabel !== undefined) throw usageError('--expect-label goes with --fingerprint: it names the label the key should carry');
  return { label: flags.label ?? '' };
}

export const revokeCommand = () =>
  bulkCommand<MatchFlags, RevokeReport>({
    name: 'revoke',
    description: 'delete matching access keys from repositories',
    options: (command) =>
      command
        .option('--fingerprint <sha256>', 'the key to delete, SHA256:… as ssh-keygen -lf prints it')
        .option('--label <label>', 'delete keys with this label', singleLine('--label'))
        .option('--expect-label <label>', 'with --fingerprint: leave a repository alone (failed) where a key of this label has another fingerprint', singleLine('--expect-label')),
    prepare(flags) {
      const match = keyMatchFrom(flags);
      return {
        run: (client, targets, reporter) => revoke(client, { targets, match, reporter }),
        summary: ({ summary, results }) => ({
          human: `${resultLines(results)}\nremoved ${summary.removed}, absent ${summary.absent}, failed ${summary.failed}`,
          failures: results.filter((r) => r.status === 'failed'),
          total: results.length,
        }),
      };
    },
  });
