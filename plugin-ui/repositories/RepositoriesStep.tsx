import React from 'react';
import { Button } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { buildCatalog } from './picker/model';
import { RepositoryPicker } from './picker/RepositoryPicker';
import { loadRepositories } from './picker/source';
import type { StepProps } from './step-props';

/** Step 1: list the workspace's repositories in a build and pick some. */
export function RepositoriesStep({ settings, dispatch, task, listing, state, onSettingsChanged }: StepProps & { onSettingsChanged: () => Promise<unknown> }): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const list = () =>
    task.run(`Listing the repositories of ${settings.workspace}…`, async (onProgress) => {
      const result = await loadRepositories(tc, projectId, settings, { refresh: true, onProgress });
      await onSettingsChanged();
      dispatch({ type: 'listed', listing: { catalog: buildCatalog(result.repositories), buildId: result.buildId, fromCache: result.fromCache } });
    });
  return (
    <section className="ra-card" aria-labelledby="ra-wf-repos">
      <h3 id="ra-wf-repos">1. Repositories of {settings.workspace}</h3>
      <div className="ra-actions" style={{ marginBottom: 8 }}>
        <Button onClick={() => void list()} disabled={task.busy !== null}>
          {listing ? 'Refresh the list' : 'List repositories'}
        </Button>
        {listing ? <span className="ra-muted">From build #{listing.buildId}{listing.fromCache ? ' (cached)' : ''}</span> : null}
      </div>
      {listing ? <RepositoryPicker catalog={listing.catalog} selection={state.selection} onSelectionChange={(selection) => dispatch({ type: 'selected', selection })} /> : null}
    </section>
  );
}
