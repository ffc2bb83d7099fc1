import { badRequest, type Request } from '../http';
import { parseLocator } from '../locator';
import { selectFields } from './fields';

/** TeamCity's default page size for finders that page by default (teamcity-rest request/Constants.java DEFAULT_PAGE_ITEMS_COUNT = 100). */
export const DEFAULT_PAGE_SIZE = 100;

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`'${name}' dimension must be a non-negative number, got '${value}'`);
  return n;
}

/**
 * One page of a list answer, as TeamCity's PagerDataImpl builds it: `count:`/`start:` from the locator (else
 * `defaultCount`, null = unpaged); `nextHref` whenever the page came back full (even when nothing follows), with
 * `start:`/`count:` set in the locator and the other query parameters kept (teamcity-rest model/PagerDataImpl.java).
 * With `fields=`, the document is narrowed to it (see fields.ts).
 */
export function pagedList<T>(
  req: Request,
  items: readonly T[],
  defaultCount: number | null,
  render: (item: T, full: boolean) => unknown,
  key: string,
): unknown {
  const locatorText = req.url.searchParams.get('locator');
  const locator = locatorText ? parseLocator(locatorText) : {};
  const start = positive(locator.start, 'start') ?? 0;
  const count = positive(locator.count, 'count') ?? defaultCount;
  const page = items.slice(start, count === null ? undefined : start + count);
  const fields = req.url.searchParams.get('fields');
  const doc: Record<string, unknown> = { count: page.length, href: hrefOf(req.url, locatorText) };
  if (count !== null && page.length === count) {
    const base = (locatorText ?? '').replace(/(^|,)(start|count):[^,()]*/g, '').replace(/^,/, '');
    doc.nextHref = hrefOf(req.url, `${base ? `${base},` : ''}start:${start + count},count:${count}`);
  }
  doc[key] = page.map((item) => render(item, fields !== null));
  return fields === null ? doc : selectFields(doc, fields);
}

/** The request's path and query with `locator` replaced, in TeamCity's human-readable form (no percent-escapes for `:(),`). */
function hrefOf(url: URL, locator: string | null): string {
  const query = [...url.searchParams.entries()]
    .map(([name, value]) => [name, name === 'locator' ? locator : value] as const)
    .concat(url.searchParams.has('locator') || locator === null ? [] : [['locator', locator] as const])
    .map(([name, value]) => `${name}=${encodeURIComponent(value ?? '').replace(/%3A/gi, ':').replace(/%28/g, '(').replace(/%29/g, ')').replace(/%2C/gi, ',')}`);
  return `${url.pathname}${query.length ? `?${query.join('&')}` : ''}`;
}
