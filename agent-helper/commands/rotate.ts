import { usageError } from '../errors';
import { normalizeFingerprint } from '../keys/fingerprint';
import { readPublicKeyFile } from '../keys/public-key-file';
import type { RotateReport } from '../contract/reports';
import { rotate } from '../operations/rotate';
import { bulkCommand } from './bulk-command';
import { resultLines } from './exit-policy';
import { singleLine } from './parse';
import { keyMatchFrom, type MatchFlags } from './revoke';

export const rotateCommand = () =>
  bulkCommand<MatchFlags & { key: string; newLabel?: string }, RotateReport>({
    name: 'rotate',
    description: 'replace an access key: add the new one, verify it, then remove the old one',
    options: (command) =>
      command
        .requiredOption('--key <new.pub>', 'the new public key')
        .option('--fingerprint <sha256>', 'the old key, SHA256:…')
        .option('--label <label>', 'the old keys, by label', singleLine('--label'))
        .option('--new-label <label>', "label of the new key (default: the old key's)", singleLine('--new-label')),
    prepare(flags) {
      const match = keyMatchFrom(flags);
      const key = readPublicKeyFile(flags.key);
      if ('fingerprint' in match && normalizeFingerprint(match.fingerprint) === key.fingerprint) throw usageError('--key is the same key as --fingerprint; pass the new key');
      return {
        block: `rotate to ${key.fingerprint}`,
        run: (client, targets, reporter) => rotate(client, { targets, key, match, reporter, label: flags.newLabel }),
        summary: ({ summary, results }) => ({
          human: `${resultLines(results)}\nrotated ${summary.rotated}, absent ${summary.absent}, failed ${summary.failed}`,
          failures: results.filter((r) => r.status === 'failed'),
          total: results.length,
        }),
      };
    },
  });
