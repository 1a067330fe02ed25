import type { ServiceDeps } from '../platform/context.js';
import type { IndexRow } from './document.js';
import { searchIndexFor } from './index.js';
import { defaultWorkers, PreparePool } from './prepare-pool.js';
import { documentsOf, replaceEntries, searchableBatches, searchableRecord } from './sync.js';

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

export async function countSearchable(deps: ServiceDeps): Promise<number> {
  const { n } = await deps.db.selectFrom('record').where(searchableRecord).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
    await deps.db.transaction().execute((tx) => replaceEntries(tx, deps.engine, batch.ids, rows));
    done += rows.length;
    options.onProgress?.(done, total);
  };
  await index.bulkMode(deps.db, true);
  try {
    options.onProgress?.(0, total);
    for await (const records of searchableBatches(deps.db, batchSize)) {
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
  const rows = await deps.db
    .selectFrom('searchDoc')
    .innerJoin('record', 'record.id', 'searchDoc.recordId')
    .select('searchDoc.recordId')
    .where((eb) => eb.not(searchableRecord(eb)))
    .execute();
  await deps.db.transaction().execute((tx) => replaceEntries(tx, deps.engine, rows.map((r) => r.recordId), []));
  return rows.length;
}
