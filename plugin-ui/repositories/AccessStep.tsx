import React from 'react';
import { Button, Message } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { newKeyLabel, readSettings, type WorkflowSettings } from '../project/settings';
import { keyRecordParameter, type KeyRecord } from '../project/key-records';
import { TaskView } from '../ui/task';
import { emptyPlan, planRoots } from '../versioned/plan';
import { GitEndpoints } from './GitEndpoints';
import { registrationTarget, type Repository } from './picker/model';
import { provision, type ProvisionOutcome } from './provision/provision';
import type { StepProps } from './step-props';
import { upsertVcsRoot, type RootAuth } from './vcs/roots';

interface AccessStepProps extends StepProps {
  readonly onSettingsChanged: () => Promise<unknown>;
  /** The project's VCS roots changed: what "Add to builds" attaches is read again. */
  readonly onRootsChanged: () => Promise<unknown>;
}

/** Step 2: an access key registered on the selected repositories (or the HTTPS credential), and their VCS roots. */
export function AccessStep(props: AccessStepProps): React.ReactElement {
  const { settings, state, dispatch, task, listing, chosen, readOnly, commitNote, onSettingsChanged, onRootsChanged } = props;
  const { projectId, tc } = useRepoAccess();
  const mode = settings.mode;

  const createRoots = async (current: WorkflowSettings, repos: readonly Repository[], keyName: string | null, record?: KeyRecord): Promise<void> => {
    const auth: RootAuth = keyName ? { kind: 'ssh-key', keyName } : { kind: 'https', mode };
    if (readOnly) {
      const planned = await planRoots(tc, projectId, repos, current, auth);
      dispatch({ type: 'roots-planned', plan: { ...emptyPlan(), roots: planned, parameters: record ? [{ ...keyRecordParameter(record), password: false }] : [] } });
      return;
    }
    const outcomes = [];
    for (const repo of repos) outcomes.push(await upsertVcsRoot(tc, projectId, repo, current, auth));
    dispatch({ type: 'roots-written', roots: outcomes });
    await onRootsChanged();
  };

  const runProvision = () =>
    task.run(`Creating an access key for ${chosen.length} repositories…`, async (onProgress) => {
      if (!listing) return;
      dispatch({ type: 'provisioning' });
      const target = registrationTarget(listing.catalog, state.selection);
      const outcome = await provision(tc, projectId, {
        settings: await readSettings(tc, projectId),
        scope: { projects: target.projects, slugs: target.repos.map((r) => r.slug) },
        label: newKeyLabel(projectId),
        onProgress,
        saveRecord: !readOnly,
      });
      dispatch({ type: 'provisioned', outcome });
      const covered = chosen.filter((r) => outcome.record.repos.includes(r.fullName) || (r.project !== null && outcome.record.projects.includes(r.project)));
      await createRoots(outcome.settings, covered, outcome.record.label, outcome.record);
    });

  const runHttpsRoots = () =>
    task.run(`Creating ${chosen.length} VCS roots…`, async () => {
      await createRoots(await readSettings(tc, projectId), chosen, null);
    });

  const busy = task.busy !== null;
  const count = `${chosen.length} ${chosen.length === 1 ? 'repository' : 'repositories'}`;
  return (
    <section className="ra-card" aria-labelledby="ra-wf-access">
      <h3 id="ra-wf-access">2. Access</h3>
      <GitEndpoints settings={settings} onSaved={() => void onSettingsChanged()} />
      {mode === 'access-key' ? (
        <>
          <p>
            One new SSH key, registered as a read-only access key on the selected repositories (whole projects get one project-level key). Its
            private half goes straight into this project's SSH keys; it is never shown, logged or stored anywhere else.
          </p>
          {commitNote}
          <Button primary onClick={() => void runProvision()} disabled={busy || chosen.length === 0}>
            Create access key for {count}
          </Button>
        </>
      ) : mode === 'oauth' ? (
        <p>OAuth consumer tokens live two hours: builds clone with the &quot;Clone with Repo Access&quot; step below, which renews them.</p>
      ) : (
        <>
          <p>VCS roots over HTTPS that refer to the stored credential (it is not copied).</p>
          {commitNote}
          <Button primary onClick={() => void runHttpsRoots()} disabled={busy || chosen.length === 0}>
            Create VCS roots for {count}
          </Button>
        </>
      )}
      <TaskView task={task} label="Repo Access build" />
      {state.provisioned ? <ProvisionResults outcome={state.provisioned} /> : null}
      {state.roots.length > 0 ? (
        <table className="ra-wf-table" aria-label="VCS roots">
          <thead>
            <tr>
              <th scope="col">Repository</th>
              <th scope="col">VCS root id</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {state.roots.map((root) => (
              <tr key={root.id}>
                <td>{root.repo}</td>
                <td>
                  <code>{root.id}</code>
                </td>
                <td>{root.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ProvisionResults({ outcome }: { outcome: ProvisionOutcome }): React.ReactElement {
  const failed = outcome.results.filter((r) => r.status === 'failed');
  return (
    <div>
      <Message type={failed.length ? 'warning' : 'success'}>
        Key {outcome.record.label} ({outcome.record.fingerprint}) uploaded to this project&apos;s SSH keys;{' '}
        {outcome.results.length - failed.length} of {outcome.results.length} registered.
        {failed.length ? ` ${failed.length} failed: run again to retry them.` : ''}
      </Message>
      <ul aria-label="Registration results">
        {outcome.results.map((r) => (
          <li key={r.repo}>
            {r.repo}: {r.status}
            {r.error ? ` (${r.error})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
