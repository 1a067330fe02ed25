/**
 * Database access for 意见征集: consultations and their comments. No rules about who may do what
 * here: those are service.ts and the routes.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ConsultationCommentRow, ConsultationCommentTable, ConsultationRow, ConsultationTable } from '../../platform/db/schema.js';

export interface ConsultationWithAgency extends ConsultationRow {
  readonly agencyCode: string;
  readonly agencyName: string;
}

export async function findConsultation(db: Executor, id: number): Promise<ConsultationWithAgency | undefined> {
  return db
    .selectFrom('consultation as c')
    .innerJoin('agency as a', 'a.id', 'c.agencyId')
    .selectAll('c')
    .select(['a.code as agencyCode', 'a.name as agencyName'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function insertConsultation(db: Executor, values: Insertable<ConsultationTable>): Promise<ConsultationRow> {
  return db.insertInto('consultation').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateConsultation(db: Executor, id: number, values: Updateable<ConsultationTable>): Promise<ConsultationRow> {
  return db.updateTable('consultation').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface ListFilter {
  /** null: every agency */
  readonly agencyIds: readonly number[] | null;
  /** true: only what the public may see (published, or withdrawn after publication) */
  readonly publicOnly: boolean;
  readonly page: number;
  readonly pageSize: number;
  /** public order: still open on this date first, then by closing date, latest first */
  readonly today: string;
}

export async function listConsultations(db: Executor, f: ListFilter): Promise<{ total: number; items: ConsultationWithAgency[] }> {
  if (f.agencyIds !== null && f.agencyIds.length === 0) return { total: 0, items: [] };
  let q = db.selectFrom('consultation as c').innerJoin('agency as a', 'a.id', 'c.agencyId');
  if (f.agencyIds !== null) q = q.where('c.agencyId', 'in', [...f.agencyIds]);
  if (f.publicOnly) q = q.where('c.publishedAt', 'is not', null).where('c.status', 'in', ['published', 'withdrawn']);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('c')
    .select(['a.code as agencyCode', 'a.name as agencyName'])
    // open now (published, window around today) first; the rest by closing date, latest first
    .orderBy((eb) => eb.case().when(eb.and([eb('c.status', '=', 'published'), eb('c.opensOn', '<=', f.today), eb('c.closesOn', '>=', f.today)])).then(0).else(1).end())
    .orderBy('c.closesOn', 'desc')
    .orderBy('c.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total), items };
}

export async function findByFinalRecord(db: Executor, recordId: number): Promise<ConsultationRow | undefined> {
  return db.selectFrom('consultation').selectAll().where('finalRecordId', '=', recordId).where('status', '=', 'published').orderBy('id').executeTakeFirst();
}

// ---------------------------------------------------------------- comments

export async function insertComment(db: Executor, values: Insertable<ConsultationCommentTable>): Promise<ConsultationCommentRow> {
  return db.insertInto('consultationComment').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findComment(db: Executor, id: number): Promise<ConsultationCommentRow | undefined> {
  return db.selectFrom('consultationComment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateComment(db: Executor, id: number, values: Updateable<ConsultationCommentTable>): Promise<ConsultationCommentRow> {
  return db.updateTable('consultationComment').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The comments of a consultation, oldest first; `status` narrows to one state. */
export async function commentsOf(db: Executor, consultationId: number, status?: string): Promise<ConsultationCommentRow[]> {
  let q = db.selectFrom('consultationComment').selectAll().where('consultationId', '=', consultationId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('submittedAt').orderBy('id').execute();
}

/** Per consultation: how many comments in each state and adoption (for lists). */
export async function commentFacts(db: Executor, consultationIds: readonly number[]): Promise<Map<number, { status: string; adoption: string | null }[]>> {
  const out = new Map<number, { status: string; adoption: string | null }[]>();
  if (consultationIds.length === 0) return out;
  const rows = await db
    .selectFrom('consultationComment')
    .select(['consultationId', 'status', 'adoption'])
    .where('consultationId', 'in', [...consultationIds])
    .execute();
  for (const r of rows) {
    const list = out.get(r.consultationId) ?? [];
    list.push({ status: r.status, adoption: r.adoption });
    out.set(r.consultationId, list);
  }
  return out;
}
