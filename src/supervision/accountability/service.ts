/**
 * 责任追究 use cases: the sweep that turns failures into cases (idempotent across processes through
 * the unique index on kind + object), the supervisor's follow-ups (one transaction each, audited),
 * the open cases per agency for the dashboards and the year's figures for the annual report.
 */
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/model.js';
import { SYSTEM_ACTOR } from '../../platform/audit/model.js';
import { appendAudit } from '../../platform/audit/store.js';
import { can, inScope, type StaffIdentity } from '../../platform/auth/model.js';
import { isIsoDate } from '../../platform/calendar/model.js';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { errors } from '../../platform/errors.js';
import { ancestryIds, subtreeIds } from '../../platform/hierarchy.js';
import { parseInput } from '../../platform/http/validate.js';
import {
  actionProblems,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_KINDS,
  CASE_STATUSES,
  emptyByKind,
  emptyByStatus,
  isCaseKind,
  isCaseStatus,
  lateDisclosure,
  nextStatus,
  overdueRequest,
  oversightText,
  responsibleForRecord,
  responsibleForRequest,
  unansweredMessage,
  verifiedComplaint,
  websiteVeto,
  type CaseKind,
  type AssessmentResult,
  type CaseStatus,
  type Failure,
  type RatingSummary,
  type Responsible,
  type YearCaseCounts,
} from './model.js';
import * as store from './store.js';

export interface By {
  readonly actor: AuditActor;
  readonly staff: StaffIdentity;
  readonly ip?: string;
}

// ---------------------------------------------------------------- detection

export interface DetectionResult {
  readonly failures: number;
  readonly created: number;
}

async function responsibleOf(db: Executor, f: Failure, facts: { trackingNumber?: string; assignedTo?: number | null; indexNumber?: string }): Promise<Responsible | null> {
  if (f.kind === 'overdue_request') return responsibleForRequest(facts.assignedTo ?? null, await store.auditTrail(db, 'request', facts.trackingNumber ?? ''));
  if (f.kind === 'late_disclosure') return responsibleForRecord(await store.auditTrail(db, 'record', facts.indexNumber ?? ''));
  // A message nobody has answered, a verified complaint and a website name no officer.
  return null;
}

/**
 * Finds the failures as of today and opens one case per failure not yet on file. Records count
 * from the start of last year (as the workbench's late list), so an imported archive does not
 * flood the list; everything else is checked whatever its age.
 */
export async function detectAccountabilityCases(deps: ServiceDeps): Promise<DetectionResult> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const cal = await loadCalendar(deps.db);
  const since = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const found: { failure: Failure; facts: { trackingNumber?: string; assignedTo?: number | null; indexNumber?: string } }[] = [];
  for (const r of await store.requestsPastDue(deps.db, today)) {
    const f = overdueRequest(r, today);
    if (f) found.push({ failure: f, facts: { trackingNumber: r.trackingNumber, assignedTo: r.assignedTo } });
  }
  for (const r of await store.recordsPublishedSince(deps.db, since)) {
    const f = lateDisclosure(cal, r);
    if (f) found.push({ failure: f, facts: { indexNumber: r.indexNumber } });
  }
  for (const m of await store.messagesPastDue(deps.db, today)) {
    const f = unansweredMessage(m, today);
    if (f) found.push({ failure: f, facts: {} });
  }
  for (const m of await store.verifiedComplaints(deps.db)) {
    const f = verifiedComplaint(m);
    if (f) found.push({ failure: f, facts: {} });
  }
  for (const run of await store.vetoedRuns(deps.db)) {
    const f = websiteVeto(run);
    if (f) found.push({ failure: f, facts: {} });
  }
  let created = 0;
  for (const { failure, facts } of found) {
    await deps.db.transaction().execute(async (tx) => {
      const who = await responsibleOf(tx, failure, facts);
      const user = who ? await store.userName(tx, who.userId) : undefined;
      const at = now.toISOString();
      const row = await store.insertCaseOnce(tx, {
        agencyId: failure.agencyId,
        kind: failure.kind,
        objectType: failure.objectType,
        objectId: failure.objectId,
        summary: failure.summary,
        detectedOn: today,
        responsibleUserId: user?.id ?? null,
        responsibleName: user?.displayName ?? null,
        status: 'open',
        closedOn: null,
        createdAt: at,
        updatedAt: at,
      });
      if (!row) return; // already on file (this or another process)
      created++;
      await appendAudit(tx, now, {
        actor: SYSTEM_ACTOR,
        agencyId: failure.agencyId,
        action: 'accountability.detect',
        objectType: 'accountability_case',
        objectId: String(row.id),
        summary: `发现问题：${failure.summary}`,
        after: { kind: row.kind, objectType: row.objectType, objectId: row.objectId, responsibleUserId: row.responsibleUserId },
      });
    });
  }
  return { failures: found.length, created };
}

// ---------------------------------------------------------------- reading

/** The agencies whose cases the user sees: theirs and those below; null = all (system admin). */
export async function caseScope(db: Executor, staff: StaffIdentity): Promise<number[] | null> {
  return staff.roles.includes('system_admin') ? null : subtreeIds(db, staff.agencyId);
}

// A filter the page cannot have offered is refused (400), not silently widened to everything.
const blankAsUnset = (v: unknown) => (v === '' ? undefined : v);
const listQuery = z.object({
  status: z.preprocess(blankAsUnset, z.enum(CASE_STATUSES, { message: '处理状态无效 / unknown status' }).optional()),
  kind: z.preprocess(blankAsUnset, z.enum(CASE_KINDS, { message: '问题类型无效 / unknown kind' }).optional()),
  agency: z.preprocess(blankAsUnset, z.coerce.number({ message: '责任单位无效 / unknown agency' }).int().positive().max(999_999_999).optional()),
  year: z.preprocess(blankAsUnset, z.coerce.number({ message: '年度无效 / invalid year' }).int().min(2008, '年度无效 / invalid year').max(9999).optional()),
  page: z.preprocess(blankAsUnset, z.coerce.number({ message: '页码无效 / invalid page' }).int().min(1).max(100_000).default(1)),
});
export type CaseListQuery = z.infer<typeof listQuery>;
export const PAGE_SIZE = 30;

export interface CaseList {
  readonly query: CaseListQuery;
  readonly total: number;
  readonly items: store.CaseWithAgency[];
  readonly byStatus: Record<CaseStatus, number>;
  readonly byKind: Record<CaseKind, number>;
}

export async function listCasesFor(db: Executor, staff: StaffIdentity, raw: unknown): Promise<CaseList> {
  const query = parseInput(listQuery, raw);
  const scope = await caseScope(db, staff);
  // An agency filter narrows the scope to that agency, and only inside it.
  const agencyIds = query.agency === undefined ? scope : scope === null || scope.includes(query.agency) ? [query.agency] : [];
  const base = { agencyIds, year: query.year };
  const { total, items } = await store.listCases(db, { ...base, status: query.status, kind: query.kind, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE });
  const byStatus = emptyByStatus();
  const byKind = emptyByKind();
  for (const c of await store.caseCounts(db, base)) {
    if (isCaseStatus(c.status)) byStatus[c.status] += c.n;
    if (isCaseKind(c.kind)) byKind[c.kind] += c.n;
  }
  return { query, total, items, byStatus, byKind };
}

export interface CaseView {
  readonly case: store.CaseWithAgency;
  readonly actions: store.ActionWithUser[];
  /** the staff page of what failed */
  readonly objectHref: string;
  readonly mayAct: boolean;
}

export function objectHref(c: { objectType: string; objectId: number }): string {
  switch (c.objectType) {
    case 'request':
      return `/staff/requests/${c.objectId}`;
    case 'record':
      return `/staff/records/${c.objectId}`;
    case 'message':
      return `/staff/messages/${c.objectId}`;
    default:
      return `/staff/inspection/runs/${c.objectId}`;
  }
}

async function caseInScope(db: Executor, staff: StaffIdentity, id: number): Promise<store.CaseWithAgency> {
  const found = await store.findCase(db, id);
  if (!found) throw errors.notFound('问题线索');
  if (!inScope(staff, await ancestryIds(db, found.agencyId))) throw errors.forbidden();
  return found;
}

export async function caseView(db: Executor, staff: StaffIdentity, id: number): Promise<CaseView> {
  if (!can(staff, 'accountability.view')) throw errors.forbidden();
  const c = await caseInScope(db, staff, id);
  return { case: c, actions: await store.actionsOf(db, c.id), objectHref: objectHref(c), mayAct: can(staff, 'accountability.manage') && c.status === 'open' };
}

// ---------------------------------------------------------------- follow-up

const date = (label: string) => z.string({ message: `请填写${label} / enter the date` }).trim().refine(isIsoDate, `${label}格式应为 YYYY-MM-DD / use YYYY-MM-DD`);
const actionSchema = z.object({
  action: z.enum(CASE_ACTIONS, { message: '请选择处理方式 / choose the action' }),
  actedOn: date('处理日期'),
  note: z.string().trim().max(2000, '说明最多2000字 / at most 2,000 characters').default(''),
  dueOn: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), date('整改期限').optional()),
});

/** Records a follow-up; the status moves as the state machine says (model.ts nextStatus). */
export async function recordCaseAction(deps: ServiceDeps, by: By, id: number, raw: unknown): Promise<store.CaseWithAgency> {
  if (!can(by.staff, 'accountability.manage')) throw errors.forbidden();
  const input = parseInput(actionSchema, raw);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const problems = actionProblems(input.action, { actedOn: input.actedOn, note: input.note, dueOn: input.dueOn ?? null }, today);
  if (problems.length > 0) throw errors.validation(problems);
  return deps.db.transaction().execute(async (tx) => {
    const c = await caseInScope(tx, by.staff, id);
    const next = nextStatus(c.status, input.action);
    if (next === null) throw errors.conflict('该问题已办结，不能再记录处理情况', 'The case is closed');
    // Only 督促整改 carries a due date (model.ts actionProblems); the note stays the officer's own.
    const dueOn = input.action === 'rectification_ordered' ? (input.dueOn ?? null) : null;
    const note = input.note;
    const at = now.toISOString();
    await store.insertAction(tx, { caseId: c.id, action: input.action, actedOn: input.actedOn, dueOn, note, byUserId: by.staff.id, createdAt: at });
    if (next !== c.status && !(await store.setCaseStatus(tx, c.id, c.status, next, input.actedOn, at))) {
      throw errors.conflict('该问题刚被他人处理，请刷新后重试', 'Someone else just acted on this case; reload and try again');
    }
    await appendAudit(tx, now, {
      actor: by.actor,
      agencyId: c.agencyId,
      action: `accountability.${input.action}`,
      objectType: 'accountability_case',
      objectId: String(c.id),
      summary: `${CASE_ACTION_LABELS[input.action]}（${input.actedOn}）：${c.summary}`.slice(0, 500),
      before: { status: c.status },
      after: { status: next, actedOn: input.actedOn, ...(dueOn ? { dueOn } : {}), note },
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return (await store.findCase(tx, c.id)) ?? c;
  });
}

// ---------------------------------------------------------------- dashboards and the annual report

export interface OpenCasesOfAgency {
  readonly agencyId: number;
  readonly agencyName: string;
  readonly open: number;
  readonly byKind: Record<CaseKind, number>;
}

/** Open cases per agency among `agencyIds` (null = all), for the dashboards. */
export async function openCasesByAgency(db: Executor, agencyIds: readonly number[] | null): Promise<OpenCasesOfAgency[]> {
  const out = new Map<number, { agencyId: number; agencyName: string; open: number; byKind: Record<CaseKind, number> }>();
  for (const r of await store.openCountsByAgency(db, agencyIds)) {
    const entry = out.get(r.agencyId) ?? { agencyId: r.agencyId, agencyName: r.agencyName, open: 0, byKind: emptyByKind() };
    entry.open += r.n;
    if (isCaseKind(r.kind)) entry.byKind[r.kind] += r.n;
    out.set(r.agencyId, entry);
  }
  return [...out.values()];
}

export interface SupervisionYearFigures {
  readonly ratings: RatingSummary;
  readonly cases: YearCaseCounts;
  /** the year's 工作考核 result, added by the annual report (src/reports/service.ts); null when unscored */
  readonly assessment?: AssessmentResult | null;
}

/** The year's ratings and cases of the agencies a report covers. */
export async function supervisionYearFigures(db: Executor, agencyIds: readonly number[], year: number): Promise<SupervisionYearFigures> {
  const byKind = emptyByKind();
  const byStatus = emptyByStatus();
  for (const r of await store.yearCaseRows(db, agencyIds, year)) {
    if (isCaseKind(r.kind)) byKind[r.kind] += r.n;
    if (isCaseStatus(r.status)) byStatus[r.status] += r.n;
  }
  const { count, sum } = await store.yearRatings(db, agencyIds, year);
  return { ratings: { count, mean: count > 0 ? Math.round((sum / count) * 10) / 10 : null }, cases: { byKind, byStatus } };
}

/** The draft of the report's 一（五）监督保障 text. */
export function supervisionReportText(year: number, f: SupervisionYearFigures): string {
  return oversightText(year, f.ratings, f.cases, f.assessment ?? null);
}

export { CASE_KINDS };
