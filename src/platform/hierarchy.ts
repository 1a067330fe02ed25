import { sql } from 'kysely';
import type { Executor } from './db/database.js';

// Agency scope is checked on every staff route, so the two hierarchy walks live in the platform.
// Recursive CTEs run the same on SQLite and PostgreSQL.

/** The agency's id followed by the ids of all its ancestors, nearest first. */
export async function ancestryIds(db: Executor, id: number): Promise<number[]> {
  const { rows } = await sql<{ id: number; depth: number }>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM agency WHERE id = ${id}
      UNION ALL
      SELECT a.id, a.parent_id, up.depth + 1 FROM agency a JOIN up ON a.id = up.parent_id
    )
    SELECT id, depth FROM up ORDER BY depth`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** The agency's id and the ids of every agency below it. */
export async function subtreeIds(db: Executor, id: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    WITH RECURSIVE down(id) AS (
      SELECT id FROM agency WHERE id = ${id}
      UNION ALL
      SELECT a.id FROM agency a JOIN down ON a.parent_id = down.id
    )
    SELECT id FROM down`.execute(db);
  return rows.map((r) => Number(r.id));
}

export async function agencyExists(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('agency').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Ids and names of agencies, in code order; `ids` limits the list (null = all). */
export async function agencyNames(db: Executor, ids: readonly number[] | null): Promise<{ id: number; name: string }[]> {
  if (ids !== null && ids.length === 0) return [];
  let q = db.selectFrom('agency').select(['id', 'name']).orderBy('code');
  if (ids !== null) q = q.where('id', 'in', [...ids]);
  return q.execute();
}
