import React from 'react';
import { Button, Message } from '../ui/kit';
import { useRepoAccess } from '../app/context';
import { listBuildTypes, type BuildType } from './clone-step/build-types';
import { attachVcsRoot, ensureCloneStep } from './clone-step/step';
import { buildCatalog, registrationTarget, selectedRepositories, type Catalog, type Repository } from './picker/model';
import { RepositoryPicker } from './picker/RepositoryPicker';
import { cachedRepositories, loadRepositories } from './picker/source';
import { provision, type ProvisionOutcome } from './provision/provision';
import { GitEndpoints } from './GitEndpoints';
import { keyRecordParameter, type KeyRecord } from '../access-keys/keys';
import { newKeyLabel, readSettings, type WorkflowSettings } from '../app/settings';
import { TaskView, errorText, useTask } from '../ui/task';
import { upsertVcsRoot, type RootOutcome } from './vcs/roots';
import type { SettingsPlan } from '../versioned/kotlin';
import { emptyPlan, planAttach, planCloneStep, planRoots } from '../versioned/plan';
import { useVersionedSettings } from '../versioned/VersionedView';
import { tableCss } from '../ui/table-styles';
import { lazyComponent } from '../ui/lazy';

// Only read-only projects get it: its renderers and zip writer stay out of bundle.js.
const SnippetView = lazyComponent(() => import(/* webpackChunkName: "settings-files" */ '../versioned/SnippetView').then((m) => m.SnippetView));

interface Listing {
  catalog: Catalog;
  buildId: number;
  fromCache: boolean;
}

/** Pick repositories → provision an access key (or use the HTTPS credential) → VCS roots → builds. */
export function WorkflowSection(): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const [settings, setSettings] = React.useState<WorkflowSettings | null>(null);
  const [listing, setListing] = React.useState<Listing | null>(null);
  const [selection, setSelection] = React.useState<Set<string>>(new Set());
  const [provisioned, setProvisioned] = React.useState<ProvisionOutcome | null>(null);
  const [roots, setRoots] = React.useState<RootOutcome[]>([]);
  const [buildTypes, setBuildTypes] = React.useState<BuildType[]>([]);
  const [chosenBuilds, setChosenBuilds] = React.useState<Set<string>>(new Set());
  const [buildNote, setBuildNote] = React.useState<string | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const task = useTask();
  const versioned = useVersionedSettings();
  // Editing off: the sync would undo any write, so the change becomes settings to commit instead.
  const readOnly = versioned?.kind === 'read-only';
  const [plan, setPlan] = React.useState<SettingsPlan | null>(null);

  React.useEffect(() => {
    let live = true;
    (async () => {
      const loaded = await readSettings(tc, projectId);
      if (!live) return;
      setSettings(loaded);
      if (!loaded.workspace) return;
      const cached = await loadCachedOnly();
      if (live && cached) setListing(cached);
      const types = await listBuildTypes(tc, projectId);
      if (live) setBuildTypes(types);
    })().catch((error: unknown) => live && setLoadError(errorText(error)));
    return () => {
      live = false;
    };
  }, [tc, projectId]);

  async function loadCachedOnly(): Promise<Listing | null> {
    const result = await cachedRepositories(tc, projectId);
    return result && { catalog: buildCatalog(result.repositories), buildId: result.buildId, fromCache: true };
  }

  if (loadError) return <Message type="error">{loadError}</Message>;
  if (!settings) return <p className="ra-muted">Loading…</p>;
  if (!settings.workspace || !settings.mode) {
    return <Message type="warning">Choose the way in and the workspace under Connection first, then come back to pick repositories.</Message>;
  }
  const mode = settings.mode;
  const chosen: Repository[] = listing ? selectedRepositories(listing.catalog, selection) : [];

  const list = (refresh: boolean) =>
    task.run(refresh ? `Listing the repositories of ${settings.workspace}…` : 'Loading…', async (onProgress) => {
      const result = await loadRepositories(tc, projectId, settings, { refresh, onProgress });
      setSettings(await readSettings(tc, projectId));
      setListing({ catalog: buildCatalog(result.repositories), buildId: result.buildId, fromCache: result.fromCache });
      const known = new Set(result.repositories.map((r) => r.fullName));
      setSelection((current) => new Set([...current].filter((name) => known.has(name))));
    });

  const createRoots = async (current: WorkflowSettings, repos: Repository[], keyName: string | null, record?: KeyRecord): Promise<RootOutcome[]> => {
    if (readOnly) {
      const planned = await planRoots(tc, projectId, repos, current, keyName ? { kind: 'ssh-key', keyName } : { kind: 'https', mode });
      setPlan({ ...emptyPlan(), roots: planned, parameters: record ? [{ ...keyRecordParameter(record), password: false }] : [] });
      return [];
    }
    const outcomes: RootOutcome[] = [];
    for (const repo of repos) {
      outcomes.push(await upsertVcsRoot(tc, projectId, repo, current, keyName ? { kind: 'ssh-key', keyName } : { kind: 'https', mode }));
    }
    setRoots(outcomes);
    return outcomes;
  };

  const runProvision = () =>
    task.run(`Creating an access key for ${chosen.length} repositories…`, async (onProgress) => {
      if (!listing) return;
      setProvisioned(null);
      setRoots([]);
      const current = await readSettings(tc, projectId);
      const target = registrationTarget(listing.catalog, selection);
      const outcome = await provision(tc, projectId, {
        settings: current,
        scope: { projects: target.projects, slugs: target.repos.map((r) => r.slug) },
        label: newKeyLabel(projectId),
        onProgress,
        saveRecord: !readOnly,
      });
      setProvisioned(outcome);
      const covered = chosen.filter((r) => outcome.record.repos.includes(r.fullName) || (r.project !== null && outcome.record.projects.includes(r.project)));
      await createRoots(outcome.settings, covered, outcome.record.label, outcome.record);
    });

  const runHttpsRoots = () =>
    task.run(`Creating ${chosen.length} VCS roots…`, async () => {
      await createRoots(await readSettings(tc, projectId), chosen, null);
    });

  const addToBuilds = () =>
    task.run('Adding the repositories to the build configurations…', async () => {
      setBuildNote(null);
      const targets = buildTypes.filter((bt) => chosenBuilds.has(bt.id));
      const current = await readSettings(tc, projectId);
      const lines: string[] = [];
      if (readOnly) {
        const base = plan ?? emptyPlan();
        const builds = [];
        for (const bt of targets) builds.push(mode === 'access-key' ? await planAttach(tc, bt, base.roots, current) : planCloneStep(bt, chosen.map((r) => r.fullName)));
        setPlan({ ...base, builds: [...base.builds.filter((b) => !chosenBuilds.has(b.buildTypeId)), ...builds] });
        return;
      }
      for (const bt of targets) {
        if (mode === 'access-key') {
          for (const root of roots) {
            const { status, replaced } = await attachVcsRoot(tc, bt, root.id, root.repo, current);
            lines.push(`${bt.name ?? bt.id}: ${root.repo} ${status}${replaced.length ? `, in place of ${replaced.join(', ')} (left in the project, unattached)` : ''}`);
          }
        } else {
          lines.push(`${bt.name ?? bt.id}: clone step ${await ensureCloneStep(tc, bt, chosen.map((r) => r.fullName))}`);
        }
      }
      setBuildTypes(await listBuildTypes(tc, projectId));
      setBuildNote(lines.join('\n'));
    });

  const busy = task.busy !== null;
  const commitNote =
    versioned?.kind === 'two-way' ? <p className="ra-muted">TeamCity will commit this change to {versioned.repository} as you.</p> : null;
  const plannedRoots = plan?.roots.length ?? 0;
  return (
    <div>
      <style>{tableCss}</style>
      <section className="ra-card" aria-labelledby="ra-wf-repos">
        <h3 id="ra-wf-repos">1. Repositories of {settings.workspace}</h3>
        <div className="ra-actions" style={{ marginBottom: 8 }}>
          <Button onClick={() => void list(true)} disabled={busy}>
            {listing ? 'Refresh the list' : 'List repositories'}
          </Button>
          {listing ? <span className="ra-muted">From build #{listing.buildId}{listing.fromCache ? ' (cached)' : ''}</span> : null}
        </div>
        {listing ? <RepositoryPicker catalog={listing.catalog} selection={selection} onSelectionChange={setSelection} /> : null}
      </section>

      <section className="ra-card" aria-labelledby="ra-wf-access">
        <h3 id="ra-wf-access">2. Access</h3>
        <GitEndpoints settings={settings} onSaved={() => void readSettings(tc, projectId).then(setSettings)} />
        {mode === 'access-key' ? (
          <>
            <p>
              One new SSH key, registered as a read-only access key on the selected repositories (whole projects get one project-level key). Its
              private half goes straight into this project's SSH keys; it is never shown, logged or stored anywhere else.
            </p>
            {commitNote}
            <Button primary onClick={() => void runProvision()} disabled={busy || chosen.length === 0}>
              Create access key for {chosen.length} {chosen.length === 1 ? 'repository' : 'repositories'}
            </Button>
          </>
        ) : mode === 'oauth' ? (
          <p>OAuth consumer tokens live two hours: builds clone with the &quot;Clone with Repo Access&quot; step below, which renews them.</p>
        ) : (
          <>
            <p>VCS roots over HTTPS that refer to the stored credential (it is not copied).</p>
            {commitNote}
            <Button primary onClick={() => void runHttpsRoots()} disabled={busy || chosen.length === 0}>
              Create VCS roots for {chosen.length} {chosen.length === 1 ? 'repository' : 'repositories'}
            </Button>
          </>
        )}
        <TaskView task={task} label="Repo Access build" />
        {provisioned ? <ProvisionResults outcome={provisioned} /> : null}
        {roots.length > 0 ? (
          <table className="ra-wf-table" aria-label="VCS roots">
            <thead>
              <tr>
                <th scope="col">Repository</th>
                <th scope="col">VCS root id</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {roots.map((root) => (
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

      <section className="ra-card" aria-labelledby="ra-wf-builds">
        <h3 id="ra-wf-builds">3. Use in build configurations</h3>
        <p className="ra-muted">
          {mode === 'access-key'
            ? 'Attaches the VCS roots: TeamCity checks the repositories out with the uploaded key.'
            : 'Adds a "Clone with Repo Access" step that clones the selected repositories with the project\'s credential.'}
        </p>
        {buildTypes.length === 0 ? <p className="ra-muted">This project has no build configurations yet.</p> : null}
        <fieldset>
          <legend className="ra-muted">Build configurations</legend>
          {buildTypes.map((bt) => (
            <label key={bt.id} className="ra-choice">
              <input
                type="checkbox"
                checked={chosenBuilds.has(bt.id)}
                onChange={() =>
                  setChosenBuilds((current) => {
                    const next = new Set(current);
                    if (!next.delete(bt.id)) next.add(bt.id);
                    return next;
                  })
                }
              />
              <span>{bt.name ?? bt.id}</span>
            </label>
          ))}
        </fieldset>
        {commitNote}
        <Button
          onClick={() => void addToBuilds()}
          disabled={busy || chosenBuilds.size === 0 || (mode === 'access-key' ? roots.length === 0 && plannedRoots === 0 : chosen.length === 0)}
        >
          Add to {chosenBuilds.size} build {chosenBuilds.size === 1 ? 'configuration' : 'configurations'}
        </Button>
        {buildNote ? <pre aria-label="Build configuration changes">{buildNote}</pre> : null}
        {plan ? <SnippetView plan={plan} format={versioned?.kind === 'read-only' ? versioned.format : 'kotlin'} buildTypes={() => listBuildTypes(tc, projectId)} /> : null}
      </section>
    </div>
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
