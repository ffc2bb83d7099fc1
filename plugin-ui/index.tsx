import React from 'react';
import { createRoot } from 'react-dom/client';
import { utils } from '@jetbrains/teamcity-api';
import { App } from './app/App';
import { createTeamCity } from './teamcity';

// The project settings tab's JSP writes this element and loads the bundle after it.
const root = document.getElementById('repo-access-root');
const projectId = root?.dataset.projectId;
if (root && projectId) createRoot(root).render(<App projectId={projectId} tc={createTeamCity(utils)} />);
