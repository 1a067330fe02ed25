/**
 * 政府信息公开申请表 (条例 第二十九条), server-rendered and usable without JavaScript: the fields of
 * applicationSchema, grouped in fieldsets, each with its help text and its own error message, and
 * a summary of the problems at the top linking to the fields.
 */
import type { AgencyRow } from '../../../platform/db/schema.js';
import { CsrfField, PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import {
  APPLICANT_TYPE_LABELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_FORMS,
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  ID_DOC_LABELS,
  ID_DOC_TYPES,
} from '../../model.js';
import { agencyGroups, AgencyOptions } from './agency-options.js';
import { Area, Checkbox, Input, Radio, RadioGroup, Select, type FormValues } from './fields.js';
import { anchorFor, FIELD_LABELS, hasProblems, type FormProblems } from './problems.js';

const ORGANISATION_TYPES = ['business', 'research', 'public-interest', 'legal-services', 'other-org'] as const;

/** The problems at the top of the form, each linked to its field (WCAG 3.3.1). */
export function ProblemSummary({ problems }: { problems: FormProblems }) {
  if (!hasProblems(problems)) return null;
  const fields = Object.keys(FIELD_LABELS).filter((f) => (problems.byField[f]?.length ?? 0) > 0);
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} id="error-summary">
      <h2 id="error-summary-title">申请未能提交，请修改以下问题</h2>
      <ul>
        {problems.general.map((p) => (
          <li>{p}</li>
        ))}
        {fields.map((f) => (
          <li>
            <a href={`#${anchorFor(f)}`}>
              {FIELD_LABELS[f]}：{problems.byField[f]?.join('；')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 个人信息保护说明: what is collected, why, who sees it, and that it is never published. */
export function PrivacyNotice() {
  return (
    <section class="rq-privacy" aria-labelledby="rq-privacy-title">
      <h2 id="rq-privacy-title">个人信息保护说明</h2>
      <ul>
        <li>
          <strong>收集哪些信息：</strong>申请人的姓名或名称、身份证明的类型和号码、联系人和联系方式，以及您所需信息的描述。
        </li>
        <li>
          <strong>为什么收集：</strong>《中华人民共和国政府信息公开条例》第二十九条规定，申请应当包括申请人的姓名或者名称、身份证明、联系方式，以及所需政府信息的名称、文号或者便于查询的其他特征性描述。这些信息只用于办理本申请、向您送达告知书和答复书，以及依法统计。
        </li>
        <li>
          <strong>谁能看到：</strong>只有受理机关负责办理政府信息公开申请的工作人员。
        </li>
        <li>
          <strong>不会公开：</strong>本平台的“申请办理公开登记”只列出申请编号、所需信息的摘要、日期和办理结果，绝不公布申请人的姓名、证件号码或联系方式。查询码只保存不可还原的摘要。
        </li>
      </ul>
    </section>
  );
}

interface FormPageProps {
  readonly ctx: PageContext;
  readonly agencies: readonly AgencyRow[];
  readonly values: FormValues;
  readonly problems: FormProblems;
}

export function ApplicationFormPage({ ctx, agencies, values, problems }: FormPageProps) {
  const p = problems.byField;
  const refused = hasProblems(problems);
  const common = { values, problems: p };
  return (
    <PublicLayout
      ctx={ctx}
      title={refused ? '错误：政府信息公开申请' : '政府信息公开申请'}
      crumbs={[{ href: '/requests', label: '依申请公开' }, { label: '在线申请' }]}
    >
      <h1>政府信息公开申请</h1>
      <p class="lead">
        请如实填写下列内容。标有“必填”的项目必须填写。提交后您会得到申请编号和查询码，凭它们可以随时查看办理进度。
      </p>
      <ProblemSummary problems={problems} />
      <form method="post" action="/requests" class="stack rq-form" noValidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>申请人信息</legend>
          <RadioGroup
            name="applicantType"
            label="申请人类型"
            required
            {...common}
            options={[{ value: 'natural', label: APPLICANT_TYPE_LABELS.natural }]}
            hint="以个人名义申请的选“自然人”；以单位名义申请的，选择单位的类别。"
          >
            <fieldset class="rq-sub">
              <legend>法人或其他组织</legend>
              {ORGANISATION_TYPES.map((t) => (
                <Radio name="applicantType" option={{ value: t, label: APPLICANT_TYPE_LABELS[t] }} values={values} invalid={(p.applicantType?.length ?? 0) > 0} />
              ))}
            </fieldset>
          </RadioGroup>
          <Input name="applicantName" label="姓名或名称" required autoComplete="name" maxLength={100} hint="自然人填写姓名；法人或其他组织填写单位全称。" {...common} />
          <Select
            name="idDocType"
            label="身份证明类型"
            required
            {...common}
            options={[{ value: '', label: '请选择' }, ...ID_DOC_TYPES.map((t) => ({ value: t, label: ID_DOC_LABELS[t] }))]}
            hint="自然人可用居民身份证、港澳台居民居住证、护照、往来内地（大陆）通行证或外国人永久居留身份证；法人或其他组织请选择统一社会信用代码证书。"
          />
          <Input
            name="idDocNumber"
            label="证件号码"
            required
            autoComplete="off"
            spellcheck={false}
            maxLength={40}
            {...common}
            hint="居民身份证号码和统一社会信用代码均为18位，最后一位可能是字母（如 X），请逐位核对。"
          />
          <Input name="contactPerson" label="联系人" autoComplete="name" maxLength={50} {...common} hint="法人或其他组织申请时必填：负责与受理机关联系的人员姓名。" />
        </fieldset>
        <fieldset aria-describedby="rq-contact-hint">
          <legend>联系方式</legend>
          <p class="hint" id="rq-contact-hint">
            至少填写一种联系方式。选择“邮寄”获取信息的，须填写通信地址；选择“电子邮件”的，须填写电子邮箱。
          </p>
          <Input name="phone" label="联系电话" type="tel" inputMode="tel" autoComplete="tel" maxLength={30} {...common} />
          <Input name="email" label="电子邮箱" type="email" inputMode="email" autoComplete="email" spellcheck={false} maxLength={120} {...common} />
          <Input name="address" label="通信地址" autoComplete="street-address" maxLength={200} {...common} />
          <Input name="postcode" label="邮政编码" inputMode="numeric" autoComplete="postal-code" maxLength={6} {...common} hint="6位数字。" />
        </fieldset>
        <fieldset>
          <legend>所需政府信息</legend>
          <Input name="title" label="所需政府信息的名称" required maxLength={200} {...common} hint="例如文件的标题，或者“某某项目的环境影响评价批复”。" />
          <Input name="docNumber" label="文号" maxLength={80} {...common} hint="知道文号的请填写，例如“某政发〔2026〕3号”，便于准确查找。" />
          <Area
            name="description"
            label="所需信息的内容描述"
            maxLength={2000}
            {...common}
            hint="写明便于查找的特征，例如信息的形成时间、制作机关、涉及的地点或事项。描述越具体，答复越快。"
          />
        </fieldset>
        <fieldset>
          <legend>获取信息的形式和方式</legend>
          <RadioGroup name="deliveryForm" label="获取信息的形式" required {...common} options={DELIVERY_FORMS.map((f) => ({ value: f, label: DELIVERY_FORM_LABELS[f] }))} />
          <RadioGroup name="deliveryMethod" label="获取信息的方式" required {...common} options={DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_METHOD_LABELS[m] }))} />
        </fieldset>
        <fieldset>
          <legend>受理机关</legend>
          <Select
            name="agency"
            label="向哪个机关申请"
            required
            {...common}
            hint={
              <>
                请向制作或保存该信息的机关申请：行政机关制作的信息，由制作该信息的机关负责公开；从其他机关获取的信息，由保存该信息的机关负责公开（条例 第十条）。不清楚的，可以先查看
                <a href="/agencies">机构与公开指南</a>。
              </>
            }
          >
            <AgencyOptions groups={agencyGroups(agencies)} selected={values.agency ?? ''} />
          </Select>
        </fieldset>
        <Checkbox
          name="oneMatter"
          label="我确认本申请只涉及一项政府信息（一事一申请）"
          required
          {...common}
          hint="一份申请只写一项信息；需要多项信息的，请分别提交申请，便于及时办理。"
        />
        <PrivacyNotice />
        <p>
          <button type="submit">提交申请</button>
        </p>
      </form>
    </PublicLayout>
  );
}
