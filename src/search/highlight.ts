import { toSimplified } from '../platform/i18n/chinese.js';

/*
 * Highlighted titles and snippets (search issue, "highlighted snippets"), pure. The query's tokens
 * are looked for in the text normalised the way the index normalises it, one character for one
 * character, so a 繁體 query marks the 简体 words it matched and the reverse; the marks are put
 * around the original characters. Everything else is HTML-escaped here.
 */

export const SNIPPET_CHARS = 120;
const CONTEXT_BEFORE = 30;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const isHanChar = (s: string) => /^\p{Script=Han}/u.test(s);

const OPEN = /[〔[【〖（(［﹝]/g;
const CLOSE = /[〕\]】〗）)］﹞]/g;
function foldChars(s: string): string {
  return s.replace(OPEN, '(').replace(CLOSE, ')');
}

const charMemo = new Map<string, string>();
/** The text normalised with one UTF-16 unit per original unit, so offsets carry over. */
function alignedNormalize(text: string): string {
  const whole = foldChars(toSimplified(text.normalize('NFKC')).toLowerCase());
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    let n = charMemo.get(ch);
    if (n === undefined) {
      n = foldChars(toSimplified(ch.normalize('NFKC')).toLowerCase());
      if (n.length !== ch.length) n = ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
      if (charMemo.size < 50_000) charMemo.set(ch, n);
    }
    out += n;
  }
  return out;
}

const WORDISH = '\\p{Ll}\\p{Lu}\\p{Lt}\\p{Nd}';
const DOC_NUMBER_KEY = /^(\p{Script=Han}+)(\d{4})(\d+)号$/u;

/** The pattern of one token in normalised text. */
function tokenPattern(token: string): string {
  const doc = DOC_NUMBER_KEY.exec(token);
  if (doc) return `${escapeRegex(doc[1]!)} ?\\(${doc[2]}\\) ?第?0*${doc[3]} ?号`;
  if (/^\d+$/.test(token)) return `(?<!\\d)0*${token}(?!\\d)`;
  if (isHanChar(token)) return escapeRegex(token);
  return `(?<![${WORDISH}])${escapeRegex(token)}(?![${WORDISH}])`;
}

/** One regular expression for all the query's words and phrases, longest first. */
export function needlePattern(terms: readonly string[], phrases: readonly (readonly string[])[]): RegExp | null {
  const parts = [
    ...terms.map(tokenPattern),
    // Phrase tokens are adjacent in the index stream, which skips spaces and punctuation.
    ...phrases.map((p) => p.map(tokenPattern).join(`[^${WORDISH}\\p{Script=Han}]{0,8}`)),
  ].sort((a, b) => b.length - a.length);
  return parts.length === 0 ? null : new RegExp(parts.join('|'), 'gu');
}

function ranges(text: string, pattern: RegExp | null): [number, number][] {
  if (!pattern || text === '') return [];
  const out: [number, number][] = [];
  for (const m of alignedNormalize(text).matchAll(pattern)) {
    if (m[0].length === 0) continue;
    const last = out.at(-1);
    // Touching matches (托育 + 服务) become one mark.
    if (last && last[1] === m.index) last[1] += m[0].length;
    else out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function mark(text: string, found: readonly [number, number][], from: number, to: number): string {
  let html = '';
  let at = from;
  for (const [s, e] of found) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, at);
    const end = Math.min(e, to);
    if (start < end) html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = Math.max(at, end);
  }
  return html + escapeHtml(text.slice(at, to));
}

export function highlightAll(text: string, pattern: RegExp | null): string {
  return mark(text, ranges(text, pattern), 0, text.length);
}

/** About SNIPPET_CHARS characters around the first match (the opening when nothing matches). */
export function snippet(text: string, pattern: RegExp | null): string {
  const found = ranges(text, pattern);
  let from = found.length > 0 ? Math.max(0, found[0]![0] - CONTEXT_BEFORE) : 0;
  let to = Math.min(text.length, from + SNIPPET_CHARS);
  if (to === text.length) from = Math.max(0, to - SNIPPET_CHARS);
  // Never cut a surrogate pair in half.
  if (from > 0 && /[\udc00-\udfff]/.test(text[from]!)) from--;
  if (to < text.length && /[\udc00-\udfff]/.test(text[to]!)) to++;
  return `${from > 0 ? '…' : ''}${mark(text, found, from, to)}${to < text.length ? '…' : ''}`;
}
