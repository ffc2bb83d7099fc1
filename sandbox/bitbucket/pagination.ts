import { HttpError } from './http';

export interface Page<T> {
  pagelen: number;
  size: number;
  page: number;
  values: T[];
  next?: string;
  previous?: string;
}

export const DEFAULT_PAGELEN = 10;
export const MAX_PAGELEN = 100;

/** Bitbucket answers 400 "Invalid pagelen" / "Invalid page" for values it cannot use; pagelen=0 means the default. */
function intParam(url: URL, name: string, fallback: number, max = Infinity): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new HttpError(400, `Invalid ${name}`);
  const n = Number(raw);
  if (n === 0 && name === 'pagelen') return fallback;
  if (n < 1 || n > max) throw new HttpError(400, `Invalid ${name}`);
  return n;
}

/** Bitbucket's page envelope; `next`/`previous` keep every other query parameter of the request. */
export function paginate<T, U>(items: T[], url: URL, render: (item: T) => U, maxPagelen = MAX_PAGELEN): Page<U> {
  const pagelen = intParam(url, 'pagelen', DEFAULT_PAGELEN, maxPagelen);
  const page = intParam(url, 'page', 1);
  const start = (page - 1) * pagelen;
  const page_: Page<U> = { pagelen, size: items.length, page, values: items.slice(start, start + pagelen).map(render) };
  const link = (p: number): string => {
    const u = new URL(url);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  if (start + pagelen < items.length) page_.next = link(page + 1);
  if (page > 1) page_.previous = link(page - 1);
  return page_;
}
