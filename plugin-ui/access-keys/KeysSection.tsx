import React from 'react';
import { Button, Confirm, Message } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { listKeyRecords, type KeyRecord } from '../project/key-records';
import { readSettings } from '../project/settings';
import { TaskView, useTask } from '../ui/task';
import type { OperationProgress } from '../teamcity';
import { useLoad } from '../ui/load';
import { propertyOf } from '../repositories/vcs/roots';
import { auditKeys, missingKeys, planRotation, registerAgain, revokeKey, rotateKey, type MissingKey, type RotationStage } from './operations';
import { readVersionedSettings } from '../versioned/detect';
import type { SettingsPlan } from '../versioned/kotlin';
import type { CheckResult } from '../versioned/plan';
import type { AuditRow } from '../teamcity/reports';
import { tableCss } from '../ui/table-styles';
import { lazyComponent } from '../ui/lazy';

// Key health is not needed at first paint: its own chunk keeps bundle.js under 40 KB gzip.
const SnippetView = lazyComponent(() => import(/* webpackChunkName: "settings-files" */ '../versioned/SnippetView').then((m) => m.SnippetView));
const KeyHealthPanel = lazyComponent(() => import(/* webpackChunkName: "key-health" */ './KeyHealthPanel').then((m) => m.KeyHealthPanel));

const stageText: Record<RotationStage, string> = {
  'new-key': 'Creating and registering the new key…',
  switch: 'Switching TeamCity (SSH key, VCS roots) to the new key…',
  'revoke-old': 'Revoking the old key…',
  done: 'Done.',
};

/** A rotation on a project whose settings are read-only: the change to commit, and the old key to revoke once it is in. */
interface PendingRotation {
  old: KeyRecord;
  plan: SettingsPlan;
  format: 'kotlin' | 'xml';
  /** False when the new key is not registered everywhere the old one is: nothing switches, nothing to revoke. */
  switches: boolean;
}

const noBuildTypes = () => Promise.resolve([]);

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : 'never');

/** The project's access keys: an audit table from Bitbucket, rotate and revoke. */
export function KeysSection(): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const loaded = useLoad(React.useCallback(() => listKeyRecords(tc, projectId), [tc, projectId]));
  const [audit, setAudit] = React.useState<AuditRow[] | null>(null);
  const [missing, setMissing] = React.useState<MissingKey[]>([]);
  const [note, setNote] = React.useState<{ type: 'success' | 'warning'; text: string } | null>(null);
  const [confirming, setConfirming] = React.useState<{ record: KeyRecord; roots: string[] } | null>(null);
  const [pending, setPending] = React.useState<PendingRotation | null>(null);
  const [pendingCheck, setPendingCheck] = React.useState<CheckResult | null>(null);
  const [checked, setChecked] = React.useState<{ workspace: string; rootsByKey: ReadonlyMap<string, string[]> } | null>(null);
  /** The card whose action the task runs: its progress shows there. */
  const [origin, setOrigin] = React.useState<'keys' | 'health'>('keys');
  const task = useTask();

  const records = loaded.value;
  if (!records) return loaded.error ? <Message type="error">{loaded.error}</Message> : <p className="ra-muted">Loading…</p>;

  const audited = async (current: KeyRecord[], onProgress: (p: OperationProgress) => void) => {
    const settings = await readSettings(tc, projectId);
    const rows = await auditKeys(tc, projectId, settings, current, onProgress);
    const rootsByKey = new Map<string, string[]>();
    for (const root of await tc.vcsRoots(projectId)) {
      const key = propertyOf(root, 'teamcitySshKey');
      if (key) rootsByKey.set(key, [...(rootsByKey.get(key) ?? []), root.name]);
    }
    setAudit(rows);
    setChecked({ workspace: settings.workspace, rootsByKey });
    setMissing(missingKeys(current, rows, rootsByKey, settings.workspace));
  };

  /** Runs `work` as the one task, its progress shown in the card `from`. */
  const runIn: <T>(from: 'keys' | 'health', label: string, work: (onProgress: (p: OperationProgress) => void) => Promise<T>) => Promise<T | undefined> = (from, label, work) => {
    setOrigin(from);
    return task.run(label, work);
  };

  const runAudit = () => runIn('keys', 'Reading the access keys from Bitbucket…', (onProgress) => audited(records, onProgress));

  const registerMissing = (found: MissingKey) =>
    runIn('keys', `Registering ${found.record.label} again…`, async (onProgress) => {
      setNote(null);
      const left = await registerAgain(tc, projectId, await readSettings(tc, projectId), found, onProgress);
      setMissing((current) => current.filter((m) => m.record.label !== found.record.label));
      setNote(left.length ? { type: 'warning', text: `${found.record.label} could not be registered again on ${left.join(', ')}; see the build log.` } : { type: 'success', text: `${found.record.label} is registered again; its VCS roots work again.` });
    });

  const rotate = (record: KeyRecord) =>
    runIn('keys', `Rotating ${record.label}…`, async (onProgress) => {
      setNote(null);
      const versioned = await readVersionedSettings(tc, projectId);
      if (versioned.kind === 'read-only') return rotateReadOnly(record, versioned.format, onProgress);
      const outcome = await rotateKey(tc, projectId, await readSettings(tc, projectId), record, {
        progress: onProgress,
        stage: (stage) => setNote({ type: 'success', text: stageText[stage] }),
      });
      await loaded.reload();
      setAudit(null);
      setMissing([]);
      setNote(
        outcome.leftOnOld.length
          ? { type: 'warning', text: `The new key ${outcome.record.label} could not be registered on ${outcome.leftOnOld.join(', ')}; nothing was switched. Rotate again.` }
          : { type: 'success', text: `Rotated to ${outcome.record.label} (${outcome.record.fingerprint}); ${outcome.switchedRoots.length} VCS roots switched, old key revoked.` },
      );
    });

  // The settings sync would undo a write: the new key is uploaded, the roots' switch and the records are to commit.
  const rotateReadOnly = async (record: KeyRecord, format: 'kotlin' | 'xml', onProgress: (p: OperationProgress) => void) => {
    setPending(null);
    setPendingCheck(null);
    const outcome = await planRotation(tc, projectId, await readSettings(tc, projectId), record, onProgress);
    const switches = outcome.leftOnOld.length === 0;
    setPending({ old: record, plan: outcome.plan, format, switches });
    setNote(
      switches
        ? { type: 'success', text: `New key ${outcome.record.label} (${outcome.record.fingerprint}) registered and uploaded. Commit the change below: ${outcome.plan.changedRoots?.length ?? 0} VCS roots move to it. ${record.label} stays until then.` }
        : { type: 'warning', text: `The new key ${outcome.record.label} could not be registered on ${outcome.leftOnOld.join(', ')}; no root moves to it. Commit its record below so that it can be revoked, or rotate again.` },
    );
  };

  const askRevoke = (record: KeyRecord) =>
    runIn('keys', 'Looking for VCS roots that use the key…', async () => {
      const roots = (await tc.vcsRoots(projectId)).filter((root) => propertyOf(root, 'teamcitySshKey') === record.label).map((root) => root.name);
      setConfirming({ record, roots });
    });

  const revoke = (record: KeyRecord) =>
    runIn('keys', `Revoking ${record.label}…`, async (onProgress) => {
      setConfirming(null);
      setNote(null);
      const outcome = await revokeKey(tc, projectId, await readSettings(tc, projectId), record, onProgress);
      if (outcome.removedFromTeamCity && pending?.old.label === record.label) setPending(null);
      await loaded.reload();
      setAudit(null);
      setMissing([]);
      setNote(
        outcome.removedFromTeamCity
          ? {
              type: 'success',
              text:
                `${record.label} revoked in Bitbucket and removed from TeamCity. VCS roots that used it stop working.` +
                (outcome.recordLeft ? ` Its record, the project parameter ${outcome.recordLeft}, lives in the settings repository: delete it there.` : ''),
            }
          : { type: 'warning', text: `Revoking ${record.label} failed (${outcome.failed.join('; ')}); it stays in TeamCity. Try again.` },
      );
    });

  const busy = task.busy !== null;
  return (
    <div>
      <style>{tableCss}</style>
      <section className="ra-card" aria-labelledby="ra-keys-title">
        <h3 id="ra-keys-title">Access keys of this project</h3>
        {records.length === 0 ? <p className="ra-muted">No access keys yet: create one under Repositories.</p> : null}
        {records.length > 0 ? (
          <table className="ra-wf-table" aria-label="Access keys">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Created</th>
                <th scope="col">Covers</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.label}>
                  <td>{record.label}</td>
                  <td>
                    <code>{record.fingerprint}</code>
                  </td>
                  <td className="ra-nowrap">{day(record.created)}</td>
                  <td>{[...record.projects.map((p) => `project ${p}`), ...record.repos].join(', ')}</td>
                  <td>
                    <div className="ra-actions">
                      <Button onClick={() => void rotate(record)} disabled={busy} aria-label={`Rotate ${record.label}`}>
                        Rotate
                      </Button>
                      <Button onClick={() => void askRevoke(record)} disabled={busy} aria-label={`Revoke ${record.label}`}>
                        Revoke
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="ra-actions">
          <Button onClick={() => void runAudit()} disabled={busy || records.length === 0}>
            Audit in Bitbucket
          </Button>
        </div>
        {confirming ? (
          <Confirm label="Confirm revoking" confirm="Confirm revoke" danger busy={busy} onConfirm={() => void revoke(confirming.record)} onCancel={() => setConfirming(null)}>
            Revoke {confirming.record.label}? It is removed from Bitbucket and from this project&apos;s SSH keys.{' '}
            {confirming.roots.length
              ? `${confirming.roots.length} VCS root(s) use it and stop working: ${confirming.roots.join(', ')}. Rotate instead to keep them working.`
              : 'No VCS root uses it.'}
          </Confirm>
        ) : null}
        {missing.map((found) => (
          <div key={found.record.label} role="group" aria-label={`${found.record.label} missing in Bitbucket`}>
            <Message type="warning">
              Bitbucket no longer has {found.record.label} on {[...found.missing.projects.map((p) => `project ${p}`), ...found.missing.slugs].join(', ')}, but{' '}
              {found.roots.length} VCS root(s) rely on it: {found.roots.join(', ')}. Bitbucket drops the access keys an OAuth consumer added when the consumer is changed.
            </Message>
            <div className="ra-actions">
              <Button primary onClick={() => void registerMissing(found)} disabled={busy}>
                Register {found.record.label} again
              </Button>
            </div>
          </div>
        ))}
        {origin === 'keys' ? <TaskView task={task} label="Repo Access build" /> : null}
        {note ? <Message type={note.type}>{note.text}</Message> : null}
        {pending ? (
          <div role="group" aria-label={`Rotation of ${pending.old.label} to commit`}>
            <SnippetView
              plan={pending.plan}
              format={pending.format}
              buildTypes={noBuildTypes}
              onRecheck={async (check) => {
                await loaded.reload();
                setPendingCheck(check);
              }}
            />
            {pending.switches && pendingCheck && pendingCheck.missing.length === 0 && pendingCheck.oldRoots.length === 0 ? (
              <>
                <Message type="success">No VCS root uses {pending.old.label} any more: revoke it.</Message>
                <div className="ra-actions">
                  <Button primary onClick={() => void askRevoke(pending.old)} disabled={busy}>
                    Revoke {pending.old.label}
                  </Button>
                </div>
              </>
            ) : null}
          </div>
        ) : null}
      </section>
      <KeyHealthPanel
        records={records}
        audit={audit}
        checked={checked}
        busy={busy}
        run={async (label, work) => {
          setNote(null);
          await runIn('health', label, work);
        }}
        refresh={async (onProgress) => audited(await loaded.reload(), onProgress)}
      >
        {origin === 'health' ? <TaskView task={task} label="Repo Access build" /> : null}
      </KeyHealthPanel>
      {audit ? (
        <section className="ra-card" aria-labelledby="ra-audit-title">
          <h3 id="ra-audit-title">Access keys in Bitbucket</h3>
          <table className="ra-wf-table" aria-label="Audit">
            <thead>
              <tr>
                <th scope="col">Repository</th>
                <th scope="col">Label</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((row) => (
                <tr key={`${row.repo}#${row.keyId}`}>
                  <td>{row.repo}</td>
                  <td>{row.label ?? ''}</td>
                  <td>
                    <code>{row.fingerprint ?? '?'}</code>
                  </td>
                  <td className="ra-nowrap">{day(row.createdOn)}</td>
                  <td className="ra-nowrap">{day(row.lastUsed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
