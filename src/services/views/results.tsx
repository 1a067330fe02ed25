/**
 * 双公示 (/results): administrative licensing and penalty decisions on public view. The items
 * come masked from the service (services/service.ts publicResult); this page shows them as given.
 */
import { Pager, TableWrap } from '../../platform/views/forms.js';
import type { ResultFilterChoices } from '../service.js';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { HALL } from './format.js';

export interface PublicResultView {
  readonly id: number;
  readonly kind: string;
  readonly agency: string;
  readonly decisionNumber: string;
  readonly subject: string;
  readonly subjectId: string;
  readonly content: string;
  readonly decidedOn: string;
  readonly publicUntil: string | null;
}

export const RESULT_KINDS = ['许可', '处罚'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

interface ResultsProps {
  readonly ctx: PageContext;
  readonly kind: ResultKind | undefined;
  readonly q: string;
  readonly agency: string;
  readonly year: number | undefined;
  readonly filters: ResultFilterChoices;
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly items: readonly PublicResultView[];
}

/** A kind tab: the other filters stay, the search words and the page start afresh. */
function hrefFor(kind: ResultKind | undefined, agency: string, year: number | undefined): string {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (agency) params.set('agency', agency);
  if (year) params.set('year', String(year));
  const query = params.toString();
  return query ? `/results?${query}` : '/results';
}

export function ResultsPage({ ctx, kind, q, agency, year, filters, page, pageSize, total, items }: ResultsProps) {
  const title = kind ? `行政${kind}结果公示` : '行政许可和行政处罚结果公示';
  const showUntil = kind !== '许可';
  const query: Record<string, string> = {};
  if (kind) query.kind = kind;
  if (q) query.q = q;
  if (agency) query.agency = agency;
  if (year) query.year = String(year);
  return (
    <PublicLayout ctx={ctx} title={title} crumbs={[HALL, { label: '双公示' }]}>
      <h1>{title}</h1>
      <p>
        依照“双公示”制度，行政许可、行政处罚决定自作出之日起7个工作日内公示；行政处罚信息公示期满后不再显示。自然人的姓名和证件号码已部分隐去。
      </p>
      <nav class="sv-tabs" aria-label="公示类别">
        <ul>
          {([undefined, ...RESULT_KINDS] as const).map((k) => (
            <li>
              <a href={hrefFor(k, agency, year)} aria-current={k === kind ? 'page' : undefined}>
                {k ? `行政${k}` : '全部'}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/results" role="search" class="sv-search" aria-label="检索公示信息">
        {kind ? <input type="hidden" name="kind" value={kind} /> : null}
        <label for="sv-results-q">检索公示信息</label>
        <div class="sv-search-row">
          <input id="sv-results-q" name="q" type="search" value={q} aria-describedby="sv-results-q-hint" />
          <button type="submit">检索</button>
        </div>
        <p class="hint" id="sv-results-q-hint">
          可按决定文书号或法人和其他组织的名称检索。为保护个人信息，自然人姓名不可检索。
        </p>
        <div class="filters">
          <div class="field">
            <label for="sv-results-agency">实施机关</label>
            <select id="sv-results-agency" name="agency">
              <option value="">全部机关</option>
              {filters.agencies.map((a) => (
                <option value={a.code} selected={a.code === agency}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="sv-results-year">决定年度</label>
            <select id="sv-results-year" name="year">
              <option value="">全部年度</option>
              {filters.years.map((y) => (
                <option value={String(y)} selected={y === year}>
                  {y}年
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">筛选</button>
        </div>
      </form>
      <p>共 {total} 条。</p>
      {items.length === 0 ? (
        <p>没有符合条件的公示信息。</p>
      ) : (
        <TableWrap label={title}>
          <table class="data sv-results">
            <thead>
              <tr>
                {kind ? null : <th scope="col">类别</th>}
                <th scope="col">决定文书号</th>
                <th scope="col">行政相对人</th>
                <th scope="col">证件号码</th>
                <th scope="col">决定内容</th>
                <th scope="col">决定日期</th>
                <th scope="col">实施机关</th>
                {showUntil ? <th scope="col">公示截止</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr>
                  {kind ? null : <td>{r.kind}</td>}
                  <td>{r.decisionNumber}</td>
                  <td>{r.subject}</td>
                  <td class="sv-id">
                    {r.subjectId || '—'}
                    {r.subjectId.includes('*') ? <span class="muted sv-masked">（已部分隐去）</span> : null}
                  </td>
                  <td>{r.content}</td>
                  <td>{r.decidedOn}</td>
                  <td>{r.agency}</td>
                  {showUntil ? <td>{r.kind === '处罚' ? (r.publicUntil ?? '—') : '—'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager base="/results" query={query} page={page} pageSize={pageSize} total={total} />
      <p class="muted">
        数据接口：<a href={`/api/v1/results${kind ? `?${new URLSearchParams({ kind }).toString()}` : ''}`}>/api/v1/results</a>
      </p>
    </PublicLayout>
  );
}
