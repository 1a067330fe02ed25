/**
 * The 年度报告 section of the workbench home. In the reporting season it reminds the user of their
 * own agency's reports of last year (条例 第四十九条): in January the agency's report (due 31
 * January), from January to March a government's consolidated report (due 31 March), with where
 * each stands; otherwise it links to the list of reports.
 */
import type { StaffIdentity } from '../../../platform/auth/model.js';
import { chinaDate, type Clock } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/database.js';
import { findAgencyById } from '../../../agencies/service.js';
import type { ReportScope } from '../../service.js';
import { chineseDate, deadlineOf, isPublished, reportHref, reportState, stateLabel, type ReportState } from './status.js';

export interface ReportReminder {
  readonly scope: ReportScope;
  readonly href: string;
  readonly deadline: string;
  readonly state: ReportState;
}

export interface ReportHomeSummary {
  readonly year: number;
  readonly agencyName: string;
  readonly reminders: readonly ReportReminder[];
}

export async function reportHomeSummary(db: Executor, clock: Clock, staff: StaffIdentity): Promise<ReportHomeSummary> {
  const today = chinaDate(clock.now());
  const month = Number(today.slice(5, 7));
  const year = Number(today.slice(0, 4)) - 1;
  const agency = await findAgencyById(db, staff.agencyId);
  if (!agency) return { year, agencyName: '', reminders: [] };
  const scopes: ReportScope[] = [];
  if (month === 1) scopes.push('agency');
  if (month <= 3 && agency.kind === 'government') scopes.push('consolidated');
  const reminders = await Promise.all(
    scopes.map(async (scope) => ({ scope, href: reportHref(agency.code, year, scope), deadline: deadlineOf(year, scope), state: await reportState(db, agency.id, year, scope) })),
  );
  return { year, agencyName: agency.name, reminders };
}

const WHAT: Readonly<Record<ReportScope, string>> = { agency: '本机关', consolidated: '本级政府汇总的' };

export function ReportHomeSection({ summary }: { summary: ReportHomeSummary }) {
  return (
    <section aria-labelledby="ars-home" class="ars-home">
      <h2 id="ars-home">年度报告</h2>
      {summary.reminders.map((r) => (
        <div class={isPublished(r.state) ? 'notice' : 'notice warn'} role="status">
          <p>
            <strong>年度报告提醒：</strong>
            {summary.agencyName}
            {WHAT[r.scope]}
            {summary.year}年度政府信息公开工作年度报告应于<time dateTime={r.deadline}>{chineseDate(r.deadline)}</time>前公布（条例第四十九条）。当前状态：
            <strong>{isPublished(r.state) ? '已公布' : stateLabel(r.state)}</strong>。
          </p>
          <p>
            <a href={r.href}>
              {isPublished(r.state) ? '查看' : '编制'}
              {summary.year}年度{r.scope === 'consolidated' ? '汇总' : ''}报告
            </a>
          </p>
        </div>
      ))}
      <p>
        <a href="/staff/reports">查看权限范围内各机关的政府信息公开工作年度报告</a>
      </p>
    </section>
  );
}
