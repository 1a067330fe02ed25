import type { Engine, Executor } from '../platform/db/database.js';
import type { IndexRow, PreparedDocument } from './document.js';
import { postgresIndex } from './index.postgres.js';
import { sqliteIndex } from './index.sqlite.js';
import type { EngineQuery, EngineResult } from './model.js';

/**
 * One interface, two engines (search issue): SQLite FTS5 and PostgreSQL tsvector + GIN. Writes take
 * the caller's transaction, so the index changes together with the record or not at all (sync.ts
 * replaces a record's entry with removeMany + putMany). Both engines rank the same way (rank.ts).
 */
export interface SearchIndex {
  /** The values the engine stores for a document (pure, so worker threads can build them). */
  toRow(doc: PreparedDocument): IndexRow;
  /** Adds entries; their records must have none (remove them first). */
  putMany(db: Executor, rows: readonly IndexRow[]): Promise<void>;
  /** Removes the entries of those records that have one. */
  removeMany(db: Executor, recordIds: readonly number[]): Promise<void>;
  clear(db: Executor): Promise<void>;
  /** Enters or leaves bulk loading (FTS5: no automatic merging meanwhile; optimize merges after). */
  bulkMode(db: Executor, on: boolean): Promise<void>;
  /** Merges index segments after a bulk load (FTS5 optimize; PostgreSQL ANALYZE). */
  optimize(db: Executor): Promise<void>;
  search(db: Executor, query: EngineQuery): Promise<EngineResult>;
  /** Indexed documents and the bytes the index occupies on disk (reads the whole index: reports only). */
  size(db: Executor): Promise<{ documents: number; bytes: number }>;
}

export function searchIndexFor(engine: Engine): SearchIndex {
  return engine === 'postgres' ? postgresIndex : sqliteIndex;
}
