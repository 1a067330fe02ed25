/**
 * Words and small formats the inspection pages share: run statuses, a run's result in one phrase,
 * and the page addresses.
 */
import { beijingTime } from '../../platform/clock.js';
import type { RunStatus, RunSummary } from '../store.js';

export const STATUS_LABELS: Readonly<Record<RunStatus, string>> = { queued: '排队中', running: '检查中', done: '已完成', failed: '失败' };

export const statusLabel = (status: string): string => STATUS_LABELS[status as RunStatus] ?? status;

/** '合格 · 81.7', '不合格 · 单项否决', '不合格 · 52.0' — or the status when the run has no result. */
export function resultText(run: Pick<RunSummary, 'status' | 'verdict' | 'score'> | null): string {
  if (run === null) return '未检查';
  if (run.status !== 'done' || run.verdict === null) return statusLabel(run.status);
  return `${run.verdict} · ${run.score === null ? '单项否决' : formatScore(run.score)}`;
}

export const formatScore = (score: number): string => score.toFixed(1);

/** A stored UTC timestamp as Beijing time, or a dash. */
export const when = (iso: string | null): string => (iso === null ? '—' : beijingTime(iso));

/** The Beijing date of a timestamp, 'YYYY-MM-DD'. */
export const dayOf = (iso: string): string => beijingTime(iso).slice(0, 10);

export const siteHref = (id: number): string => `/staff/inspection/sites/${id}`;
export const runHref = (id: number): string => `/staff/inspection/runs/${id}`;

/** '每 7 天' or '仅手动检查'. */
export const scheduleText = (everyDays: number): string => (everyDays > 0 ? `每 ${everyDays} 天自动检查` : '不定期（仅手动检查）');
