import React from 'react';
import { Button, Message } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { readSettings } from '../project/settings';
import { TaskView, useTask } from '../ui/task';
import { useLoad } from '../ui/load';
import { APP_PASSWORD_SUNSET, migrationCandidates, SSH_HOST_DEADLINE, type Verdict } from './classify';
import { migrateToAccessKey, type MigrationOutcome } from './migrate';
import { ownershipReport } from './report';
import { tableCss } from '../ui/table-styles';

export const badge: Record<Verdict, { className: string; text: string }> = {
  retired: { className: 'ra-badge ra-badge-gone', text: 'retired' },
  personal: { className: 'ra-badge ra-badge-personal', text: 'personal' },
  'service-account': { className: 'ra-badge', text: 'shared service account' },
  unknown: { className: 'ra-badge', text: 'check' },
  'non-personal': { className: 'ra-badge ra-badge-good', text: 'non-personal' },
};

/** "What breaks if someone leaves": every Bitbucket VCS root and stored credential here and below, by owner. */
export function OwnershipSection(): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const [migrated, setMigrated] = React.useState<MigrationOutcome | null>(null);
  // Naming the management credential's owner runs a credentialed build: only when the admin asks.
  const [ownerChecked, setOwnerChecked] = React.useState(false);
  const checkOwner = React.useRef(false);
  const report = useLoad(React.useCallback(async () => ownershipReport(tc, projectId, await readSettings(tc, projectId), { checkOwner: checkOwner.current }), [tc, projectId]));
  const findings = report.value ?? null;
  const task = useTask();

  const scan = () => task.run('Reading VCS roots, credentials and build configurations…', report.reload);
  const checkOwnerNow = () =>
    task.run('Asking Bitbucket who owns the management credential…', async () => {
      checkOwner.current = true;
      try {
        await report.reload();
        setOwnerChecked(true);
      } catch (error) {
        checkOwner.current = false;
        throw error;
      }
    });

  const migrate = () =>
    task.run('Migrating to an access key…', async (onProgress) => {
      if (!findings) return;
      const outcome = await migrateToAccessKey(tc, projectId, await readSettings(tc, projectId), findings, onProgress);
      // The report and the outcome appear together: the table never shows the state before the migration.
      await report.reload();
      setMigrated(outcome);
    });

  const candidates = findings ? migrationCandidates(findings) : { repositories: [], vcsRootIds: [] };
  const atRisk = findings?.filter((f) => f.verdict === 'personal' || f.verdict === 'retired') ?? [];
  const oldSshHost = findings?.filter((f) => f.sshHostMove !== null).length ?? 0;
  const storedPersonal = findings?.some((f) => f.subject === 'stored-credential' && f.verdict === 'personal') ?? false;
  return (
    <section className="ra-card" aria-labelledby="ra-own-title">
      <style>{tableCss}</style>
      <h3 id="ra-own-title">What breaks if someone leaves</h3>
      <p className="ra-muted">
        Personal credentials stop when their owner&apos;s Bitbucket account is removed. App passwords stopped for everyone on {APP_PASSWORD_SUNSET}.
      </p>
      {report.state === 'loading' && !findings ? <p>Reading VCS roots, credentials and build configurations…</p> : null}
      {report.error && !findings ? <Message type="error">{report.error}</Message> : null}
      <TaskView task={task} label="Ownership" />
      {findings && findings.length === 0 ? <p>No Bitbucket VCS roots or stored credentials in this project or its subprojects.</p> : null}
      {findings && findings.length > 0 ? (
        <>
          <Message type={atRisk.length ? 'warning' : 'success'}>
            {atRisk.length
              ? `${atRisk.length} of ${findings.length} depend on a person (or are already broken).`
              : 'Nothing here depends on a person.'}
          </Message>
          {oldSshHost ? (
            <Message type="warning">
              {oldSshHost} VCS {oldSshHost === 1 ? 'root still clones' : 'roots still clone'} over SSH from bitbucket.org, which stops serving git over SSH on {SSH_HOST_DEADLINE}:
              change {oldSshHost === 1 ? 'its URL' : 'their URLs'} to ssh.bitbucket.org (marked below).
            </Message>
          ) : null}
          <table className="ra-wf-table" aria-label="Ownership report">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Kind</th>
                <th scope="col">Owner</th>
                <th scope="col">Repositories</th>
                <th scope="col">Build configurations</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => (
                <tr key={f.id} data-verdict={f.verdict} data-ssh-host={f.sshHostMove ? 'moving' : undefined}>
                  <td>
                    {f.subject === 'vcs-root' ? `VCS root ${f.name}` : f.name}
                    <span className={badge[f.verdict].className}>{badge[f.verdict].text}</span>
                    {f.sshHostMove ? <span className="ra-badge ra-badge-personal">SSH host moves</span> : null}
                    <div className="ra-muted" style={{ fontSize: 12 }}>
                      {f.explanation}
                    </div>
                    {f.sshHostMove ? <div style={{ fontSize: 12 }}>{f.sshHostMove}</div> : null}
                  </td>
                  <td>{f.kind}</td>
                  <td>{f.owner ?? '—'}</td>
                  <td>{f.repositories.join(', ') || '—'}</td>
                  <td>{f.dependents.map((d) => d.name).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="ra-actions">
            <Button primary onClick={() => void migrate()} disabled={task.busy !== null || candidates.repositories.length === 0}>
              Migrate {candidates.repositories.length} {candidates.repositories.length === 1 ? 'repository' : 'repositories'} to an access key
            </Button>
            <Button onClick={() => void scan()} disabled={task.busy !== null}>
              Scan again
            </Button>
            {storedPersonal && !ownerChecked ? (
              <Button onClick={() => void checkOwnerNow()} disabled={task.busy !== null}>
                Check who owns the management credential
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
      {migrated ? (
        <Message type={migrated.skipped.length ? 'warning' : 'success'}>
          Access key {migrated.label}: {migrated.roots.length} VCS roots moved to it
          {migrated.skipped.length ? `; ${migrated.skipped.join(', ')} kept their old settings (the key could not be registered there)` : ''}.
        </Message>
      ) : null}
    </section>
  );
}
