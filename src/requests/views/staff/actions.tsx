/**
 * The handling steps open on a request for the current user and state: assignment, 补正,
 * consultation, extension (and its approval), fee notice, decision.
 */
import { CsrfField, ErrorSummary } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { clockEventsOf } from '../../lifecycle.js';
import { DECIDABLE_OUTCOMES, OUTCOME_GROUP_LABELS, OUTCOME_GROUPS } from '../../model.js';
import type { StaffRequestView } from '../../service.js';
import { ActionForm, Area, Check, Input, Select, valueIn, type FormError } from './fields.js';

export interface May {
  /** request officer of the handling agency */
  readonly handle: boolean;
  /** agency admin of the handling agency (head of its disclosure office) */
  readonly approve: boolean;
  readonly assign: boolean;
}

/** Which handling steps this state allows; the service checks again when one is submitted. */
export function offeredActions(view: StaffRequestView, today: string, may: May) {
  const state = view.request.state;
  const open = state !== 'closed';
  const h = may.handle && open;
  const steps = clockEventsOf(view.events);
  const waitingCorrection = state === 'awaiting-correction';
  return {
    assign: may.assign && open,
    note: may.assign,
    // 第三十条: once, before any other step, within 7 working days of receipt.
    correction: h && state === 'received' && steps.length === 1 && today <= view.clock.correctionDeadline,
    correctionReceived: h && waitingCorrection,
    consultation: h && !waitingCorrection,
    consultationEnd: h && view.consultations.length > 0,
    extension: h && !waitingCorrection && view.pendingExtension === null && view.clock.extensionDays < 20,
    extensionDecision: may.approve && open && view.pendingExtension !== null,
    fee: h && !waitingCorrection && state !== 'awaiting-fee',
    feePaid: h && state === 'awaiting-fee',
    decide: h,
  };
}

const DISCLOSED_LABELS: Readonly<Record<string, string>> = {
  'disclosed.already-public': '予以公开：已主动公开的，告知获取方式（第三十六条第（一）项）',
  'disclosed.provided': '予以公开：向申请人提供（第三十六条第（二）项）',
  partial: '部分公开（第三十七条）',
};

/** DECIDABLE_OUTCOMES grouped by the annual-report columns, for <optgroup>s. */
export const OUTCOME_OPTION_GROUPS = OUTCOME_GROUPS.map((g) => ({
  label: OUTCOME_GROUP_LABELS[g],
  options: DECIDABLE_OUTCOMES.filter((o) => o.group === g).map((o) => ({ value: o.code, label: DISCLOSED_LABELS[o.code] ?? o.label })),
})).filter((g) => g.options.length > 0);

interface Props {
  readonly ctx: PageContext;
  readonly view: StaffRequestView;
  readonly today: string;
  readonly may: May;
  readonly suggestedRespondBy: string | null;
  readonly error: FormError | undefined;
}

function CorrectionForms({ ctx, view, today, may, suggestedRespondBy, error }: Props) {
  const o = offeredActions(view, today, may);
  const id = view.request.id;
  const c = valueIn(error, 'correction');
  const cr = valueIn(error, 'correction-received');
  return (
    <>
      {o.correction ? (
        <ActionForm ctx={ctx} requestId={id} form="correction" action="correction" title="补正告知（条例第三十条）" submit="发出补正告知书" error={error} intro={`申请内容不明确的，应一次性告知需要补正的事项，最迟于${view.clock.correctionDeadline}发出；补正期间不计算答复期限。`}>
          <Area form="correction" name="whatToCorrect" label="需要补正的事项" value={c('whatToCorrect')} required rows={4} />
          <Input form="correction" name="respondBy" label="补正期限" type="date" value={c('respondBy', suggestedRespondBy ?? '')} required hint="申请人无正当理由逾期不补正的，视为放弃申请" />
        </ActionForm>
      ) : null}
      {o.correctionReceived ? (
        <ActionForm ctx={ctx} requestId={id} form="correction-received" action="correction-received" title="收到补正" submit="登记收到补正" error={error} intro={`补正期限：${view.clock.correctionRespondBy ?? '—'}。答复期限自收到补正后的申请之日起重新计算。`}>
          <Input form="correction-received" name="on" label="收到补正的日期" type="date" value={cr('on', today)} required />
          <Input form="correction-received" name="correctedTitle" label="补正后的所需信息名称" value={cr('correctedTitle')} hint="不变的留空" />
          <Area form="correction-received" name="correctedDescription" label="补正后的内容描述" value={cr('correctedDescription')} hint="不变的留空" />
        </ActionForm>
      ) : null}
    </>
  );
}

function ConsultationForms({ ctx, view, today, may, error }: Props) {
  const o = offeredActions(view, today, may);
  const id = view.request.id;
  const v = valueIn(error, 'consultation');
  return (
    <>
      {o.consultation ? (
        <ActionForm ctx={ctx} requestId={id} form="consultation" action="consultation" title="征求意见（条例第三十二条、第三十四条）" submit="发出征求意见函" error={error} intro="征求第三方或其他机关意见期间暂停计时，最长15个工作日。">
          <Select form="consultation" name="party" label="征求对象" value={v('party')} required blank="请选择" options={[{ value: 'third-party', label: '第三方（第三十二条）' }, { value: 'agency', label: '其他机关（第三十四条）' }]} />
          <Input form="consultation" name="partyName" label="征求意见对象名称" value={v('partyName')} required />
          <Area form="consultation" name="infoSummary" label="拟公开信息的内容" value={v('infoSummary')} required />
          <Input form="consultation" name="deliveredOn" label="送达日期" type="date" value={v('deliveredOn')} hint="已知送达日期的填写，15个工作日自送达次日起算；不填则自发出次日起算" />
        </ActionForm>
      ) : null}
      {o.consultationEnd
        ? view.consultations.map((c) => {
            const key = `consultation-end-${c.id}`;
            const e = valueIn(error, key);
            return (
              <ActionForm ctx={ctx} requestId={id} form={key} action="consultation-end" title={`收到意见：${c.partyName}`} submit="登记征求意见结束" error={error} intro={`${c.startedOn}发出征求意见函（${c.party === 'agency' ? '其他机关' : '第三方'}）。`}>
                <input type="hidden" name="consultation" value={c.id} />
                <Input form={key} name="on" label="收到意见的日期" type="date" value={e('on', today)} required />
                <Area form={key} name="summary" label="意见摘要" value={e('summary')} />
              </ActionForm>
            );
          })
        : null}
    </>
  );
}

function ExtensionForms({ ctx, view, today, may, error }: Props) {
  const o = offeredActions(view, today, may);
  const id = view.request.id;
  const v = valueIn(error, 'extension');
  const d = valueIn(error, 'extension-decision');
  const pending = view.pendingExtension;
  const remaining = 20 - view.clock.extensionDays;
  return (
    <>
      {o.extension ? (
        <ActionForm ctx={ctx} requestId={id} form="extension" action="extension" title="提请延期（条例第三十三条第二款）" submit="提请负责人审批" error={error} intro={`需要延长答复期限的，经政府信息公开工作机构负责人同意后生效；延长合计不超过20个工作日（已延长${view.clock.extensionDays}个，最多还可延长${remaining}个）。`}>
          <Input form="extension" name="workingDays" label="延长工作日数" type="number" min={1} max={remaining} value={v('workingDays')} required />
          <Area form="extension" name="reason" label="延期理由" value={v('reason')} required />
        </ActionForm>
      ) : null}
      {pending && !o.extensionDecision ? (
        <p class="notice">
          延期申请待负责人审批：延长 {pending.workingDays} 个工作日（{pending.proposedBy} 提请）。
        </p>
      ) : null}
      {o.extensionDecision && pending ? (
        <section class="rqs-action" id="act-extension-decision" aria-labelledby="act-extension-decision-title">
          <h3 id="act-extension-decision-title">审批延期</h3>
          <p>
            {pending.proposedBy} 提请延长答复期限 <strong>{pending.workingDays}</strong> 个工作日。理由：{pending.reason}
          </p>
          {error?.form === 'extension-decision' ? <ErrorSummary problems={error.problems} /> : null}
          <form method="post" action={`/staff/requests/${id}/extension-decision`} class="stack">
            <CsrfField ctx={ctx} />
            <Area form="extension-decision" name="comment" label="审批意见" value={d('comment')} />
            <div class="actions">
              <button type="submit" name="approve" value="1">
                同意延期
              </button>{' '}
              <button type="submit" name="approve" value="0" class="secondary">
                不同意
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}

function FeeForms({ ctx, view, today, may, error }: Props) {
  const o = offeredActions(view, today, may);
  const id = view.request.id;
  const v = valueIn(error, 'fee');
  const p = valueIn(error, 'fee-paid');
  return (
    <>
      {o.fee ? (
        <ActionForm ctx={ctx} requestId={id} form="fee" action="fee" title="收费通知（国办函〔2020〕109号）" submit="发出收费通知" error={error} intro="申请数量、频次明显超过合理范围的，可收取信息处理费；费用按所选标准自动计算。">
          <Select form="fee" name="method" label="计费方式" value={v('method')} required blank="请选择" options={[{ value: 'per-request', label: '按件计收' }, { value: 'per-page', label: '按量计收' }]} />
          <Input form="fee" name="pages" label="页数（按量计收时填写）" type="number" min={0} value={v('pages')} />
          <Area form="fee" name="payment" label="缴费方式" value={v('payment')} required hint="收款账户、缴费渠道等" />
        </ActionForm>
      ) : null}
      {o.feePaid ? (
        <ActionForm ctx={ctx} requestId={id} form="fee-paid" action="fee-paid" title="登记缴费" submit="登记已缴费" error={error}>
          <Input form="fee-paid" name="on" label="缴费日期" type="date" value={p('on', today)} required />
        </ActionForm>
      ) : null}
    </>
  );
}

function DecisionForm({ ctx, view, today, may, error }: Props) {
  if (!offeredActions(view, today, may).decide) return null;
  const v = valueIn(error, 'decide');
  const r = view.request;
  return (
    <ActionForm ctx={ctx} requestId={r.id} form="decide" action="decide" title="作出答复（条例第三十六条至第三十九条）" submit="作出答复并生成答复书" error={error}>
      <Select form="decide" name="outcome" label="办理结果" value={v('outcome')} required blank="请选择" groups={OUTCOME_OPTION_GROUPS} />
      <Area form="decide" name="reasons" label="理由" value={v('reasons')} rows={5} hint="不予公开、部分公开、无法提供、不予处理的，须说明理由" />
      <Area form="decide" name="provided" label="提供的信息及获取方式" value={v('provided')} rows={4} hint="予以公开、部分公开的必填" />
      <Input form="decide" name="referralAgency" label="负责公开该信息的机关" value={v('referralAgency')} hint="本机关不掌握或不属于本机关负责公开的，能够确定负责机关的填写" />
      <Input form="decide" name="referralContact" label="该机关的联系方式" value={v('referralContact')} />
      <Input form="decide" name="publicSummary" label="公开登记摘要" value={v('publicSummary', r.publicSummary || r.title)} required hint="将在公开登记中显示，不得包含申请人个人信息" />
      <Check form="decide" name="releaseConsent" label="该信息可转为主动公开（条例第四十四条：涉及公众利益调整、需要公众广泛知晓或参与决策的）" checked={v('releaseConsent') === '1'} />
    </ActionForm>
  );
}

/** Every step open to this user on an open request, in the order a case usually runs. */
export function HandlingActions(props: Props) {
  const { ctx, view, today, may, error } = props;
  const o = offeredActions(view, today, may);
  const a = valueIn(error, 'assign');
  const n = valueIn(error, 'note');
  const id = view.request.id;
  return (
    <>
      {o.assign ? (
        <ActionForm ctx={ctx} requestId={id} form="assign" action="assign" title="分配经办人" submit="分配" error={error}>
          <Select form="assign" name="userId" label="经办人" value={a('userId', view.assignee ? String(view.assignee.id) : '')} required blank="请选择" options={view.officers.map((u) => ({ value: String(u.id), label: u.displayName }))} />
        </ActionForm>
      ) : null}
      <CorrectionForms {...props} />
      <ConsultationForms {...props} />
      <ExtensionForms {...props} />
      <FeeForms {...props} />
      <DecisionForm {...props} />
      {o.note ? (
        <ActionForm ctx={ctx} requestId={id} form="note" action="note" title="内部备注" submit="添加备注" error={error} intro="仅工作人员可见，不向申请人显示。" secondary>
          <Area form="note" name="comment" label="备注" value={n('comment')} required />
        </ActionForm>
      ) : null}
    </>
  );
}
