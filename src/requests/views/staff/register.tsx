/** Registering a request received in person, by post, fax or e-mail (条例 第二十九条, 第三十一条). */
import type { RequestRow } from '../../../platform/db/schema.js';
import { SelectField, TextArea, TextField } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_FORMS,
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  ID_DOC_LABELS,
  ID_DOC_TYPES,
} from '../../model.js';
import { DueDate } from './common.js';

export type FormValues = Readonly<Record<string, string | undefined>>;

/** Which 第三十一条 date each channel needs; shown as help next to the dates. */
export const CHANNEL_DATE_HELP = '当面提交 → 填写提交日期；邮寄（需签收） → 填写签收日期；平常信函、传真、电子邮件 → 填写与申请人确认收到的日期（确认日期）。';

const STAFF_CHANNELS = CHANNELS.filter((c) => c !== 'online');
const opts = <T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>, blank = '请选择') => [
  { value: '', label: blank },
  ...values.map((v) => ({ value: v, label: labels[v] })),
];

export interface RegisterPageProps {
  readonly ctx: PageContext;
  readonly agency: { code: string; name: string };
  readonly values: FormValues;
  readonly problems?: readonly string[] | undefined;
}

export function RegisterRequestPage({ ctx, agency, values, problems }: RegisterPageProps) {
  const v = (k: string) => values[k] ?? '';
  return (
    <StaffLayout ctx={ctx} title="登记申请">
      <h1>登记政府信息公开申请</h1>
      <p class="lead">
        登记当面、邮寄、传真或电子邮件收到的申请。受理机关：<strong>{agency.name}</strong>。网上申请由申请人在门户提交，无需登记。
      </p>
      <ErrorSummary problems={problems} />
      <form method="post" action="/staff/requests" class="stack">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="agency" value={agency.code} />
        <fieldset>
          <legend>收到申请（条例第三十一条）</legend>
          <SelectField name="channel" label="申请渠道" value={v('channel')} required options={opts(STAFF_CHANNELS, CHANNEL_LABELS)} />
          <p class="hint rqs-channel-help" id="channel-dates-help">
            {CHANNEL_DATE_HELP}
          </p>
          <TextField name="submittedOn" label="提交日期（当面提交）" type="date" value={v('submittedOn')} hint="当面提交的，以提交之日为收到申请之日" />
          <TextField name="signedOn" label="签收日期（邮寄需签收）" type="date" value={v('signedOn')} hint="邮寄申请以本机关签收之日为收到申请之日" />
          <TextField name="confirmedOn" label="确认日期（平常信函、传真、电子邮件）" type="date" value={v('confirmedOn')} hint="于收到当日与申请人确认，以双方确认之日为收到申请之日" />
          <TextField name="externalNumber" label="收文登记号" value={v('externalNumber')} hint="本机关收文登记簿上的编号（如有）" />
        </fieldset>
        <fieldset>
          <legend>申请人</legend>
          <SelectField name="applicantType" label="申请人类型" value={v('applicantType')} required options={opts(APPLICANT_TYPES, APPLICANT_TYPE_LABELS)} />
          <TextField name="applicantName" label="姓名或名称" value={v('applicantName')} required />
          <SelectField name="idDocType" label="身份证明类型" value={v('idDocType')} required options={opts(ID_DOC_TYPES, ID_DOC_LABELS)} />
          <TextField name="idDocNumber" label="证件号码" value={v('idDocNumber')} required hint="法人或其他组织填写统一社会信用代码" />
          <TextField name="contactPerson" label="联系人" value={v('contactPerson')} hint="法人或其他组织必填" />
          <TextField name="phone" label="联系电话" type="tel" value={v('phone')} />
          <TextField name="email" label="电子邮箱" type="email" value={v('email')} />
          <TextField name="address" label="通信地址" value={v('address')} />
          <TextField name="postcode" label="邮政编码" value={v('postcode')} />
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <TextField name="title" label="所需政府信息的名称" value={v('title')} required />
          <TextField name="docNumber" label="文号" value={v('docNumber')} hint="申请人知道的，填写文件文号" />
          <TextArea name="description" label="所需信息的内容描述" value={v('description')} rows={4} />
          <SelectField name="deliveryForm" label="信息的载体形式" value={v('deliveryForm')} required options={opts(DELIVERY_FORMS, DELIVERY_FORM_LABELS)} />
          <SelectField name="deliveryMethod" label="获取方式" value={v('deliveryMethod')} required options={opts(DELIVERY_METHODS, DELIVERY_METHOD_LABELS)} />
          <div class="check">
            <input type="checkbox" id="f-oneMatter" name="oneMatter" value="1" checked={v('oneMatter') === '1'} />
            <label for="f-oneMatter">本申请只涉及一项政府信息（一事一申请）</label>
          </div>
        </fieldset>
        <button type="submit">登记</button>
      </form>
    </StaffLayout>
  );
}

/** After registration: the tracking number and query code, shown this once, to hand to the applicant. */
export function RegisteredPage({ ctx, request, queryCode, acknowledgementId }: { ctx: PageContext; request: RequestRow; queryCode: string; acknowledgementId: number | null }) {
  return (
    <StaffLayout ctx={ctx} title="申请已登记">
      <h1>申请已登记</h1>
      <div class="notice rqs-once" role="status">
        <p>
          申请编号：<strong class="rqs-tracking">{request.trackingNumber}</strong>
        </p>
        <p>
          查询码：<strong class="rqs-code">{queryCode}</strong>
        </p>
        <p>
          <strong>查询码只显示这一次</strong>，系统不保存明文。请将申请编号和查询码交给申请人（或写入受理回执），申请人凭二者查询办理进度和答复。
        </p>
      </div>
      <h2>收到申请之日</h2>
      <p>{request.receiptRule}</p>
      <p>
        答复期限：<DueDate dueOn={request.dueOn} provisional={request.dueProvisional === 1} />
      </p>
      <ul>
        <li>
          <a href={`/staff/requests/${request.id}`}>打开该申请</a>
        </li>
        {acknowledgementId !== null ? (
          <li>
            <a href={`/staff/requests/${request.id}/letters/${acknowledgementId}`}>查看受理回执</a>
          </li>
        ) : null}
        <li>
          <a href="/staff/requests/new">继续登记下一件</a>
        </li>
      </ul>
    </StaffLayout>
  );
}
