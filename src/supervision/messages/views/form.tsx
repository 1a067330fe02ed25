/**
 * 我要留言 / 投诉: the public form (works without JavaScript), the page after filing (tracking number,
 * query code shown once, due date) and the author's look-up (tracking number + query code).
 */
import type { AgencyRow } from '../../../platform/db/schema.js';
import { CsrfField, PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { Area, Checkbox, Input, RadioGroup, Select, type FormValues } from '../../../requests/views/public/fields.js';
import { COMPLAINT_GROUND_LABELS, COMPLAINT_GROUNDS, MESSAGE_KIND_LABELS, MESSAGE_KINDS } from '../model.js';
import { MessageOutcome, type AuthorView } from './outcome.js';
import { QueryCodeWarning, TrackingCredentials } from '../../../platform/views/credentials.js';

/** Form field names with their labels, for the problem summary. */
export const MESSAGE_FIELD_LABELS: Readonly<Record<string, string>> = {
  agency: '受理机关',
  kind: '留言类型',
  ground: '投诉事由',
  relatedRequest: '相关申请编号',
  subject: '标题',
  body: '留言内容',
  authorName: '姓名',
  contact: '联系电话或电子邮箱',
  publishConsent: '同意公开',
};

export type Problems = Readonly<Record<string, readonly string[]>>;

/** Splits "field: message" details onto the form's fields; the rest are general. */
export function splitProblems(details: readonly string[]): { byField: Problems; general: string[] } {
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const d of details) {
    const m = /^([A-Za-z]+): ([\s\S]*)$/.exec(d);
    if (m?.[1] && Object.hasOwn(MESSAGE_FIELD_LABELS, m[1])) (byField[m[1]] ??= []).push(m[2] ?? '');
    else general.push(d);
  }
  return { byField, general };
}

function Summary({ byField, general, title }: { byField: Problems; general: readonly string[]; title: string }) {
  const fields = Object.keys(MESSAGE_FIELD_LABELS).filter((f) => (byField[f]?.length ?? 0) > 0);
  if (fields.length === 0 && general.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} id="error-summary">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {general.map((p) => (
          <li>{p}</li>
        ))}
        {fields.map((f) => (
          <li>
            <a href={f === 'kind' || f === 'ground' ? `#f-${f}-${f === 'kind' ? 'consult' : 'not_disclosed'}` : `#f-${f}`}>
              {MESSAGE_FIELD_LABELS[f]}：{byField[f]?.join('；')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FormProps {
  readonly ctx: PageContext;
  readonly agencies: readonly AgencyRow[];
  readonly values: FormValues;
  readonly problems?: { byField: Problems; general: readonly string[] };
  readonly answerDays: number;
}

export function MessageFormPage({ ctx, agencies, values, problems, answerDays }: FormProps) {
  const p = problems?.byField ?? {};
  const refused = problems !== undefined && (problems.general.length > 0 || Object.keys(p).length > 0);
  const common = { values, problems: p };
  return (
    <PublicLayout ctx={ctx} title={refused ? '错误：我要留言' : '我要留言'} crumbs={[{ href: '/messages', label: '留言投诉' }, { label: '我要留言' }]}>
      <h1>我要留言</h1>
      <p class="lead">
        对政府信息公开工作的咨询、建议和投诉。认为机关未依法主动公开政府信息，或未依法答复您的公开申请的，可以投诉（《政府信息公开条例》第四十七条第二款），投诉同时送达该机关的上级人民政府。
      </p>
      {problems ? <Summary byField={p} general={problems.general} title="留言未能提交，请修改以下问题" /> : null}
      <form method="post" action="/messages" class="stack rq-form" noValidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>留言事项</legend>
          <Select name="agency" label="受理机关" required {...common} options={[{ value: '', label: '请选择' }, ...agencies.map((a) => ({ value: a.code, label: a.name }))]} />
          <RadioGroup name="kind" label="留言类型" required {...common} options={MESSAGE_KINDS.map((k) => ({ value: k, label: MESSAGE_KIND_LABELS[k] }))} />
          <RadioGroup
            name="ground"
            label="投诉事由（仅投诉填写）"
            {...common}
            options={COMPLAINT_GROUNDS.map((g) => ({ value: g, label: COMPLAINT_GROUND_LABELS[g] }))}
            hint="选择“投诉”时必填。"
          />
          <Input name="relatedRequest" label="相关申请编号" maxLength={60} {...common} hint="投诉申请处理情况的，请填写申请编号，例如 YSQ-ljs-2026-00001。" />
          <Input name="subject" label="标题" required maxLength={100} {...common} />
          <Area name="body" label="留言内容" required rows={8} maxLength={3000} {...common} hint="请写明事实和诉求。请不要在正文中填写身份证号码、手机号码等个人信息。" />
        </fieldset>
        <fieldset>
          <legend>联系信息（不会公开）</legend>
          <Input name="authorName" label="姓名" required autoComplete="name" maxLength={50} {...common} />
          <Input name="contact" label="联系电话或电子邮箱" required autoComplete="tel" maxLength={100} {...common} hint="用于机关答复和核实情况，只有受理机关办理留言的工作人员能看到。" />
          <Checkbox
            name="publishConsent"
            label="同意在“留言选登”中公开我的留言和答复"
            {...common}
            hint="公开时不显示姓名和联系方式，正文中的个人信息会被遮盖。不同意的，答复只通过查询告知您本人。"
          />
        </fieldset>
        <p class="muted">
          提交之日为收到日期（非工作日提交的，从下一个工作日起算）；机关在收到后 {answerDays} 个工作日内答复。提交后会得到留言编号和查询码，凭它们查看办理情况和答复。
        </p>
        <p>
          <button type="submit">提交留言</button>
        </p>
      </form>
    </PublicLayout>
  );
}

export interface FiledData {
  readonly trackingNumber: string;
  readonly queryCode: string;
  readonly agencyName: string;
  readonly receivedOn: string;
  readonly dueOn: string;
}

export function FiledPage({ ctx, data }: { ctx: PageContext; data: FiledData }) {
  return (
    <PublicLayout ctx={ctx} title="留言已提交" crumbs={[{ href: '/messages', label: '留言投诉' }, { label: '留言已提交' }]}>
      <h1>留言已提交</h1>
      <div class="notice" role="status">
        <p>{data.agencyName}已收到您的留言。</p>
      </div>
      <dl class="guide">
        <TrackingCredentials prefix="ly" numberLabel="留言编号" trackingNumber={data.trackingNumber} queryCode={data.queryCode} />
        <dt>收到日期</dt>
        <dd>{data.receivedOn}</dd>
        <dt>答复期限</dt>
        <dd id="ly-due-on">{data.dueOn}</dd>
      </dl>
      <QueryCodeWarning prefix="ly" what="凭留言编号和查询码可以查看办理情况和答复。" />
      <p>
        <a href={`/messages/track?tn=${encodeURIComponent(data.trackingNumber)}`}>查询办理情况</a>
      </p>
    </PublicLayout>
  );
}

interface TrackProps {
  readonly ctx: PageContext;
  readonly values: FormValues;
  readonly problems?: Problems;
  readonly failed?: boolean;
  readonly found?: AuthorView;
}

export function MessageTrackPage({ ctx, values, problems = {}, failed = false, found }: TrackProps) {
  const refused = failed || Object.keys(problems).length > 0;
  return (
    <PublicLayout ctx={ctx} title={refused ? '错误：留言查询' : '留言查询'} crumbs={[{ href: '/messages', label: '留言投诉' }, { label: '留言查询' }]}>
      <h1>留言查询</h1>
      {found ? (
        <MessageOutcome view={found} />
      ) : (
        <>
          <p class="lead">输入提交留言时得到的留言编号和查询码，查看办理情况和答复。</p>
          {failed ? (
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" id="error-summary">
              <h2 id="error-summary-title">未能查询</h2>
              <p>留言编号或查询码不正确，请核对后重新输入。/ Wrong tracking number or query code.</p>
            </div>
          ) : null}
          <form method="post" action="/messages/track" class="stack rq-form" noValidate>
            <CsrfField ctx={ctx} />
            <Input name="trackingNumber" label="留言编号" required autoComplete="off" spellcheck={false} maxLength={60} values={values} problems={problems} hint="例如 LY2026-000001。" />
            <Input name="queryCode" label="查询码" required autoComplete="off" spellcheck={false} maxLength={20} values={values} problems={problems} hint="10位字母和数字，不区分大小写。" />
            <p>
              <button type="submit">查询</button>
            </p>
          </form>
        </>
      )}
    </PublicLayout>
  );
}
