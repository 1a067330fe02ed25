/**
 * The inspection pages' server-rendered SVG charts, drawn like report.tsx's FindingsChart: every
 * value is written next to its mark (readable without colour), the svg is role="img" with a
 * <title> that says everything the chart shows, and a table on the same page lists the same data.
 *   ScoresChart — the latest score of each site (bars), the pass mark as a line;
 *   TrendChart  — one site's scores over its inspections (a line), vetoed runs marked 否决.
 */
import { formatScore } from './labels.js';

const INK = '#1a1a1a';
const BAR = '#1f4e8c';
const FAIL = '#a00000';
const GRID = '#b0b0b0';
/** 指标说明: below 60 is 不合格 (rules.json passMark). */
export const PASS_MARK = 60;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface ScoreBar {
  readonly label: string;
  /** null: the latest inspection was decided by a single veto */
  readonly score: number | null;
}

/** Horizontal bars, one per site, 0–100, with the pass mark. */
export function ScoresChart({ bars, passMark = PASS_MARK }: { bars: readonly ScoreBar[]; passMark?: number }) {
  const rowH = 28;
  const labelW = 230;
  const barW = 360;
  const top = 22;
  const height = top + bars.length * rowH + 8;
  const x = (score: number) => labelW + Math.round((score / 100) * barW);
  const said = bars.map((b) => `${b.label} ${b.score === null ? '单项否决' : formatScore(b.score)}`).join('，');
  return (
    <svg role="img" aria-labelledby="ins-scores-title" viewBox={`0 0 ${labelW + barW + 130} ${height}`} width="100%" xmlns="http://www.w3.org/2000/svg">
      <title id="ins-scores-title">各网站最近一次检查得分（满分 100，{passMark} 分合格）：{said}</title>
      <text x={x(passMark)} y={14} text-anchor="middle" font-size="12" fill={FAIL}>
        合格线 {passMark}
      </text>
      <line x1={x(passMark)} y1={top - 4} x2={x(passMark)} y2={height - 4} stroke={FAIL} stroke-dasharray="4 3" />
      <line x1={labelW} y1={top - 4} x2={labelW} y2={height - 4} stroke={GRID} />
      {bars.map((b, i) => {
        const y = top + i * rowH;
        const w = b.score === null ? 0 : Math.max(2, x(b.score) - labelW);
        return (
          <g>
            <text x={labelW - 8} y={y + 17} text-anchor="end" font-size="13" fill={INK}>
              {clip(b.label, 16)}
            </text>
            {b.score === null ? null : <rect x={labelW} y={y + 4} width={w} height={18} fill={b.score < passMark ? FAIL : BAR} />}
            <text x={labelW + w + 6} y={y + 17} font-size="13" fill={b.score === null ? FAIL : INK}>
              {b.score === null ? '单项否决（不合格）' : formatScore(b.score)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface TrendPoint {
  /** 'YYYY-MM-DD' */
  readonly day: string;
  /** null: vetoed */
  readonly score: number | null;
}

/** A line over the inspections in time order (evenly spaced, dated below), 0–100 with gridlines. */
export function TrendChart({ points, passMark = PASS_MARK }: { points: readonly TrendPoint[]; passMark?: number }) {
  const left = 48;
  const right = 24;
  const top = 24;
  const plotH = 200;
  const width = 720;
  const height = top + plotH + 48;
  const plotW = width - left - right;
  const n = points.length;
  const x = (i: number) => Math.round(n === 1 ? left + plotW / 2 : left + 12 + (i * (plotW - 24)) / (n - 1));
  const y = (score: number) => Math.round(top + ((100 - score) / 100) * plotH);
  // A date under each of up to 8 points (a date is ~75 units wide); beyond that under every k-th, first and last always.
  const every = n <= 8 ? 1 : Math.ceil(n / 7);
  const dated = (i: number) => i === 0 || i === n - 1 || (i % every === 0 && n - 1 - i >= every / 2);
  // The line joins consecutive scored runs; a veto breaks it.
  const segments: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  points.forEach((p, i) => {
    if (p.score === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else {
      current.push({ x: x(i), y: y(p.score) });
    }
  });
  if (current.length > 0) segments.push(current);
  const said = points.map((p) => `${p.day} ${p.score === null ? '单项否决' : formatScore(p.score)}`).join('，');
  return (
    <svg role="img" aria-labelledby="ins-trend-title" viewBox={`0 0 ${width} ${height}`} width="100%" xmlns="http://www.w3.org/2000/svg">
      <title id="ins-trend-title">
        得分趋势（{n} 次检查，满分 100，{passMark} 分合格）：{said}
      </title>
      {[0, 20, 40, 60, 80, 100].map((g) => (
        <g>
          <line x1={left} y1={y(g)} x2={width - right} y2={y(g)} stroke={g === passMark ? FAIL : GRID} stroke-dasharray={g === passMark ? '4 3' : undefined} />
          <text x={left - 6} y={y(g) + 4} text-anchor="end" font-size="12" fill={g === passMark ? FAIL : INK}>
            {g}
          </text>
        </g>
      ))}
      {segments.map((s) =>
        s.length > 1 ? <polyline points={s.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={BAR} stroke-width="2" /> : null,
      )}
      {points.map((p, i) => {
        const cx = x(i);
        const mark =
          p.score === null ? (
            <g class="ins-veto">
              <line x1={cx - 6} y1={y(0) - 6} x2={cx + 6} y2={y(0) + 6} stroke={FAIL} stroke-width="3" />
              <line x1={cx - 6} y1={y(0) + 6} x2={cx + 6} y2={y(0) - 6} stroke={FAIL} stroke-width="3" />
              <text x={cx} y={y(0) - 12} text-anchor="middle" font-size="12" fill={FAIL}>
                否决
              </text>
            </g>
          ) : (
            <g class="ins-point">
              <circle cx={cx} cy={y(p.score)} r="4.5" fill={p.score < passMark ? FAIL : BAR} />
              <text x={cx} y={y(p.score) - 10} text-anchor="middle" font-size="12" fill={INK}>
                {formatScore(p.score)}
              </text>
            </g>
          );
        return (
          <g>
            {mark}
            {dated(i) ? (
              <text x={cx} y={top + plotH + 22} text-anchor="middle" font-size="12" fill={INK}>
                {p.day}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
