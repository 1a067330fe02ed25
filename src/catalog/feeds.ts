/** Atom (RFC 4287) and sitemap (sitemaps.org 0.9) documents, built as escaped XML text. */

export function xmlEscape(s: string): string {
  // XML 1.0 forbids most control characters even when escaped, so they are dropped.
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface AtomEntry {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  /** YYYY-MM-DD; written as midnight Beijing time. */
  readonly updated: string;
  readonly summary: string;
  readonly author: string;
  readonly categories: readonly string[];
}

const asDateTime = (day: string) => `${day}T00:00:00+08:00`;

export function atomFeed(feed: { id: string; title: string; selfLink: string; htmlLink: string; entries: readonly AtomEntry[] }): string {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), '1970-01-01');
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${xmlEscape(e.id)}</id>
    <title>${xmlEscape(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>
    <updated>${asDateTime(e.updated)}</updated>
    <author><name>${xmlEscape(e.author)}</name></author>
${e.categories.map((c) => `    <category term="${xmlEscape(c)}"/>`).join('\n')}
    <summary>${xmlEscape(e.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hans">
  <id>${xmlEscape(feed.id)}</id>
  <title>${xmlEscape(feed.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfLink)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(feed.htmlLink)}"/>
  <updated>${asDateTime(updated)}</updated>
${entries.join('\n')}
</feed>
`;
}

export function sitemap(urls: readonly { loc: string; lastmod?: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}
