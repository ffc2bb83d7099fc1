import { z } from 'zod/mini';
import type { Rest } from './rest';
import type { Schema } from './schema';

/** A list request: the collection, its locator, the key holding the items and the `fields=` spec of one item. */
export interface ListQuery {
  /** e.g. `app/rest/vcs-roots` */
  readonly path: string;
  readonly locator: string;
  /** e.g. `vcs-root` */
  readonly key: string;
  /** e.g. `id,name,properties(property(name,value))`: what one item carries, so no request per item is needed. */
  readonly itemFields: string;
}

/** Safety stop: a server that kept answering full pages forever. */
const MAX_PAGES = 10_000;

/**
 * Every item of a TeamCity list, page after page: VCS roots come 100 per page by default, each page naming the next
 * in `nextHref` (relative to the server root). `nextHref` is asked for in `fields=`, as a custom spec leaves it out.
 */
export async function listAll<T>(rest: Rest, query: ListQuery, item: Schema<T>, what: string): Promise<T[]> {
  const page = z.object({ nextHref: z.optional(z.string()), [query.key]: z.optional(z.array(item)) }) as unknown as Schema<{ nextHref?: string } & Record<string, T[] | undefined>>;
  const fields = `nextHref,${query.key}(${query.itemFields})`;
  let endpoint: string | null = `${query.path}?locator=${encodeURIComponent(query.locator)}&fields=${encodeURIComponent(fields)}`;
  const all: T[] = [];
  for (let n = 0; endpoint !== null && n < MAX_PAGES; n++) {
    const answer: { nextHref?: string } & Record<string, T[] | undefined> = await rest.get(endpoint, page, what);
    const items = answer[query.key] ?? [];
    all.push(...items);
    // A page that came back full names a next one even when nothing follows; that one comes back empty.
    endpoint = answer.nextHref && items.length > 0 ? answer.nextHref.replace(/^\/+/, '') : null;
  }
  return all;
}
