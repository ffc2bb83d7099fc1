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

function positiveInt(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new HttpError(400, `Invalid ${name}: ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** Bitbucket's page envelope; `next`/`previous` keep every other query parameter of the request. */
export function paginate<T, U>(items: T[], url: URL, render: (item: T) => U): Page<U> {
  const pagelen = positiveInt(url, 'pagelen', DEFAULT_PAGELEN);
  if (pagelen > MAX_PAGELEN) throw new HttpError(400, `Invalid pagelen: maximum is ${MAX_PAGELEN}`);
  const page = positiveInt(url, 'page', 1);
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
