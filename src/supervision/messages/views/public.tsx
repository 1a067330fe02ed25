/**
 * 留言选登: the public board (published answers and refusals with their reason, masked), the
 * per-agency counts (received, answered on time, late, unanswered past due), and one published message.
 */
import type { AgencyRow } from '../../../platform/db/schema.js';
import { Pager, TableWrap } from '../../../platform/views/forms.js';
import { PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { MESSAGE_KIND_LABELS, MESSAGE_KINDS } from '../model.js';
import type { AgencyTally, PublicMessage } from '../queries.js';

export const messagePath = (tn: string) => `/messages/${encodeURIComponent(tn)}`;

function Meta({ m }: { m: PublicMessage }) {
  return (
    <p class="hit-meta">
      {m.kindLabel}
      {m.groundLabel ? `（${m.groundLabel}）` : ''} · {m.agencyName} · 收到 {m.receivedOn} · {m.status === 'rejected' ? '办结' : '答复'} {m.answeredOn ?? '—'}
      {m.workingDaysTaken !== null ? `，用时 ${m.workingDaysTaken} 个工作日` : ''}
      {m.status === 'rejected' ? <span class="badge">{m.statusLabel}</span> : null}
      {m.onTime === false ? <span class="badge warn">逾期答复</span> : null}
    </p>
  );
}

/** The answer, or for a message not accepted the reason (both masked): a paragraph on the board, a section on the message page. */
function Outcome({ m, section = false }: { m: PublicMessage; section?: boolean }) {
  const rejected = m.status === 'rejected';
  const text = rejected ? m.rejectReason : m.answer;
  if (section) {
    return (
      <>
        <h2>{rejected ? '不予受理的理由' : `${m.agencyName}的答复`}</h2>
        <p class="rq-pre">{text}</p>
      </>
    );
  }
  return (
    <p class="rq-pre">
      <strong>{rejected ? '不予受理的理由：' : '答复：'}</strong>
      {text}
    </p>
  );
}

function Tallies({ tallies }: { tallies: readonly AgencyTally[] }) {
  if (tallies.length === 0) return <p class="muted">暂无留言。</p>;
  return (
    <TableWrap label="各机关留言办理情况">
      <table>
        <caption>各机关留言办理情况（全部留言，含未公开的）</caption>
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">收到</th>
            <th scope="col">按期答复</th>
            <th scope="col">逾期答复</th>
            <th scope="col">逾期未答复</th>
            <th scope="col">办理中</th>
          </tr>
        </thead>
        <tbody>
          {tallies.map((t) => (
            <tr>
              <th scope="row">{t.agencyName}</th>
              <td>{t.received}</td>
              <td>{t.answeredOnTime}</td>
              <td>{t.answeredLate}</td>
              <td>{t.overdue}</td>
              <td>{t.open}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

interface BoardProps {
  readonly ctx: PageContext;
  readonly agencies: readonly AgencyRow[];
  readonly filter: { agency: string; kind: string; page: number; pageSize: number };
  readonly total: number;
  readonly items: readonly PublicMessage[];
  readonly tallies: readonly AgencyTally[];
}

export function BoardPage({ ctx, agencies, filter, total, items, tallies }: BoardProps) {
  const query: Record<string, string> = {};
  if (filter.agency) query.agency = filter.agency;
  if (filter.kind) query.kind = filter.kind;
  return (
    <PublicLayout ctx={ctx} title="留言投诉" crumbs={[{ label: '留言投诉' }]}>
      <h1>留言投诉</h1>
      <p class="lead">
        对政府信息公开工作的咨询、建议和投诉。下面选登已办结（答复或不予受理）、且留言人同意公开的留言，个人信息已遮盖。
      </p>
      <p>
        <a class="button" href="/messages/new">
          我要留言
        </a>{' '}
        <a href="/messages/track">查询我的留言</a>
      </p>
      <h2>留言选登</h2>
      <form method="get" action="/messages" class="filters">
        <div class="field">
          <label for="ly-filter-agency">机关</label>
          <select id="ly-filter-agency" name="agency">
            <option value="">全部机关</option>
            {agencies.map((a) => (
              <option value={a.code} selected={a.code === filter.agency}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="ly-filter-kind">类型</label>
          <select id="ly-filter-kind" name="kind">
            <option value="">全部类型</option>
            {MESSAGE_KINDS.map((k) => (
              <option value={k} selected={k === filter.kind}>
                {MESSAGE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">筛选</button>
      </form>
      <p class="result-count">共 {total} 条</p>
      {items.length === 0 ? <p class="muted">没有符合条件的留言。</p> : null}
      <ol class="record-list ly-board">
        {items.map((m) => (
          <li>
            <h3>
              <a href={messagePath(m.trackingNumber)}>{m.subject}</a>
            </h3>
            <Meta m={m} />
            <p class="rq-pre">{m.body}</p>
            <Outcome m={m} />
          </li>
        ))}
      </ol>
      <Pager base="/messages" query={query} page={filter.page} pageSize={filter.pageSize} total={total} />
      <h2>各机关办理情况</h2>
      <Tallies tallies={tallies} />
    </PublicLayout>
  );
}

export function MessagePage({ ctx, m }: { ctx: PageContext; m: PublicMessage }) {
  return (
    <PublicLayout ctx={ctx} title={m.subject} crumbs={[{ href: '/messages', label: '留言投诉' }, { label: m.trackingNumber }]}>
      <h1>{m.subject}</h1>
      <Meta m={m} />
      <h2>留言</h2>
      <p class="rq-pre">{m.body}</p>
      <Outcome m={m} section />
      <p class="muted">留言编号 {m.trackingNumber}。留言人的姓名和联系方式不公开，正文中的个人信息已遮盖。</p>
    </PublicLayout>
  );
}
