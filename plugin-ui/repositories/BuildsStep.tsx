import React from 'react';
import { Button } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { readSettings } from '../project/settings';
import { listBuildTypes, type BuildType } from './clone-step/build-types';
import { attachVcsRoot, ensureCloneStep } from './clone-step/step';
import { planAttach, planCloneStep, planNodeParameters } from '../versioned/plan';
import { lazyComponent } from '../ui/lazy';
import type { StepProps } from './step-props';
import type { KeyRoots } from './vcs/key-roots';

// Only read-only projects get it: its renderers and zip writer stay out of bundle.js.
const SnippetView = lazyComponent(() => import(/* webpackChunkName: "settings-files" */ '../versioned/SnippetView').then((m) => m.SnippetView));

interface BuildsStepProps extends StepProps {
  readonly buildTypes: readonly BuildType[];
  readonly onBuildTypesChanged: () => Promise<unknown>;
  /** Access-key mode: the roots that use the key, as TeamCity has them; undefined while they are read. */
  readonly keyRoots: KeyRoots | undefined;
}

/** Step 3: the VCS roots (access key) or the clone step (HTTPS, OAuth) in the chosen build configurations. */
export function BuildsStep(props: BuildsStepProps): React.ReactElement {
  const { settings, state, dispatch, task, chosen, readOnly, settingsFormat, commitNote, buildTypes, onBuildTypesChanged, keyRoots } = props;
  const { projectId, tc } = useRepoAccess();
  const mode = settings.mode;
  const repos = chosen.map((r) => r.fullName);
  // Editing off: the roots planned in this tab, and those the settings repository already gave TeamCity on the key.
  const planned = state.plan?.roots ?? [];
  const attachableRoots = readOnly
    ? [...planned, ...(keyRoots?.roots ?? []).filter((root) => !planned.some((p) => p.id === root.id)).map((root) => ({ id: root.id, name: root.repo }))]
    : (keyRoots?.roots ?? []).map((root) => ({ id: root.id, name: root.repo }));

  const addToBuilds = () =>
    task.run('Adding the repositories to the build configurations…', async () => {
      dispatch({ type: 'adding-to-builds' });
      const targets = buildTypes.filter((bt) => state.chosenBuilds.has(bt.id));
      const current = await readSettings(tc, projectId);
      if (readOnly) {
        const builds = [];
        for (const bt of targets) builds.push(mode === 'access-key' ? await planAttach(tc, bt, attachableRoots, current) : planCloneStep(bt, repos));
        dispatch({ type: 'builds-planned', builds, parameters: mode === 'access-key' ? [] : await planNodeParameters(tc, projectId) });
        return;
      }
      const lines: string[] = [];
      for (const bt of targets) {
        if (mode === 'access-key') {
          for (const root of attachableRoots) {
            const { status, replaced } = await attachVcsRoot(tc, bt, root.id, root.name, current);
            lines.push(`${bt.name ?? bt.id}: ${root.name} ${status}${replaced.length ? `, in place of ${replaced.join(', ')} (left in the project, unattached)` : ''}`);
          }
        } else {
          lines.push(`${bt.name ?? bt.id}: clone step ${await ensureCloneStep(tc, bt, repos)}`);
        }
      }
      await onBuildTypesChanged();
      dispatch({ type: 'builds-changed', note: lines.join('\n') });
    });

  const attachable = attachableRoots.length;
  const chosenCount = state.chosenBuilds.size;
  return (
    <section className="ra-card" aria-labelledby="ra-wf-builds">
      <h3 id="ra-wf-builds">3. Use in build configurations</h3>
      <p className="ra-muted">
        {mode === 'access-key'
          ? 'Attaches the VCS roots: TeamCity checks the repositories out with the uploaded key.'
          : 'Adds a "Clone with Repo Access" step that clones the selected repositories with the project\'s credential.'}
      </p>
      {mode === 'access-key' && !readOnly && keyRoots?.keyLabel ? (
        <p className="ra-muted" aria-label="VCS roots to attach">
          {keyRoots.roots.length
            ? `${keyRoots.roots.length} VCS ${keyRoots.roots.length === 1 ? 'root uses' : 'roots use'} access key ${keyRoots.keyLabel}: ${keyRoots.roots.map((r) => r.repo).join(', ')}.`
            : `No VCS root uses access key ${keyRoots.keyLabel} yet.`}
        </p>
      ) : null}
      {buildTypes.length === 0 ? <p className="ra-muted">This project has no build configurations yet.</p> : null}
      <fieldset>
        <legend className="ra-muted">Build configurations</legend>
        {buildTypes.map((bt) => (
          <label key={bt.id} className="ra-choice">
            <input type="checkbox" checked={state.chosenBuilds.has(bt.id)} onChange={() => dispatch({ type: 'build-toggled', buildTypeId: bt.id })} />
            <span>{bt.name ?? bt.id}</span>
          </label>
        ))}
      </fieldset>
      {commitNote}
      <Button onClick={() => void addToBuilds()} disabled={task.busy !== null || chosenCount === 0 || (mode === 'access-key' ? attachable === 0 : chosen.length === 0)}>
        Add to {chosenCount} build {chosenCount === 1 ? 'configuration' : 'configurations'}
      </Button>
      {state.buildNote ? <pre aria-label="Build configuration changes">{state.buildNote}</pre> : null}
      {state.plan ? <SnippetView plan={state.plan} format={settingsFormat} buildTypes={() => listBuildTypes(tc, projectId)} /> : null}
    </section>
  );
}
