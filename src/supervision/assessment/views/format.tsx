/** Shared pieces of the 工作考核 pages: number formats, figure links, the indicator cells. */
import { OUTCOME_GROUP_LABELS, type OutcomeGroup } from '../../../requests/model.js';
import { indicatorScore, INDICATORS, INDICATOR_LABELS, meanAnswerDays, meanStars, type AgencyCounts, type IndicatorKey } from '../model.js';

/** Scores print with one decimal always: 73 → "73.0". */
export const formatScore = (n: number): string => n.toFixed(1);

export const INDICATOR_SHORT: Readonly<Record<IndicatorKey, string>> = {
  disclosure: '主动公开',
  requests: '依申请',
  interpretation: '政策解读',
  website: '网站',
  messages: '留言',
  evaluation: '评议',
  services: '双公示',
  serviceItems: '事项更新',
};

export function drillHref(code: string, indicator: IndicatorKey, year: number, opts: { month?: number; subtree?: boolean } = {}): string {
  const q = new URLSearchParams({ year: String(year) });
  if (opts.month) q.set('month', String(opts.month));
  if (opts.subtree) q.set('scope', 'subtree');
  return `/staff/assessment/${encodeURIComponent(code)}/${indicator}?${q.toString()}`;
}

/** "n/d" of an indicator in words: website and evaluation count sites and ratings. */
export function countText(k: IndicatorKey, c: AgencyCounts): string {
  const x = c.indicators[k];
  if (k === 'website') return `${x.den} 个网站`;
  if (k === 'evaluation') return `${x.den} 次评议，平均 ${meanStars(x)?.toFixed(2) ?? '—'} 星`;
  return `${x.num}/${x.den}`;
}

/** An indicator's score and its n/d, linked to the items behind it when there are any. */
export function IndicatorCell({ k, counts, href }: { k: IndicatorKey; counts: AgencyCounts; href: string | null }) {
  const score = indicatorScore(k, counts.indicators[k]);
  if (score === null) return <span class="muted">不适用</span>;
  const text = `${formatScore(score)}（${countText(k, counts)}）`;
  return href ? <a href={href}>{text}</a> : <>{text}</>;
}

/** The figures shown but not scored. */
export function Extras({ counts }: { counts: AgencyCounts }) {
  const e = counts.extras;
  const mix = Object.entries(e.resultMix);
  const days = meanAnswerDays(e);
  return (
    <ul>
      <li>
        依申请答复结果：
        {mix.length === 0 ? '无' : mix.map(([g, n]) => `${OUTCOME_GROUP_LABELS[g as OutcomeGroup] ?? g} ${n} 件`).join('，')}
      </li>
      <li>网站单项否决：{e.vetoes} 个网站</li>
      <li>留言平均答复用时：{days === null ? '—' : `${days.toFixed(1)} 个工作日（${e.answered} 件）`}</li>
      <li>未结责任追究案件：{e.openCases} 件</li>
      <li>开展意见征集：{e.consultations} 次</li>
    </ul>
  );
}

export const INDICATOR_HEADERS = INDICATORS.map((k) => ({ k, label: INDICATOR_LABELS[k] }));
