import { sql, type Updateable } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type {
  NewRequestRow,
  RequestAppealRow,
  RequestAttachmentRow,
  RequestEventRow,
  RequestLetterRow,
  RequestReminderRow,
  RequestRow,
  RequestTable,
} from '../platform/db/schema.js';

/** The next number of a per-agency, per-year series ('tracking' or 'letter'); never reused. */
export async function nextSeq(db: Executor, agencyId: number, year: number, kind: 'tracking' | 'letter'): Promise<number> {
  const { rows } = await sql<{ lastSeq: number }>`
    INSERT INTO request_counter (agency_id, year, kind, last_seq) VALUES (${agencyId}, ${year}, ${kind}, 1)
    ON CONFLICT (agency_id, year, kind) DO UPDATE SET last_seq = request_counter.last_seq + 1
    RETURNING last_seq`.execute(db);
  const seq = rows[0]?.lastSeq;
  if (seq === undefined) throw new Error('request_counter returned no row');
  return Number(seq);
}

export async function insertRequest(db: Executor, row: NewRequestRow): Promise<RequestRow> {
  return db.insertInto('request').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRequest(db: Executor, id: number, changes: Updateable<RequestTable>): Promise<RequestRow> {
  return db.updateTable('request').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findRequest(db: Executor, id: number): Promise<RequestRow | undefined> {
  return db.selectFrom('request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRequestByTracking(db: Executor, trackingNumber: string): Promise<RequestRow | undefined> {
  return db.selectFrom('request').selectAll().where('trackingNumber', '=', trackingNumber).executeTakeFirst();
}

export interface RequestListFilter {
  readonly agencyIds: readonly number[] | null;
  readonly states?: readonly string[];
  readonly open?: boolean;
  readonly assignedTo?: number;
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  readonly limit: number;
  readonly offset: number;
}

/** Staff list: open requests by due date (most urgent first), then closed ones newest first. */
export async function listRequests(db: Executor, f: RequestListFilter): Promise<{ total: number; rows: RequestRow[] }> {
  let q = db.selectFrom('request');
  if (f.agencyIds !== null) {
    if (f.agencyIds.length === 0) return { total: 0, rows: [] };
    q = q.where('agencyId', 'in', [...f.agencyIds]);
  }
  if (f.states && f.states.length > 0) q = q.where('state', 'in', [...f.states]);
  if (f.open === true) q = q.where('state', '!=', 'closed');
  if (f.open === false) q = q.where('state', '=', 'closed');
  if (f.assignedTo !== undefined) q = q.where('assignedTo', '=', f.assignedTo);
  if (f.receivedFrom) q = q.where('receivedOn', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('receivedOn', '<=', f.receivedTo);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll()
    .orderBy(sql`CASE WHEN state = 'closed' THEN 1 ELSE 0 END`)
    .orderBy(sql`CASE WHEN state = 'closed' THEN NULL ELSE due_on END`)
    .orderBy('receivedOn', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total, rows };
}

/** Open requests of the agencies (null = all): in total, due on or before `soonUntil`, and overdue. */
export async function openCounts(db: Executor, agencyIds: readonly number[] | null, today: string, soonUntil: string) {
  if (agencyIds !== null && agencyIds.length === 0) return { open: 0, dueSoon: 0, overdue: 0 };
  let q = db.selectFrom('request').where('state', '!=', 'closed');
  if (agencyIds !== null) q = q.where('agencyId', 'in', [...agencyIds]);
  const row = await q
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(sql`CASE WHEN due_on >= ${today} AND due_on <= ${soonUntil} THEN 1 ELSE 0 END`).as('dueSoon'),
      eb.fn.sum<number>(sql`CASE WHEN due_on < ${today} THEN 1 ELSE 0 END`).as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), dueSoon: Number(row.dueSoon ?? 0), overdue: Number(row.overdue ?? 0) };
}

/** Requests whose clock still runs (for reminders, sweeps and due-date recomputation). */
export async function openRequests(db: Executor): Promise<RequestRow[]> {
  return db.selectFrom('request').selectAll().where('state', '!=', 'closed').orderBy('id').execute();
}

/** Requests of one applicant to one agency received in one calendar month (按件 fee tiers). */
export async function countApplicantRequestsInMonth(db: Executor, agencyId: number, idDocNumber: string, month: string, upToId: number): Promise<number> {
  const row = await db
    .selectFrom('request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', agencyId)
    .where('idDocNumber', '=', idDocNumber)
    .where('receivedOn', '>=', `${month}-01`)
    .where('receivedOn', '<=', `${month}-31`)
    .where('id', '<=', upToId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertEvent(
  db: Executor,
  e: { requestId: number; at: string; onDate: string; kind: string; actorLogin: string; data?: object; comment?: string; internal?: boolean },
): Promise<RequestEventRow> {
  return db
    .insertInto('requestEvent')
    .values({
      requestId: e.requestId,
      at: e.at,
      onDate: e.onDate,
      kind: e.kind,
      actorLogin: e.actorLogin,
      data: JSON.stringify(e.data ?? {}),
      comment: e.comment ?? '',
      internal: e.internal ? 1 : 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function eventsOf(db: Executor, requestId: number): Promise<RequestEventRow[]> {
  return db.selectFrom('requestEvent').selectAll().where('requestId', '=', requestId).orderBy('id').execute();
}

export async function insertLetter(db: Executor, row: Omit<RequestLetterRow, 'id'>): Promise<RequestLetterRow> {
  return db.insertInto('requestLetter').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function lettersOf(db: Executor, requestId: number): Promise<RequestLetterRow[]> {
  return db.selectFrom('requestLetter').selectAll().where('requestId', '=', requestId).orderBy('id').execute();
}

export async function findLetter(db: Executor, requestId: number, letterId: number): Promise<RequestLetterRow | undefined> {
  return db.selectFrom('requestLetter').selectAll().where('requestId', '=', requestId).where('id', '=', letterId).executeTakeFirst();
}

export async function insertAppeal(db: Executor, row: Omit<RequestAppealRow, 'id'>): Promise<RequestAppealRow> {
  return db.insertInto('requestAppeal').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateAppeal(db: Executor, id: number, changes: Partial<Omit<RequestAppealRow, 'id' | 'requestId'>>): Promise<RequestAppealRow> {
  return db.updateTable('requestAppeal').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function appealsOf(db: Executor, requestId: number): Promise<RequestAppealRow[]> {
  return db.selectFrom('requestAppeal').selectAll().where('requestId', '=', requestId).orderBy('id').execute();
}

export async function insertAttachment(db: Executor, row: Omit<RequestAttachmentRow, 'id'>): Promise<RequestAttachmentRow> {
  return db.insertInto('requestAttachment').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function attachmentsOf(db: Executor, requestId: number): Promise<RequestAttachmentRow[]> {
  return db.selectFrom('requestAttachment').selectAll().where('requestId', '=', requestId).orderBy('id').execute();
}

export async function findAttachment(db: Executor, requestId: number, id: number): Promise<RequestAttachmentRow | undefined> {
  return db.selectFrom('requestAttachment').selectAll().where('requestId', '=', requestId).where('id', '=', id).executeTakeFirst();
}

/** Records a reminder once per request, kind and due date; true when it is new. */
export async function addReminder(db: Executor, r: { requestId: number; agencyId: number; kind: string; dueOn: string; at: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('requestReminder')
    .values({ requestId: r.requestId, agencyId: r.agencyId, kind: r.kind, dueOn: r.dueOn, createdAt: r.at })
    .onConflict((oc) => oc.columns(['requestId', 'kind', 'dueOn']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Undismissed reminders for requests of the given agencies (null = all), newest first. */
export async function activeReminders(db: Executor, agencyIds: readonly number[] | null, kinds: readonly string[]): Promise<(RequestReminderRow & { trackingNumber: string; title: string; state: string })[]> {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db
    .selectFrom('requestReminder as m')
    .innerJoin('request as r', 'r.id', 'm.requestId')
    .selectAll('m')
    .select(['r.trackingNumber', 'r.title', 'r.state'])
    .where('m.dismissedAt', 'is', null)
    .where('r.state', '!=', 'closed')
    .where('m.kind', 'in', [...kinds])
    // A reminder about a due date that has since moved (pause, extension) no longer applies.
    .whereRef('m.dueOn', '=', 'r.dueOn');
  if (agencyIds !== null) q = q.where('m.agencyId', 'in', [...agencyIds]);
  return q.orderBy('m.id', 'desc').limit(200).execute();
}

/** How many of an agency's register entries there are, and how many were answered on time. */
export async function registerCounts(db: Executor, agencyId: number): Promise<{ closed: number; onTime: number }> {
  const row = await db
    .selectFrom('request')
    .select((eb) => [eb.fn.countAll<number>().as('closed'), eb.fn.sum<number>(sql`CASE WHEN on_time = 1 THEN 1 ELSE 0 END`).as('onTime')])
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'closed')
    .where('source', '!=', 'import')
    .executeTakeFirstOrThrow();
  return { closed: Number(row.closed), onTime: Number(row.onTime ?? 0) };
}

/** Public register rows: closed requests of an agency, newest first, no applicant columns at all. */
export async function registerRows(db: Executor, agencyId: number, limit: number, offset: number) {
  const base = db.selectFrom('request').where('agencyId', '=', agencyId).where('state', '=', 'closed').where('source', '!=', 'import');
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(['id', 'trackingNumber', 'publicSummary', 'receivedOn', 'closedOn', 'dueOn', 'outcome', 'onTime', 'releasedRecordId'])
    .orderBy('closedOn', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total, rows };
}
