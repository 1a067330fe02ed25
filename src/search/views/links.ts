import { searchQuerySchema, type SearchRequest } from '../model.js';

/*
 * Links of the search page (facets, filter removal, pages): the request as its shortest query
 * string, so that a link keeps every other parameter and leaves out the defaults.
 */

export type Params = Readonly<Record<string, string>>;

const DEFAULTS = searchQuerySchema.parse({});

/** The non-default parameters of a request, as strings. */
export function paramsOf(r: SearchRequest): Record<string, string> {
  const p: Record<string, string> = {};
  if (r.q !== '') p.q = r.q;
  if (r.agency) {
    p.agency = r.agency;
    if (r.lower !== DEFAULTS.lower) p.lower = r.lower;
  }
  for (const key of ['topic', 'category', 'genre', 'validity', 'from', 'to'] as const) {
    const value = r[key];
    if (value) p[key] = value;
  }
  if (r.year !== undefined) p.year = String(r.year);
  if (r.sort !== DEFAULTS.sort) p.sort = r.sort;
  if (r.size !== DEFAULTS.size) p.size = String(r.size);
  if (r.page !== DEFAULTS.page) p.page = String(r.page);
  return p;
}

/**
 * A /search link with some parameters changed (null removes one). Any change starts again at
 * page 1 unless the change is the page itself.
 */
export function searchHref(params: Params, changes: Record<string, string | null>): string {
  const merged: Record<string, string | null> = { ...params, page: null, ...changes };
  if (merged.page === String(DEFAULTS.page)) merged.page = null;
  if (!merged.agency) merged.lower = null;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== null && v !== '') qs.set(k, v);
  const s = qs.toString();
  return s ? `/search?${s}` : '/search';
}

/** Counts as the page shows them: 10,000. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** A stored topic `一级\二级` as shown. */
export const topicLabel = (topic: string): string => topic.replace('\\', ' / ');
