/**
 * Where an annual report stands: its links, its statutory deadline (条例 第四十九条: an agency's
 * report by 31 January, a government's consolidated report by 31 March of the following year) and
 * the state of the catalogue record it was drafted into.
 */
import * as catalog from '../../../catalog/service.js';
import { STATUS_LABELS, type RecordStatus } from '../../../catalog/model.js';
import type { Executor } from '../../../platform/db/database.js';
import { loadInputs } from '../../inputs.js';
import type { ReportScope } from '../../service.js';

export const SCOPE_LABELS: Readonly<Record<ReportScope, string>> = { agency: '本机关年度报告', consolidated: '汇总年度报告' };

/** The staff page of one report; the consolidated one carries its scope in the query. */
export function reportHref(code: string, year: number, scope: ReportScope, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...(scope === 'consolidated' ? { scope } : {}), ...extra });
  const qs = params.toString();
  return `/staff/reports/${encodeURIComponent(code)}/${year}${qs ? `?${qs}` : ''}`;
}

export const csvHref = (code: string, year: number, scope: ReportScope) =>
  `/staff/reports/${encodeURIComponent(code)}/${year}/report.csv${scope === 'consolidated' ? '?scope=consolidated' : ''}`;

export const jsonHref = (code: string, year: number, scope: ReportScope) => `/api/v1/reports/annual/${encodeURIComponent(code)}/${year}?scope=${scope}`;

/** 条例 第四十九条: 每年1月31日前 (agency), 每年3月31日前 (the government's consolidated report). */
export function deadlineOf(year: number, scope: ReportScope): string {
  return scope === 'consolidated' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

/** '2026-01-31' → '2026年1月31日'. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface ReportState {
  readonly recordId: number | null;
  /** the record's catalogue status, or null when no draft was generated yet */
  readonly status: RecordStatus | null;
}

export const stateLabel = (s: ReportState) => (s.status === null ? '尚未生成信息草稿' : (STATUS_LABELS[s.status] ?? s.status));

export const isPublished = (s: ReportState) => s.status === 'published';

/** A deadline is missed when the day after it has come and the report is not published. */
export const isOverdue = (s: ReportState, deadline: string, today: string) => today > deadline && !isPublished(s);

export async function recordState(db: Executor, recordId: number | null): Promise<ReportState> {
  if (recordId === null) return { recordId: null, status: null };
  const record = await catalog.findRecord(db, recordId);
  return { recordId, status: record ? (record.status as RecordStatus) : null };
}

/** The state of one stored report (annual_report.record_id → record.status). */
export async function reportState(db: Executor, agencyId: number, year: number, scope: ReportScope): Promise<ReportState> {
  const { row } = await loadInputs(db, agencyId, year, scope);
  return recordState(db, row?.recordId ?? null);
}
