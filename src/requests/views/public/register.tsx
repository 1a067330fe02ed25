/**
 * 依申请公开办理情况公开登记: an agency's closed requests, anonymised. Only the columns the
 * service selects for the register reach this view; no applicant field exists in its data.
 */
import type { AgencyRow } from '../../../platform/db/schema.js';
import { Pager, TableWrap } from '../../../platform/views/forms.js';
import { PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { outcomeTitle } from '../../model.js';
import { onTimeText } from './status.js';

export interface RegisterItem {
  readonly trackingNumber: string;
  readonly publicSummary: string;
  readonly receivedOn: string;
  readonly closedOn: string | null;
  readonly outcome: string | null;
  readonly onTime: number | null;
  readonly released: { id: number; title: string; indexNumber: string } | null;
}

export interface RegisterStats {
  /** closed requests counted (the newest up to a limit) */
  readonly counted: number;
  readonly onTime: number;
}

interface RegisterPageProps {
  readonly ctx: PageContext;
  readonly agency: AgencyRow;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: readonly RegisterItem[];
  readonly stats: RegisterStats;
}

/** "共 12 件，按期答复 11 件（91.7%）". */
export function summaryLine(total: number, stats: RegisterStats): string {
  if (total === 0) return '暂无已办结的申请。';
  const share = stats.counted > 0 ? `${((stats.onTime / stats.counted) * 100).toFixed(1)}%` : '—';
  const basis = stats.counted < total ? `（按最近 ${stats.counted} 件统计）` : '';
  return `已办结申请共 ${total} 件，其中按期答复 ${stats.onTime} 件，按期答复率 ${share}${basis}。`;
}

export function RegisterPage({ ctx, agency, total, page, pageSize, items, stats }: RegisterPageProps) {
  const title = `${agency.name}依申请公开办理情况`;
  return (
    <PublicLayout ctx={ctx} title={title} crumbs={[{ href: '/requests', label: '依申请公开' }, { href: `/agencies/${agency.code}`, label: agency.name }, { label: '办理情况公开登记' }]}>
      <h1>{title}</h1>
      <p class="lead">{summaryLine(total, stats)}</p>
      <p class="muted">本登记只列出申请编号、所需信息的摘要、日期和办理结果，不公布申请人的任何个人信息。已转为主动公开的信息附有链接（条例 第四十四条）。</p>
      {items.length === 0 ? null : (
        <TableWrap label="已办结的申请">
          <table class="data rq-register">
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">所需信息（摘要）</th>
                <th scope="col">收到日期</th>
                <th scope="col">答复日期</th>
                <th scope="col">办理结果</th>
                <th scope="col">是否按期</th>
                <th scope="col">主动公开</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr>
                  <td class="rq-nowrap">{r.trackingNumber}</td>
                  <td>{r.publicSummary}</td>
                  <td class="rq-nowrap">{r.receivedOn}</td>
                  <td class="rq-nowrap">{r.closedOn ?? '—'}</td>
                  <td>{r.outcome ? outcomeTitle(r.outcome) : '—'}</td>
                  <td class={r.onTime === 0 ? 'rq-late' : undefined}>{onTimeText(r.onTime)}</td>
                  <td>{r.released ? <a href={`/records/${r.released.id}`}>{r.released.title}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager base={`/agencies/${agency.code}/requests`} query={{}} page={page} pageSize={pageSize} total={total} />
      <p>
        <a href={`/requests/new?agency=${encodeURIComponent(agency.code)}`}>向{agency.name}提出申请</a>
      </p>
    </PublicLayout>
  );
}
