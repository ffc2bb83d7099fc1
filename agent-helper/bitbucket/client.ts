import type { z } from 'zod/mini';
import type { Credentials, Endpoints } from '../config/credentials';
import { unreachableError } from '../errors';
import { createAuthorizer, type Authorizer } from './auth';
import { BitbucketHttpError, httpError } from './http-error';
import { BITBUCKET_RATE } from './rate-budget';
import { Page } from './schemas';
import { Transport, type TransportOptions, type TransportStats } from './transport';

export interface RequestSpec<T extends z.ZodMiniType> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API base (`/repositories/acme`) or an absolute `next` URL on the same origin. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: T;
  /** Names the request in error lines. */
  what: string;
}

/** Typed Bitbucket REST: auth, JSON, schema parsing at the boundary, pagination. Retries live in Transport. */
export class BitbucketClient {
  readonly transport: Transport;
  private readonly authorizer: Authorizer;
  /** Listings (by their last path segment) that answered 400 to pagelen=100: they get Bitbucket's default page size. */
  private readonly pagelenRefused = new Set<string>();

  constructor(
    readonly credentials: Credentials,
    readonly endpoints: Pick<Endpoints, 'apiUrl' | 'oauthTokenUrl'>,
    options: TransportOptions = {},
  ) {
    // bitbucket.org's budget is published; another API (a proxy, the sandbox) is paced to what it says or is configured.
    const published = new URL(endpoints.apiUrl).hostname === 'api.bitbucket.org' ? BITBUCKET_RATE : undefined;
    this.transport = new Transport({ ...options, rate: options.rate ?? published });
    this.authorizer = createAuthorizer(credentials, endpoints.oauthTokenUrl, options);
  }

  get stats(): TransportStats {
    return this.transport.stats;
  }

  /** Returns the parsed body of a 2xx answer (undefined for 204); throws BitbucketHttpError otherwise. */
  async request<T extends z.ZodMiniType>(spec: RequestSpec<T>): Promise<z.infer<T>> {
    const url = this.url(spec.path, spec.query, spec.what);
    for (let refreshed = false; ; refreshed = true) {
      const authorization = await this.authorizer.header();
      const response = await this.transport.send(
        {
          method: spec.method ?? 'GET',
          url,
          headers: spec.body === undefined ? { authorization, accept: 'application/json' } : { authorization, accept: 'application/json', 'content-type': 'application/json' },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        },
        spec.what,
      );
      if (response.status === 401 && !refreshed && this.authorizer.refresh(authorization)) continue;
      if (response.status < 200 || response.status >= 300) throw httpError(response.status, response.body, spec.what);
      let json: unknown;
      try {
        json = response.status === 204 || response.body === '' ? undefined : JSON.parse(response.body);
      } catch {
        throw unreachableError(`${spec.what}: Bitbucket answered ${response.status} with a body that is not JSON; check BITBUCKET_API_URL`);
      }
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success) {
        throw unreachableError(`${spec.what}: Bitbucket's answer does not have the expected shape (${parsed.error.issues[0]?.path.join('.') || 'body'}); check BITBUCKET_API_URL`);
      }
      return parsed.data;
    }
  }

  /** Every item over all pages, following `next` (Bitbucket's cursor; pages are not numbered reliably). */
  async paginate<T extends z.ZodMiniType>(spec: Omit<RequestSpec<T>, 'method' | 'body'>): Promise<Array<z.infer<T>>> {
    const items: Array<z.infer<T>> = [];
    for await (const page of this.pages(spec)) items.push(...page);
    return items;
  }

  /** Page by page, so callers can start on the first page while the next one is fetched. */
  async *pages<T extends z.ZodMiniType>(spec: Omit<RequestSpec<T>, 'method' | 'body'>): AsyncGenerator<Array<z.infer<T>>> {
    const listing = spec.path.split('/').pop() ?? '';
    let path: string | undefined = spec.path;
    let query: Record<string, string | undefined> | undefined = this.pagelenRefused.has(listing) ? spec.query : { pagelen: '100', ...spec.query };
    while (path !== undefined) {
      let page: { values: Array<z.infer<T>>; next?: string | undefined };
      try {
        page = await this.request({ path, query, schema: Page(spec.schema), what: spec.what });
      } catch (error) {
        // Bitbucket documents no largest pagelen for every listing: where 100 is refused, ask again with the default.
        const refused = error instanceof BitbucketHttpError && error.failure.kind === 'bad-request' && /pagelen/i.test(error.bitbucketMessage);
        if (!refused || query?.pagelen === undefined || spec.query?.pagelen !== undefined) throw error;
        this.pagelenRefused.add(listing);
        query = spec.query;
        continue;
      }
      yield page.values;
      path = page.next;
      query = undefined;
    }
  }

  private url(path: string, query: Record<string, string | undefined> | undefined, what: string): string {
    const api = new URL(this.endpoints.apiUrl);
    // Built on the API origin by setting the path, never by resolving it: a path of `//evil.example/x` would
    // otherwise name another host, and the Authorization header would go there.
    const url = new URL(api.origin);
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      const link = new URL(path);
      if (link.origin !== api.origin) throw unreachableError(`${what}: Bitbucket's next-page link points to ${link.origin}, not ${api.origin}; refusing to send the credential there`);
      url.pathname = link.pathname;
      url.search = link.search;
    } else {
      url.pathname = `${api.pathname.replace(/\/$/, '')}${path}`;
    }
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }
}
