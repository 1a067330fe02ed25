/**
 * The applicant's status page: the request, where it stands, the due date and how it was computed
 * (ClockResult.steps, with the skipped and counted days), the timeline, the letters and the files.
 */
import { RatingPanel } from '../../../supervision/ratings/views/panel.js';
import type { RatingPanelData } from '../../../supervision/ratings/service.js';
import type { RequestAttachmentRow, RequestEventRow, RequestLetterRow } from '../../../platform/db/schema.js';
import { formatSize } from '../../../catalog/present.js';
import { TableWrap } from '../../../platform/views/forms.js';
import { CsrfField, PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import type { ClockResult } from '../../clock.js';
import { ClockExplanation } from '../clock-explanation.js';
import { LETTER_TITLES, type LetterKind } from '../../letters.js';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_METHOD_LABELS,
  outcomeTitle,
  REQUEST_STATE_LABELS,
  type ApplicantType,
  type Channel,
  type DeliveryForm,
  type DeliveryMethod,
  type RequestState,
} from '../../model.js';
import type { ApplicantView } from '../../service.js';
import { publicEventLabel } from '../event-labels.js';
import { statusPath } from './submitted.js';

const label = <K extends string>(labels: Readonly<Record<K, string>>, key: string): string => (Object.hasOwn(labels, key) ? labels[key as K] : key);

export const letterTitleOf = (kind: string): string => label<LetterKind>(LETTER_TITLES, kind);
export const stateLabelOf = (state: string): string => label<RequestState>(REQUEST_STATE_LABELS, state);
export const letterPath = (tn: string, id: number) => `${statusPath(tn)}/letters/${id}`;
export const filePath = (tn: string, id: number) => `${statusPath(tn)}/files/${id}`;

/** The applicant's timeline: events with a public label, in order. */
export function publicTimeline(events: readonly RequestEventRow[]): { on: string; kind: string; label: string }[] {
  return events.flatMap((e) => {
    const l = publicEventLabel(e.kind);
    return l ? [{ on: e.onDate, kind: e.kind, label: l }] : [];
  });
}

/** "按期答复" / "逾期答复" in words, never colour alone (WCAG 1.4.1). */
export function onTimeText(onTime: boolean | number | null): string {
  if (onTime === null) return '—';
  return onTime ? '按期答复' : '逾期答复';
}


function DueSummary({ clock }: { clock: ClockResult }) {
  if (clock.state === 'closed') {
    return (
      <p>
        已于 <strong>{clock.closedOn}</strong> 作出答复
        {clock.dueDate ? `（答复期限 ${clock.dueDate}，${onTimeText(clock.onTime)}）` : ''}。
      </p>
    );
  }
  if (clock.dueDate === null) {
    return (
      <p>
        受理机关已告知您补正申请内容{clock.correctionRespondBy ? `，请于 ${clock.correctionRespondBy} 前补正` : ''}。答复期限自收到补正后的申请之日起重新计算。
      </p>
    );
  }
  return (
    <p>
      答复期限：<strong class="rq-due">{clock.dueDate}</strong>
      {clock.state === 'paused' ? '（征求意见或缴费期间暂停计时，期限可能调整）' : ''}
    </p>
  );
}

function Letters({ tn, letters }: { tn: string; letters: readonly RequestLetterRow[] }) {
  if (letters.length === 0) return <p>暂无文书。</p>;
  return (
    <TableWrap label="告知书和答复书">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">文书</th>
            <th scope="col">文号</th>
            <th scope="col">日期</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr>
              <td>
                <a href={letterPath(tn, l.id)}>{letterTitleOf(l.kind)}</a>
              </td>
              <td>{l.number}</td>
              <td>{l.issuedOn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Files({ tn, files }: { tn: string; files: readonly RequestAttachmentRow[] }) {
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="rq-files">
      <h2 id="rq-files">提供的材料</h2>
      <ul class="attachments">
        {files.map((f) => (
          <li>
            <a href={filePath(tn, f.id)} download={f.fileName}>
              {f.fileName}
            </a>{' '}
            <span class="muted">
              （{formatSize(f.size)}，SHA-256 {f.sha256.slice(0, 12)}…）
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StatusPage({ ctx, view, rating }: { ctx: PageContext; view: ApplicantView; rating?: RatingPanelData | undefined }) {
  const { request: r, agency, clock } = view;
  const timeline = publicTimeline(view.events);
  return (
    <PublicLayout ctx={ctx} title={`申请办理情况 ${r.trackingNumber}`} crumbs={[{ href: '/requests', label: '依申请公开' }, { label: '办理情况' }]}>
      <h1>申请办理情况</h1>
      <dl class="guide">
        <dt>申请编号</dt>
        <dd>{r.trackingNumber}</dd>
        <dt>当前状态</dt>
        <dd>
          <strong>{stateLabelOf(r.state)}</strong>
        </dd>
        {r.outcome ? (
          <>
            <dt>办理结果</dt>
            <dd>{outcomeTitle(r.outcome)}</dd>
          </>
        ) : null}
        <dt>受理机关</dt>
        <dd>
          <a href={`/agencies/${agency.code}`}>{agency.name}</a>
        </dd>
        <dt>所需信息</dt>
        <dd>{r.title}</dd>
        {r.docNumber ? (
          <>
            <dt>文号</dt>
            <dd>{r.docNumber}</dd>
          </>
        ) : null}
        {r.description ? (
          <>
            <dt>内容描述</dt>
            <dd class="rq-pre">{r.description}</dd>
          </>
        ) : null}
        <dt>申请人类型</dt>
        <dd>{label<ApplicantType>(APPLICANT_TYPE_LABELS, r.applicantType)}</dd>
        <dt>获取方式</dt>
        <dd>
          {label<DeliveryForm>(DELIVERY_FORM_LABELS, r.deliveryForm)}，{label<DeliveryMethod>(DELIVERY_METHOD_LABELS, r.deliveryMethod)}
        </dd>
        <dt>申请渠道</dt>
        <dd>{label<Channel>(CHANNEL_LABELS, r.channel)}</dd>
        <dt>提交日期</dt>
        <dd>{r.submittedOn}</dd>
        <dt>收到申请日期</dt>
        <dd>
          {r.receivedOn}
          {r.receiptRule ? <span class="muted">（{r.receiptRule}）</span> : null}
        </dd>
      </dl>
      <h2>答复期限</h2>
      <DueSummary clock={clock} />
      {clock.provisional ? (
        <p class="notice warn" role="note">
          <span class="badge warn">暂定</span> {clock.provisionalYears.join('、')}年的法定节假日安排尚未公布，涉及该年份的日期暂按周末计算，公布后期限可能变动。
        </p>
      ) : null}
      <ClockExplanation clock={clock} />
      <h2>办理过程</h2>
      <ol class="rq-timeline">
        {timeline.map((e) => (
          <li>
            <time dateTime={e.on}>{e.on}</time> {e.label}
          </li>
        ))}
      </ol>
      <h2>告知书和答复书</h2>
      <Letters tn={r.trackingNumber} letters={view.letters} />
      <Files tn={r.trackingNumber} files={view.attachments} />
      {rating ? <RatingPanel ctx={ctx} panel={rating} /> : null}
      <form method="post" action="/requests/status/leave" class="rq-leave">
        <CsrfField ctx={ctx} />
        <p>
          在公共电脑上查看的，看完请<button type="submit" class="link-button">退出查看</button>。本页30分钟后自动失效。
        </p>
      </form>
    </PublicLayout>
  );
}
