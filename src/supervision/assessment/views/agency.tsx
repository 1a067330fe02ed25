/**
 * One agency's 工作考核: its indicators with n/d, the roll-up if it is a government, the monthly
 * trend (chart and table, every figure a link), and the drill-down page listing the items behind
 * a figure with links to the staff pages the user may open.
 */
import { TableWrap } from '../../../platform/views/forms.js';
import { StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import type { Item } from '../indicators.js';
import { INDICATORS, INDICATOR_LABELS, INDICATOR_RULES } from '../model.js';
import type { AgencyReport, Drill } from '../service.js';
import { MonthLine } from './charts.js';
import { RollUpSection, WeightsNote, YearForm } from './dashboard.js';
import { drillHref, Extras, formatScore, IndicatorCell, INDICATOR_SHORT } from './format.js';

export function AgencyPage({ ctx, r, current }: { ctx: PageContext; r: AgencyReport; current: number }) {
  const title = `${r.agency.name} · 工作考核（${r.year}年）`;
  const code = r.agency.code;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href={`/staff/assessment?year=${r.year}`}>← 工作考核排名</a>
      </p>
      <h1>{title}</h1>
      <YearForm action={`/staff/assessment/${encodeURIComponent(code)}`} year={r.year} current={current} />
      <p class="lead">本单位综合得分：{r.own.scored.score === null ? '不适用（当期无可计数事项）' : `${formatScore(r.own.scored.score)} 分`}</p>
      <WeightsNote weights={r.weights} />
      <section aria-labelledby="as-own">
        <h2 id="as-own">本单位各项指标</h2>
        <TableWrap label="本单位各项指标">
          <table class="data">
            <caption class="visually-hidden">本单位各项指标的得分、计数和权重</caption>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">得分（计数）</th>
                <th scope="col">权重</th>
                <th scope="col">计算规则</th>
              </tr>
            </thead>
            <tbody>
              {INDICATORS.map((k) => (
                <tr>
                  <th scope="row">{INDICATOR_LABELS[k]}</th>
                  <td>
                    <IndicatorCell k={k} counts={r.own.counts} href={drillHref(code, k, r.year)} />
                  </td>
                  <td>{r.weights[k]}</td>
                  <td>{INDICATOR_RULES[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <Extras counts={r.own.counts} />
      </section>
      {r.rollup ? <RollUpSection name={r.agency.name} code={code} year={r.year} rollup={r.rollup} /> : null}
      <section aria-labelledby="as-trend">
        <h2 id="as-trend">按月趋势</h2>
        <figure>
          <MonthLine id="as-trend-score" title={`${r.agency.name} ${r.year}年各月综合得分`} values={r.months.map((m) => m.scored.score)} />
          <figcaption class="hint">各月单独计算的综合得分；没有可计数事项的月份不画点。下表列出同样的数字及各项指标。</figcaption>
        </figure>
        <TableWrap label="按月指标">
          <table class="data">
            <caption>各月综合得分与各项指标得分（计数）</caption>
            <thead>
              <tr>
                <th scope="col">月份</th>
                <th scope="col">综合得分</th>
                {INDICATORS.map((k) => (
                  <th scope="col">{INDICATOR_SHORT[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.months.map((m) => (
                <tr>
                  <th scope="row">{m.month}月</th>
                  <td>{m.scored.score === null ? '—' : formatScore(m.scored.score)}</td>
                  {INDICATORS.map((k) => (
                    <td>
                      <IndicatorCell k={k} counts={m.counts} href={drillHref(code, k, r.year, { month: m.month })} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </StaffLayout>
  );
}

/** Which staff pages the user may open from a drill-down (others are shown without a link). */
export interface MayOpen {
  readonly records: boolean;
  readonly requests: boolean;
  readonly messages: boolean;
  readonly inspection: boolean;
  readonly services: boolean;
}

function itemHref(i: Item, may: MayOpen): string | null {
  switch (i.kind) {
    case 'record':
      return may.records ? `/staff/records/${i.objectId}` : null;
    case 'request':
      return may.requests ? `/staff/requests/${i.objectId}` : null;
    case 'message':
      return may.messages ? `/staff/messages/${i.objectId}` : null;
    case 'run':
      return may.inspection ? `/staff/inspection/runs/${i.objectId}` : null;
    case 'item-change':
      return may.services && i.ref !== null ? `/staff/services/items/${encodeURIComponent(i.ref)}` : null;
    case 'rating':
    case 'decision':
      return null;
  }
}

function Outcome({ i }: { i: Item }) {
  if (i.indicator === 'website') return <>{i.group === 'veto' ? <strong>单项否决 0 分</strong> : formatScore((i.value ?? 0) / 10)}</>;
  if (i.indicator === 'evaluation') return <>{i.value} 星</>;
  return i.onTime ? <span class="badge ok">按时</span> : <strong>逾期</strong>;
}

export function DrillPage({ ctx, d, may }: { ctx: PageContext; d: Drill; may: MayOpen }) {
  const when = d.month === null ? `${d.year}年` : `${d.year}年${d.month}月`;
  const who = d.subtree ? `${d.agency.name}及所属单位` : d.agency.name;
  const title = `${who} · ${INDICATOR_LABELS[d.indicator]}（${when}）`;
  const ratio = d.indicator !== 'website' && d.indicator !== 'evaluation';
  const onTime = d.items.filter((i) => i.onTime === true).length;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href={`/staff/assessment/${encodeURIComponent(d.agency.code)}?year=${d.year}`}>← {d.agency.name}的考核</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{INDICATOR_RULES[d.indicator]}</p>
      <p>
        共计入 {d.items.length} 项{ratio ? `，其中按时 ${onTime} 项、逾期 ${d.items.length - onTime} 项` : ''}。
      </p>
      {d.items.length === 0 ? (
        <p>当期没有计入的事项，本指标不适用。</p>
      ) : (
        <TableWrap label="计入的事项">
          <table class="data">
            <caption class="visually-hidden">计入本指标的事项：名称、单位、日期、说明、结果、工作日</caption>
            <thead>
              <tr>
                <th scope="col">事项</th>
                <th scope="col">单位</th>
                <th scope="col">日期</th>
                <th scope="col">说明</th>
                <th scope="col">结果</th>
                <th scope="col">工作日</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((i) => {
                const href = itemHref(i, may);
                return (
                  <tr>
                    <th scope="row">{href ? <a href={href}>{i.label}</a> : i.label}</th>
                    <td>{i.agencyName}</td>
                    <td>{i.day}</td>
                    <td>{i.note}</td>
                    <td>
                      <Outcome i={i} />
                    </td>
                    <td>{i.workingDays ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffLayout>
  );
}
