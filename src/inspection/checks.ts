/**
 * From what a crawl read to findings (国办秘函〔2019〕19号 indicators; reference §3.1): broken links
 * and missing images with the pages they were found on (homepage apart), redirect loops, homepage
 * and column freshness, blank columns, personal data on pages (the catalogue's scanner), and basic
 * accessibility. Pure: the crawl result in, findings and the columns it judged out.
 */
import { maskForDisplay, scanText, SCAN_RULE_LABELS } from '../platform/privacy/scanner.js';
import { columnFindings, homepageFindings, type ColumnPage } from './columns.js';
import type { CrawlResult } from './crawler.js';
import type { PageFacts } from './page-scan.js';
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
        // the pages listed are capped (crawler MAX_FOUND_ON): say how many more link to it
        detail: `${statusText(state)}${use.texts[0] ? `（链接文字：${use.texts[0]}）` : ''}${use.more > 0 ? `；另有 ${use.more} 个页面也链接到此` : ''}`,
        onHomepage: page === homepageUrl,
      });
    }
  }
  return out;
}

/**
 * What the checks keep of a page once it is read: compact, so that a crawl of any size holds
 * only this, and several workers can ship theirs to be merged (the text is scanned here, then
 * dropped).
 */
export interface PageSummary {
  readonly url: string;
  readonly depth: number;
  readonly heading: string;
  readonly title: string;
  /** dates of each list entry that links somewhere and carries a date */
  readonly entryDates: readonly (readonly string[])[];
  readonly saysEmpty: boolean;
  /** the homepage only: every date on it */
  readonly homepageDates: readonly string[];
  /** personal data and accessibility findings of the page (onHomepage set for depth 0) */
  readonly findings: readonly Finding[];
}

export function summarizePage(url: string, depth: number, facts: PageFacts, today: string): PageSummary {
  const entryDates = facts.entries
    .filter((e) => e.href !== null)
    .map((e) => datesIn(e.text, today, { short: true }))
    .filter((d) => d.length > 0);
  const homepageDates = depth === 0 ? [...new Set([...datesIn(facts.text, today), ...entryDates.flat()])].sort() : [];
  return { url, depth, heading: facts.heading, title: facts.title, entryDates, saysEmpty: facts.saysEmpty, homepageDates, findings: pageFindings(url, facts, depth === 0) };
}

/** The column name: how the site's own links call the page, else its heading, else its title. */
function columnName(page: PageSummary, crawl: CrawlResult): string {
  const linked = crawl.uses.get(page.url)?.texts.find((t) => t.length >= 2 && t.length <= 20);
  return linked ?? (page.heading || page.title.split(/\s*[-_|–—]\s*/)[0] || page.url);
}

/** Listing pages, one per column name (a column's later pages merge into it: its newest date counts). */
export function columnPages(crawl: CrawlResult): ColumnPage[] {
  const byName = new Map<string, ColumnPage>();
  for (const page of crawl.pages) {
    if (page.depth === 0) continue; // the homepage is judged as the homepage
    const isColumn = page.entryDates.length >= MIN_COLUMN_ENTRIES || (page.saysEmpty && page.entryDates.length === 0);
    if (!isColumn) continue;
    const name = columnName(page, crawl);
    const itemDates = page.entryDates.flat();
    const before = byName.get(name);
    byName.set(
      name,
      before
        ? { ...before, itemDates: [...before.itemDates, ...itemDates], entries: before.entries + page.entryDates.length, saysEmpty: before.saysEmpty && page.saysEmpty }
        : { url: page.url, name, itemDates, entries: page.entryDates.length, saysEmpty: page.saysEmpty },
    );
  }
  return [...byName.values()];
}

function pageFindings(url: string, facts: PageFacts, onHomepage: boolean): Finding[] {
  const out: Finding[] = [];
  const at = (kind: Finding['kind'], detail: string): Finding => ({ kind, url, foundOn: null, status: null, detail, onHomepage });
  for (const hit of scanText(facts.text)) {
    if (PERSONAL_RULES.has(hit.rule)) out.push(at('personal-data', `${SCAN_RULE_LABELS[hit.rule]}：${maskForDisplay(hit)}`));
  }
  if (!facts.lang) out.push(at('page-lang', 'html 元素缺少 lang 属性'));
  if (!facts.title) out.push(at('page-title', '页面没有 <title>'));
  if (facts.imagesWithoutAlt.length > 0) {
    const shown = facts.imagesWithoutAlt.slice(0, 3).map((src) => resolveLink(src, url) ?? src);
    out.push(at('img-alt', `${facts.imagesWithoutAlt.length} 张图片缺少 alt：${shown.join('、')}`));
  }
  if (facts.unlabelledControls > 0) out.push(at('form-label', `${facts.unlabelledControls} 个表单控件没有标签`));
  return out;
}

export interface CheckOutcome {
  readonly findings: Finding[];
  readonly columns: ColumnPage[];
  readonly homepageDates: readonly string[];
}

export function checkCrawl(crawl: CrawlResult, rules: InspectionRules, today: string): CheckOutcome {
  const homepage = crawl.pages.find((p) => p.depth === 0) ?? null;
  const homepageUrl = homepage?.url ?? null;
  const findings = linkFindings(crawl, homepageUrl);
  const home = crawl.homepageState;
  if (home && !home.ok) findings.push({ kind: 'unreachable', url: crawl.startUrl, foundOn: null, status: home.status, detail: `首页无法打开：${statusText(home)}`, onHomepage: true });
  const homepageDates = homepage?.homepageDates ?? [];
  if (homepage) findings.push(...homepageFindings(homepage.url, homepageDates, rules, today));
  const columns = columnPages(crawl);
  findings.push(...columnFindings(columns, rules, today));
  for (const page of crawl.pages) findings.push(...page.findings);
  return { findings, columns, homepageDates };
}
