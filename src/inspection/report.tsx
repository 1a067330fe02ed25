/**
 * An inspection report in each output format: the terminal summary, JSON (the report itself, its
 * schema in docs/inspection.md), CSV of the findings, and a standalone HTML page with the findings
 * grouped by kind and a server-rendered SVG chart of findings by kind.
 */
import { render } from 'preact-render-to-string';
import { csvLine } from '../platform/files/csv.js';
import type { InspectionReport } from './inspect.js';
import { FINDING_KINDS, FINDING_LABELS, type Finding, type FindingKind } from './model.js';

const COLUMN_TYPE_LABELS: Readonly<Record<string, string>> = { dynamic: '动态、要闻类', notice: '通知公告、政策文件类', 'personnel-plan': '人事、规划计划类' };

export function countsByKind(findings: readonly Finding[]): { kind: FindingKind; label: string; count: number }[] {
  return FINDING_KINDS.map((kind) => ({ kind, label: FINDING_LABELS[kind], count: findings.filter((f) => f.kind === kind).length })).filter((c) => c.count > 0);
}

/** What the terminal shows at the end of a run. */
export function reportText(r: InspectionReport): string {
  const lines = [
    `站点 / site: ${r.site}`,
    `抓取页面 ${r.pages} 个，请求 ${r.requests} 次 / pages ${r.pages}, requests ${r.requests}`,
    `结论 / verdict: ${r.verdict}${r.score === null ? '（单项否决）' : `，得分 ${r.score}`}`,
    ...r.vetoes.map((v) => `  单项否决 · ${v.indicator}：${v.detail}`),
    ...r.deductions.filter((d) => d.points > 0).map((d) => `  扣分 · ${d.label}：${d.findings} 项，扣 ${d.points} 分${d.capped ? '（已达上限）' : ''}`),
    ...r.notEvaluated.map((n) => `  未评价 · ${n}`),
    '问题 / findings:',
    ...countsByKind(r.findings).map((c) => `  ${c.label}：${c.count}`),
  ];
  return lines.join('\n');
}

export function reportCsv(r: InspectionReport): string {
  const rows = r.findings.map((f) => csvLine([f.kind, FINDING_LABELS[f.kind], f.url, f.foundOn ?? '', f.status === null ? '' : String(f.status), f.onHomepage ? '首页' : '', f.columnType ?? '', f.detail]));
  return `\uFEFF${csvLine(['kind', '问题', 'url', 'foundOn', 'status', '位置', 'columnType', 'detail'])}${rows.join('')}`;
}

/** Horizontal bars, one per kind, labelled, with the count at the end; readable without colour. */
export function FindingsChart({ counts }: { counts: readonly { label: string; count: number }[] }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  const rowH = 28;
  const labelW = 230;
  const barW = 360;
  const height = counts.length * rowH + 10;
  return (
    <svg role="img" aria-labelledby="ins-chart-title" viewBox={`0 0 ${labelW + barW + 60} ${height}`} width="100%" style="max-width:680px" xmlns="http://www.w3.org/2000/svg">
      <title id="ins-chart-title">各类问题数量：{counts.map((c) => `${c.label} ${c.count}`).join('，')}</title>
      {counts.map((c, i) => {
        const y = 5 + i * rowH;
        const w = Math.max(2, Math.round((c.count / max) * barW));
        return (
          <g>
            <text x={labelW - 8} y={y + 17} text-anchor="end" font-size="13" fill="#1a1a1a">
              {c.label}
            </text>
            <rect x={labelW} y={y + 4} width={w} height={18} fill="#1f4e8c" />
            <text x={labelW + w + 6} y={y + 17} font-size="13" fill="#1a1a1a">
              {c.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const STYLE = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1a1a1a;line-height:1.6}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top;word-break:break-all}
th{background:#eef2f7}.verdict{font-size:1.4rem;font-weight:bold}.fail{color:#a00000}.pass{color:#0a5c2e}.muted{color:#555}`;

function FindingTable({ findings }: { findings: readonly Finding[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">地址</th>
          <th scope="col">所在页面</th>
          <th scope="col">状态</th>
          <th scope="col">说明</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => (
          <tr>
            <td>{f.url}</td>
            <td>{f.foundOn ?? '—'}{f.onHomepage ? '（首页）' : ''}</td>
            <td>{f.status ?? '—'}</td>
            <td>{f.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportPage({ r }: { r: InspectionReport }) {
  const counts = countsByKind(r.findings);
  const failed = r.verdict === '不合格';
  return (
    <html lang="zh-Hans">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>政府网站检查报告 · {r.site}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <main>
          <h1>政府网站检查报告</h1>
          <p>
            站点：{r.site}
            <br />
            检查时间：{r.startedAt} — {r.finishedAt}；抓取页面 {r.pages} 个，请求 {r.requests} 次
          </p>
          <p class={`verdict ${failed ? 'fail' : 'pass'}`}>
            结论：{r.verdict}
            {r.score === null ? '（单项否决）' : `，得分 ${r.score}`}
          </p>
          {r.vetoes.length > 0 ? (
            <section>
              <h2>单项否决</h2>
              <ul>
                {r.vetoes.map((v) => (
                  <li>
                    {v.indicator}：{v.detail}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section>
            <h2>扣分</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">问题数</th>
                  <th scope="col">扣分</th>
                </tr>
              </thead>
              <tbody>
                {r.deductions.map((d) => (
                  <tr>
                    <td>{d.label}</td>
                    <td>{d.findings}</td>
                    <td>
                      {d.points}
                      {d.capped ? '（已达上限）' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.notEvaluated.map((n) => (
              <p class="muted">未评价：{n}</p>
            ))}
          </section>
          <section>
            <h2>问题分布</h2>
            {counts.length > 0 ? <FindingsChart counts={counts} /> : <p>未发现问题。</p>}
          </section>
          {counts.map((c) => (
            <section>
              <h2>
                {c.label}（{c.count}）
              </h2>
              <FindingTable findings={r.findings.filter((f) => f.kind === c.kind)} />
            </section>
          ))}
          <section>
            <h2>栏目</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">栏目</th>
                  <th scope="col">类型</th>
                  <th scope="col">最新信息日期</th>
                  <th scope="col">地址</th>
                </tr>
              </thead>
              <tbody>
                {r.columns.map((c) => (
                  <tr>
                    <td>{c.name}</td>
                    <td>{c.type ? (COLUMN_TYPE_LABELS[c.type] ?? c.type) : '—'}</td>
                    <td>{c.newestDate ?? '无信息'}</td>
                    <td>{c.url}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </main>
      </body>
    </html>
  );
}

export function reportHtml(r: InspectionReport): string {
  return `<!DOCTYPE html>${render(<ReportPage r={r} />)}`;
}
