/** The only Kysely queries of 社会评议 (table `rating`). */
import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { RatingRow, RatingTable } from '../../platform/db/schema.js';

export async function insertRating(db: Executor, values: Insertable<RatingTable>): Promise<RatingRow> {
  return db.insertInto('rating').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findRating(db: Executor, objectType: string, objectId: number, visitorHash: string): Promise<RatingRow | undefined> {
  return db
    .selectFrom('rating')
    .selectAll()
    .where('objectType', '=', objectType)
    .where('objectId', '=', objectId)
    .where('visitorHash', '=', visitorHash)
    .executeTakeFirst();
}

/** Ratings left from one address hash on one day (the daily cap). */
export async function countFromIpOn(db: Executor, ipHash: string, day: string): Promise<number> {
  const { n } = await db
    .selectFrom('rating')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ipHash', '=', ipHash)
    .where('createdOn', '=', day)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface ScoreCount {
  readonly score: number;
  readonly n: number;
}

/** Ratings per score of one object. */
export async function objectScoreCounts(db: Executor, objectType: string, objectId: number): Promise<ScoreCount[]> {
  const rows = await db
    .selectFrom('rating')
    .select(['score', (eb) => eb.fn.countAll<number>().as('n')])
    .where('objectType', '=', objectType)
    .where('objectId', '=', objectId)
    .groupBy('score')
    .execute();
  return rows.map((r) => ({ score: Number(r.score), n: Number(r.n) }));
}

/** Ratings per object type and score of one agency. */
export async function agencyScoreCounts(db: Executor, agencyId: number): Promise<(ScoreCount & { objectType: string })[]> {
  const rows = await db
    .selectFrom('rating')
    .select(['objectType', 'score', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', '=', agencyId)
    .groupBy(['objectType', 'score'])
    .execute();
  return rows.map((r) => ({ objectType: r.objectType, score: Number(r.score), n: Number(r.n) }));
}

/** A service item by its code (the rating's object). */
export async function findServiceItem(db: Executor, code: string): Promise<{ id: number; code: string; agencyId: number } | undefined> {
  return db.selectFrom('serviceItem').select(['id', 'code', 'agencyId']).where('code', '=', code).executeTakeFirst();
}

/** For the demo seed: published records and listed service items to rate, in id order. */
export async function demoTargets(db: Executor, limit: number): Promise<{ records: { id: number; agencyId: number }[]; items: { id: number; agencyId: number }[] }> {
  const records = await db.selectFrom('record').select(['id', 'agencyId']).where('status', '=', 'published').orderBy('id').limit(limit).execute();
  const items = await db.selectFrom('serviceItem').select(['id', 'agencyId']).orderBy('id').limit(limit).execute();
  return { records, items };
}
