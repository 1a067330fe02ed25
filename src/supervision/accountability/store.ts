/**
 * Database access for 责任追究: the facts the detection rules read (requests, records, messages,
 * inspection runs, their audit trail), and the cases with their follow-ups. No rules here.
 */
import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { AccountabilityActionTable, AccountabilityCaseRow, AccountabilityCaseTable } from '../../platform/db/schema.js';
import type { AuditFact, ComplaintFacts, MessageFacts, RecordFacts, RequestFacts, RunFacts } from './model.js';

// ---------------------------------------------------------------- facts for detection

/** Undecided requests whose due date is before `today`. */
export async function requestsPastDue(db: Executor, today: string): Promise<(RequestFacts & { assignedTo: number | null })[]> {
  return db
    .selectFrom('request')
    .select(['id', 'agencyId', 'trackingNumber', 'title', 'state', 'dueOn', 'assignedTo'])
    .where('state', '!=', 'closed')
    .where('dueOn', 'is not', null)
    .where('dueOn', '<', today)
    .orderBy('id')
    .execute();
}

/** Published (or since withdrawn) records published on or after `since`. */
export async function recordsPublishedSince(db: Executor, since: string): Promise<RecordFacts[]> {
  return db
    .selectFrom('record')
    .select(['id', 'agencyId', 'indexNumber', 'title', 'status', 'formedOn', 'publishedOn'])
    .where('status', 'in', ['published', 'withdrawn'])
    .where('publishedOn', 'is not', null)
    .where('publishedOn', '>=', since)
    .orderBy('id')
    .execute();
}

export async function messagesPastDue(db: Executor, today: string): Promise<MessageFacts[]> {
  return db.selectFrom('message').select(['id', 'agencyId', 'trackingNumber', 'status', 'dueOn']).where('status', '=', 'pending').where('dueOn', '<', today).orderBy('id').execute();
}

/** Complaints the supervisor found true (条例 第四十七条第二款). */
export async function verifiedComplaints(db: Executor): Promise<ComplaintFacts[]> {
  return db.selectFrom('message').select(['id', 'agencyId', 'trackingNumber', 'kind', 'ground', 'finding']).where('kind', '=', 'complaint').where('finding', '=', 'verified').orderBy('id').execute();
}

export async function vetoedRuns(db: Executor): Promise<RunFacts[]> {
  return db
    .selectFrom('inspectionRun as r')
    .innerJoin('inspectionSite as s', 's.id', 'r.siteId')
    .select(['r.id', 's.agencyId', 's.name as siteName', 'r.status', 'r.verdict', 'r.vetoes', 'r.finishedAt'])
    .where('r.status', '=', 'done')
    .where('r.verdict', '=', '不合格')
    .where('r.vetoes', '>', 0)
    .orderBy('r.id')
    .execute();
}

/** The audit entries about one object, oldest first. */
export async function auditTrail(db: Executor, objectType: string, objectId: string): Promise<AuditFact[]> {
  return db.selectFrom('auditEntry').select(['actorId', 'actorLogin', 'action']).where('objectType', '=', objectType).where('objectId', '=', objectId).orderBy('id').execute();
}

export async function userName(db: Executor, id: number): Promise<{ id: number; displayName: string } | undefined> {
  return db.selectFrom('appUser').select(['id', 'displayName']).where('id', '=', id).executeTakeFirst();
}

export async function recordIndexNumber(db: Executor, id: number): Promise<string | undefined> {
  return (await db.selectFrom('record').select('indexNumber').where('id', '=', id).executeTakeFirst())?.indexNumber;
}

// ---------------------------------------------------------------- cases

/** Inserts unless a case for the same failure exists (unique kind, object): the new row, or undefined. */
export async function insertCaseOnce(db: Executor, values: Insertable<AccountabilityCaseTable>): Promise<AccountabilityCaseRow | undefined> {
  return db
    .insertInto('accountabilityCase')
    .values(values)
    .onConflict((oc) => oc.columns(['kind', 'objectType', 'objectId']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export interface CaseWithAgency extends AccountabilityCaseRow {
  readonly agencyCode: string;
  readonly agencyName: string;
}

export interface CaseFilter {
  /** null: every agency */
  readonly agencyIds: readonly number[] | null;
  readonly status?: string | undefined;
  readonly kind?: string | undefined;
  readonly year?: number | undefined;
  readonly limit: number;
  readonly offset: number;
}

function filtered(db: Executor, f: Omit<CaseFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('accountabilityCase as c').innerJoin('agency as a', 'a.id', 'c.agencyId');
  if (f.agencyIds !== null) q = q.where('c.agencyId', 'in', f.agencyIds.length ? [...f.agencyIds] : [-1]);
  if (f.year !== undefined) q = q.where('c.detectedOn', '>=', `${f.year}-01-01`).where('c.detectedOn', '<=', `${f.year}-12-31`);
  return q;
}

export async function listCases(db: Executor, f: CaseFilter): Promise<{ total: number; items: CaseWithAgency[] }> {
  let q = filtered(db, f);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('c')
    .select(['a.code as agencyCode', 'a.name as agencyName'])
    .orderBy('c.detectedOn', 'desc')
    .orderBy('c.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total), items };
}

/** Counts by status and by kind under the agency and year filters (not the status/kind ones). */
export async function caseCounts(db: Executor, f: Omit<CaseFilter, 'limit' | 'offset' | 'status' | 'kind'>): Promise<{ status: string; kind: string; n: number }[]> {
  const rows = await filtered(db, f)
    .select(['c.status', 'c.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['c.status', 'c.kind'])
    .execute();
  return rows.map((r) => ({ status: r.status, kind: r.kind, n: Number(r.n) }));
}

export async function findCase(db: Executor, id: number): Promise<CaseWithAgency | undefined> {
  return db.selectFrom('accountabilityCase as c').innerJoin('agency as a', 'a.id', 'c.agencyId').selectAll('c').select(['a.code as agencyCode', 'a.name as agencyName']).where('c.id', '=', id).executeTakeFirst();
}

export interface ActionWithUser {
  readonly id: number;
  readonly action: string;
  readonly actedOn: string;
  /** 督促整改: the date the agency must have corrected by */
  readonly dueOn: string | null;
  readonly note: string;
  readonly byName: string | null;
  readonly createdAt: string;
}

export async function actionsOf(db: Executor, caseId: number): Promise<ActionWithUser[]> {
  return db
    .selectFrom('accountabilityAction as x')
    .leftJoin('appUser as u', 'u.id', 'x.byUserId')
    .select(['x.id', 'x.action', 'x.actedOn', 'x.dueOn', 'x.note', 'u.displayName as byName', 'x.createdAt'])
    .where('x.caseId', '=', caseId)
    .orderBy('x.id')
    .execute();
}

export async function insertAction(db: Executor, values: Insertable<AccountabilityActionTable>): Promise<void> {
  await db.insertInto('accountabilityAction').values(values).execute();
}

/** Moves the case on only if it is still in `from` (another supervisor may have acted meanwhile). */
export async function setCaseStatus(db: Executor, id: number, from: string, to: string, closedOn: string | null, at: string): Promise<boolean> {
  const r = await db.updateTable('accountabilityCase').set({ status: to, closedOn, updatedAt: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function openCountsByAgency(db: Executor, agencyIds: readonly number[] | null): Promise<{ agencyId: number; agencyName: string; kind: string; n: number }[]> {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db.selectFrom('accountabilityCase as c').innerJoin('agency as a', 'a.id', 'c.agencyId').where('c.status', '=', 'open');
  if (agencyIds !== null) q = q.where('c.agencyId', 'in', [...agencyIds]);
  const rows = await q
    .select(['c.agencyId', 'a.name as agencyName', 'a.code', 'c.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['c.agencyId', 'a.name', 'a.code', 'c.kind'])
    .orderBy('a.code')
    .execute();
  return rows.map((r) => ({ agencyId: r.agencyId, agencyName: r.agencyName, kind: r.kind, n: Number(r.n) }));
}

// ---------------------------------------------------------------- annual report figures

export async function yearCaseRows(db: Executor, agencyIds: readonly number[], year: number): Promise<{ kind: string; status: string; n: number }[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom('accountabilityCase')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', 'in', [...agencyIds])
    .where('detectedOn', '>=', `${year}-01-01`)
    .where('detectedOn', '<=', `${year}-12-31`)
    .groupBy(['kind', 'status'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, status: r.status, n: Number(r.n) }));
}

export async function yearRatings(db: Executor, agencyIds: readonly number[], year: number): Promise<{ count: number; sum: number }> {
  if (agencyIds.length === 0) return { count: 0, sum: 0 };
  const row = await db
    .selectFrom('rating')
    .select([(eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number | string | null>('score').as('sum')])
    .where('agencyId', 'in', [...agencyIds])
    .where('createdOn', '>=', `${year}-01-01`)
    .where('createdOn', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), sum: Number(row.sum ?? 0) };
}
