/**
 * One inspection of a site: crawl, checks, optional availability probes, the verdict. The report
 * is what every output format (report.tsx) and the platform's history store. A crawl shared by
 * several workers (jobs.ts) ends in the same `finishInspection`.
 */
import { a11ySample, axeFindings } from './a11y.js';
import { checkCrawl, MIN_COLUMN_ENTRIES } from './checks.js';
import { columnTypeOf } from './columns.js';
import { crawl, type CrawlOptions, type CrawlResult } from './crawler.js';
import type { Finding, ScoreResult } from './model.js';
import type { ProbeResult } from './probe.js';
import type { InspectionRules } from './rules.js';
import { scoreInspection } from './scoring.js';

export interface InspectionReport extends ScoreResult {
  readonly site: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly pages: number;
  readonly requests: number;
  readonly robotsSkipped: number;
  readonly homepage: { readonly url: string; readonly newestDate: string | null };
  readonly columns: readonly { url: string; name: string; type: string | null; newestDate: string | null; entries: number }[];
  readonly probes: { readonly total: number; readonly unreachable: number } | null;
  readonly findings: readonly Finding[];
  /** a crawl shared by several workers: what each part did */
  readonly parts?: readonly { readonly pages: number; readonly requests: number }[];
}

export interface InspectOptions extends CrawlOptions {
  readonly rules: InspectionRules;
  readonly now: () => Date;
  readonly probes?: ProbeResult | null;
  /** axe-core in Chromium on this many pages (homepage, columns, others) */
  readonly a11y?: { readonly pages: number } | null;
}

export interface FinishOptions {
  readonly start: string;
  readonly rules: InspectionRules;
  /** the inspection day in China, 'YYYY-MM-DD' (freshness is counted to it) */
  readonly today: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly probes?: ProbeResult | null;
  readonly parts?: readonly { readonly pages: number; readonly requests: number }[];
  /** findings made outside the crawl (axe-core in Chromium) */
  readonly extraFindings?: readonly Finding[];
}

/** Checks and verdict from a finished crawl (one process's, or the merged parts of several). */
export function finishInspection(result: CrawlResult, o: FinishOptions): InspectionReport {
  const checked = checkCrawl(result, o.rules, o.today);
  const probes = o.probes ? { total: o.probes.total, unreachable: o.probes.unreachable } : null;
  const findings = [...checked.findings, ...(o.extraFindings ?? [])];
  if (o.probes) {
    for (const s of o.probes.samples.filter((x) => !x.ok)) findings.push({ kind: 'unreachable', url: o.start, foundOn: null, status: s.status, detail: `${s.at}：${s.error}`, onHomepage: true });
  }
  const score = scoreInspection({ findings, probes }, o.rules);
  const newest = (d: readonly string[]) => (d.length > 0 ? ([...d].sort().at(-1) ?? null) : null);
  return {
    site: o.start,
    startedAt: o.startedAt,
    finishedAt: o.finishedAt,
    pages: result.pages.length,
    requests: result.requests,
    robotsSkipped: result.robotsSkipped,
    homepage: { url: result.pages.find((p) => p.depth === 0)?.url ?? o.start, newestDate: newest(checked.homepageDates) },
    columns: checked.columns.map((c) => ({ url: c.url, name: c.name, type: columnTypeOf(c.name, o.rules)?.type ?? null, newestDate: newest(c.itemDates), entries: c.entries })),
    probes,
    findings,
    ...(o.parts ? { parts: o.parts } : {}),
    ...score,
  };
}

export async function inspectSite(o: InspectOptions): Promise<InspectionReport> {
  const startedAt = o.now().toISOString();
  const result = await crawl(o);
  let extraFindings: Finding[] = [];
  if (o.a11y) {
    const home = result.pages.find((p) => p.depth === 0)?.url ?? null;
    const columns = result.pages.filter((p) => p.entryDates.length >= MIN_COLUMN_ENTRIES).map((p) => p.url);
    extraFindings = await axeFindings(a11ySample(home, columns, result.pages.map((p) => p.url), o.a11y.pages), home, o.fetch.timeoutMs);
  }
  return finishInspection(result, { start: o.start, rules: o.rules, today: o.today, startedAt, finishedAt: o.now().toISOString(), probes: o.probes ?? null, extraFindings });
}
