/**
 * From what a crawl read to findings (国办秘函〔2019〕19号 indicators; reference §3.1): broken links
 * and missing images with the pages they were found on (homepage apart), redirect loops, homepage
 * and column freshness, blank columns, personal data on pages (the catalogue's scanner), and basic
 * accessibility. Pure: the crawl result in, findings and the columns it judged out.
 */
import { maskForDisplay, scanText, SCAN_RULE_LABELS } from '../platform/privacy/scanner.js';
import { columnFindings, homepageFindings, type ColumnPage } from './columns.js';
import type { CrawlResult, ReadPage } from './crawler.js';
import { datesIn } from './dates.js';
import type { Finding } from './model.js';
import type { InspectionRules } from './rules.js';
import { resolveLink } from './urls.js';

/** A listing page has at least this many dated, linked entries. */
export const MIN_COLUMN_ENTRIES = 3;
const IMAGE_TAGS = new Set(['img', 'source']);
// Personal data the inspection reports (secrecy markings are the catalogue review's business).
const PERSONAL_RULES = new Set(['resident-id', 'mobile', 'bank-card']);

const statusText = (s: { status: number | null; error: string }) => (s.status !== null ? `HTTP ${s.status}` : s.error);

function linkFindings(crawl: CrawlResult, homepageUrl: string | null): Finding[] {
  const out: Finding[] = [];
  for (const [target, use] of crawl.uses) {
    const state = crawl.states.get(target);
    if (!state || state.ok) continue;
    const image = [...use.tags].every((t) => IMAGE_TAGS.has(t));
    for (const page of use.foundOn) {
      out.push({
        kind: state.loop ? 'redirect-loop' : image ? 'missing-image' : 'broken-link',
        url: target,
        foundOn: page,
        status: state.status,
        detail: `${statusText(state)}${use.texts[0] ? `（链接文字：${use.texts[0]}）` : ''}`,
        onHomepage: page === homepageUrl,
      });
    }
  }
  return out;
}

/** The column name: how the site's own links call the page, else its heading, else its title. */
function columnName(page: ReadPage, crawl: CrawlResult): string {
  const linked = crawl.uses.get(page.url)?.texts.find((t) => t.length >= 2 && t.length <= 20);
  return linked ?? (page.facts.heading || page.facts.title.split(/\s*[-_|–—]\s*/)[0] || page.url);
}

/** Listing pages, one per column name (a column's later pages merge into it: its newest date counts). */
export function columnPages(crawl: CrawlResult, today: string): ColumnPage[] {
  const byName = new Map<string, ColumnPage>();
  for (const page of crawl.pages) {
    if (page.depth === 0) continue; // the homepage is judged as the homepage
    const dated = page.facts.entries.filter((e) => e.href !== null).map((e) => datesIn(e.text, today, { short: true }));
    const datedEntries = dated.filter((d) => d.length > 0);
    const isColumn = datedEntries.length >= MIN_COLUMN_ENTRIES || (page.facts.saysEmpty && datedEntries.length === 0);
    if (!isColumn) continue;
    const name = columnName(page, crawl);
    const itemDates = datedEntries.flat();
    const before = byName.get(name);
    byName.set(
      name,
      before
        ? { ...before, itemDates: [...before.itemDates, ...itemDates], entries: before.entries + datedEntries.length, saysEmpty: before.saysEmpty && page.facts.saysEmpty }
        : { url: page.url, name, itemDates, entries: datedEntries.length, saysEmpty: page.facts.saysEmpty },
    );
  }
  return [...byName.values()];
}

function pageFindings(page: ReadPage, homepageUrl: string | null): Finding[] {
  const out: Finding[] = [];
  const onHomepage = page.url === homepageUrl;
  const at = (kind: Finding['kind'], detail: string): Finding => ({ kind, url: page.url, foundOn: null, status: null, detail, onHomepage });
  for (const hit of scanText(page.facts.text)) {
    if (PERSONAL_RULES.has(hit.rule)) out.push(at('personal-data', `${SCAN_RULE_LABELS[hit.rule]}：${maskForDisplay(hit)}`));
  }
  if (!page.facts.lang) out.push(at('page-lang', 'html 元素缺少 lang 属性'));
  if (!page.facts.title) out.push(at('page-title', '页面没有 <title>'));
  if (page.facts.imagesWithoutAlt.length > 0) {
    const shown = page.facts.imagesWithoutAlt.slice(0, 3).map((src) => resolveLink(src, page.url) ?? src);
    out.push(at('img-alt', `${page.facts.imagesWithoutAlt.length} 张图片缺少 alt：${shown.join('、')}`));
  }
  if (page.facts.unlabelledControls > 0) out.push(at('form-label', `${page.facts.unlabelledControls} 个表单控件没有标签`));
  return out;
}

export interface CheckOutcome {
  readonly findings: Finding[];
  readonly columns: ColumnPage[];
  readonly homepageDates: string[];
}

export function checkCrawl(crawl: CrawlResult, rules: InspectionRules, today: string): CheckOutcome {
  const homepageUrl = crawl.homepage?.url ?? null;
  const findings = linkFindings(crawl, homepageUrl);
  const home = crawl.homepageState;
  if (home && !home.ok) findings.push({ kind: 'unreachable', url: crawl.startUrl, foundOn: null, status: home.status, detail: `首页无法打开：${statusText(home)}`, onHomepage: true });
  let homepageDates: string[] = [];
  if (crawl.homepage) {
    const facts = crawl.homepage.facts;
    homepageDates = [...new Set([...datesIn(facts.text, today), ...facts.entries.flatMap((e) => datesIn(e.text, today, { short: true }))])].sort();
    findings.push(...homepageFindings(crawl.homepage.url, homepageDates, rules, today));
  }
  const columns = columnPages(crawl, today);
  findings.push(...columnFindings(columns, rules, today));
  for (const page of crawl.pages) findings.push(...pageFindings(page, homepageUrl));
  return { findings, columns, homepageDates };
}
