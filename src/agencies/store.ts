import type { Executor } from '../platform/db/database.js';
import type { AgencyRow, AgencyUpdate, NewAgencyRow } from '../platform/db/schema.js';

/** The only code that queries the `agency` table. */
export async function listAgencies(db: Executor): Promise<AgencyRow[]> {
  return db.selectFrom('agency').selectAll().orderBy('sortOrder').orderBy('code').execute();
}

export async function findAgencyByCode(db: Executor, code: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agency').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findAgencyById(db: Executor, id: number): Promise<AgencyRow | undefined> {
  return db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAgency(db: Executor, row: NewAgencyRow): Promise<AgencyRow> {
  return db.insertInto('agency').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateAgencyRow(db: Executor, id: number, changes: AgencyUpdate): Promise<AgencyRow> {
  return db.updateTable('agency').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function countAgencies(db: Executor): Promise<number> {
  const r = await db.selectFrom('agency').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export { ancestryIds, subtreeIds } from '../platform/hierarchy.js';
