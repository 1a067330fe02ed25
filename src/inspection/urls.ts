/**
 * URLs as the crawler keeps them: fragments folded (a#x and a#y are one page), the host in lower
 * case and default ports dropped (WHATWG URL does both); the crawl scope is one origin, optionally
 * under a path prefix, minus exclusion patterns. Pure.
 */

export interface CrawlScope {
  /** scheme://host[:port] of the site */
  readonly origin: string;
  /** only paths starting with this (default '/') */
  readonly pathPrefix: string;
  /** URLs matching any of these are not crawled (they are still checked once as links) */
  readonly exclude: readonly RegExp[];
}

/** The absolute URL of a link as written on a page, or null when it is not a web link. */
export function resolveLink(raw: string, base: string): string | null {
  const href = raw.trim();
  if (href === '' || /^(javascript|mailto|tel|data|about|sms):/i.test(href)) return null;
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

export function scopeOf(start: string, options: { pathPrefix?: string; exclude?: readonly string[] } = {}): CrawlScope {
  const u = new URL(start);
  return { origin: u.origin, pathPrefix: options.pathPrefix ?? '/', exclude: (options.exclude ?? []).map((p) => new RegExp(p)) };
}

export function inScope(url: string, scope: CrawlScope): boolean {
  const u = new URL(url);
  return u.origin === scope.origin && u.pathname.startsWith(scope.pathPrefix) && !scope.exclude.some((re) => re.test(url));
}

/** The URLs a srcset names (`a.jpg 1x, b.jpg 2x`). */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter((u) => u !== '');
}
