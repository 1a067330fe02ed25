/**
 * The annual report's counts, aggregated in SQL (one grouped query per table block, on the
 * (agency_id, received_on) and (agency_id, closed_on) indexes) so a year of a million requests is
 * counted without loading them. Counting rules (docs/annual-report.md):
 *  - 一 本年新收: received in the year (the first receipt; a 补正 restart is not a new request);
 *  - 二 上年结转: received before the year and not closed before it;
 *  - 三 办理结果: closed in the year, by outcome;
 *  - 四 结转下年度: received by the year's end and not closed by it;
 *  - table 四: appeals filed in the year, with their result as it stood at the year's end.
 */
import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { APPEAL_RESULTS, APPLICANT_TYPES, type AppealResult, type ApplicantType } from '../requests/model.js';
import { table3RowOf, TABLE4_GROUPS, type Table4Group } from './model.js';

const isApplicantType = (v: string): v is ApplicantType => (APPLICANT_TYPES as readonly string[]).includes(v);

export interface Table3Count {
  readonly row: string;
  readonly applicantType: ApplicantType;
  readonly n: number;
}

export async function table3Counts(db: Executor, agencyIds: readonly number[], year: number): Promise<Table3Count[]> {
  if (agencyIds.length === 0) return [];
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const ids = [...agencyIds];
  const base = () => db.selectFrom('request').where('agencyId', 'in', ids);
  const grouped = (q: ReturnType<typeof base>) => q.select(['applicantType', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('applicantType').execute();

  // Open at a boundary = still open, or closed after it. Each half is a range of the closed_on
  // index (requests closed later, plus the open ones), not a scan of every earlier request.
  const [fresh, carriedInClosedLater, carriedInOpen, carriedOutClosedLater, carriedOutOpen, results] = await Promise.all([
    grouped(base().where('receivedOn', '>=', first).where('receivedOn', '<=', last)),
    grouped(base().where('closedOn', '>=', first).where('receivedOn', '<', first)),
    grouped(base().where('closedOn', 'is', null).where('receivedOn', '<', first)),
    grouped(base().where('closedOn', '>', last).where('receivedOn', '<=', last)),
    grouped(base().where('closedOn', 'is', null).where('receivedOn', '<=', last)),
    base()
      .where('closedOn', '>=', first)
      .where('closedOn', '<=', last)
      .select(['applicantType', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['applicantType', 'outcome'])
      .execute(),
  ]);
  const out: Table3Count[] = [];
  const push = (row: string, rows: readonly { applicantType: string; n: number | string }[]) => {
    for (const r of rows) if (isApplicantType(r.applicantType)) out.push({ row, applicantType: r.applicantType, n: Number(r.n) });
  };
  push('new', fresh);
  push('carried-in', [...carriedInClosedLater, ...carriedInOpen]);
  push('carried-out', [...carriedOutClosedLater, ...carriedOutOpen]);
  for (const r of results) {
    const row = r.outcome ? table3RowOf(r.outcome) : undefined;
    // A closed request always has an outcome; one without would break 一+二=三+四 and is reported by the checks.
    if (row && isApplicantType(r.applicantType)) out.push({ row, applicantType: r.applicantType, n: Number(r.n) });
  }
  return out;
}

export interface Table4Count {
  readonly group: Table4Group;
  readonly result: AppealResult;
  readonly n: number;
}

export async function table4Counts(db: Executor, agencyIds: readonly number[], year: number): Promise<Table4Count[]> {
  if (agencyIds.length === 0) return [];
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  // A case decided after the year's end was still 尚未审结 when the year closed.
  const resultAtYearEnd = sql<string>`CASE WHEN a.concluded_on IS NULL OR a.concluded_on > ${last} THEN 'pending' ELSE a.result END`;
  const rows = await db
    .selectFrom('requestAppeal as a')
    .innerJoin('request as r', 'r.id', 'a.requestId')
    .where('r.agencyId', 'in', [...agencyIds])
    .where('a.filedOn', '>=', first)
    .where('a.filedOn', '<=', last)
    .select(['a.kind', resultAtYearEnd.as('result'), (eb) => eb.fn.countAll<number>().as('n')])
    // By position: PostgreSQL would not match the parameterised CASE in GROUP BY to the one selected.
    .groupBy([sql`1`, sql`2`])
    .execute();
  const out: Table4Count[] = [];
  for (const r of rows) {
    const group = TABLE4_GROUPS.find((g) => g === r.kind);
    const result = APPEAL_RESULTS.find((x) => x === r.result);
    if (group && result) out.push({ group, result, n: Number(r.n) });
  }
  return out;
}

/**
 * The agencies a report covers: the agency alone, or for a government's consolidated report the
 * government and its own departments (same level); lower governments report for themselves.
 */
export async function coveredAgencyIds(db: Executor, agencyId: number, scope: 'agency' | 'consolidated'): Promise<number[]> {
  if (scope === 'agency') return [agencyId];
  const departments = await db.selectFrom('agency').select('id').where('parentId', '=', agencyId).where('kind', '=', 'department').execute();
  return [agencyId, ...departments.map((d) => d.id)];
}

/**
 * 信息处理费 collected through the platform in the year: the amount of each fee notice whose
 * payment was recorded in the year (国办函〔2020〕109号; reported in section 六, reference §2.6).
 */
export async function feesCollectedYuan(db: Executor, agencyIds: readonly number[], year: number): Promise<number> {
  if (agencyIds.length === 0) return 0;
  const paid = db
    .selectFrom('requestEvent as p')
    .innerJoin('request as r', 'r.id', 'p.requestId')
    .where('r.agencyId', 'in', [...agencyIds])
    .where('p.kind', '=', 'fee-paid')
    .where('p.onDate', '>=', `${year}-01-01`)
    .where('p.onDate', '<=', `${year}-12-31`)
    .select('p.requestId');
  // One fee notice per request (workflow.ts), so each paid request contributes its notice's amount.
  const notices = await db.selectFrom('requestEvent').select('data').where('kind', '=', 'fee-notice').where('requestId', 'in', paid).execute();
  let total = 0;
  for (const n of notices) {
    try {
      const amount = Number((JSON.parse(n.data) as { amount?: unknown }).amount);
      if (Number.isFinite(amount)) total += amount;
    } catch {
      // a damaged event row is skipped; the notice letter still shows the amount
    }
  }
  return total;
}

/** Catalogue records of the agencies published in the year (a starting figure for section 一). */
export async function publishedRecordCount(db: Executor, agencyIds: readonly number[], year: number): Promise<number> {
  if (agencyIds.length === 0) return 0;
  const row = await db
    .selectFrom('record')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', 'in', [...agencyIds])
    .where('mode', '=', '主动公开')
    .where('status', 'in', ['published', 'withdrawn'])
    .where('publishedOn', '>=', `${year}-01-01`)
    .where('publishedOn', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface DocumentCountsByKind {
  readonly rules: { made: number; repealed: number; inForce: number };
  readonly normativeDocuments: { made: number; repealed: number; inForce: number };
}

/**
 * Table 二 第二十条第（一）项 from the catalogue: published records of statutory item （一）
 * (行政法规、规章和规范性文件). A 规章 is promulgated by order (立法法 第八十五条: 签署命令予以公布),
 * so a record of genre 命令（令） or whose 文号 is an order number (…令第N号) counts as 规章, every
 * other one as 行政规范性文件. Made: written in the year. Repealed: now 废止/失效 with its last
 * version (the one that repealed it) published in the year. In force: written by the year's end and
 * not repealed by then.
 */
export async function catalogueDocumentCounts(db: Executor, agencyIds: readonly number[], year: number): Promise<DocumentCountsByKind> {
  const counts = { rules: { made: 0, repealed: 0, inForce: 0 }, normativeDocuments: { made: 0, repealed: 0, inForce: 0 } };
  if (agencyIds.length === 0) return counts;
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const rows = await db
    .selectFrom('record as r')
    .select(['r.genre', 'r.docNumber', 'r.writtenOn', 'r.validity', (eb) => eb.selectFrom('recordVersion as v').select((v) => v.fn.max('v.publishedOn').as('m')).whereRef('v.recordId', '=', 'r.id').as('lastVersionOn')])
    .where('r.agencyId', 'in', [...agencyIds])
    .where('r.statutoryItem', '=', 1)
    .where('r.status', '=', 'published')
    .where('r.mode', '=', '主动公开')
    .execute();
  for (const r of rows) {
    const kind = r.genre === '命令（令）' || /令第?[\d〇一二三四五六七八九十百零]+号/.test(r.docNumber) ? counts.rules : counts.normativeDocuments;
    const repealedOn = r.validity === '废止' || r.validity === '失效' ? (r.lastVersionOn ?? r.writtenOn) : null;
    if (r.writtenOn >= first && r.writtenOn <= last) kind.made++;
    if (repealedOn && repealedOn >= first && repealedOn <= last) kind.repealed++;
    if (r.writtenOn <= last && (repealedOn === null || repealedOn > last)) kind.inForce++;
  }
  return counts;
}

export interface DecisionCounts {
  /** 第二十条第（五）项 行政许可: 本年处理决定数量 */
  readonly licensing: number;
  /** 第二十条第（六）项 行政处罚: 本年处理决定数量 */
  readonly penalties: number;
}

/**
 * Table 二 第二十条第（五）、（六）项 "本年处理决定数量" (国办公开办函〔2021〕30号 表二) from the
 * 双公示 decisions the platform holds: decisions of the agencies made (decidedOn) in the year, by
 * kind. A decision counts in the year it was made whether or not it is still on public view (a
 * penalty leaves the list after its period; the decision was still made that year). One grouped query; the (agency_id, decision_number) unique index narrows
 * it to the agencies' own rows, few enough that no further index is needed.
 */
export async function decisionCounts(db: Executor, agencyIds: readonly number[], year: number): Promise<DecisionCounts> {
  if (agencyIds.length === 0) return { licensing: 0, penalties: 0 };
  const rows = await db
    .selectFrom('resultDecision')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', 'in', [...agencyIds])
    .where('decidedOn', '>=', `${year}-01-01`)
    .where('decidedOn', '<=', `${year}-12-31`)
    .groupBy('kind')
    .execute();
  const of = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  // services/model.ts resultSchema: kind is '许可' or '处罚'.
  return { licensing: of('许可'), penalties: of('处罚') };
}
