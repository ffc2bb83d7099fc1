import type { Transport } from '../../../plugin-ui/teamcity';
import { createRest, type Rest } from '../../../plugin-ui/teamcity/rest';

/** The error TeamCity's request helpers throw: the body text as message, the HTTP status as statusCode. */
class HTTPError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/**
 * What TeamCityAPI.utils.requestJSON/requestText do in the browser, over node's fetch: `base + '/' +
 * endpoint`, `Accept: application/json`, the CSRF token on writes (`csrf: false` leaves it off).
 */
export function fetchTransport(base: string, options: { csrf?: boolean } = {}): Transport {
  let token: Promise<string> | undefined;
  const csrfToken = () => (token ??= fetch(`${base}/authenticationTest.html?csrf`).then((response) => response.text()));
  const request = async (endpoint: string, init: RequestInit = {}): Promise<Response> => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    if (method !== 'GET' && options.csrf !== false) headers.set('X-TC-CSRF-Token', await csrfToken());
    const response = await fetch(`${base}/${endpoint}`, { ...init, headers });
    if (!response.ok) throw new HTTPError(await response.text(), response.status);
    return response;
  };
  return {
    requestJSON: async <T>(endpoint: string, init?: RequestInit) => (await (await request(endpoint, init)).json()) as T,
    requestText: async (endpoint, init) => (await request(endpoint, init)).text(),
  };
}

/** Raw typed REST over fetchTransport, for tests that set TeamCity up beyond what the tab does. */
export const fetchRest = (base: string, options: { csrf?: boolean } = {}): Rest => createRest(fetchTransport(base, options));
