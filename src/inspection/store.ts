/**
 * Database access for 政府网站检查 in the platform: the registered sites and their inspection runs,
 * and the stored report read back (validated, so an old or damaged row is refused, never half
 * rendered). No rules about who may do what here: those are service.ts and the routes.
 */
import type { Insertable, Updateable } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import type { InspectionRunRow, InspectionRunTable, InspectionSiteRow, InspectionSiteTable } from '../platform/db/schema.js';
import type { InspectionReport } from './inspect.js';
import { FINDING_KINDS, type FindingKind } from './model.js';

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A site has at most one run in these states (the partial unique index inspection_run_active_idx). */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running'];

/** A run without its report (which may be megabytes): what lists and charts need. */
export type RunSummary = Omit<InspectionRunRow, 'report'>;

const SUMMARY = ['id', 'siteId', 'status', 'requestedBy', 'queuedAt', 'startedAt', 'finishedAt', 'verdict', 'score', 'pages', 'vetoes', 'findings', 'error'] as const;
const SUMMARY_OF_R = SUMMARY.map((c) => `r.${c}` as const);

export interface SiteWithAgency extends InspectionSiteRow {
  readonly agencyCode: string;
  readonly agencyName: string;
}

// ---------------------------------------------------------------- sites

export async function findSite(db: Executor, id: number): Promise<SiteWithAgency | undefined> {
  return db
    .selectFrom('inspectionSite as s')
    .innerJoin('agency as a', 'a.id', 's.agencyId')
    .selectAll('s')
    .select(['a.code as agencyCode', 'a.name as agencyName'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function findSiteByUrl(db: Executor, url: string): Promise<InspectionSiteRow | undefined> {
  return db.selectFrom('inspectionSite').selectAll().where('url', '=', url).executeTakeFirst();
}

/** The sites of the given agencies (null: all), with their agency, in agency-code and name order. */
export async function listSites(db: Executor, agencyIds: readonly number[] | null): Promise<SiteWithAgency[]> {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db.selectFrom('inspectionSite as s').innerJoin('agency as a', 'a.id', 's.agencyId').selectAll('s').select(['a.code as agencyCode', 'a.name as agencyName']);
  if (agencyIds !== null) q = q.where('s.agencyId', 'in', [...agencyIds]);
  return q.orderBy('a.code').orderBy('s.name').orderBy('s.id').execute();
}

export async function insertSite(db: Executor, values: Insertable<InspectionSiteTable>): Promise<InspectionSiteRow> {
  return db.insertInto('inspectionSite').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateSite(db: Executor, id: number, values: Updateable<InspectionSiteTable>): Promise<InspectionSiteRow> {
  return db.updateTable('inspectionSite').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Removes the site; its runs go with it (ON DELETE CASCADE). */
export async function deleteSite(db: Executor, id: number): Promise<void> {
  // Explicitly too: SQLite enforces the cascade only with foreign_keys on, which a raw handle may lack.
  await db.deleteFrom('inspectionRun').where('siteId', '=', id).execute();
  await db.deleteFrom('inspectionSite').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- runs

export async function insertRun(db: Executor, values: Insertable<InspectionRunTable>): Promise<RunSummary> {
  return db.insertInto('inspectionRun').values(values).returning(SUMMARY).executeTakeFirstOrThrow();
}

export async function findRun(db: Executor, id: number): Promise<InspectionRunRow | undefined> {
  return db.selectFrom('inspectionRun').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The site's queued or running inspection, if any. */
export async function activeRun(db: Executor, siteId: number): Promise<RunSummary | undefined> {
  return db.selectFrom('inspectionRun').select(SUMMARY).where('siteId', '=', siteId).where('status', 'in', [...ACTIVE_STATUSES]).executeTakeFirst();
}

/** queued → running; false when another worker took it first (or it is gone). */
export async function claimRun(db: Executor, id: number, at: string): Promise<boolean> {
  const r = await db.updateTable('inspectionRun').set({ status: 'running', startedAt: at }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface RunResult {
  readonly finishedAt: string;
  readonly verdict: string;
  readonly score: number | null;
  readonly pages: number;
  readonly vetoes: number;
  readonly findings: number;
  readonly report: string;
}

/** running → done with the summary and the report; false when the run was ended meanwhile (reaped, deleted). */
export async function finishRun(db: Executor, id: number, result: RunResult): Promise<boolean> {
  const r = await db
    .updateTable('inspectionRun')
    .set({ status: 'done', ...result, error: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** queued or running → failed, with why. */
export async function failRun(db: Executor, id: number, at: string, error: string): Promise<void> {
  await db.updateTable('inspectionRun').set({ status: 'failed', finishedAt: at, error }).where('id', '=', id).where('status', 'in', [...ACTIVE_STATUSES]).execute();
}

/** Runs still queued or running that were queued before `before` (their process is gone). */
export async function staleRuns(db: Executor, before: string, siteId?: number): Promise<RunSummary[]> {
  let q = db.selectFrom('inspectionRun').select(SUMMARY).where('status', 'in', [...ACTIVE_STATUSES]).where('queuedAt', '<', before);
  if (siteId !== undefined) q = q.where('siteId', '=', siteId);
  return q.orderBy('id').execute();
}

/** A site's runs, newest first. */
export async function runsOfSite(db: Executor, siteId: number): Promise<RunSummary[]> {
  return db.selectFrom('inspectionRun').select(SUMMARY).where('siteId', '=', siteId).orderBy('queuedAt', 'desc').orderBy('id', 'desc').execute();
}

/** When each site was last queued for inspection, whatever came of it. */
export async function lastQueuedBySite(db: Executor): Promise<Map<number, string>> {
  const rows = await db.selectFrom('inspectionRun').select(['siteId', (eb) => eb.fn.max('queuedAt').as('last')]).groupBy('siteId').execute();
  return new Map(rows.map((r) => [Number(r.siteId), String(r.last)]));
}

/**
 * Each site's latest run, one per site: of any status, or only the done ones (whose score counts).
 * A correlated subquery on (site_id, queued_at) — the same SQL on both engines.
 */
export async function latestRuns(db: Executor, siteIds: readonly number[], doneOnly: boolean): Promise<Map<number, RunSummary>> {
  if (siteIds.length === 0) return new Map();
  let q = db
    .selectFrom('inspectionRun as r')
    .select(SUMMARY_OF_R)
    .where('r.siteId', 'in', [...siteIds])
    .where('r.id', '=', (eb) => {
      let latest = eb.selectFrom('inspectionRun as l').select('l.id').whereRef('l.siteId', '=', 'r.siteId');
      if (doneOnly) latest = latest.where('l.status', '=', 'done');
      return latest.orderBy('l.queuedAt', 'desc').orderBy('l.id', 'desc').limit(1);
    });
  if (doneOnly) q = q.where('r.status', '=', 'done');
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.siteId, r]));
}

// ---------------------------------------------------------------- the stored report

const findingSchema = z.object({
  kind: z.enum(FINDING_KINDS as [FindingKind, ...FindingKind[]]),
  url: z.string(),
  foundOn: z.string().nullable(),
  status: z.number().nullable(),
  detail: z.string(),
  onHomepage: z.boolean(),
  columnType: z.enum(['dynamic', 'notice', 'personnel-plan']).optional(),
});

/** The InspectionReport layout (docs/inspection.md "JSON report"). */
export const reportSchema = z.object({
  site: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  pages: z.number().int().min(0),
  requests: z.number().int().min(0),
  robotsSkipped: z.number().int().min(0).default(0),
  verdict: z.enum(['合格', '不合格']),
  score: z.number().nullable(),
  vetoes: z.array(z.object({ indicator: z.string(), detail: z.string() })),
  deductions: z.array(z.object({ id: z.string(), label: z.string(), findings: z.number(), points: z.number(), capped: z.boolean() })),
  notEvaluated: z.array(z.string()),
  homepage: z.object({ url: z.string(), newestDate: z.string().nullable() }),
  columns: z.array(z.object({ url: z.string(), name: z.string(), type: z.string().nullable(), newestDate: z.string().nullable(), entries: z.number() })),
  probes: z.object({ total: z.number(), unreachable: z.number() }).nullable(),
  findings: z.array(findingSchema),
});

/** The run's report, or null when it has none (not done) or it does not read as a report. */
export function storedReport(run: Pick<InspectionRunRow, 'report'>): InspectionReport | null {
  if (run.report === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(run.report);
  } catch {
    return null;
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) return null;
  const report: InspectionReport = parsed.data;
  return report;
}
