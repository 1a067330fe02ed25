/**
 * The 双公示 part of the workbench home: this year's decisions of the user's agencies that were
 * published more than 7 working days after the decision (the 双公示 rule), so they can be explained
 * and not repeated.
 */
import { can, type StaffIdentity } from '../../platform/auth/model.js';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate, type Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import { subtreeIds } from '../../platform/hierarchy.js';
import { lateResults, RESULT_PUBLICATION_DAYS } from '../service.js';

export interface ResultsHomeSummary {
  readonly year: number;
  readonly late: readonly { decisionNumber: string; kind: string; agencyName: string; decidedOn: string; publishedOn: string; workingDays: number }[];
}

export async function resultsHomeSummary(db: Executor, clock: Clock, staff: StaffIdentity): Promise<ResultsHomeSummary> {
  const year = Number(chinaDate(clock.now()).slice(0, 4));
  const scope = staff.roles.includes('system_admin') ? null : await subtreeIds(db, staff.agencyId);
  return { year, late: await lateResults(db, await loadCalendar(db), scope, `${year}-01-01`) };
}

export const showsResults = (staff: StaffIdentity) => can(staff, 'record.view');

export function ResultsHomeSection({ summary }: { summary: ResultsHomeSummary }) {
  return (
    <section aria-labelledby="sv-home">
      <h2 id="sv-home">双公示</h2>
      {summary.late.length === 0 ? (
        <p>
          {summary.year}年本机关及下级机关的行政许可、行政处罚决定均在作出决定之日起{RESULT_PUBLICATION_DAYS}个工作日内公示。<a href="/results">查看公示</a>
        </p>
      ) : (
        <div class="notice warn">
          <p>
            <strong>
              {summary.year}年超过{RESULT_PUBLICATION_DAYS}个工作日才公示的决定 {summary.late.length} 件：
            </strong>
          </p>
          <ul>
            {summary.late.map((r) => (
              <li>
                {r.agencyName} 行政{r.kind}决定 {r.decisionNumber}：{r.decidedOn}作出，{r.publishedOn}公示，用时 {r.workingDays} 个工作日
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
