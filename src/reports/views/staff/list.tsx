/**
 * The annual reports of the agencies in the user's scope for one year: each agency's own report
 * and, for a government, its consolidated report (条例 第四十九条), with where each stands and by
 * when it must be published.
 */
import type { AgencyRow } from '../../../platform/db/schema.js';
import { TableWrap } from '../../../platform/views/forms.js';
import { StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import type { ReportScope } from '../../service.js';
import { chineseDate, deadlineOf, isOverdue, isPublished, reportHref, SCOPE_LABELS, stateLabel, type ReportState } from './status.js';

export interface ReportListItem {
  readonly agency: AgencyRow;
  readonly scope: ReportScope;
  readonly state: ReportState;
}

interface ListPageProps {
  readonly ctx: PageContext;
  readonly year: number;
  readonly years: readonly number[];
  readonly today: string;
  readonly items: readonly ReportListItem[];
}

export function ReportListPage({ ctx, year, years, today, items }: ListPageProps) {
  const title = `${year}年度政府信息公开工作年度报告`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        《政府信息公开条例》第四十九条、第五十条：各行政机关于每年1月31日前公布本机关上一年度政府信息公开工作年度报告；县级以上人民政府的政府信息公开工作主管部门于每年3月31日前公布本级政府上一年度汇总的年度报告。
      </p>
      <form method="get" action="/staff/reports" class="filters">
        <div class="field">
          <label for="ars-year">年度</label>
          <select id="ars-year" name="year">
            {years.map((y) => (
              <option value={String(y)} selected={y === year}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <button type="submit">查看</button>
      </form>
      {items.length === 0 ? (
        <p>您的权限范围内没有机关。</p>
      ) : (
        <TableWrap label={`${year}年度报告列表`}>
          <table class="data ars-list">
            <caption class="visually-hidden">{title}：各机关报告的编制状态与公布期限</caption>
            <thead>
              <tr>
                <th scope="col">机关</th>
                <th scope="col">报告</th>
                <th scope="col">状态</th>
                <th scope="col">公布期限</th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => {
                const deadline = deadlineOf(year, it.scope);
                const overdue = isOverdue(it.state, deadline, today);
                return (
                  <tr>
                    <th scope="row" class="ars-agency">
                      {it.agency.name}
                    </th>
                    <td>
                      <a href={reportHref(it.agency.code, year, it.scope)}>{SCOPE_LABELS[it.scope]}</a>
                    </td>
                    <td>
                      {it.state.recordId !== null ? <a href={`/staff/records/${it.state.recordId}`}>{stateLabel(it.state)}</a> : stateLabel(it.state)}
                      {isPublished(it.state) ? <span class="badge ok">已公布</span> : null}
                    </td>
                    <td>
                      <time dateTime={deadline}>{chineseDate(deadline)}</time>前
                      {overdue ? <span class="badge warn">已过期限，尚未公布</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffLayout>
  );
}
