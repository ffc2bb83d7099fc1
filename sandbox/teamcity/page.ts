import type { Build, Project } from './model';
import type { Store } from './store';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// TeamCity serves a plugin's buildServerResources under /plugins/<name>/ (PluginDescriptor.getPluginResourcesPath).
export const PLUGIN_RESOURCES = '/plugins/repo-access/';
const BUNDLE_PATH = `${PLUGIN_RESOURCES}bundle.js`;
export const HOST_RUNTIME_PATH = '/sandbox/host-runtime.js';
export const STYLE_PATH = '/sandbox/teamcity.css';

/** The project settings page as TeamCity renders it around our tab's JSP (repoAccessTab.jsp). */
export function editProjectPage(store: Store, project: Project, csrfToken: string): string {
  const path = store
    .projectChain(project.id)
    .reverse()
    .filter((p) => p.id !== '_Root')
    .map((p) => `<a href="/admin/editProject.html?projectId=${encodeURIComponent(p.id)}&amp;tab=repo-access">${escapeHtml(p.name)}</a>`)
    .join(' / ');
  const tabs = ['General Settings', 'VCS Roots', 'Parameters', 'Connections', 'SSH Keys']
    .map((t) => `<li><a href="#" aria-disabled="true">${t}</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(project.name)} — Repo Access — Edit Project — TeamCity</title>
<meta name="tc-csrf-token" content="${csrfToken}">
<link rel="stylesheet" href="${STYLE_PATH}">
<script>window.base_uri = window.location.origin;</script>
<!-- Deferred: the frontend API may come after a plugin's script ran; plugins start "at the time of DOM Ready" (plugins.jetbrains.com/docs/teamcity/controlled-ui-plugins.html). -->
<script src="${HOST_RUNTIME_PATH}" defer></script>
</head>
<body>
<header class="tc-header"><span class="tc-logo">TeamCity</span> <span class="tc-sandbox">sandbox</span></header>
<nav class="tc-breadcrumbs" aria-label="Project path">Administration / ${path}</nav>
<div class="tc-layout">
<nav class="tc-tabs" aria-label="Project settings"><ul>${tabs}<li class="tc-selected"><a href="#" aria-current="page">Repo Access</a></li></ul></nav>
<main class="tc-content">
<!-- repoAccessTab.jsp -->
<div id="repo-access-root" data-project-id="${escapeHtml(project.id)}"></div>
<script src="${BUNDLE_PATH}"></script>
</main>
</div>
</body>
</html>
`;
}

/** What a build's webUrl shows: status, problems and the log. */
export function buildPage(store: Store, build: Build, log: string): string {
  const buildType = store.buildType(build.buildTypeId);
  const problems = build.problems.map((p) => `<li>${escapeHtml(p.description)}</li>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(buildType?.name ?? build.buildTypeId)} #${escapeHtml(build.number)} — TeamCity</title><link rel="stylesheet" href="${STYLE_PATH}"></head>
<body><header class="tc-header"><span class="tc-logo">TeamCity</span> <span class="tc-sandbox">sandbox</span></header><main class="tc-content">
<h1>${escapeHtml(buildType?.name ?? build.buildTypeId)} #${escapeHtml(build.number)}</h1>
<p><strong>${build.state === 'finished' ? build.status : build.state}</strong> ${escapeHtml(build.statusText || build.currentStageText)}</p>
${problems ? `<h2>Problems</h2><ul>${problems}</ul>` : ''}
<h2>Build log</h2><pre class="tc-log">${escapeHtml(log)}</pre>
</main></body></html>
`;
}

export function indexPage(store: Store): string {
  const items = store.data.projects
    .filter((p) => p.id !== '_Root')
    .map((p) => `<li><a href="/admin/editProject.html?projectId=${encodeURIComponent(p.id)}&amp;tab=repo-access">${escapeHtml(p.name)}</a> (${escapeHtml(p.id)})</li>`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>TeamCity sandbox</title><link rel="stylesheet" href="${STYLE_PATH}"></head>
<body><header class="tc-header"><span class="tc-logo">TeamCity</span> <span class="tc-sandbox">sandbox</span></header><main class="tc-content"><h1>Projects</h1><ul>${items}</ul></main></body></html>
`;
}

export const STYLE = `
body { margin: 0; font: 13px/1.5 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2326; background: #fff; }
.tc-header { background: #27282c; color: #fff; padding: 8px 16px; font-weight: 600; }
.tc-sandbox { font-weight: 400; color: #9ca0a6; margin-left: 6px; }
.tc-breadcrumbs { padding: 12px 16px; color: #737577; }
.tc-breadcrumbs a { color: #1a5fb4; text-decoration: none; }
.tc-layout { display: flex; align-items: flex-start; }
.tc-tabs ul { list-style: none; margin: 0; padding: 0 0 0 16px; width: 180px; }
.tc-tabs li a { display: block; padding: 4px 8px; color: #1f2326; text-decoration: none; border-radius: 3px; }
.tc-tabs li.tc-selected a { background: #e8f0fb; font-weight: 600; }
.tc-content { flex: 1; padding: 0 24px 24px; max-width: 980px; }
a { color: #1a5fb4; }
.tc-log { background: #f7f8fa; border: 1px solid #dfe1e5; padding: 8px; overflow-x: auto; font-size: 12px; }
`;
