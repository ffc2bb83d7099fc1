// window.BS.CSRF as TeamCity's pages provide it: a cached token, refreshed from /authenticationTest.html?csrf.

let cached: string | null = document.querySelector<HTMLMetaElement>('meta[name="tc-csrf-token"]')?.content ?? null;

async function fetchToken(): Promise<string | null> {
  const response = await fetch(`${window.base_uri ?? ''}/authenticationTest.html?csrf`, { credentials: 'include' });
  return response.ok ? (await response.text()).trim() : null;
}

export const CSRF = {
  getCachedToken: (): string | null => cached,
  refreshCSRFToken(callback?: () => unknown, force?: boolean): void {
    if (cached && !force) {
      callback?.();
      return;
    }
    void fetchToken()
      .then((token) => {
        cached = token;
      })
      .finally(() => callback?.());
  },
  /** A 403 from a CSRF check: get a fresh token and retry once (when the token used was the stale one). */
  handleCSRFError(request: { status: number; responseText: string }, retry: (() => unknown) | null | undefined, usedToken: string | null | undefined): boolean {
    if (request.status !== 403 || !/CSRF/i.test(request.responseText) || !retry || (usedToken != null && usedToken !== cached)) return false;
    void fetchToken().then((token) => {
      if (token === usedToken) return;
      cached = token;
      retry();
    });
    return true;
  },
};
