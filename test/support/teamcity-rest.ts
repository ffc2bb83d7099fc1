/** A node-side TeamCity REST client for tests: JSON in and out, the CSRF token on every write. */
export interface TeamCityRest {
  get<T = unknown>(endpoint: string): Promise<T>;
  send<T = unknown>(method: 'POST' | 'PUT' | 'DELETE', endpoint: string, body?: unknown, contentType?: string): Promise<T>;
  raw(method: string, endpoint: string, init?: { body?: string; headers?: Record<string, string> }): Promise<Response>;
}

export async function teamcityRest(baseUrl: string): Promise<TeamCityRest> {
  // One retry: a kept-alive connection to a server that just restarted on the same port fails once.
  const tokenUrl = `${baseUrl}/authenticationTest.html?csrf`;
  const token = await (await fetch(tokenUrl).catch(() => fetch(tokenUrl))).text();
  const raw = (method: string, endpoint: string, init: { body?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${baseUrl}/${endpoint.replace(/^\//, '')}`, { method, body: init.body, headers: { Accept: 'application/json', ...init.headers } });
  const parse = async <T>(response: Response, what: string): Promise<T> => {
    const text = await response.text();
    if (!response.ok) throw new Error(`${what} → ${response.status}: ${text}`);
    return (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  };
  return {
    raw,
    get: async (endpoint) => parse(await raw('GET', endpoint), `GET ${endpoint}`),
    send: async (method, endpoint, body, contentType) => {
      const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const type = contentType ?? (typeof body === 'string' ? 'text/plain' : 'application/json');
      return parse(await raw(method, endpoint, { ...(text !== undefined ? { body: text } : {}), headers: { 'Content-Type': type, 'X-TC-CSRF-Token': token } }), `${method} ${endpoint}`);
    },
  };
}
