/**
 * What the author sees after the look-up: the status, the due day and the answer or the reason it
 * was not accepted (published or not). The page is public (behind the query code only), so the texts
 * are masked like the board's: a shared computer shows no ID or phone numbers.
 */
import type { MessageRow } from '../../../platform/db/schema.js';
import { isMessageKind, isMessageState, MESSAGE_KIND_LABELS, MESSAGE_STATE_LABELS, publicText } from '../model.js';

export interface AuthorView {
  readonly trackingNumber: string;
  readonly agencyName: string;
  readonly kindLabel: string;
  readonly statusLabel: string;
  readonly status: string;
  readonly subject: string;
  readonly body: string;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly answer: string | null;
  /** why it was not accepted (status 'rejected') */
  readonly rejectReason: string | null;
  readonly answeredOn: string | null;
  readonly published: boolean;
}

export function authorView(m: MessageRow & { agencyName: string }): AuthorView {
  const text = publicText(m);
  return {
    trackingNumber: m.trackingNumber,
    agencyName: m.agencyName,
    kindLabel: isMessageKind(m.kind) ? MESSAGE_KIND_LABELS[m.kind] : m.kind,
    statusLabel: isMessageState(m.status) ? MESSAGE_STATE_LABELS[m.status] : m.status,
    status: m.status,
    subject: text.subject,
    body: text.body,
    receivedOn: m.receivedOn,
    dueOn: m.dueOn,
    answer: text.answer,
    rejectReason: text.rejectReason,
    answeredOn: m.answeredOn,
    published: m.published === 1,
  };
}

export function MessageOutcome({ view }: { view: AuthorView }) {
  return (
    <section aria-labelledby="ly-outcome-title">
      <h2 id="ly-outcome-title">
        {view.trackingNumber}：{view.subject}
      </h2>
      <dl class="guide">
        <dt>受理机关</dt>
        <dd>{view.agencyName}</dd>
        <dt>类型</dt>
        <dd>{view.kindLabel}</dd>
        <dt>办理状态</dt>
        <dd id="ly-status">{view.statusLabel}</dd>
        <dt>收到日期</dt>
        <dd>{view.receivedOn}</dd>
        <dt>答复期限</dt>
        <dd>{view.dueOn}</dd>
        {view.answeredOn ? (
          <>
            <dt>办结日期</dt>
            <dd>{view.answeredOn}</dd>
          </>
        ) : null}
      </dl>
      <h3>留言内容</h3>
      <p class="rq-pre">{view.body}</p>
      {view.status === 'rejected' ? (
        <>
          <h3>不予受理的理由</h3>
          <p class="rq-pre" id="ly-reject-reason">
            {view.rejectReason ?? '—'}
          </p>
        </>
      ) : view.answer !== null ? (
        <>
          <h3>答复</h3>
          <p class="rq-pre" id="ly-answer">
            {view.answer}
          </p>
        </>
      ) : (
        <p class="notice">机关尚未答复，将在答复期限内答复。</p>
      )}
      {view.published ? (
        <p class="muted">
          本留言和{view.status === 'rejected' ? '不予受理的理由' : '答复'}已在<a href={`/messages/${encodeURIComponent(view.trackingNumber)}`}>留言选登</a>
          中公开（不含您的姓名和联系方式）。
        </p>
      ) : null}
    </section>
  );
}
