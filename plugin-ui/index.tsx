import { whenHostApi } from './host-api';

// Nothing here may touch React or '@jetbrains/teamcity-api' before TeamCity's frontend API exists: webpack reads both
// from window.TeamCityAPI when a module first needs them, so the rest of the tab is imported (same file) only then.

// The project settings tab's JSP writes this element and loads the bundle after it.
const root = document.getElementById('repo-access-root');
const projectId = root?.dataset.projectId;
if (root && projectId) {
  void whenHostApi().then(async (found) => {
    if (!found) {
      root.textContent = 'Repo Access cannot start: this TeamCity page did not provide its frontend API (window.TeamCityAPI). Reload the page; if it stays, TeamCity is older than 2024.07 or a script on the page failed.';
      return;
    }
    const { mount } = await import(/* webpackMode: "eager" */ './mount');
    mount(root, projectId);
  });
}
