/** One request in the workbench: applicant, request, clock, timeline, and the steps open to this user. */
import type { ComponentChildren } from 'preact';
import { beijingTime } from '../../../platform/clock.js';
import { StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { maskIdNumber } from '../../identity.js';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_METHOD_LABELS,
  ID_DOC_LABELS,
  outcomeTitle,
  type ApplicantType,
  type Channel,
  type DeliveryForm,
  type DeliveryMethod,
  type IdDocType,
} from '../../model.js';
import type { StaffRequestView } from '../../service.js';
import { eventLabel } from '../event-labels.js';
import { HandlingActions, type May } from './actions.js';
import { ClockExplanation } from '../clock-explanation.js';
import { DaysLeft, DONE_MESSAGES, DueDate, stateLabel } from './common.js';
import type { FormError } from './fields.js';
import { AppealsSection, AttachmentsSection, LettersSection, ReleaseSection } from './records.js';

export interface RequestPageProps {
  readonly ctx: PageContext;
  readonly view: StaffRequestView;
  readonly today: string;
  readonly may: May;
  readonly suggestedRespondBy: string | null;
  readonly done?: string | undefined;
  readonly error?: FormError | undefined;
}

const label = <K extends string>(labels: Readonly<Record<K, string>>, v: string) => labels[v as K] ?? v;

function Row({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children || '—'}</dd>
    </>
  );
}

/** The applicant: identity masked on this page (个人信息保护法 第五十一条), contact and delivery in full. */
function Applicant({ view }: { view: StaffRequestView }) {
  const r = view.request;
  return (
    <section aria-labelledby="rqs-applicant">
      <h2 id="rqs-applicant">申请人</h2>
      <dl class="rqs-facts">
        <Row term="姓名或名称">{r.applicantName}</Row>
        <Row term="申请人类型">{label(APPLICANT_TYPE_LABELS, r.applicantType as ApplicantType)}</Row>
        <Row term="身份证明">
          {label(ID_DOC_LABELS, r.idDocType as IdDocType)} <span class="rqs-masked">{maskIdNumber(r.idDocType as IdDocType, r.idDocNumber)}</span>
        </Row>
        {r.contactPerson ? <Row term="联系人">{r.contactPerson}</Row> : null}
        <Row term="联系电话">{r.phone}</Row>
        <Row term="电子邮箱">{r.email}</Row>
        <Row term="通信地址">{r.address && r.postcode ? `${r.address}（${r.postcode}）` : r.address || r.postcode}</Row>
        <Row term="信息的载体形式">{label(DELIVERY_FORM_LABELS, r.deliveryForm as DeliveryForm)}</Row>
        <Row term="获取方式">{label(DELIVERY_METHOD_LABELS, r.deliveryMethod as DeliveryMethod)}</Row>
      </dl>
    </section>
  );
}

function RequestFacts({ view }: { view: StaffRequestView }) {
  const r = view.request;
  return (
    <section aria-labelledby="rqs-request">
      <h2 id="rqs-request">申请内容</h2>
      <dl class="rqs-facts">
        <Row term="所需信息">{r.title}</Row>
        <Row term="文号">{r.docNumber}</Row>
        <Row term="内容描述">{r.description}</Row>
        <Row term="申请渠道">{label(CHANNEL_LABELS, r.channel as Channel)}</Row>
        <Row term="提交日期">{r.submittedOn}</Row>
        <Row term="收到申请之日">{r.receiptRule || r.receivedOn}</Row>
        {r.externalNumber ? <Row term="收文登记号">{r.externalNumber}</Row> : null}
        <Row term="公开登记摘要">{r.publicSummary}</Row>
      </dl>
    </section>
  );
}

function Timeline({ view }: { view: StaffRequestView }) {
  return (
    <section aria-labelledby="rqs-timeline">
      <h2 id="rqs-timeline">办理过程</h2>
      <ol class="rqs-timeline">
        {view.events.map((e) => (
          <li class={e.internal ? 'rqs-internal' : undefined}>
            <strong>{eventLabel(e.kind)}</strong>
            {e.internal ? <span class="badge">内部</span> : null} <span class="small">{e.onDate}（记录于 {beijingTime(e.at)}，{e.actorLogin}）</span>
            {e.comment ? <div class="rqs-comment">{e.comment}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function StaffRequestPage({ ctx, view, today, may, suggestedRespondBy, done, error }: RequestPageProps) {
  const r = view.request;
  const closed = r.state === 'closed';
  const doneMessage = done ? DONE_MESSAGES[done] : undefined;
  return (
    <StaffLayout ctx={ctx} title={`${r.trackingNumber} ${r.title}`}>
      <p>
        <a href="/staff/requests">← 依申请公开</a>
      </p>
      <h1>{r.title}</h1>
      <p class="rqs-meta">
        申请编号 <strong class="rqs-tracking">{r.trackingNumber}</strong> · {view.agency.name} · 状态：<strong>{stateLabel(r.state)}</strong>
        {r.outcome ? ` · ${outcomeTitle(r.outcome)}` : ''} · 经办人：{view.assignee?.displayName ?? '未分配'}
      </p>
      {doneMessage ? (
        <p class="notice" role="status">
          {doneMessage}
        </p>
      ) : null}
      {error ? (
        // The problems are also shown next to the refused form (announced there); this copy is for
        // a step that is no longer offered in the new state, where no form shows them.
        <div class="notice warn">
          <p>
            操作未完成（<a href={`#act-${error.form}`}>转到表单</a>）：
          </p>
          <ul>
            {error.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="rqs-due" class="rqs-due">
        <h2 id="rqs-due">答复期限</h2>
        {closed ? (
          <p>
            {r.closedOn}作出答复{r.onTime === null ? '' : r.onTime ? '，在答复期限内' : '，超过答复期限'}。
          </p>
        ) : (
          <p class="rqs-due-line">
            答复期限：
            <strong>
              <DueDate dueOn={r.dueOn} provisional={view.clock.provisional} />
            </strong>
            {' · '}
            <DaysLeft state={r.state} dueOn={r.dueOn} daysLeft={view.daysLeft} today={today} />
          </p>
        )}
        <ClockExplanation clock={view.clock} />
      </section>

      <div class="rqs-columns">
        <Applicant view={view} />
        <RequestFacts view={view} />
      </div>

      {may.handle || may.approve || may.assign ? (
        <section aria-labelledby="rqs-actions" class="rqs-actions">
          <h2 id="rqs-actions">办理</h2>
          <HandlingActions ctx={ctx} view={view} today={today} may={may} suggestedRespondBy={suggestedRespondBy} error={error} />
          <ReleaseSection ctx={ctx} view={view} today={today} may={may} error={error} />
        </section>
      ) : (
        <ReleaseSection ctx={ctx} view={view} today={today} may={may} error={error} />
      )}

      <LettersSection view={view} />
      <AttachmentsSection ctx={ctx} view={view} today={today} may={may} error={error} />
      <AppealsSection ctx={ctx} view={view} today={today} may={may} error={error} />
      <Timeline view={view} />
    </StaffLayout>
  );
}
