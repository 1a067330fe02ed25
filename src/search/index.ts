import type { Engine, Executor } from '../platform/db/database.js';
import type { IndexRow, PreparedDocument } from './document.js';
import { postgresIndex } from './index.postgres.js';
import { sqliteIndex } from './index.sqlite.js';
import type { EngineQuery, EngineResult } from './model.js';

/**
 * One interface, two engines (search issue): SQLite FTS5 and PostgreSQL tsvector + GIN. Writes take
 * the caller's transaction, so the index changes together with the record or not at all.
 *
 * Both engines answer relevance the same way, in three tiers, each newest first: every word in the
 * title; every word in the title or among the document's salient words; everywhere. Each tier is
 * a key-ordered scan that stops at the page, so a word found in half the corpus costs no more than
 * a rare one (ranking every match is what makes naive full-text search slow).
 */
export interface SearchIndex {
  /** The values the engine stores for a document (pure, so worker threads can build them). */
  toRow(doc: PreparedDocument): IndexRow;
  /** Adds or replaces the entry of one record. */
  put(db: Executor, row: IndexRow): Promise<void>;
  /** Adds many new entries at once (reindex, benchmark); the records must not be indexed yet. */
  putMany(db: Executor, rows: readonly IndexRow[]): Promise<void>;
  remove(db: Executor, recordId: number): Promise<void>;
  /** Removes the entries of the records that have one (a reindex batch). */
  removeMany(db: Executor, recordIds: readonly number[]): Promise<void>;
  clear(db: Executor): Promise<void>;
  /** Enters or leaves bulk loading (FTS5: no automatic merging meanwhile; optimize merges after). */
  bulkMode(db: Executor, on: boolean): Promise<void>;
  /** Merges index segments after a bulk load (FTS5 optimize; PostgreSQL ANALYZE). */
  optimize(db: Executor): Promise<void>;
  search(db: Executor, query: EngineQuery): Promise<EngineResult>;
  /** Indexed documents and the bytes the index occupies on disk. */
  size(db: Executor): Promise<{ documents: number; bytes: number }>;
}

export function searchIndexFor(engine: Engine): SearchIndex {
  return engine === 'postgres' ? postgresIndex : sqliteIndex;
}
