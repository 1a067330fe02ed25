/**
 * One annual report in the workbench (条例 第五十条, the 2021 template): the check result, the
 * three tables as the template lays them out, the forms for what staff enter, the downloads and
 * the way to publication through the catalogue (条例 第四十九条).
 */
import { STATUS_LABELS, type RecordStatus } from '../../../catalog/model.js';
import { CsrfField, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { SECTION_KEYS, SECTION_LABELS, type SectionKey } from '../../inputs.js';
import type { CheckProblem } from '../../model.js';
import type { AnnualReport } from '../../service.js';
import { Table2View, Table3View, Table4View } from '../tables.js';
import { countedValues, FiguresForm, FormProblems, SectionsForm, type FormError, type FormValues } from './forms.js';
import { chineseDate, csvHref, deadlineOf, jsonHref, reportHref, SCOPE_LABELS } from './status.js';

export interface ReportPageProps {
  readonly ctx: PageContext;
  readonly report: AnnualReport;
  readonly figures: FormValues;
  readonly sections: FormValues;
  /** sections prefilled from draftSections (nothing stored yet) */
  readonly drafted: ReadonlySet<SectionKey>;
  readonly record: { readonly id: number; readonly title: string; readonly status: string } | null;
  readonly may: { readonly edit: boolean; readonly draft: boolean };
  readonly saved?: 'figures' | 'sections' | undefined;
  readonly error?: FormError | undefined;
}

export const reportTitle = (r: Pick<AnnualReport, 'agency' | 'year' | 'scope'>) =>
  `${r.agency.name}${r.year}年度政府信息公开工作年度报告${r.scope === 'consolidated' ? '（汇总）' : ''}`;

function CheckResult({ problems }: { problems: readonly CheckProblem[] }) {
  if (problems.length === 0) {
    return (
      <p class="notice ars-ok" role="status">
        <strong>全部校验通过</strong>：表三、表四的各项勾稽关系均成立。
      </p>
    );
  }
  return (
    <div class="error-summary ars-problems" role="alert" aria-labelledby="ars-check-title">
      <h3 id="ars-check-title">校验发现 {problems.length} 处问题，修正前不能生成年度报告信息</h3>
      <ul>
        {problems.map((p) => (
          <li>
            <strong>{p.cell}</strong>：应为 {String(p.expected)}，实为 {String(p.actual)}（规则：{p.rule}）
          </li>
        ))}
      </ul>
    </div>
  );
}

function Publication({ ctx, report, record, may, error }: Pick<ReportPageProps, 'ctx' | 'report' | 'record' | 'may' | 'error'>) {
  const problems = error?.form === 'record' ? error : undefined;
  const base = reportHref(report.agency.code, report.year, report.scope).replace(/\?.*$/, '');
  const blocked = report.problems.length > 0;
  return (
    <section aria-labelledby="ars-publication">
      <h2 id="ars-publication">公布</h2>
      <FormProblems error={problems} title="未能生成年度报告信息草稿" />
      <p>
        公布期限：<time dateTime={deadlineOf(report.year, report.scope)}>{chineseDate(deadlineOf(report.year, report.scope))}</time>前（条例第四十九条）。年度报告作为“报告”类主动公开信息，经信息编辑生成草稿、提交审核、审核通过后公布。
      </p>
      {record ? (
        <p class="ars-record">
          已生成年度报告信息：<a href={`/staff/records/${record.id}`}>{record.title}</a>，状态：<strong>{STATUS_LABELS[record.status as RecordStatus] ?? record.status}</strong>
        </p>
      ) : may.draft ? (
        <form method="post" action={`${base}/record${report.scope === 'consolidated' ? '?scope=consolidated' : ''}`} class="ars-record-form">
          <CsrfField ctx={ctx} />
          {blocked ? (
            <p class="hint" id="ars-record-why">
              表格未通过校验（见上方“校验结果”），修正前不能生成年度报告信息草稿。表三、表四来自依申请公开办理记录，请先核对相关申请的办理结果。
            </p>
          ) : (
            <p class="hint" id="ars-record-why">
              将按当前表格和已保存的文字部分（未保存的部分使用草稿文字）生成一条“主动公开”信息草稿。
            </p>
          )}
          <button type="submit" disabled={blocked} aria-describedby="ars-record-why">
            生成年度报告信息草稿
          </button>
        </form>
      ) : (
        <p>尚未生成年度报告信息。年度报告信息草稿由信息编辑生成。</p>
      )}
    </section>
  );
}

/** The stored text, read-only, for users who may not edit. */
function SectionsText({ report }: { report: AnnualReport }) {
  return (
    <dl class="ars-sections-text">
      {SECTION_KEYS.map((k) => (
        <>
          <dt>{SECTION_LABELS[k]}</dt>
          <dd>{report.sections[k] ? <p class="ars-pre">{report.sections[k]}</p> : <p class="hint">尚未填写。</p>}</dd>
        </>
      ))}
    </dl>
  );
}

export function ReportPage(props: ReportPageProps) {
  const { ctx, report, may, saved, error } = props;
  const title = reportTitle(report);
  const base = reportHref(report.agency.code, report.year, report.scope).replace(/\?.*$/, '');
  const action = (what: string) => `${base}/${what}${report.scope === 'consolidated' ? '?scope=consolidated' : ''}`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p class="ars-back">
        <a href={`/staff/reports?year=${report.year}`}>返回{report.year}年度报告列表</a>
      </p>
      <h1>{title}</h1>
      {report.agency.kind === 'government' ? (
        <p class="ars-scopes">
          {(['agency', 'consolidated'] as const).map((s, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              {s === report.scope ? <strong aria-current="page">{SCOPE_LABELS[s]}</strong> : <a href={reportHref(report.agency.code, report.year, s)}>{SCOPE_LABELS[s]}</a>}
            </>
          ))}
        </p>
      ) : null}
      {saved ? (
        <p class="notice ars-saved" role="status">
          {saved === 'figures' ? '已保存数据。' : '已保存文字部分。'}
        </p>
      ) : null}

      <section aria-labelledby="ars-check">
        <h2 id="ars-check">校验结果</h2>
        <CheckResult problems={report.problems} />
      </section>

      <section aria-labelledby="ars-tables">
        <h2 id="ars-tables">报告表格</h2>
        <Table2View t={report.table2} />
        <Table3View t={report.table3} />
        <Table4View t={report.table4} />
      </section>

      {may.edit ? (
        <>
          <section aria-labelledby="ars-figures">
            <h2 id="ars-figures">填报表二数据</h2>
            <FiguresForm ctx={ctx} action={action('figures')} values={props.figures} error={error} counted={countedValues(props.report.known.documents, props.report.known.decisions)} />
          </section>
          <section aria-labelledby="ars-sections">
            <h2 id="ars-sections">文字部分</h2>
            <SectionsForm ctx={ctx} action={action('sections')} values={props.sections} error={error} drafted={props.drafted} />
          </section>
        </>
      ) : (
        <section aria-labelledby="ars-sections">
          <h2 id="ars-sections">文字部分</h2>
          <SectionsText report={report} />
        </section>
      )}

      <section aria-labelledby="ars-downloads">
        <h2 id="ars-downloads">下载表格数据</h2>
        <ul class="ars-downloads">
          <li>
            <a href={csvHref(report.agency.code, report.year, report.scope)} download>
              CSV（表二、表三、表四，UTF-8，可用 Excel 打开）
            </a>
          </li>
          <li>
            <a href={jsonHref(report.agency.code, report.year, report.scope)}>JSON（数据接口）</a>
          </li>
        </ul>
      </section>

      <Publication ctx={ctx} report={report} record={props.record} may={may} error={error} />
    </StaffLayout>
  );
}
