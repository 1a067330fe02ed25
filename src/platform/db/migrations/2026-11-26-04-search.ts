import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationEngine } from './helpers.js';

/**
 * The full-text index of public catalogue records (search issue). `search_doc` holds one row per
 * indexed record with its filter values; `doc_key` orders documents by publication date
 * (day number × 2^32 + record id), so "newest first" and date ranges are key-order scans.
 *
 * SQLite: an FTS5 table whose rowid is doc_key. It is contentless (contentless_delete=1): the
 * record table already holds the text, results are rendered from it, and the index stores only the
 * posting lists. Its columns are the analysed token streams (title, salient words, body); `tags`
 * carries the filter values as tokens, so a filtered query is a single MATCH. `search_head` repeats
 * the title, salient and tags columns alone, for the relevance tiers that need only those.
 * PostgreSQL: a tsvector column with a GIN index, built from the same token streams (weights:
 * A title, B salient, D body), and `head`, the titles and salient words alone, likewise.
 */
export function search(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      let table = db.schema
        .createTable('search_doc')
        .addColumn('doc_key', engine === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
        .addColumn('record_id', 'integer', (c) => c.notNull().unique().references('record.id'))
        .addColumn('agency_id', 'integer', (c) => c.notNull())
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('genre', 'text', (c) => c.notNull())
        .addColumn('validity', 'text', (c) => c.notNull());
      if (engine === 'postgres') {
        table = table.addColumn('words', sql`tsvector`, (c) => c.notNull()).addColumn('head', sql`tsvector`, (c) => c.notNull());
      }
      await table.execute();
      if (engine === 'postgres') {
        await sql`CREATE INDEX search_doc_words_idx ON search_doc USING gin (words)`.execute(db);
        await sql`CREATE INDEX search_doc_head_idx ON search_doc USING gin (head)`.execute(db);
        await db.schema.createIndex('search_doc_agency_idx').on('search_doc').columns(['agency_id', 'doc_key']).execute();
      } else {
        // doc_key is INTEGER PRIMARY KEY, the table's rowid: joining the FTS rowid to it is one b-tree step.
        await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, salient, body, tags,
          content='', contentless_delete=1, tokenize='ascii', detail=full)`.execute(db);
        // Pending terms are flushed at every commit anyway; a larger buffer lets a bulk batch of
        // a thousand documents become one segment instead of several (fewer merges).
        await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ${sql.lit(64 * 1024 * 1024)})`.execute(db);
        // Titles and salient words again, alone: the first relevance tiers scan these short lists.
        await sql`CREATE VIRTUAL TABLE search_head USING fts5(title, salient, tags,
          content='', contentless_delete=1, tokenize='ascii', detail=full)`.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      if (engine === 'sqlite') {
        await sql`DROP TABLE search_head`.execute(db);
        await sql`DROP TABLE search_fts`.execute(db);
      }
      await db.schema.dropTable('search_doc').execute();
    },
  };
}
