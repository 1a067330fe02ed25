/**
 * Columns (栏目) and the homepage judged by their newest dated item (国办秘函〔2019〕19号 首页不更新 and
 * 栏目不更新; reference §3.1): a column's type comes from its name (动态要闻, 通知公告政策文件,
 * 人事规划计划), its period from the rules; a column with no item is blank. Pure: the crawler
 * gives what it read of each page.
 */
import { daysBetween } from './dates.js';
import type { ColumnType, Finding } from './model.js';
import type { InspectionRules } from './rules.js';

/** What the crawler read of a listing page. */
export interface ColumnPage {
  readonly url: string;
  /** the column's name: the link text that led to it, else the page's heading or title */
  readonly name: string;
  /** dates of the page's list entries */
  readonly itemDates: readonly string[];
  /** how many list entries link somewhere (a column of undated links is not blank) */
  readonly entries: number;
  /** the page says it has nothing (暂无信息, 暂无内容 …) */
  readonly saysEmpty: boolean;
}

/** The column type whose keyword the name contains; the longest keyword wins (通知公告 over 公告 …). */
export function columnTypeOf(name: string, rules: InspectionRules): { type: ColumnType; maxAgeDays: number; label: string } | null {
  let best: { type: ColumnType; maxAgeDays: number; label: string; length: number } | null = null;
  for (const t of rules.columnTypes) {
    for (const k of t.keywords) {
      if (name.includes(k) && (best === null || k.length > best.length)) best = { type: t.type, maxAgeDays: t.maxAgeDays, label: t.label, length: k.length };
    }
  }
  return best && { type: best.type, maxAgeDays: best.maxAgeDays, label: best.label };
}

const newest = (dates: readonly string[]) => dates.reduce<string | null>((a, d) => (a === null || d > a ? d : a), null);

/** Stale and blank columns. Columns of no known type are judged blank or not, never stale. */
export function columnFindings(columns: readonly ColumnPage[], rules: InspectionRules, today: string): Finding[] {
  const out: Finding[] = [];
  for (const c of columns) {
    const type = columnTypeOf(c.name, rules);
    const last = newest(c.itemDates);
    if (last === null && (c.entries === 0 || c.saysEmpty)) {
      out.push({ kind: 'column-blank', url: c.url, foundOn: null, status: null, detail: `栏目“${c.name}”没有任何信息`, onHomepage: false, columnType: type?.type });
      continue;
    }
    if (type === null || last === null) continue;
    const age = daysBetween(last, today);
    if (age > type.maxAgeDays) {
      out.push({
        kind: 'column-stale',
        url: c.url,
        foundOn: null,
        status: null,
        detail: `栏目“${c.name}”（${type.label}）最新信息为 ${last}，已 ${age} 天未更新（应在 ${type.maxAgeDays} 天内）`,
        onHomepage: false,
        columnType: type.type,
      });
    }
  }
  return out;
}

/** 首页不更新: the newest date on the homepage older than the period, or no date at all. */
export function homepageFindings(url: string, dates: readonly string[], rules: InspectionRules, today: string): Finding[] {
  const last = newest(dates);
  const days = rules.vetoes.homepageStale.days;
  if (last === null) return [{ kind: 'homepage-undated', url, foundOn: null, status: null, detail: '首页信息均未注明发布日期（视为未更新）', onHomepage: true }];
  const age = daysBetween(last, today);
  if (age <= days) return [];
  return [{ kind: 'homepage-stale', url, foundOn: null, status: null, detail: `首页最新信息为 ${last}，已 ${age} 天未更新（超过 ${days} 天）`, onHomepage: true }];
}
