/**
 * 双公示 on the workbench: the decisions of the agencies in scope with how many working days each
 * took to publish (more than 7 is flagged), and the form that publishes a new decision today. The
 * subject is shown masked here too: supervisors read this list, and the case file holds the rest.
 */
import { SelectField, TableWrap, TextArea, TextField } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { RESULT_PUBLICATION_DAYS } from '../../service.js';

export interface StaffResultRow {
  readonly kind: string;
  readonly agency: string;
  readonly decisionNumber: string;
  readonly subject: string;
  readonly decidedOn: string;
  readonly publishedOn: string;
  readonly publicUntil: string | null;
  readonly workingDays: number;
  readonly late: boolean;
}

interface Props {
  readonly ctx: PageContext;
  readonly rows: readonly StaffResultRow[];
  readonly agencies: readonly { code: string; name: string }[];
  readonly mayManage: boolean;
  readonly today: string;
  readonly values?: Record<string, string> | undefined;
  readonly problems?: readonly string[] | undefined;
  readonly saved?: boolean;
}

export function StaffResultsPage({ ctx, rows, agencies, mayManage, today, values, problems, saved }: Props) {
  const title = '双公示 · 行政许可和行政处罚决定';
  const late = rows.filter((r) => r.late).length;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href="/staff/services">← 办事事项清单</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        行政许可、行政处罚决定自作出之日起{RESULT_PUBLICATION_DAYS}个工作日内公示。自然人的姓名和证件号码在公开页面部分隐去；决定内容中不得出现他人的身份证号、手机号等个人信息。
      </p>
      {saved ? (
        <p class="notice" role="status">
          决定已公示。
        </p>
      ) : null}
      {late > 0 ? (
        <p class="notice warn">
          其中 {late} 件超过{RESULT_PUBLICATION_DAYS}个工作日才公示。
        </p>
      ) : null}
      {mayManage ? (
        <section aria-labelledby="svr-new">
          <h2 id="svr-new">公示一项决定</h2>
          <ErrorSummary problems={problems} />
          <form method="post" action="/staff/services/results" class="stack narrow">
            <CsrfField ctx={ctx} />
            <SelectField name="kind" label="决定类别" required value={values?.kind} options={[{ value: '许可', label: '行政许可' }, { value: '处罚', label: '行政处罚' }]} />
            <SelectField name="agency" label="实施机关" required value={values?.agency} options={agencies.map((a) => ({ value: a.code, label: a.name }))} />
            <TextField name="decisionNumber" label="决定文书号" required value={values?.decisionNumber} />
            <SelectField name="subjectType" label="行政相对人类别" required value={values?.subjectType} options={[{ value: 'legal', label: '法人和非法人组织' }, { value: 'natural', label: '自然人' }]} />
            <TextField name="subjectName" label="行政相对人名称或姓名" required value={values?.subjectName} hint="自然人姓名在公开页面显示为“张*明”" />
            <TextField name="subjectId" label="统一社会信用代码或身份证号码" value={values?.subjectId} hint="法人和非法人组织必填统一社会信用代码；自然人的证件号码在公开页面部分隐去" />
            <TextArea name="legalBasis" label="依据" required rows={3} value={values?.legalBasis} />
            <TextArea name="content" label="决定内容" required rows={4} value={values?.content} />
            <TextField name="decidedOn" label="决定日期" type="date" required value={values?.decidedOn} />
            <TextField name="publicUntil" label="公示截止日期（行政处罚必填）" type="date" value={values?.publicUntil} hint="处罚信息到期后自动从公示列表移出" />
            <p class="hint">公示日期为今天（{today}）。</p>
            <button type="submit">公示</button>
          </form>
        </section>
      ) : null}
      <h2>已公示的决定（{rows.length}）</h2>
      {rows.length === 0 ? (
        <p>没有决定。</p>
      ) : (
        <TableWrap label="已公示的决定">
          <table class="data">
            <caption class="visually-hidden">已公示的决定：文书号、类别、实施机关、行政相对人、决定日期、公示日期、用时、公示截止</caption>
            <thead>
              <tr>
                <th scope="col">决定文书号</th>
                <th scope="col">类别</th>
                <th scope="col">实施机关</th>
                <th scope="col">行政相对人</th>
                <th scope="col">决定日期</th>
                <th scope="col">公示日期</th>
                <th scope="col">用时（工作日）</th>
                <th scope="col">公示截止</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr class={r.late ? 'late' : undefined}>
                  <td>{r.decisionNumber}</td>
                  <td>行政{r.kind}</td>
                  <td>{r.agency}</td>
                  <td>{r.subject}</td>
                  <td>{r.decidedOn}</td>
                  <td>{r.publishedOn}</td>
                  <td>
                    {r.workingDays}
                    {r.late ? <strong>（超期）</strong> : null}
                  </td>
                  <td>{r.publicUntil ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffLayout>
  );
}
