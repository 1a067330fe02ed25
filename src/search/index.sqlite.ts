import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { firstKeyOn, lastKeyOn, metaOf, recordIdOfKey, type IndexRow, type PreparedDocument } from './document.js';
import type { SearchIndex } from './index.js';
import { COUNT_LIMIT, FACET_SAMPLE, type EngineQuery, type EngineResult } from './model.js';
import { facetsFrom, filterTags, TIERS, type Tier } from './query-plan.js';

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

async function keys(db: Executor, q: EngineQuery, expr: string, limit: number, offset = 0): Promise<number[]> {
  if (limit <= 0) return [];
  const { rows } = await sql<{ k: number }>`
    SELECT rowid AS k FROM search_fts WHERE search_fts MATCH ${expr} AND ${keyRange(q)}
    ORDER BY rowid DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.map((r) => Number(r.k));
}

/** The page of a relevance query: the tiers one after another, each newest first. */
async function relevancePage(db: Executor, q: EngineQuery): Promise<number[]> {
  const wanted = q.offset + q.limit;
  const found: number[] = [];
  for (let i = 0; i < TIERS.length && found.length < wanted; i++) {
    found.push(...(await keys(db, q, matchExpression(q, TIERS[i]!, TIERS[i - 1]), wanted - found.length)));
  }
  return found.slice(q.offset, wanted);
}

async function countAndFacets(db: Executor, q: EngineQuery) {
  const matches = sql`SELECT rowid AS k FROM search_fts WHERE search_fts MATCH ${matchExpression(q, 'any')} AND ${keyRange(q)}`;
  const { rows: counted } = await sql<{ n: number }>`SELECT count(*) AS n FROM (${matches} LIMIT ${COUNT_LIMIT + 1}) x`.execute(db);
  const n = Number(counted[0]?.n ?? 0);
  const { rows } = await sql<{ f: string; v: string; n: number }>`
    WITH m AS MATERIALIZED (
      SELECT d.agency_id, d.topic, substr(d.published_on, 1, 4) AS year
      FROM (${matches} ORDER BY rowid DESC LIMIT ${FACET_SAMPLE}) x JOIN search_doc d ON d.doc_key = x.k)
    SELECT 'a' AS f, CAST(agency_id AS TEXT) AS v, count(*) AS n FROM m GROUP BY agency_id
    UNION ALL SELECT 't', topic, count(*) FROM m GROUP BY topic
    UNION ALL SELECT 'y', year, count(*) FROM m GROUP BY year`.execute(db);
  return { total: Math.min(n, COUNT_LIMIT), exact: n <= COUNT_LIMIT, facetsSampled: n > FACET_SAMPLE, facets: facetsFrom(rows) };
}

/** The FTS5 column values, in table order. */
function toRow(d: PreparedDocument): IndexRow {
  return { docKey: d.docKey, meta: metaOf(d.doc), values: [d.title, d.salient, d.body, d.tags].map((c) => c.join(' ')) };
}

const ftsRow = (r: IndexRow) => sql`(${r.docKey}, ${sql.join(r.values.map((v) => sql`${v}`))})`;

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
  }
}

async function removeMany(db: Executor, recordIds: readonly number[]): Promise<void> {
  if (recordIds.length === 0) return;
  const old = await db.selectFrom('searchDoc').select('docKey').where('recordId', 'in', [...recordIds]).execute();
  if (old.length === 0) return;
  const keys = old.map((o) => o.docKey);
  await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(keys)})`.execute(db);
  await db.deleteFrom('searchDoc').where('docKey', 'in', keys).execute();
}

const remove = (db: Executor, recordId: number) => removeMany(db, [recordId]);

export const sqliteIndex: SearchIndex = {
  toRow,
  async put(db, row) {
    await remove(db, row.meta.recordId);
    await insertMany(db, [row]);
  },
  putMany: insertMany,
  remove,
  removeMany,
  async clear(db) {
    await sql`DELETE FROM search_fts`.execute(db);
    await db.deleteFrom('searchDoc').execute();
  },
  async optimize(db) {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
  },
  async search(db, q): Promise<EngineResult> {
    const pageKeys = q.sort === 'date' ? await keys(db, q, matchExpression(q, 'any'), q.limit, q.offset) : await relevancePage(db, q);
    return { ids: pageKeys.map(recordIdOfKey), ...(await countAndFacets(db, q)) };
  },
  async size(db) {
    const { rows } = await sql<{ documents: number; bytes: number }>`
      SELECT (SELECT count(*) FROM search_doc) AS documents,
             (SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search_%') AS bytes`.execute(db);
    return { documents: Number(rows[0]?.documents ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  },
};
