/**
 * 责任追究 list on the workbench: counts by status and kind, filters (status, kind, agency, year) as
 * a plain GET form, and the cases with what failed, the agency and the officer the audit trail names.
 */
import { ALL_OPTION, Pager, SelectField, TableWrap } from '../../../platform/views/forms.js';
import { StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { CASE_KIND_LABELS, CASE_KINDS, CASE_STATUS_LABELS, CASE_STATUSES, isCaseKind, isCaseStatus } from '../model.js';
import { PAGE_SIZE, type CaseList } from '../service.js';

interface Props {
  readonly ctx: PageContext;
  readonly list: CaseList;
  readonly agencies: readonly { id: number; name: string }[];
  readonly years: readonly number[];
}

export const caseHref = (id: number) => `/staff/accountability/${id}`;

export function statusBadge(status: string) {
  const label = isCaseStatus(status) ? CASE_STATUS_LABELS[status] : status;
  return status === 'open' ? <span class="badge warn">{label}</span> : <span class="badge ok">{label}</span>;
}

function filterQuery(q: CaseList['query']): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.status) out.status = q.status;
  if (q.kind) out.kind = q.kind;
  if (q.agency !== undefined) out.agency = String(q.agency);
  if (q.year !== undefined) out.year = String(q.year);
  return out;
}

export function AccountabilityListPage({ ctx, list, agencies, years }: Props) {
  const q = list.query;
  const title = '责任追究';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        平台每天检查逾期未答复的依申请公开、超过20个工作日才公开的信息、逾期未答复的留言、经核查属实的投诉和触发单项否决的政府网站，每个问题登记为一条问题线索，由监督人员记录督促整改、整改完成、通报批评、移送或不予追究（《政府信息公开条例》第四十七、五十二、五十三条）。
      </p>
      <section aria-labelledby="acc-counts">
        <h2 id="acc-counts">统计</h2>
        <TableWrap label="按状态统计">
          <table class="data">
            <caption>按处理状态</caption>
            <thead>
              <tr>
                {CASE_STATUSES.map((s) => (
                  <th scope="col">{CASE_STATUS_LABELS[s]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {CASE_STATUSES.map((s) => (
                  <td>
                    <a href={`/staff/accountability?${new URLSearchParams({ ...filterQuery({ ...q, status: undefined, kind: undefined }), status: s }).toString()}`}>{list.byStatus[s]}</a>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </TableWrap>
        <TableWrap label="按问题类型统计">
          <table class="data">
            <caption>按问题类型</caption>
            <thead>
              <tr>
                {CASE_KINDS.map((k) => (
                  <th scope="col">{CASE_KIND_LABELS[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {CASE_KINDS.map((k) => (
                  <td>
                    <a href={`/staff/accountability?${new URLSearchParams({ ...filterQuery({ ...q, status: undefined, kind: undefined }), kind: k }).toString()}`}>{list.byKind[k]}</a>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section aria-labelledby="acc-list">
        <h2 id="acc-list">问题线索</h2>
        <form method="get" action="/staff/accountability" class="filters">
          <SelectField name="status" label="处理状态" value={q.status ?? ''} options={[ALL_OPTION, ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))]} />
          <SelectField name="kind" label="问题类型" value={q.kind ?? ''} options={[ALL_OPTION, ...CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }))]} />
          <SelectField name="agency" label="责任单位" value={q.agency === undefined ? '' : String(q.agency)} options={[ALL_OPTION, ...agencies.map((a) => ({ value: String(a.id), label: a.name }))]} />
          <SelectField name="year" label="发现年度" value={q.year === undefined ? '' : String(q.year)} options={[ALL_OPTION, ...years.map((y) => ({ value: String(y), label: String(y) }))]} />
          <button type="submit">筛选</button>
        </form>
        <p class="result-count">共 {list.total} 条</p>
        {list.items.length === 0 ? (
          <p>没有符合条件的问题线索。</p>
        ) : (
          <TableWrap label="问题线索列表">
            <table class="data">
              <caption class="visually-hidden">问题线索：编号、问题类型、情况、责任单位、责任人、发现日期、状态</caption>
              <thead>
                <tr>
                  <th scope="col">编号</th>
                  <th scope="col">问题类型</th>
                  <th scope="col">情况</th>
                  <th scope="col">责任单位</th>
                  <th scope="col">责任人</th>
                  <th scope="col">发现日期</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr>
                    <th scope="row">
                      <a href={caseHref(c.id)}>第 {c.id} 号</a>
                    </th>
                    <td>{isCaseKind(c.kind) ? CASE_KIND_LABELS[c.kind] : c.kind}</td>
                    <td>{c.summary}</td>
                    <td>{c.agencyName}</td>
                    <td>{c.responsibleName ?? '—'}</td>
                    <td>{c.detectedOn}</td>
                    <td>{statusBadge(c.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pager base="/staff/accountability" query={filterQuery(q)} page={q.page} pageSize={PAGE_SIZE} total={list.total} />
      </section>
    </StaffLayout>
  );
}
