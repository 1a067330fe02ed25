/** The only Kysely queries of 留言/投诉 (table `message`). */
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { MessageRow, MessageTable } from '../../platform/db/schema.js';

export type MessageWithAgency = MessageRow & { agencyCode: string; agencyName: string };

function withAgency(db: Executor) {
  return db
    .selectFrom('message as m')
    .innerJoin('agency as a', 'a.id', 'm.agencyId')
    .selectAll('m')
    .select(['a.code as agencyCode', 'a.name as agencyName']);
}

export async function insertMessage(db: Executor, values: Insertable<MessageTable>): Promise<MessageRow> {
  return db.insertInto('message').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateMessage(db: Executor, id: number, values: Updateable<MessageTable>): Promise<MessageRow> {
  return db.updateTable('message').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The highest tracking number of a year ("LY2026-…"); sorts correctly while the sequence keeps 6 digits. */
export async function lastNumberOfYear(db: Executor, year: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('message')
    .select('trackingNumber')
    .where('trackingNumber', 'like', `LY${year}-%`)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.trackingNumber;
}

export async function findMessage(db: Executor, id: number): Promise<MessageWithAgency | undefined> {
  return withAgency(db).where('m.id', '=', id).executeTakeFirst();
}

export async function findByNumber(db: Executor, trackingNumber: string): Promise<MessageWithAgency | undefined> {
  return withAgency(db).where('m.trackingNumber', '=', trackingNumber).executeTakeFirst();
}

export interface PublishedFilter {
  readonly agencyId?: number | undefined;
  readonly kind?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** The public board: published messages in one of `states` (answered, not accepted), newest first. */
export async function publishedMessages(db: Executor, f: PublishedFilter & { states: readonly string[] }): Promise<{ total: number; rows: MessageWithAgency[] }> {
  const states = [...f.states];
  if (states.length === 0) return { total: 0, rows: [] };
  let q = withAgency(db).where('m.published', '=', 1).where('m.status', 'in', states);
  let c = db.selectFrom('message as m').where('m.published', '=', 1).where('m.status', 'in', states);
  if (f.agencyId !== undefined) {
    q = q.where('m.agencyId', '=', f.agencyId);
    c = c.where('m.agencyId', '=', f.agencyId);
  }
  if (f.kind !== undefined) {
    q = q.where('m.kind', '=', f.kind);
    c = c.where('m.kind', '=', f.kind);
  }
  const { total } = await c.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.orderBy('m.answeredAt', 'desc').orderBy('m.id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total), rows };
}

export interface StaffFilter {
  /** null = every agency (system admin) */
  readonly agencyIds: readonly number[] | null;
  readonly status?: string | undefined;
  readonly kind?: string | undefined;
  /** only pending messages whose due day has passed */
  readonly overdueOn?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Staff list: messages to an agency in the list, or supervised by one in it. */
export async function staffMessages(db: Executor, f: StaffFilter): Promise<{ total: number; rows: MessageWithAgency[] }> {
  if (f.agencyIds !== null && f.agencyIds.length === 0) return { total: 0, rows: [] };
  const ids = f.agencyIds === null ? null : [...f.agencyIds];
  let q = withAgency(db);
  let c = db.selectFrom('message as m');
  if (ids !== null) {
    q = q.where((eb) => eb.or([eb('m.agencyId', 'in', ids), eb('m.supervisorAgencyId', 'in', ids)]));
    c = c.where((eb) => eb.or([eb('m.agencyId', 'in', ids), eb('m.supervisorAgencyId', 'in', ids)]));
  }
  if (f.status !== undefined) {
    q = q.where('m.status', '=', f.status);
    c = c.where('m.status', '=', f.status);
  }
  if (f.kind !== undefined) {
    q = q.where('m.kind', '=', f.kind);
    c = c.where('m.kind', '=', f.kind);
  }
  if (f.overdueOn !== undefined) {
    q = q.where('m.status', '=', 'pending').where('m.dueOn', '<', f.overdueOn);
    c = c.where('m.status', '=', 'pending').where('m.dueOn', '<', f.overdueOn);
  }
  const { total } = await c.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.orderBy('m.dueOn', 'asc').orderBy('m.id', 'asc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total), rows };
}

export interface AgencyTallyRow {
  readonly agencyId: number;
  readonly status: string;
  readonly dueOn: string;
  readonly answeredOn: string | null;
}

/** The few columns the per-agency counts need, for every message (optionally since a day). */
export async function tallyRows(db: Executor, since?: string): Promise<AgencyTallyRow[]> {
  let q = db.selectFrom('message').select(['agencyId', 'status', 'dueOn', 'answeredOn']);
  if (since !== undefined) q = q.where('receivedOn', '>=', since);
  return q.execute();
}

/** Messages submitted from one address hash since an instant (abuse limit). */
export async function countFromIp(db: Executor, ipHash: string, sinceIso: string): Promise<number> {
  const { n } = await db
    .selectFrom('message')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ipHash', '=', ipHash)
    .where('submittedAt', '>=', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(n);
}
