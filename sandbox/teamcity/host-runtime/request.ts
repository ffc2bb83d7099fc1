import { CSRF } from './csrf';

/** The error TeamCity's requestJSON/requestText throw for a non-2xx response: the body text is the message. */
export class HTTPError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly url: string,
    readonly response: Response,
  ) {
    super(message);
    this.name = 'HTTPError';
  }
}

function headersOf(options: RequestInit | undefined, token: string | null): Record<string, string> {
  const given = Object.fromEntries(new Headers(options?.headers).entries());
  return {
    Accept: 'application/json',
    ...given,
    'X-Requested-With': 'XMLHttpRequest',
    'X-TeamCity-Client': 'Web UI',
    ...(token != null ? { 'X-TC-CSRF-Token': token } : {}),
  };
}

async function request(endpoint: string, options?: RequestInit): Promise<Response> {
  const method = (options?.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && CSRF.getCachedToken() == null) await new Promise<void>((resolve) => CSRF.refreshCSRFToken(resolve));
  const url = [window.base_uri ?? '', endpoint].filter(Boolean).join('/');
  const send = async () => {
    const token = CSRF.getCachedToken();
    return { token, response: await fetch(url, { credentials: 'include', ...options, headers: headersOf(options, token) }) };
  };
  const first = await send();
  if (first.response.status !== 403) return first.response;
  const text = await first.response.clone().text();
  return new Promise<Response>((resolve) => {
    const retried = CSRF.handleCSRFError({ status: 403, responseText: text }, () => void send().then((r) => resolve(r.response)), first.token);
    if (!retried) resolve(first.response);
  });
}

async function checked(response: Response): Promise<Response> {
  if (!response.ok) throw new HTTPError(await response.clone().text(), response.status, response.url, response);
  return response;
}

export const requestJSON = async <T = unknown>(endpoint: string, options?: RequestInit): Promise<T> => (await checked(await request(endpoint, options))).json() as Promise<T>;
export const requestText = async (endpoint: string, options?: RequestInit): Promise<string> => (await checked(await request(endpoint, options))).text();
