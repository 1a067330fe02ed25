import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { firstKeyOn, lastKeyOn, metaOf, type IndexRow, type PreparedDocument } from './document.js';
import type { SearchIndex } from './index.js';
import type { EngineQuery } from './model.js';
import { filterTags, headOnly, type Tier } from './query-plan.js';
import { rankedSearch, type EngineOps } from './rank.js';

/*
 * SQLite FTS5 engine. A query is one MATCH expression: the words and phrases restricted to the
 * tier's columns, the filter values as `tags` tokens, exclusions as NOT. Tokens are letters and
 * digits only (see segment.ts), so quoting them is all the escaping FTS5 syntax needs.
 */

const quote = (token: string) => `"${token}"`;
const phrase = (tokens: readonly string[]) => `"${tokens.join(' ')}"`;

const TERM_COLUMNS: Record<Tier, string> = {
  title: '{title}',
  salient: '{title salient}',
  any: '{title salient body}',
};
const PHRASE_COLUMNS: Record<Tier, string> = {
  title: '{title}',
  salient: '{title body}',
  any: '{title body}',
};

// In the salient tier a phrase's words must also be salient (or in the title).
function positive(q: EngineQuery, tier: Tier): string {
  const parts = [
    ...q.query.terms.map((t) => `${TERM_COLUMNS[tier]} : ${quote(t)}`),
    ...q.query.phrases.map((p) => `${PHRASE_COLUMNS[tier]} : ${phrase(p)}`),
    ...(tier === 'salient' ? q.query.phrases.flat().map((t) => `${TERM_COLUMNS.salient} : ${quote(t)}`) : []),
    ...filterTags(q).map((alternatives) => `{tags} : (${alternatives.map(quote).join(' OR ')})`),
  ];
  return parts.join(' AND ');
}

/** The MATCH expression of a tier; `exceptTier` removes the documents of the tier above. */
export function matchExpression(q: EngineQuery, tier: Tier, exceptTier?: Tier): string {
  let expr = `(${positive(q, tier)})`;
  if (exceptTier) expr = `(${expr} NOT (${positive(q, exceptTier)}))`;
  for (const t of q.query.excluded) expr = `(${expr} NOT ${TERM_COLUMNS.any} : ${quote(t)})`;
  for (const p of q.query.excludedPhrases) expr = `(${expr} NOT ${PHRASE_COLUMNS.any} : ${phrase(p)})`;
  return expr;
}

function keyRange(q: EngineQuery): RawBuilder<unknown> {
  const lo = q.from ? firstKeyOn(q.from) : 0;
  const hi = q.to ? lastKeyOn(q.to) : Number.MAX_SAFE_INTEGER;
  return sql`rowid BETWEEN ${lo} AND ${hi}`;
}

type Table = 'search_fts' | 'search_head';

async function matchKeys(db: Executor, table: Table, expr: string, range: RawBuilder<unknown>, limit: number | null, offset = 0): Promise<number[]> {
  const t = sql.table(table);
  const { rows } = await sql<{ k: number }>`
    SELECT rowid AS k FROM ${t} WHERE ${t} MATCH ${expr} AND ${range}
    ORDER BY rowid DESC ${limit === null ? sql`` : sql`LIMIT ${limit} OFFSET ${offset}`}`.execute(db);
  return rows.map((r) => Number(r.k));
}

/** The head index's expression: words (and phrases, in the title tier) in titles or salient words. */
function headExpression(q: EngineQuery, tier: 'title' | 'salient'): string {
  const parts =
    tier === 'title'
      ? [...q.query.terms.map((t) => `{title} : ${quote(t)}`), ...q.query.phrases.map((p) => `{title} : ${phrase(p)}`)]
      : [...q.query.terms, ...q.query.phrases.flat()].map((t) => `{title salient} : ${quote(t)}`);
  return parts.join(' AND ');
}

const ops: EngineOps = {
  // Tiers that need only titles and salient words (headOnly) read search_head, a tenth the size.
  keys: (db, q, tier, except, limit, offset) =>
    limit <= 0 ? Promise.resolve([]) : matchKeys(db, headOnly(q, tier) ? 'search_head' : 'search_fts', matchExpression(q, tier, except), keyRange(q), limit, offset),
  headKeys: (db, q, tier, range) => matchKeys(db, 'search_head', headExpression(q, tier), sql`rowid BETWEEN ${range.lo} AND ${range.hi}`, null),
  // One row back (the keys as a JSON array): a row object per key costs more than the scan.
  async scan(db, q, keep, cap) {
    const { rows } = await sql<{ n: number; keys: string }>`
      WITH m AS MATERIALIZED (
        SELECT rowid AS k FROM search_fts WHERE search_fts MATCH ${matchExpression(q, 'any')} AND ${keyRange(q)}
        ORDER BY rowid DESC LIMIT ${cap})
      SELECT (SELECT count(*) FROM m) AS n, (SELECT json_group_array(k) FROM (SELECT k FROM m ORDER BY k DESC LIMIT ${keep})) AS keys`.execute(db);
    return { count: Number(rows[0]?.n ?? 0), newest: JSON.parse(rows[0]?.keys ?? '[]') as number[] };
  },
  async facetRows(db, keys) {
    if (keys.length === 0) return [];
    const { rows } = await sql<{ f: string; v: string; n: number }>`
      WITH sample AS MATERIALIZED (
        SELECT agency_id, topic FROM search_doc
        WHERE doc_key IN (SELECT value FROM json_each(${JSON.stringify(keys)})))
      SELECT 'a' AS f, CAST(agency_id AS TEXT) AS v, count(*) AS n FROM sample GROUP BY agency_id
      UNION ALL SELECT 't', topic, count(*) FROM sample GROUP BY topic`.execute(db);
    return rows;
  },
};

/** The FTS5 column values, in table order. */
function toRow(d: PreparedDocument): IndexRow {
  return { docKey: d.docKey, meta: metaOf(d.doc), values: [d.title, d.salient, d.body, d.tags].map((c) => c.join(' ')) };
}

const ftsRow = (r: IndexRow) => sql`(${r.docKey}, ${sql.join(r.values.map((v) => sql`${v}`))})`;
const headRow = (r: IndexRow) => sql`(${r.docKey}, ${r.values[0]}, ${r.values[1]}, ${r.values[3]})`;

function docRow(r: IndexRow) {
  const x = r.meta;
  return sql`(${r.docKey}, ${x.recordId}, ${x.agencyId}, ${x.publishedOn}, ${x.topic}, ${x.category}, ${x.genre}, ${x.validity})`;
}

// Multi-row INSERTs; 100 rows × 8 values stays far below SQLite's 32,766 bound parameters.
const BATCH = 100;

async function insertMany(db: Executor, docs: readonly IndexRow[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    await sql`INSERT INTO search_doc (doc_key, record_id, agency_id, published_on, topic, category, genre, validity)
      VALUES ${sql.join(batch.map(docRow))}`.execute(db);
    await sql`INSERT INTO search_fts (rowid, title, salient, body, tags)
      VALUES ${sql.join(batch.map(ftsRow))}`.execute(db);
    await sql`INSERT INTO search_head (rowid, title, salient, tags)
      VALUES ${sql.join(batch.map(headRow))}`.execute(db);
  }
}

async function removeMany(db: Executor, recordIds: readonly number[]): Promise<void> {
  if (recordIds.length === 0) return;
  const old = await db.selectFrom('searchDoc').select('docKey').where('recordId', 'in', [...recordIds]).execute();
  if (old.length === 0) return;
  const keys = old.map((o) => o.docKey);
  await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(keys)})`.execute(db);
  await sql`DELETE FROM search_head WHERE rowid IN (${sql.join(keys)})`.execute(db);
  await db.deleteFrom('searchDoc').where('docKey', 'in', keys).execute();
}


export const sqliteIndex: SearchIndex = {
  toRow,
  putMany: insertMany,
  removeMany,
  async clear(db) {
    await sql`DELETE FROM search_fts`.execute(db);
    await sql`DELETE FROM search_head`.execute(db);
    await db.deleteFrom('searchDoc').execute();
  },
  // Automatic merging rewrites each token about log4(segments) times during a bulk load; off, the
  // crisis merge (16 segments on a level) still bounds the segment count, and optimize merges once.
  async bulkMode(db, on) {
    for (const table of ['search_fts', 'search_head'] as const) {
      const t = sql.table(table);
      await sql`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', ${sql.lit(on ? 0 : 4)})`.execute(db);
    }
  },
  async optimize(db) {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    await sql`INSERT INTO search_head (search_head) VALUES ('optimize')`.execute(db);
  },
  search: (db, q) => rankedSearch(ops, db, q),
  async size(db) {
    const { rows } = await sql<{ documents: number; bytes: number }>`
      SELECT (SELECT count(*) FROM search_doc) AS documents,
             (SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search_%') AS bytes`.execute(db);
    return { documents: Number(rows[0]?.documents ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  },
};
