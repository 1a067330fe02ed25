/** 留言投诉 on the workbench: the list (due, overdue flags, filters) and one message with its forms. */
import { ALL_OPTION, Pager, SelectField, TableWrap } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import {
  COMPLAINT_GROUND_LABELS,
  FINDING_LABELS,
  isComplaintGround,
  isFinding,
  isMessageKind,
  isMessageState,
  MESSAGE_KIND_LABELS,
  MESSAGE_KINDS,
  MESSAGE_STATE_LABELS,
  MESSAGE_STATES,
} from '../model.js';
import type { MessageWithAgency, StaffListItem } from '../queries.js';

const kindLabel = (k: string) => (isMessageKind(k) ? MESSAGE_KIND_LABELS[k] : k);
const stateLabel = (s: string) => (isMessageState(s) ? MESSAGE_STATE_LABELS[s] : s);
export const staffMessagePath = (id: number) => `/staff/messages/${id}`;

interface ListProps {
  readonly ctx: PageContext;
  readonly filter: { status: string; kind: string; overdue: boolean; page: number; pageSize: number };
  readonly total: number;
  readonly items: readonly StaffListItem[];
}

export function StaffMessageListPage({ ctx, filter, total, items }: ListProps) {
  const query: Record<string, string> = {};
  if (filter.status) query.status = filter.status;
  if (filter.kind) query.kind = filter.kind;
  if (filter.overdue) query.overdue = '1';
  return (
    <StaffLayout ctx={ctx} title="留言投诉">
      <h1>留言投诉</h1>
      <form method="get" action="/staff/messages" class="filters">
        <SelectField name="status" label="状态" value={filter.status} options={[ALL_OPTION, ...MESSAGE_STATES.map((s) => ({ value: s, label: MESSAGE_STATE_LABELS[s] }))]} />
        <SelectField name="kind" label="类型" value={filter.kind} options={[ALL_OPTION, ...MESSAGE_KINDS.map((k) => ({ value: k, label: MESSAGE_KIND_LABELS[k] }))]} />
        <div class="check">
          <input type="checkbox" id="f-overdue" name="overdue" value="1" checked={filter.overdue} />
          <label for="f-overdue">只看逾期未答复</label>
        </div>
        <button type="submit">筛选</button>
      </form>
      <p class="result-count">共 {total} 条</p>
      <TableWrap label="留言列表">
        <table>
          <caption>留言列表（按答复期限排序）</caption>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">标题</th>
              <th scope="col">类型</th>
              <th scope="col">机关</th>
              <th scope="col">收到</th>
              <th scope="col">答复期限</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ message: m, overdue }) => (
              <tr>
                <td>{m.trackingNumber}</td>
                <th scope="row">
                  <a href={staffMessagePath(m.id)}>{m.subject}</a>
                </th>
                <td>{kindLabel(m.kind)}</td>
                <td>{m.agencyName}</td>
                <td>{m.receivedOn}</td>
                <td>{m.dueOn}</td>
                <td>
                  {stateLabel(m.status)}
                  {overdue ? <span class="badge warn rqs-overdue"> 逾期</span> : null}
                  {m.finding && isFinding(m.finding) ? <span class="badge"> {FINDING_LABELS[m.finding]}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pager base="/staff/messages" query={query} page={filter.page} pageSize={filter.pageSize} total={total} />
    </StaffLayout>
  );
}

interface DetailProps {
  readonly ctx: PageContext;
  readonly m: MessageWithAgency;
  readonly supervisorName: string | null;
  readonly overdue: boolean;
  /** the author's name and contact, masked unless the user may answer */
  readonly author: { name: string; contact: string; masked: boolean };
  readonly mayAnswer: boolean;
  readonly maySupervise: boolean;
  readonly values: Readonly<Record<string, string>>;
  readonly problems?: readonly string[] | undefined;
  readonly notice?: string | undefined;
}

export function StaffMessagePage({ ctx, m, supervisorName, overdue, author, mayAnswer, maySupervise, values, problems, notice }: DetailProps) {
  const path = staffMessagePath(m.id);
  return (
    <StaffLayout ctx={ctx} title={`留言 ${m.trackingNumber}`}>
      <p>
        <a href="/staff/messages">← 留言列表</a>
      </p>
      <h1>{m.subject}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <dl class="rqs-facts">
        <dt>编号</dt>
        <dd>{m.trackingNumber}</dd>
        <dt>类型</dt>
        <dd>
          {kindLabel(m.kind)}
          {isComplaintGround(m.ground) ? `（${COMPLAINT_GROUND_LABELS[m.ground]}）` : ''}
        </dd>
        {m.relatedRequest ? (
          <>
            <dt>相关申请</dt>
            <dd>{m.relatedRequest}</dd>
          </>
        ) : null}
        <dt>受理机关</dt>
        <dd>{m.agencyName}</dd>
        <dt>监督机关</dt>
        <dd>{supervisorName ?? '—'}</dd>
        <dt>留言人</dt>
        <dd>
          {author.name}，{author.contact}
          {author.masked ? <span class="muted">（已遮盖）</span> : null}
        </dd>
        <dt>同意公开</dt>
        <dd>{m.publishConsent === 1 ? '同意' : '不同意'}</dd>
        <dt>收到 / 答复期限</dt>
        <dd>
          {m.receivedOn} / {m.dueOn}
          {overdue ? <span class="badge warn"> 逾期未答复</span> : null}
        </dd>
        <dt>状态</dt>
        <dd>
          {stateLabel(m.status)}
          {m.answeredOn ? `（${m.answeredOn}）` : ''}
          {m.published === 1 ? '，已公开' : ''}
        </dd>
        {m.kind === 'complaint' ? (
          <>
            <dt>核查结论</dt>
            <dd id="ly-finding">{isFinding(m.finding) ? FINDING_LABELS[m.finding] : '尚未核查'}</dd>
            {m.findingNote ? (
              <>
                <dt>核查说明</dt>
                <dd class="rq-pre" id="ly-finding-note">
                  {m.findingNote}
                </dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      <h2>留言内容</h2>
      <p class="rq-pre">{m.body}</p>
      {m.status === 'rejected' ? (
        <>
          <h2>不予受理的理由</h2>
          <p class="rq-pre" id="ly-reject-reason">
            {m.rejectReason ?? '—'}
          </p>
        </>
      ) : m.answer !== null ? (
        <>
          <h2>答复</h2>
          <p class="rq-pre">{m.answer}</p>
        </>
      ) : null}
      {mayAnswer && m.status === 'pending' ? (
        <>
          <h2>答复</h2>
          <form method="post" action={`${path}/answer`} class="stack">
            <CsrfField ctx={ctx} />
            <div class="field">
              <label for="f-answer">答复内容</label>
              <textarea id="f-answer" name="answer" rows={8} required>
                {values.answer ?? ''}
              </textarea>
            </div>
            {m.publishConsent === 1 ? (
              <div class="check">
                <input type="checkbox" id="f-publish" name="publish" value="1" checked={values.publish === '1' && values.answer !== undefined} />
                <label for="f-publish">在“留言选登”中公开留言和答复（个人信息自动遮盖）</label>
              </div>
            ) : (
              <p class="muted">留言人不同意公开，答复只通过查询告知本人。</p>
            )}
            <p>
              <button type="submit">提交答复</button>
            </p>
          </form>
          <h2>不予受理</h2>
          <form method="post" action={`${path}/reject`} class="stack">
            <CsrfField ctx={ctx} />
            <div class="field">
              <label for="f-reason">理由（留言人可见）</label>
              <textarea id="f-reason" name="reason" rows={3} required>
                {values.reason ?? ''}
              </textarea>
            </div>
            {m.publishConsent === 1 ? (
              <div class="check">
                <input type="checkbox" id="f-reject-publish" name="publish" value="1" checked={values.publish === '1' && values.reason !== undefined} />
                <label for="f-reject-publish">在“留言选登”中公开留言和不予受理的理由（个人信息自动遮盖）</label>
              </div>
            ) : null}
            <p>
              <button type="submit">不予受理</button>
            </p>
          </form>
        </>
      ) : null}
      {maySupervise && m.kind === 'complaint' ? (
        <>
          <h2>核查结论</h2>
          <form method="post" action={`${path}/finding`} class="stack">
            <CsrfField ctx={ctx} />
            <fieldset>
              <legend>结论</legend>
              {(['verified', 'unfounded'] as const).map((f) => (
                <div class="check">
                  <input type="radio" id={`f-finding-${f}`} name="finding" value={f} checked={(values.finding ?? m.finding) === f} />
                  <label for={`f-finding-${f}`}>{FINDING_LABELS[f]}</label>
                </div>
              ))}
            </fieldset>
            <div class="field">
              <label for="f-note">核查说明</label>
              <textarea id="f-note" name="note" rows={3} required>
                {values.note ?? m.findingNote ?? ''}
              </textarea>
            </div>
            <p>
              <button type="submit">保存核查结论</button>
            </p>
          </form>
        </>
      ) : null}
    </StaffLayout>
  );
}
