import type { AuditReport } from '../contract/reports';
import { audit } from '../operations/audit';
import { bulkCommand } from './bulk-command';

export const auditCommand = () =>
  bulkCommand<object, AuditReport>({
    name: 'audit',
    description: 'list the access keys of repositories with fingerprints and last use',
    prepare: () => ({
      run: (client, targets, reporter) => audit(client, { targets, reporter }),
      summary: ({ keys, failures, repositories }) => ({
        human: [
          ...keys.map((k) => `${k.repo}\t${k.keyId}\t${k.fingerprint ?? '?'}\t${k.type ?? '?'} ${k.bits ?? ''}\t${k.label ?? ''}\tlast used ${k.lastUsed ?? 'never'}`),
          ...failures.map((f) => `${f.repo}: failed (${f.error})`),
          `${keys.length} key(s) on ${repositories - failures.length} of ${repositories}`,
        ].join('\n'),
        failures,
        total: repositories,
      }),
    }),
  });
