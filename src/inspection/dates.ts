/**
 * Publication dates on government pages, as listing pages and homepages write them: 2026-11-26,
 * 2026/11/26, 2026.11.26, 2026年11月26日, and in lists often only 11-26 (this year, or last year
 * when that day is still to come). Dates after the inspection day are ignored: a future date says
 * nothing about when a column was last updated. Pure.
 */
import { isIsoDate } from '../platform/calendar/model.js';

const FULL = [
  /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g,
  /(?<!\d)(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/g,
  /(?<![\d.])(\d{4})\.(\d{1,2})\.(\d{1,2})(?![\d.])/g,
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g,
];
// MM-DD standing alone (not part of a longer number or date): the year is implied by the page.
const SHORT = /(?<![\d\-/.])(\d{2})-(\d{2})(?![\d\-/.])/g;
const OLDEST_YEAR = 1990;

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The dates in a text, oldest first, not after `today` ('YYYY-MM-DD'). `short` also reads MM-DD. */
export function datesIn(text: string, today: string, options: { short?: boolean } = {}): string[] {
  const t = text.normalize('NFKC');
  const found = new Set<string>();
  const add = (d: string) => {
    if (isIsoDate(d) && d <= today && Number(d.slice(0, 4)) >= OLDEST_YEAR) found.add(d);
  };
  let rest = t;
  for (const re of FULL) {
    for (const m of t.matchAll(re)) add(iso(Number(m[1]), Number(m[2]), Number(m[3])));
    rest = rest.replace(re, ' ');
  }
  if (options.short) {
    const year = Number(today.slice(0, 4));
    for (const m of rest.matchAll(SHORT)) {
      const thisYear = iso(year, Number(m[1]), Number(m[2]));
      if (!isIsoDate(thisYear)) continue;
      add(thisYear <= today ? thisYear : iso(year - 1, Number(m[1]), Number(m[2])));
    }
  }
  return [...found].sort();
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
