import React from 'react';
import { createRoot } from 'react-dom/client';
import { utils } from '@jetbrains/teamcity-api';
import { App } from './app/App';
import { createTeamCity } from './teamcity';

/** Renders the tab into the JSP's element. Loaded only once window.TeamCityAPI is there: React comes from it. */
export function mount(root: HTMLElement, projectId: string): void {
  createRoot(root).render(<App projectId={projectId} tc={createTeamCity(utils)} />);
}
