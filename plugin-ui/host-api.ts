/** How long after the page has loaded the tab still waits for TeamCity's frontend API. */
export const GRACE_AFTER_LOAD_MS = 5_000;
const POLL_MS = 50;

/** The part of window.TeamCityAPI the tab cannot start without. */
const present = (win: Window): boolean => {
  const api = (win as Window & { TeamCityAPI?: { React?: unknown; ReactDOMClient?: unknown; utils?: unknown } }).TeamCityAPI;
  return Boolean(api?.React && api.ReactDOMClient && api.utils);
};

/**
 * Resolves true once window.TeamCityAPI is there. TeamCity's guide starts plugins "at the time of DOM Ready"
 * (plugins.jetbrains.com/docs/teamcity/controlled-ui-plugins.html): the API may come after this bundle ran, so poll;
 * false when it is still missing `graceMs` after the page's load event.
 */
export function whenHostApi(win: Window = window, graceMs = GRACE_AFTER_LOAD_MS): Promise<boolean> {
  if (present(win)) return Promise.resolve(true);
  return new Promise((resolve) => {
    let deadline: number | null = null;
    const startGrace = () => (deadline ??= Date.now() + graceMs);
    if (win.document.readyState === 'complete') startGrace();
    else win.addEventListener('load', startGrace, { once: true });
    const timer = win.setInterval(() => {
      const found = present(win);
      if (!found && (deadline === null || Date.now() < deadline)) return;
      win.clearInterval(timer);
      resolve(found);
    }, POLL_MS);
  });
}
