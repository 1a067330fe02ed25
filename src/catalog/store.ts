import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { AttachmentRow, Database, NewRecordRow, RecordEventRow, RecordRow, RecordTable, RecordVersionRow } from '../platform/db/schema.js';
import type { Updateable } from 'kysely';

/** The only code that queries the catalogue tables. */

/** Takes the next 索引号 sequence of an agency and year; atomic on both engines, never reused. */
export async function nextIndexSeq(db: Executor, agencyId: number, year: number): Promise<number> {
  const { rows } = await sql<{ lastSeq: number }>`
    INSERT INTO index_counter (agency_id, year, last_seq) VALUES (${agencyId}, ${year}, 1)
    ON CONFLICT (agency_id, year) DO UPDATE SET last_seq = index_counter.last_seq + 1
    RETURNING last_seq`.execute(db);
  const seq = rows[0]?.lastSeq;
  if (seq === undefined) throw new Error('index_counter returned no row');
  return Number(seq);
}

export async function insertRecord(db: Executor, row: NewRecordRow): Promise<RecordRow> {
  return db.insertInto('record').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRecord(db: Executor, id: number, changes: Updateable<RecordTable>): Promise<RecordRow> {
  return db.updateTable('record').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findRecord(db: Executor, id: number): Promise<RecordRow | undefined> {
  return db.selectFrom('record').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRecordByIndexNumber(db: Executor, indexNumber: string): Promise<RecordRow | undefined> {
  return db.selectFrom('record').selectAll().where('indexNumber', '=', indexNumber).executeTakeFirst();
}

export async function setIssuers(db: Executor, recordId: number, agencyIds: readonly number[]): Promise<void> {
  await db.deleteFrom('recordIssuer').where('recordId', '=', recordId).execute();
  if (agencyIds.length === 0) return;
  await db
    .insertInto('recordIssuer')
    .values(agencyIds.map((agencyId, position) => ({ recordId, agencyId, position })))
    .execute();
}

/** 发文机关 of each record, in the order given, as agency codes and names. */
export async function issuersOf(db: Executor, recordIds: readonly number[]): Promise<Map<number, { code: string; name: string }[]>> {
  const out = new Map<number, { code: string; name: string }[]>();
  if (recordIds.length === 0) return out;
  const rows = await db
    .selectFrom('recordIssuer')
    .innerJoin('agency', 'agency.id', 'recordIssuer.agencyId')
    .select(['recordIssuer.recordId', 'agency.code', 'agency.name'])
    .where('recordIssuer.recordId', 'in', [...recordIds])
    .orderBy('recordIssuer.position')
    .execute();
  for (const r of rows) out.set(r.recordId, [...(out.get(r.recordId) ?? []), { code: r.code, name: r.name }]);
  return out;
}

export async function insertVersion(db: Executor, row: Omit<RecordVersionRow, 'id'>): Promise<void> {
  await db.insertInto('recordVersion').values(row).execute();
}

export async function versionsOf(db: Executor, recordId: number): Promise<RecordVersionRow[]> {
  return db.selectFrom('recordVersion').selectAll().where('recordId', '=', recordId).orderBy('version').execute();
}

export async function insertEvent(db: Executor, row: Omit<RecordEventRow, 'id'>): Promise<void> {
  await db.insertInto('recordEvent').values(row).execute();
}

export async function eventsOf(db: Executor, recordId: number): Promise<RecordEventRow[]> {
  return db.selectFrom('recordEvent').selectAll().where('recordId', '=', recordId).orderBy('id').execute();
}

/** Interpretations of a policy, optionally only those in the given statuses. */
export async function interpretationsOf(db: Executor, policyId: number, statuses?: readonly string[]): Promise<RecordRow[]> {
  let q = db.selectFrom('record').selectAll().where('interpretsId', '=', policyId);
  if (statuses) q = q.where('status', 'in', [...statuses]);
  return q.orderBy('id').execute();
}

export async function insertAttachment(db: Executor, row: Omit<AttachmentRow, 'id'>): Promise<AttachmentRow> {
  return db.insertInto('attachment').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Attachments of a record that belong to its current version. */
export async function currentAttachments(db: Executor, recordId: number): Promise<AttachmentRow[]> {
  return db.selectFrom('attachment').selectAll().where('recordId', '=', recordId).where('removedInVersion', 'is', null).orderBy('id').execute();
}

export async function findAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- public listings

/** Published proactive records, including scheduled ones whose time has come. */
export function publiclyVisible(nowIso: string) {
  return (eb: ExpressionBuilder<Database, 'record'>) =>
    eb.and([
      eb('record.mode', '=', '主动公开'),
      eb.or([eb('record.status', '=', 'published'), eb.and([eb('record.status', '=', 'scheduled'), eb('record.publishAt', '<=', nowIso)])]),
    ]);
}

export interface PublicFilter {
  readonly agencyIds?: readonly number[] | undefined;
  readonly topic?: string | undefined;
  readonly category?: string | undefined;
  readonly genre?: string | undefined;
  readonly year?: number | undefined;
  readonly statutoryItem?: number | undefined;
  readonly docNumberKey?: string | undefined;
}

export async function listPublicRecords(
  db: Executor,
  nowIso: string,
  f: PublicFilter,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: RecordRow[] }> {
  let q = db.selectFrom('record').where(publiclyVisible(nowIso));
  if (f.agencyIds) {
    if (f.agencyIds.length === 0) return { total: 0, items: [] };
    q = q.where('record.agencyId', 'in', [...f.agencyIds]);
  }
  // A top-level topic matches itself and all of its sub-topics.
  // ESCAPE '!' keeps the backslash literal on both engines (PostgreSQL's default LIKE escape is '\\').
  if (f.topic) {
    const pattern = `${f.topic.replace(/[!%_]/g, (c) => `!${c}`)}\\%`;
    const topic = f.topic;
    q = q.where((eb) => eb.or([eb('record.topic', '=', topic), sql<boolean>`record.topic LIKE ${pattern} ESCAPE '!'`]));
  }
  if (f.category) q = q.where('record.category', '=', f.category);
  if (f.genre) q = q.where('record.genre', '=', f.genre);
  if (f.statutoryItem) q = q.where('record.statutoryItem', '=', f.statutoryItem);
  if (f.year) q = q.where('record.publishedOn', '>=', `${f.year}-01-01`).where('record.publishedOn', '<=', `${f.year}-12-31`);
  if (f.docNumberKey) q = q.where('record.docNumberKey', '=', f.docNumberKey);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('record')
    .orderBy('record.publishedOn', 'desc')
    .orderBy('record.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total), items };
}

/** Public records of one agency counted per 条例 第二十条 item (one grouped query). */
export async function countPublicByStatutoryItem(db: Executor, nowIso: string, agencyId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('record')
    .select(['record.statutoryItem', (eb) => eb.fn.countAll<number>().as('n')])
    .where(publiclyVisible(nowIso))
    .where('record.agencyId', '=', agencyId)
    .where('record.statutoryItem', 'is not', null)
    .groupBy('record.statutoryItem')
    .execute();
  return new Map(rows.map((r) => [Number(r.statutoryItem), Number(r.n)]));
}

/** Records in the staff workbench: every status, for the given agencies. */
export async function listStaffRecords(db: Executor, agencyIds: readonly number[] | null, status: string | undefined, page: number, pageSize: number) {
  let q = db.selectFrom('record');
  if (agencyIds !== null) {
    if (agencyIds.length === 0) return { total: 0, items: [] as RecordRow[] };
    q = q.where('agencyId', 'in', [...agencyIds]);
  }
  if (status) q = q.where('status', '=', status);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const items = await q.selectAll().orderBy('updatedAt', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total: Number(total), items };
}

/** Scheduled records whose time has come (for the publication sweep). */
export async function dueScheduled(db: Executor, nowIso: string): Promise<RecordRow[]> {
  return db.selectFrom('record').selectAll().where('status', '=', 'scheduled').where('publishAt', '<=', nowIso).execute();
}

/** Records not proactively disclosed, counted by legal ground (for agency statistics). */
export async function countsByGround(db: Executor, agencyIds: readonly number[] | null): Promise<{ mode: string; ground: string; n: number }[]> {
  let q = db
    .selectFrom('record')
    .select(['mode', 'ground', (eb) => eb.fn.countAll<number>().as('n')])
    .where('mode', '!=', '主动公开')
    .where('status', '=', 'withheld');
  if (agencyIds !== null) q = q.where('agencyId', 'in', agencyIds.length ? [...agencyIds] : [-1]);
  const rows = await q.groupBy(['mode', 'ground']).orderBy('mode').orderBy('ground').execute();
  return rows.map((r) => ({ mode: r.mode, ground: r.ground ?? '', n: Number(r.n) }));
}

/** How many records of the agencies are in each workflow status. */
export async function countByStatus(db: Executor, agencyIds: readonly number[] | null): Promise<Map<string, number>> {
  let q = db.selectFrom('record').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  if (agencyIds !== null) q = q.where('agencyId', 'in', agencyIds.length ? [...agencyIds] : [-1]);
  const rows = await q.groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Proactive records published since a date (for the 第二十六条 timeliness check). */
export async function publishedSince(db: Executor, agencyIds: readonly number[] | null, since: string): Promise<RecordRow[]> {
  let q = db.selectFrom('record').selectAll().where('mode', '=', '主动公开').where('publishedOn', '>=', since).where('status', 'in', ['published', 'withdrawn']);
  if (agencyIds !== null) q = q.where('agencyId', 'in', agencyIds.length ? [...agencyIds] : [-1]);
  return q.orderBy('publishedOn', 'desc').execute();
}
