import { parseWith, type Schema } from './schema';
import { toTeamCityError, type Transport } from './transport';

/** Typed access to TeamCity REST: every response is parsed by a zod schema at this boundary. */
export interface Rest {
  /** GET `endpoint` (relative to the server root, no leading slash) as JSON. */
  get<T>(endpoint: string, schema: Schema<T>, what: string): Promise<T>;
  /** GET as text (artifacts, build logs, plain-text settings). */
  text(endpoint: string, what: string): Promise<string>;
  /** A write with a JSON body and a JSON answer. */
  send<T>(method: 'POST' | 'PUT', endpoint: string, body: unknown, schema: Schema<T>, what: string): Promise<T>;
  /** A write with a text/plain body (SSH keys, single settings); answers text. */
  sendText(method: 'POST' | 'PUT', endpoint: string, body: string, what: string): Promise<string>;
  /** DELETE; a missing entity counts as deleted. */
  remove(endpoint: string, what: string): Promise<void>;
}

export function createRest(transport: Transport): Rest {
  const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toTeamCityError(error, what);
    }
  };
  const parse = <T>(schema: Schema<T>, value: unknown, what: string): T => parseWith(schema, value, `Could not ${what}: TeamCity answered`);
  return {
    get: async (endpoint, schema, what) => parse(schema, await attempt(what, () => transport.requestJSON(endpoint)), what),
    text: (endpoint, what) => attempt(what, () => transport.requestText(endpoint, { headers: { Accept: 'text/plain, */*' } })),
    send: async (method, endpoint, body, schema, what) =>
      parse(
        schema,
        await attempt(what, () =>
          transport.requestJSON(endpoint, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
        ),
        what,
      ),
    sendText: (method, endpoint, body, what) =>
      attempt(what, () => transport.requestText(endpoint, { method, headers: { 'Content-Type': 'text/plain', Accept: 'text/plain, */*' }, body })),
    remove: async (endpoint, what) => {
      try {
        await transport.requestText(endpoint, { method: 'DELETE' });
      } catch (error) {
        const failure = toTeamCityError(error, what);
        if (failure.status !== 404) throw failure;
      }
    },
  };
}

/** `id:X` locator segment, safe in a path. */
export const byId = (id: string | number): string => `id:${encodeURIComponent(String(id))}`;
