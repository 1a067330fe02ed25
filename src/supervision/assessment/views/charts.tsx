/**
 * 工作考核 charts, server-rendered SVG drawn like inspection/views/charts.tsx: each value is written
 * beside its mark (readable without colour), the svg is role="img" with a <title> and <desc> that
 * say everything it shows, and every page that draws one also has a table of the same figures.
 *   ScoreBars — agencies compared (horizontal bars, 0–100);
 *   MonthLine — one series over the twelve months (a line; months without a figure break it).
 */
import { formatScore } from './format.js';

const INK = '#1a1a1a';
const BAR = '#1f4e8c';
const GRID = '#767676';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface Bar {
  readonly label: string;
  readonly score: number | null;
}

export function ScoreBars({ id, title, bars }: { id: string; title: string; bars: readonly Bar[] }) {
  const rowH = 28;
  const labelW = 230;
  const barW = 380;
  const top = 8;
  const height = top + Math.max(1, bars.length) * rowH + 8;
  const said = bars.map((b) => `${b.label} ${b.score === null ? '不适用' : formatScore(b.score)}`).join('，');
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${labelW + barW + 80} ${height}`} width="100%" xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>满分 100：{said}</desc>
      <line x1={labelW} y1={top} x2={labelW} y2={height - 4} stroke={GRID} />
      {bars.map((b, i) => {
        const y = top + i * rowH;
        const w = b.score === null ? 0 : Math.max(2, Math.round((b.score / 100) * barW));
        return (
          <g>
            <text x={labelW - 8} y={y + 17} text-anchor="end" font-size="13" fill={INK}>
              {clip(b.label, 16)}
            </text>
            {b.score === null ? null : <rect x={labelW} y={y + 4} width={w} height={18} fill={BAR} />}
            <text x={labelW + w + 6} y={y + 17} font-size="13" fill={INK}>
              {b.score === null ? '不适用' : formatScore(b.score)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Twelve monthly values (null: nothing counted that month), 0–100 with gridlines. */
export function MonthLine({ id, title, values }: { id: string; title: string; values: readonly (number | null)[] }) {
  const left = 44;
  const right = 20;
  const top = 24;
  const plotH = 180;
  const width = 720;
  const height = top + plotH + 36;
  const step = (width - left - right) / 11;
  const x = (i: number) => Math.round(left + i * step);
  const y = (v: number) => Math.round(top + ((100 - v) / 100) * plotH);
  const segments: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push({ x: x(i), y: y(v) });
  });
  if (current.length > 0) segments.push(current);
  const said = values.map((v, i) => `${i + 1}月 ${v === null ? '无' : formatScore(v)}`).join('，');
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>按月（满分 100）：{said}</desc>
      {[0, 20, 40, 60, 80, 100].map((g) => (
        <g>
          <line x1={left} y1={y(g)} x2={width - right} y2={y(g)} stroke={GRID} stroke-width="0.5" />
          <text x={left - 6} y={y(g) + 4} text-anchor="end" font-size="12" fill={INK}>
            {g}
          </text>
        </g>
      ))}
      {segments.map((s) => (s.length > 1 ? <polyline points={s.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={BAR} stroke-width="2" /> : null))}
      {values.map((v, i) => (
        <g>
          {v === null ? null : (
            <>
              <circle cx={x(i)} cy={y(v)} r="4" fill={BAR} />
              <text x={x(i)} y={y(v) - 9} text-anchor="middle" font-size="11" fill={INK}>
                {formatScore(v)}
              </text>
            </>
          )}
          <text x={x(i)} y={top + plotH + 20} text-anchor="middle" font-size="12" fill={INK}>
            {i + 1}月
          </text>
        </g>
      ))}
    </svg>
  );
}
