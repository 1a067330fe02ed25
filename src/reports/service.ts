/**
 * Annual reports computed from the records (条例 第五十条): table 三 from the requests, table 四
 * from their appeals, table 二 from the catalogue and the 双公示 decisions (with what staff entered
 * or overrode), the text sections from what staff wrote, with the template's
 * consistency checks run on the whole; publication goes through the catalogue's review workflow.
 */
import { findAgencyByCode } from '../agencies/service.js';
import * as catalog from '../catalog/service.js';
import type { ServiceDeps } from '../platform/context.js';
import { chinaDate } from '../platform/clock.js';
import type { Executor } from '../platform/db/database.js';
import type { AgencyRow, RecordRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { loadInputs, table2Of, type ManualFigures, type Sections } from './inputs.js';
import { buildTable3, buildTable4, checkTable3, checkTable4, type CheckProblem, type Table2, type Table3, type Table4 } from './model.js';
import { renderReportHtml } from './render.js';
import type { AssessmentResult } from '../supervision/accountability/model.js';
import { supervisionReportText, supervisionYearFigures, type SupervisionYearFigures } from '../supervision/accountability/service.js';
import { rollUp, weightedScore } from '../supervision/assessment/model.js';
import { publicSummary } from '../supervision/assessment/service.js';
import { catalogueDocumentCounts, coveredAgencyIds, decisionCounts, feesCollectedYuan, publishedRecordCount, table3Counts, table4Counts, type DecisionCounts, type DocumentCountsByKind } from './store.js';

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
  readonly manual: ManualFigures;
  readonly sections: Partial<Sections>;
  /** figures the platform knows: the starting point of the text sections, and the counts an override replaces */
  readonly known: { readonly publishedRecords: number; readonly feesCollectedYuan: number; readonly documents: DocumentCountsByKind; readonly decisions: DecisionCounts; readonly supervision: SupervisionYearFigures };
  readonly problems: readonly CheckProblem[];
  readonly recordId: number | null;
}

/** Reports exist from the first year of the 2008 条例; the 2021 template applies from 2021. */
export const FIRST_REPORT_YEAR = 2008;

/**
 * 一（五）工作考核 (条例 第四十六条) as the assessment module scores it: an agency's own score and its
 * rank among the agencies ranked (as on the public 考核 page); for a consolidated report the score
 * of the covered agencies' summed figures (assessment rollUp). Null when nothing could be scored.
 */
async function assessmentResult(deps: ServiceDeps, agencyId: number, agencyIds: readonly number[], scope: ReportScope, year: number): Promise<AssessmentResult | null> {
  const { ranking, weights } = await publicSummary(deps, year);
  if (scope === 'consolidated') {
    const covered = ranking.filter((r) => agencyIds.includes(r.agency.id));
    const { score } = weightedScore(rollUp(covered.map((r) => r.counts)), weights);
    return score === null ? null : { score, ranked: null, rolledUpOf: agencyIds.length };
  }
  const own = ranking.find((r) => r.agency.id === agencyId);
  if (!own || own.score === null) return null;
  return { score: own.score, ranked: own.rank === null ? null : { rank: own.rank, of: ranking.filter((r) => r.rank !== null).length }, rolledUpOf: null };
}

/**
 * The report's tables and the figures it knows. `draft: true` when the caller will draft the text
 * sections (draftSections): only then is the year's assessment scored, since that weighs every
 * agency on the platform and the published tables and the API never need it.
 */
export async function computeAnnualReport(deps: ServiceDeps, agencyCode: string, year: number, scope: ReportScope = 'agency', options: { draft?: boolean } = {}): Promise<AnnualReport> {
  const db: Executor = deps.db;
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > 9999) throw errors.validation([`year: 年度无效 / invalid year ${year}`]);
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw errors.notFound('机关');
  // 条例 第四十九条: a consolidated report is a government's (本级人民政府); a department has none.
  if (scope === 'consolidated' && agency.kind !== 'government') {
    throw errors.validation(['scope: 只有人民政府编制汇总年度报告 / only a government has a consolidated report']);
  }
  const agencyIds = await coveredAgencyIds(db, agency.id, scope);
  const [counts3, counts4, inputs, publishedRecords, fees, documents, decisions, figures, assessment] = await Promise.all([
    table3Counts(db, agencyIds, year),
    table4Counts(db, agencyIds, year),
    loadInputs(db, agency.id, year, scope),
    publishedRecordCount(db, agencyIds, year),
    feesCollectedYuan(db, agencyIds, year),
    catalogueDocumentCounts(db, agencyIds, year),
    decisionCounts(db, agencyIds, year),
    // 一（五）监督保障: the year's ratings and accountability cases (src/supervision/accountability)
    supervisionYearFigures(db, agencyIds, year),
    // 一（五）: the year's 工作考核 result (src/supervision/assessment), for the drafted text only
    options.draft ? assessmentResult(deps, agency.id, agencyIds, scope, year) : Promise.resolve(null),
  ]);
  const supervision: SupervisionYearFigures = { ...figures, assessment };
  const table3 = buildTable3(counts3);
  const table4 = buildTable4(counts4);
  return {
    agency,
    year,
    scope,
    agencyIds,
    table2: table2Of(inputs.manual, documents, decisions),
    table3,
    table4,
    manual: inputs.manual,
    sections: inputs.sections,
    known: { publishedRecords, feesCollectedYuan: fees + inputs.manual.feesCollectedOutsideYuan, documents, decisions, supervision },
    problems: [...checkTable3(table3), ...checkTable4(table4)],
    recordId: inputs.row?.recordId ?? null,
  };
}

const sum = (row: Record<string, number> | undefined) => row?.total ?? 0;

/** Starting text for the sections, from the figures the platform knows; staff rewrite it. */
export function draftSections(r: AnnualReport): Sections {
  const t = r.table3;
  const y = r.year;
  const fees = r.known.feesCollectedYuan;
  return {
    proactive: `${y}年，本机关通过政府信息公开平台主动公开政府信息${r.known.publishedRecords}条。`,
    onRequest:
      `${y}年，本机关新收政府信息公开申请${sum(t.new)}件，上年结转${sum(t['carried-in'])}件；办结${sum(t['results-total'])}件，` +
      `其中予以公开${sum(t.disclosed)}件、部分公开${sum(t.partial)}件；结转下年度继续办理${sum(t['carried-out'])}件。` +
      `因政府信息公开被申请行政复议${r.table4.reconsideration.total}件，被提起行政诉讼${r.table4['litigation-direct'].total + r.table4['litigation-after-reconsideration'].total}件。`,
    management: '',
    platforms: '',
    oversight: supervisionReportText(y, r.known.supervision),
    problems: '',
    // reference §2.6: real reports state the 信息处理费 collected under the 2020 measure here.
    other: fees > 0 ? `依据《政府信息公开信息处理费管理办法》规定，本机关${y}年共收取信息处理费${fees}元。` : `依据《政府信息公开信息处理费管理办法》规定，本机关${y}年未收取信息处理费。`,
  };
}

/**
 * Publication (条例 第四十九条): a report whose tables pass every check becomes a catalogue draft
 * of genre 报告, which an editor submits and a reviewer approves like any record.
 */
export async function draftReportRecord(deps: ServiceDeps, by: catalog.Actor, agencyCode: string, year: number, scope: ReportScope): Promise<RecordRow> {
  const report = await computeAnnualReport(deps, agencyCode, year, scope, { draft: true });
  if (report.recordId !== null) throw alreadyDrafted();
  if (report.problems.length > 0) {
    throw errors.validation(report.problems.map((p) => `${p.cell}: 应为 ${p.expected}，实为 ${p.actual}（${p.rule}）/ the tables do not add up`));
  }
  const sections = { ...draftSections(report), ...Object.fromEntries(Object.entries(report.sections).filter(([, v]) => v)) };
  const title = `${report.agency.name}${year}年政府信息公开工作年度报告${scope === 'consolidated' ? '（汇总）' : ''}`;
  const today = chinaDate(deps.clock.now());
  const record = await catalog.createDraft(deps, by, agencyCode, {
    title,
    writtenOn: today,
    formedOn: today,
    topic: '综合政务\\政务公开',
    genre: '报告',
    category: '结果公开',
    keywords: '年度报告,政府信息公开',
    bodyHtml: renderReportHtml({ ...report, sections }),
  });
  // Link it only where no record is linked yet: of two simultaneous clicks, one wins.
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('annualReport')
    .values({ agencyId: report.agency.id, year, scope, updatedBy: by.actor.login, updatedAt: now })
    .onConflict((oc) => oc.columns(['agencyId', 'year', 'scope']).doNothing())
    .execute();
  const linked = await deps.db
    .updateTable('annualReport')
    .set({ recordId: record.id, updatedBy: by.actor.login, updatedAt: now })
    .where('agencyId', '=', report.agency.id)
    .where('year', '=', year)
    .where('scope', '=', scope)
    .where('recordId', 'is', null)
    .executeTakeFirst();
  if (Number(linked.numUpdatedRows) === 0) throw alreadyDrafted();
  return record;
}

const alreadyDrafted = () => errors.conflict('该年度报告已生成年度报告信息，不再重复生成', 'The report already has its catalogue record');
