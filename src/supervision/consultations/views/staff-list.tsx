/** 意见征集 on the workbench: the list of the user's agencies' consultations, and the draft form. */
import { SelectField, TableWrap, TextArea, TextField } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import type { ConsultationSummary } from '../queries.js';

export const staffHref = (id: number) => `/staff/consultations/${id}`;

export function StaffConsultationsPage({ ctx, items, mayManage, notice }: { ctx: PageContext; items: readonly ConsultationSummary[]; mayManage: boolean; notice?: string | undefined }) {
  return (
    <StaffLayout ctx={ctx} title="意见征集">
      <h1>意见征集</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {mayManage ? (
        <p class="actions">
          <a class="button" href="/staff/consultations/new">
            新建意见征集
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>本机关及下级机关暂无意见征集。</p>
      ) : (
        <TableWrap label="意见征集列表">
          <table class="data">
            <caption>本机关及下级机关的意见征集（{items.length} 项）</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">机关</th>
                <th scope="col">征求意见时间</th>
                <th scope="col">状态</th>
                <th scope="col">收到</th>
                <th scope="col">待审核</th>
                <th scope="col">已公开</th>
                <th scope="col">未公开</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr>
                  <td>
                    <a href={staffHref(c.id)}>{c.title}</a>
                  </td>
                  <td>{c.agency.name}</td>
                  <td>
                    {c.opensOn} 至 {c.closesOn}
                  </td>
                  <td>{c.phaseLabel}</td>
                  <td>{c.counts.received}</td>
                  <td>{c.counts.pending > 0 ? <strong>{c.counts.pending}</strong> : 0}</td>
                  <td>{c.counts.approved}</td>
                  <td>{c.counts.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffLayout>
  );
}

interface FormProps {
  readonly ctx: PageContext;
  /** null: a new draft */
  readonly id: number | null;
  readonly agencies: readonly { code: string; name: string }[];
  readonly values: Readonly<Record<string, string>>;
  readonly problems?: readonly string[] | undefined;
  readonly minDays: number;
}

export function ConsultationFormPage({ ctx, id, agencies, values, problems, minDays }: FormProps) {
  const title = id === null ? '新建意见征集' : '修改意见征集草稿';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href={id === null ? '/staff/consultations' : staffHref(id)}>← 返回</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary problems={problems} />
      <form method="post" action={id === null ? '/staff/consultations' : staffHref(id)}>
        <CsrfField ctx={ctx} />
        <TextField name="title" label="标题" value={values.title} required />
        <SelectField name="agency" label="起草机关" value={values.agency} options={agencies.map((a) => ({ value: a.code, label: a.name }))} required />
        <TextArea name="explanation" label="起草说明" value={values.explanation} rows={5} hint="为什么起草、主要内容和需要说明的问题（纯文本）。" />
        <TextArea
          name="text"
          label="征求意见稿正文"
          value={values.text}
          rows={16}
          required
          hint="每条另起一行，以“第一条”“第二条”……开头，公众可以针对某一条提出意见；“第一章 总则”这样的行作为章节标题。"
        />
        <TextField name="opensOn" label="开始日期" type="date" value={values.opensOn} required />
        <TextField name="closesOn" label="截止日期" type="date" value={values.closesOn} required hint={`征求意见期限不少于 ${minDays} 日（含首尾两天）。`} />
        <TextField name="draftRecord" label="征求意见稿在公开目录中的索引号或编号（选填）" value={values.draftRecord} />
        <button type="submit">保存草稿</button>
      </form>
    </StaffLayout>
  );
}
