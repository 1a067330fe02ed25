import { sql } from 'kysely';
import type { ServiceDeps } from '../platform/context.js';
import type { IndexRow } from './document.js';
import { searchIndexFor } from './index.js';
import { defaultWorkers, PreparePool } from './prepare-pool.js';
import { documentsOf, INDEXED_COLUMNS, isSearchable } from './sync.js';

/*
 * `gongkai reindex`: rebuilds the index from the catalogue. Each batch replaces the entries of its
 * records in its own transaction, so search keeps answering (from the old entries) while it runs
 * and a record published meanwhile is never lost; entries whose record is no longer public are
 * removed at the end. Segmentation runs on worker threads, one batch ahead of the writes.
 */

export interface ReindexOptions {
  readonly batchSize?: number;
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ReindexResult {
  readonly documents: number;
  readonly removed: number;
  readonly seconds: number;
}

const searchable = (deps: ServiceDeps) =>
  deps.db.selectFrom('record').where('mode', '=', '主动公开').where('status', '=', 'published').where('publishedOn', 'is not', null);

export async function countSearchable(deps: ServiceDeps): Promise<number> {
  const { n } = await searchable(deps).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function reindex(deps: ServiceDeps, options: ReindexOptions = {}): Promise<ReindexResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const index = searchIndexFor(deps.engine);
  const total = await countSearchable(deps);
  const workers = options.workers ?? defaultWorkers();
  const pool = new PreparePool(deps.engine, workers);
  const inFlight: { ids: number[]; rows: Promise<IndexRow[]> }[] = [];
  let done = 0;
  const paths = new Map<number, number[]>();
  const write = async (batch: { ids: number[]; rows: Promise<IndexRow[]> }) => {
    const rows = await batch.rows;
    await deps.db.transaction().execute(async (tx) => {
      await index.removeMany(tx, batch.ids);
      await index.putMany(tx, rows);
    });
    done += rows.length;
    options.onProgress?.(done, total);
  };
  await index.bulkMode(deps.db, true);
  try {
    options.onProgress?.(0, total);
    let after = 0;
    for (;;) {
      // Walk the primary key and filter here: a status condition would let the planner use the
      // status index and sort, which costs the whole table per batch.
      const batch = await deps.db.selectFrom('record').select(INDEXED_COLUMNS).where('id', '>', after).orderBy('id').limit(batchSize).execute();
      if (batch.length === 0) break;
      after = batch.at(-1)!.id;
      const records = batch.filter(isSearchable);
      if (records.length === 0) continue;
      inFlight.push({ ids: records.map((r) => r.id), rows: pool.prepare(await documentsOf(deps.db, records, paths)) });
      // Keep every worker busy plus one batch ready; write the oldest when the pipeline is full.
      if (inFlight.length > Math.max(1, workers)) await write(inFlight.shift()!);
    }
    while (inFlight.length > 0) await write(inFlight.shift()!);
  } finally {
    for (const pending of inFlight) pending.rows.catch(() => undefined); // after a failure: not unhandled
    await pool.close();
    await index.bulkMode(deps.db, false);
  }
  const removed = await removeOrphans(deps);
  await index.optimize(deps.db);
  return { documents: done, removed, seconds: (performance.now() - started) / 1000 };
}

/** Entries whose record is gone from public view (withdrawn while the index was being rebuilt). */
async function removeOrphans(deps: ServiceDeps): Promise<number> {
  const { rows } = await sql<{ recordId: number }>`
    SELECT d.record_id FROM search_doc d JOIN record r ON r.id = d.record_id
    WHERE NOT (r.mode = '主动公开' AND r.status = 'published' AND r.published_on IS NOT NULL)`.execute(deps.db);
  const index = searchIndexFor(deps.engine);
  await deps.db.transaction().execute((tx) => index.removeMany(tx, rows.map((r) => Number(r.recordId))));
  return rows.length;
}
