import type { AgencyRow } from '../../platform/db/schema.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../platform/views/layout.js';
import { SelectField, TextArea, TextField } from '../../platform/views/forms.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { AGENCY_KIND_LABELS, AGENCY_KINDS, AGENCY_LEVELS, type AgencyNode } from '../model.js';
import { AgencyTreeList } from './public.js';

interface StaffPageBase {
  readonly ctx: PageContext;
}

export function StaffAgencyListPage({ ctx, tree, canManage }: StaffPageBase & { tree: readonly AgencyNode[]; canManage: boolean }) {
  return (
    <StaffLayout ctx={ctx} title="机构">
      <h1>机构</h1>
      <p>下面是您可以查看的机构（本单位及其下级）。{canManage ? '选择机构名称可修改其信息和公开指南。' : '您的角色只能查看。'}</p>
      {canManage ? (
        <p>
          <a class="button" href="/staff/agencies/new">
            新建机构
          </a>
        </p>
      ) : null}
      <div class="tree">
        <AgencyTreeList nodes={tree} linkTo={(a) => (canManage ? `/staff/agencies/${a.code}/edit` : `/agencies/${a.code}`)} />
      </div>
    </StaffLayout>
  );
}

export type AgencyFormValues = Partial<Record<keyof AgencyRow | 'parentCode', string | number | null>>;

const GUIDE_FIELDS: { name: keyof AgencyRow; label: string; hint?: string; long?: boolean; type?: 'email' | 'url' | 'tel' }[] = [
  { name: 'officeName', label: '政府信息公开工作机构名称' },
  { name: 'officeAddress', label: '办公地址' },
  { name: 'officeHours', label: '办公时间' },
  { name: 'phone', label: '联系电话', type: 'tel' },
  { name: 'fax', label: '传真号码', type: 'tel' },
  { name: 'email', label: '电子邮箱', type: 'email' },
  { name: 'mailAddress', label: '通信地址（信函申请）' },
  { name: 'postcode', label: '邮政编码', hint: '6位数字' },
  { name: 'webFormUrl', label: '网上申请地址', type: 'url', hint: '以 https:// 开头' },
  { name: 'classification', label: '政府信息的分类与编排体系', long: true },
  { name: 'howToObtain', label: '获取方式（主动公开渠道、查阅场所）', long: true },
  { name: 'feePolicy', label: '收费说明', long: true, hint: '依据国办函〔2020〕109号' },
];

export function AgencyFormPage({
  ctx,
  values,
  problems,
  parents,
  editing,
}: StaffPageBase & { values: AgencyFormValues; problems?: readonly string[]; parents: readonly AgencyRow[]; editing: boolean }) {
  const title = editing ? `修改机构：${String(values.name ?? '')}` : '新建机构';
  const str = (k: keyof AgencyFormValues) => (values[k] === null || values[k] === undefined ? '' : String(values[k]));
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {ctx.query.saved === '1' ? (
        <p class="notice" role="status">
          已保存，公开指南已按新内容更新。
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <form method="post" action={editing ? `/staff/agencies/${str('code')}` : '/staff/agencies'} class="stack">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>基本信息</legend>
          {editing ? (
            <p>
              机构代码：<strong>{str('code')}</strong>（代码用于网址和索引号，创建后不可修改）
            </p>
          ) : (
            <TextField name="code" label="机构代码" value={str('code')} required hint="小写字母、数字和连字符，如 ljs-jyj；创建后不可修改" />
          )}
          <TextField name="name" label="机构全称" value={str('name')} required />
          <TextField name="shortName" label="简称" value={str('shortName')} />
          <SelectField name="kind" label="类型" value={str('kind')} required options={AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }))} />
          <SelectField name="level" label="层级" value={str('level')} required options={AGENCY_LEVELS.map((l) => ({ value: l, label: `${l}级` }))} />
          <SelectField
            name="parentCode"
            label="上级机构"
            value={str('parentCode')}
            options={[{ value: '', label: '（无，顶级人民政府）' }, ...parents.filter((p) => p.kind === 'government').map((p) => ({ value: p.code, label: p.name }))]}
          />
          <TextField name="creditCode" label="统一社会信用代码" value={str('creditCode')} hint="18位，用于生成索引号" />
          <TextField name="sortOrder" label="排序" type="number" value={str('sortOrder') || '0'} />
        </fieldset>
        <fieldset>
          <legend>政府信息公开指南</legend>
          {GUIDE_FIELDS.map((f) =>
            f.long ? (
              <TextArea name={f.name} label={f.label} value={str(f.name)} {...(f.hint ? { hint: f.hint } : {})} rows={5} />
            ) : (
              <TextField name={f.name} label={f.label} value={str(f.name)} {...(f.hint ? { hint: f.hint } : {})} {...(f.type ? { type: f.type } : {})} />
            ),
          )}
        </fieldset>
        <button type="submit">保存</button>
      </form>
    </StaffLayout>
  );
}
