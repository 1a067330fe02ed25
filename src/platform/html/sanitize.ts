import sanitizeHtml from 'sanitize-html';

/**
 * Rich text is sanitised on input (allow-list of tags and attributes, no scripts, styles or event
 * handlers) and escaped again on output by the TSX renderer wherever it is not this stored HTML.
 */
const TABLE_CELL_ID = /^ar\d-[A-Za-z0-9-]{1,60}$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 'ol', 'ul', 'li', 'blockquote', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'dl', 'dt', 'dd', 'sup', 'sub'],
  // id/headers keep complex tables (merged headers, e.g. the annual-report template) accessible
  // (WCAG 1.3.1, H43); ids are confined to a table-cell namespace below so they cannot clash.
  allowedAttributes: { a: ['href'], th: ['colspan', 'rowspan', 'scope', 'id', 'headers'], td: ['colspan', 'rowspan', 'headers'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links leaving the site must not get access to the opener window.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    th: (tagName, attribs) => {
      const { id, ...rest } = attribs;
      return { tagName, attribs: id !== undefined && TABLE_CELL_ID.test(id) ? { ...rest, id } : rest };
    },
  },
};
OPTIONS.allowedAttributes = { ...(OPTIONS.allowedAttributes as Record<string, string[]>), a: ['href', 'rel'] };

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of sanitised HTML: block elements become line breaks, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|li|tr|blockquote|dt|dd|caption)>/gi, '\n')
    .replace(/<\/(td|th)>/gi, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
