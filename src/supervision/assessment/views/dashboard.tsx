/**
 * 工作考核 on the workbench: the ranking of the agencies in the user's scope (score, each
 * indicator with its n/d linked to the items behind it), a bar chart of the scores, and the
 * roll-up of the chosen government over the agencies below it.
 */
import { TableWrap } from '../../../platform/views/forms.js';
import { StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { INDICATORS, INDICATOR_LABELS, INDICATOR_RULES, type Weights } from '../model.js';
import type { Dashboard, RollUp } from '../service.js';
import { ScoreBars } from './charts.js';
import { drillHref, Extras, formatScore, IndicatorCell, INDICATOR_SHORT } from './format.js';

export function YearForm({ action, year, current, extra }: { action: string; year: number; current: number; extra?: Record<string, string> }) {
  const years = Array.from({ length: Math.min(6, current - 2007) }, (_, i) => current - i);
  return (
    <form method="get" action={action} class="inline-form">
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <label for="as-year">考核年度</label>{' '}
      <select id="as-year" name="year">
        {years.map((y) => (
          <option value={String(y)} selected={y === year}>
            {y}年
          </option>
        ))}
      </select>{' '}
      <button type="submit">查看</button>
    </form>
  );
}

export function WeightsNote({ weights }: { weights: Weights }) {
  return (
    <details>
      <summary>计分方法</summary>
      <p>
        综合得分 = Σ（权重 × 指标得分）÷ 适用指标的权重之和，保留一位小数（第二位四舍五入，恰为 0.05 时进位）。当期没有可计数事项的指标为“不适用”，不参与计分。排名按综合得分从高到低，得分相同名次并列；没有任何适用指标的单位不排名。
      </p>
      <ul>
        {INDICATORS.map((k) => (
          <li>
            {INDICATOR_LABELS[k]}（权重 {weights[k]}）：{INDICATOR_RULES[k]}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RollUpSection({ name, code, year, rollup }: { name: string; code: string; year: number; rollup: RollUp }) {
  return (
    <section aria-labelledby="as-rollup">
      <h2 id="as-rollup">
        {name}及所属 {rollup.agencies} 个单位汇总：{rollup.scored.score === null ? '不适用' : `${formatScore(rollup.scored.score)} 分`}
      </h2>
      <p class="hint">汇总为各单位分子、分母分别相加后再计算（不是各单位得分的平均）；网站为全部网站得分的平均，评议为全部评议的平均。</p>
      <TableWrap label="汇总指标">
        <table class="data">
          <caption>汇总指标（得分与计数）</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">得分（计数）</th>
            </tr>
          </thead>
          <tbody>
            {INDICATORS.map((k) => (
              <tr>
                <th scope="row">{INDICATOR_LABELS[k]}</th>
                <td>
                  <IndicatorCell k={k} counts={rollup.counts} href={drillHref(code, k, year, { subtree: true })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Extras counts={rollup.counts} />
    </section>
  );
}

export function DashboardPage({ ctx, d, current }: { ctx: PageContext; d: Dashboard; current: number }) {
  const title = `工作考核（${d.year}年）`;
  const scored = d.ranking.filter((r) => r.score !== null);
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">按《中华人民共和国政府信息公开条例》第四十六条建立的考核制度，对权限范围内各单位的政务公开工作计分排名。每个数字均可点开，查看计入的具体事项。</p>
      <YearForm action="/staff/assessment" year={d.year} current={current} />
      <WeightsNote weights={d.weights} />
      <section aria-labelledby="as-ranking">
        <h2 id="as-ranking">各单位排名（{d.ranking.length} 个单位）</h2>
        <TableWrap label="各单位排名">
          <table class="data as-ranking">
            <caption class="visually-hidden">各单位排名：名次、单位、综合得分及各项指标得分（计数）</caption>
            <thead>
              <tr>
                <th scope="col">名次</th>
                <th scope="col">单位</th>
                <th scope="col">综合得分</th>
                {INDICATORS.map((k) => (
                  <th scope="col">{INDICATOR_SHORT[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.ranking.map((r) => (
                <tr>
                  <td>{r.rank ?? '不排名'}</td>
                  <th scope="row">
                    <a href={`/staff/assessment/${encodeURIComponent(r.agency.code)}?year=${d.year}`}>{r.agency.name}</a>
                  </th>
                  <td>{r.score === null ? '—' : formatScore(r.score)}</td>
                  {INDICATORS.map((k) => (
                    <td>
                      <IndicatorCell k={k} counts={r.counts} href={drillHref(r.agency.code, k, d.year)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {scored.length > 0 ? (
          <figure>
            <ScoreBars id="as-bars" title={`${d.year}年各单位综合得分`} bars={scored.map((r) => ({ label: r.agency.name, score: r.score }))} />
            <figcaption class="hint">各单位综合得分（同上表）。</figcaption>
          </figure>
        ) : null}
      </section>
      {d.selected && d.rollup ? <RollUpSection name={d.selected.name} code={d.selected.code} year={d.year} rollup={d.rollup} /> : null}
    </StaffLayout>
  );
}
