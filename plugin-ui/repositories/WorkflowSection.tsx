import React from 'react';
import { Message } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { readSettings } from '../project/settings';
import { useLoad } from '../ui/load';
import { useTask } from '../ui/task';
import { tableCss } from '../ui/table-styles';
import { useVersionedSettings } from '../versioned/VersionedView';
import { AccessStep } from './AccessStep';
import { BuildsStep } from './BuildsStep';
import { listBuildTypes } from './clone-step/build-types';
import { buildCatalog, selectedRepositories } from './picker/model';
import { cachedRepositories } from './picker/source';
import { RepositoriesStep } from './RepositoriesStep';
import type { StepProps } from './step-props';
import { rootsUsingKey } from './vcs/key-roots';
import { initialWorkflowState, workflowReducer, type Listing } from './workflow-state';

/** Pick repositories → provision an access key (or use the HTTPS credential) → VCS roots → builds. */
export function WorkflowSection(): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const [state, dispatch] = React.useReducer(workflowReducer, initialWorkflowState);
  const task = useTask();
  const versioned = useVersionedSettings();
  const settings = useLoad(React.useCallback(() => readSettings(tc, projectId), [tc, projectId]));
  const configured = Boolean(settings.value?.workspace && settings.value.mode);
  const cached = useLoad(
    React.useCallback(async (): Promise<Listing | null> => {
      if (!configured) return null;
      const result = await cachedRepositories(tc, projectId);
      return result && { catalog: buildCatalog(result.repositories), buildId: result.buildId, fromCache: true };
    }, [tc, projectId, configured]),
  );
  const buildTypes = useLoad(React.useCallback(async () => (configured ? listBuildTypes(tc, projectId) : []), [tc, projectId, configured]));
  const keyMode = settings.value?.mode === 'access-key';
  const keyRoots = useLoad(
    React.useCallback(async () => {
      const current = settings.value;
      return keyMode && current ? rootsUsingKey(tc, projectId, current, state.keyLabel) : undefined;
    }, [tc, projectId, keyMode, settings.value, state.keyLabel]),
  );

  const loadError = settings.error ?? cached.error ?? buildTypes.error ?? keyRoots.error;
  if (!settings.value) return loadError ? <Message type="error">{loadError}</Message> : <p className="ra-muted">Loading…</p>;
  const { mode, workspace } = settings.value;
  if (!workspace || !mode) {
    return <Message type="warning">Choose the way in and the workspace under Connection first, then come back to pick repositories.</Message>;
  }
  const listing = state.listing ?? cached.value ?? null;
  const props: StepProps = {
    settings: { ...settings.value, mode },
    state,
    dispatch,
    task,
    listing,
    chosen: listing ? selectedRepositories(listing.catalog, state.selection) : [],
    // Editing off: the sync would undo any write, so the change becomes settings to commit instead.
    readOnly: versioned?.kind === 'read-only',
    settingsFormat: versioned?.kind === 'read-only' ? versioned.format : 'kotlin',
    commitNote: versioned?.kind === 'two-way' ? <p className="ra-muted">TeamCity will commit this change to {versioned.repository} as you.</p> : null,
  };
  return (
    <div>
      <style>{tableCss}</style>
      {loadError ? <Message type="error">{loadError}</Message> : null}
      <RepositoriesStep {...props} onSettingsChanged={settings.reload} />
      <AccessStep {...props} onSettingsChanged={settings.reload} onRootsChanged={keyRoots.reload} />
      <BuildsStep {...props} buildTypes={buildTypes.value ?? []} onBuildTypesChanged={buildTypes.reload} keyRoots={keyRoots.value} />
    </div>
  );
}
