/**
 * Annual reports computed from the records (条例 第五十条): table 三 from the requests, table 四
 * from their appeals, with the template's consistency checks run on the result.
 */
import { findAgencyByCode } from '../agencies/service.js';
import type { Executor } from '../platform/db/database.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { buildTable3, buildTable4, checkTable3, checkTable4, emptyTable2, type CheckProblem, type Table2, type Table3, type Table4 } from './model.js';
import { coveredAgencyIds, table3Counts, table4Counts } from './store.js';

export type ReportScope = 'agency' | 'consolidated';

export interface AnnualReport {
  readonly agency: AgencyRow;
  readonly year: number;
  readonly scope: ReportScope;
  /** the agencies whose records were counted */
  readonly agencyIds: readonly number[];
  readonly table2: Table2;
  readonly table3: Table3;
  readonly table4: Table4;
  readonly problems: readonly CheckProblem[];
}

/** The earliest and latest years a report can be asked for (the 2019 条例 took effect in 2019). */
export const FIRST_REPORT_YEAR = 2008;

export async function computeAnnualReport(db: Executor, agencyCode: string, year: number, scope: ReportScope = 'agency'): Promise<AnnualReport> {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > 9999) throw errors.validation([`year: 年度无效 / invalid year ${year}`]);
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw errors.notFound('机关');
  // 条例 第四十九条: a consolidated report is a government's (本级人民政府); a department has none.
  if (scope === 'consolidated' && agency.kind !== 'government') {
    throw errors.validation(['scope: 只有人民政府编制汇总年度报告 / only a government has a consolidated report']);
  }
  const agencyIds = await coveredAgencyIds(db, agency.id, scope);
  const [counts3, counts4] = await Promise.all([table3Counts(db, agencyIds, year), table4Counts(db, agencyIds, year)]);
  const table3 = buildTable3(counts3);
  const table4 = buildTable4(counts4);
  return { agency, year, scope, agencyIds, table2: emptyTable2(), table3, table4, problems: [...checkTable3(table3), ...checkTable4(table4)] };
}
