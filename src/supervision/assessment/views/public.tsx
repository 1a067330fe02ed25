/**
 * The public 工作考核 summary: each agency's headline figures (score, rank, the on-time rates, the
 * rating, the website) and a chart. Only counts and scores: no record, applicant or message
 * content appears here, so no personal data can.
 */
import { TableWrap } from '../../../platform/views/forms.js';
import { PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { indicatorScore, meanStars } from '../model.js';
import type { Assessment, Ranked } from '../service.js';
import { ScoreBars } from './charts.js';
import { formatScore } from './format.js';

const pct = (r: Ranked, k: 'disclosure' | 'requests' | 'messages' | 'services' | 'serviceItems') => {
  const c = r.counts.indicators[k];
  const s = indicatorScore(k, c);
  return s === null ? '—' : `${formatScore(s)}%（${c.num}/${c.den}）`;
};

function Website({ r }: { r: Ranked }) {
  const c = r.counts.indicators.website;
  const s = indicatorScore('website', c);
  if (s === null) return <>—</>;
  const v = r.counts.extras.vetoes;
  return (
    <>
      {formatScore(s)}
      {v > 0 ? `（${v} 个网站单项否决）` : ''}
    </>
  );
}

export function PublicAssessmentPage({ ctx, a, current }: { ctx: PageContext; a: Assessment; current: number }) {
  const title = `政务公开工作考核（${a.year}年）`;
  const scored = a.ranking.filter((r) => r.score !== null);
  const years = Array.from({ length: Math.min(6, current - 2007) }, (_, i) => current - i);
  return (
    <PublicLayout ctx={ctx} title={title} crumbs={[{ label: '政务公开工作考核' }]}>
      <h1>{title}</h1>
      <p class="lead">
        依照《中华人民共和国政府信息公开条例》第四十六条，对各单位的主动公开、依申请公开、政策解读、网站、留言答复、社会评议、双公示和办事事项清单更新等工作计分。综合得分为各项指标得分的加权平均（满分100）；当年没有可计数事项的指标不参与计分。{a.year === current ? `数据截至 ${a.today}。` : ''}
      </p>
      <form method="get" action="/assessment" class="inline-form">
        <label for="pa-year">年度</label>{' '}
        <select id="pa-year" name="year">
          {years.map((y) => (
            <option value={String(y)} selected={y === a.year}>
              {y}年
            </option>
          ))}
        </select>{' '}
        <button type="submit">查看</button>
      </form>
      <TableWrap label="各单位考核结果">
        <table class="data">
          <caption>各单位考核结果（{a.ranking.length} 个单位）</caption>
          <thead>
            <tr>
              <th scope="col">名次</th>
              <th scope="col">单位</th>
              <th scope="col">综合得分</th>
              <th scope="col">主动公开及时率</th>
              <th scope="col">依申请按时答复率</th>
              <th scope="col">留言按时答复率</th>
              <th scope="col">社会评议</th>
              <th scope="col">网站检查</th>
              <th scope="col">双公示及时率</th>
              <th scope="col">办事事项更新及时率</th>
            </tr>
          </thead>
          <tbody>
            {a.ranking.map((r) => {
              const e = r.counts.indicators.evaluation;
              return (
                <tr>
                  <td>{r.rank ?? '不排名'}</td>
                  <th scope="row">{r.agency.name}</th>
                  <td>{r.score === null ? '—' : formatScore(r.score)}</td>
                  <td>{pct(r, 'disclosure')}</td>
                  <td>{pct(r, 'requests')}</td>
                  <td>{pct(r, 'messages')}</td>
                  <td>{e.den === 0 ? '—' : `${meanStars(e)?.toFixed(2)} 星（${e.den} 次）`}</td>
                  <td>
                    <Website r={r} />
                  </td>
                  <td>{pct(r, 'services')}</td>
                  <td>{pct(r, 'serviceItems')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {scored.length > 0 ? (
        <figure>
          <ScoreBars id="pa-bars" title={`${a.year}年各单位综合得分`} bars={scored.map((r) => ({ label: r.agency.name, score: r.score }))} />
          <figcaption class="hint">各单位综合得分（同上表）。</figcaption>
        </figure>
      ) : null}
      <p>
        数据接口：<a href={`/api/v1/assessment/${a.year}`}>/api/v1/assessment/{a.year}</a>（JSON）
      </p>
    </PublicLayout>
  );
}
