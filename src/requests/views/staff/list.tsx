/** The staff list of 依申请公开 requests: most urgent first, with working days left. */
import { Pager, TableWrap } from '../../../platform/views/forms.js';
import { StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { APPLICANT_TYPE_LABELS, REQUEST_STATE_LABELS, REQUEST_STATES, outcomeTitle, type ApplicantType } from '../../model.js';
import { DaysLeft, DueDate, isOverdue, stateLabel } from './common.js';

export interface ListFilters {
  readonly state?: string | undefined;
  /** 'open' | 'closed' | undefined (both) */
  readonly status?: string | undefined;
  readonly mine?: boolean | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface ListItem {
  readonly id: number;
  readonly trackingNumber: string;
  readonly title: string;
  readonly agencyName: string;
  readonly applicantType: string;
  readonly receivedOn: string;
  readonly dueOn: string | null;
  readonly dueProvisional: boolean;
  readonly daysLeft: number | null;
  readonly state: string;
  readonly outcome: string | null;
  readonly assignee: string | null;
}

/** The filters as query parameters (for the pager and the JSON link). */
export function filterQuery(f: ListFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.state) q.state = f.state;
  if (f.status) q.status = f.status;
  if (f.mine) q.mine = '1';
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  return q;
}

function Filters({ f }: { f: ListFilters }) {
  return (
    <form method="get" action="/staff/requests" class="filters">
      <div class="field">
        <label for="rq-state">办理状态</label>
        <select id="rq-state" name="state">
          <option value="">全部</option>
          {REQUEST_STATES.map((s) => (
            <option value={s} selected={s === f.state}>
              {REQUEST_STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="rq-status">是否办结</label>
        <select id="rq-status" name="status">
          <option value="">全部</option>
          <option value="open" selected={f.status === 'open'}>
            办理中
          </option>
          <option value="closed" selected={f.status === 'closed'}>
            已办结
          </option>
        </select>
      </div>
      <div class="field">
        <label for="rq-from">收到日期起</label>
        <input id="rq-from" name="from" type="date" value={f.from ?? ''} />
      </div>
      <div class="field">
        <label for="rq-to">收到日期止</label>
        <input id="rq-to" name="to" type="date" value={f.to ?? ''} />
      </div>
      <div class="check">
        <input type="checkbox" id="rq-mine" name="mine" value="1" checked={f.mine === true} />
        <label for="rq-mine">只看分配给我的</label>
      </div>
      <button type="submit">筛选</button>
    </form>
  );
}

export interface RequestListPageProps {
  readonly ctx: PageContext;
  readonly items: readonly ListItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly filters: ListFilters;
  readonly showAgency: boolean;
  readonly canRegister: boolean;
  readonly today: string;
}

export function RequestListPage({ ctx, items, total, page, pageSize, filters, showAgency, canRegister, today }: RequestListPageProps) {
  return (
    <StaffLayout ctx={ctx} title="依申请公开">
      <h1>依申请公开</h1>
      <p class="lead">办理中的申请按答复期限排列，最紧迫的在前；期限按工作日计算（跳过周末和法定节假日）。</p>
      {canRegister ? (
        <p>
          <a class="button" href="/staff/requests/new">
            登记申请
          </a>
        </p>
      ) : null}
      <Filters f={filters} />
      <p class="result-count" role="status">
        共 {total} 件
      </p>
      {items.length === 0 ? (
        <p>没有符合条件的申请。</p>
      ) : (
        <TableWrap label="申请列表">
          <table class="data rqs-list">
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">所需信息</th>
                {showAgency ? <th scope="col">受理机关</th> : null}
                <th scope="col">申请人类型</th>
                <th scope="col">收到日期</th>
                <th scope="col">答复期限</th>
                <th scope="col">剩余工作日</th>
                <th scope="col">状态</th>
                <th scope="col">经办人</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr class={isOverdue({ ...r, today }) ? 'rqs-row-overdue' : undefined}>
                  <td>
                    <a href={`/staff/requests/${r.id}`} class="rqs-tracking">
                      {r.trackingNumber}
                    </a>
                  </td>
                  <td>{r.title}</td>
                  {showAgency ? <td>{r.agencyName}</td> : null}
                  <td>{APPLICANT_TYPE_LABELS[r.applicantType as ApplicantType] ?? r.applicantType}</td>
                  <td>{r.receivedOn}</td>
                  <td>
                    <DueDate dueOn={r.dueOn} provisional={r.dueProvisional} />
                  </td>
                  <td>
                    <DaysLeft state={r.state} dueOn={r.dueOn} daysLeft={r.daysLeft} today={today} />
                  </td>
                  <td>
                    {stateLabel(r.state)}
                    {r.outcome ? <div class="small">{outcomeTitle(r.outcome)}</div> : null}
                  </td>
                  <td>{r.assignee ?? '未分配'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager base="/staff/requests" query={filterQuery(filters)} page={page} pageSize={pageSize} total={total} />
    </StaffLayout>
  );
}
