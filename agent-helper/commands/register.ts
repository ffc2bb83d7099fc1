import { readPublicKeyFile } from '../keys/public-key-file';
import type { RegisterReport } from '../contract/reports';
import { register } from '../operations/register';
import { bulkCommand } from './bulk-command';
import { resultLines } from './exit-policy';
import { checkText, singleLine } from './parse';

export const registerCommand = () =>
  bulkCommand<{ key: string; label?: string }, RegisterReport>({
    name: 'register',
    description: 'add a public key as a read-only access key to repositories (idempotent)',
    options: (command) =>
      command
        .requiredOption('--key <path.pub>', 'public key file')
        .option('--label <label>', "the access key's label in Bitbucket (default: the key's comment)", singleLine('--label')),
    prepare(flags) {
      const key = readPublicKeyFile(flags.key);
      return {
        block: `register ${key.fingerprint}`,
        run: (client, targets, reporter) =>
          register(client, { targets, key, label: flags.label ?? (key.comment ? checkText(`the comment of ${flags.key} (the default label)`, key.comment) : 'repo-access'), reporter }),
        summary: (report) => ({
          human: `${resultLines(report.results)}\n${key.fingerprint}: added ${report.summary.added}, present ${report.summary.present}, failed ${report.summary.failed}`,
          failures: report.results.filter((r) => r.status === 'failed'),
          total: report.results.length,
        }),
      };
    },
  });
