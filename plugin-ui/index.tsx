import React from 'react';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('repo-access-root');
if (root) createRoot(root).render(<p>Repo Access</p>);
