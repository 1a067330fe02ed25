import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { firstKeyOn, lastKeyOn, metaOf, type IndexRow, type PreparedDocument } from './document.js';
import type { SearchIndex } from './index.js';
import type { EngineQuery } from './model.js';
import { headOnly, type Tier } from './query-plan.js';
import { rankedSearch, type EngineOps } from './rank.js';

/*
 * PostgreSQL engine: the same token streams as FTS5, written as a tsvector literal (no parser runs,
 * so index and query see exactly the same tokens). Positions follow the streams — title at weight
 * A, then after a gap the body at weight D — so phrases are adjacent positions (<->); a salient
 * word's first place in the body carries weight B instead, and tiers restrict terms by weight
 * ('t':A, 't':AB). PostgreSQL positions stop at 16,383 (documented limit): a phrase beyond that
 * point of a very long text is not found; its words still are.
 */

const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
const lexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function wordsVector(d: PreparedDocument): string {
  const positions = new Map<string, string[]>();
  const salient = new Set(d.salient);
  let position = 0;
  const add = (token: string, weight: string) => {
    if (position >= MAX_POSITION) return;
    position++;
    const list = positions.get(token) ?? [];
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
    positions.set(token, list);
  };
  for (const t of d.title) add(t, 'A');
  position++; // a gap, so no phrase runs from the title into the body
  d.body.forEach((t, i) => {
    if (i === d.bodyStreamLength) position++; // and one before the nested words
    add(t, salient.delete(t) ? 'B' : '');
  });
  position++;
  for (const t of salient) add(t, 'B'); // 主题词 not in the body
  return [...positions].map(([t, p]) => `${lexeme(t)}:${p.join(',')}`).join(' ');
}

/** Titles (weight A, in order) and then the salient words (B): the small vector of the first tiers. */
function headVector(d: PreparedDocument): string {
  const positions = new Map<string, string[]>();
  d.title.forEach((t, i) => {
    if (i < MAX_POSITION - 1) positions.set(t, [...(positions.get(t) ?? []), `${i + 1}A`].slice(0, MAX_POSITIONS_PER_LEXEME));
  });
  let position = Math.min(d.title.length + 1, MAX_POSITION - 1);
  for (const t of d.salient) positions.set(t, [...(positions.get(t) ?? []), `${Math.min(++position, MAX_POSITION)}B`].slice(0, MAX_POSITIONS_PER_LEXEME));
  return [...positions].map(([t, p]) => `${lexeme(t)}:${p.join(',')}`).join(' ');
}

const TERM_WEIGHT: Record<Tier, string> = { title: ':A', salient: ':AB', any: '' };
const PHRASE_WEIGHT: Record<Tier, string> = { title: ':A', salient: '', any: '' };

function tierCondition(q: EngineQuery, tier: Tier): RawBuilder<unknown> {
  const terms = q.query.terms.map((t) => lexeme(t) + TERM_WEIGHT[tier]);
  const phrases = q.query.phrases.map((p) => `(${p.map((t) => lexeme(t) + PHRASE_WEIGHT[tier]).join(' <-> ')})`);
  // In the salient tier a phrase's words must also be salient (or in the title).
  const phraseWords = tier === 'salient' ? q.query.phrases.flat().map((t) => lexeme(t) + TERM_WEIGHT.salient) : [];
  // `head` holds only titles and salient words, so the weights A/AB are implied by the column.
  const column = headOnly(q, tier) ? sql`head` : sql`words`;
  return sql`(${column} @@ ${[...terms, ...phrases, ...phraseWords].join(' & ')}::tsquery)`;
}

function exclusions(q: EngineQuery): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  for (const t of q.query.excluded) out.push(sql`NOT (words @@ ${lexeme(t)}::tsquery)`);
  for (const p of q.query.excludedPhrases) out.push(sql`NOT (words @@ ${p.map(lexeme).join(' <-> ')}::tsquery)`);
  return out;
}

function filters(q: EngineQuery): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [sql`doc_key BETWEEN ${q.from ? firstKeyOn(q.from) : 0} AND ${q.to ? lastKeyOn(q.to) : Number.MAX_SAFE_INTEGER}`];
  if (q.agency) out.push(q.agency.lower ? sql`agency_id IN (${sql.join([...q.agency.subtree])})` : sql`agency_id = ${q.agency.id}`);
  if (q.topic) {
    // A top-level topic matches itself and its sub-topics; ESCAPE '!' as in the catalogue listing.
    const pattern = `${q.topic.replace(/[!%_]/g, (c) => `!${c}`)}\\%`;
    out.push(sql`(topic = ${q.topic} OR topic LIKE ${pattern} ESCAPE '!')`);
  }
  if (q.category) out.push(sql`category = ${q.category}`);
  if (q.genre) out.push(sql`genre = ${q.genre}`);
  if (q.validity) out.push(sql`validity = ${q.validity}`);
  return out;
}

function where(q: EngineQuery, tier: Tier, exceptTier?: Tier): RawBuilder<unknown> {
  const parts = [tierCondition(q, tier), ...exclusions(q), ...filters(q)];
  if (exceptTier) parts.push(sql`NOT ${tierCondition(q, exceptTier)}`);
  return sql.join(parts, sql` AND `);
}

async function keysWhere(db: Executor, condition: RawBuilder<unknown>, limit: number | null, offset = 0): Promise<number[]> {
  const { rows } = await sql<{ k: number }>`
    SELECT doc_key AS k FROM search_doc WHERE ${condition} ORDER BY doc_key DESC
    ${limit === null ? sql`` : sql`LIMIT ${limit} OFFSET ${offset}`}`.execute(db);
  return rows.map((r) => Number(r.k));
}

const ops: EngineOps = {
  keys: (db, q, tier, except, limit, offset) => (limit <= 0 ? Promise.resolve([]) : keysWhere(db, where(q, tier, except), limit, offset)),
  headKeys(db, q, tier, range) {
    const query =
      tier === 'title'
        ? [...q.query.terms.map((t) => `${lexeme(t)}:A`), ...q.query.phrases.map((p) => `(${p.map((t) => `${lexeme(t)}:A`).join(' <-> ')})`)]
        : [...q.query.terms, ...q.query.phrases.flat()].map(lexeme);
    return keysWhere(db, sql`head @@ ${query.join(' & ')}::tsquery AND doc_key BETWEEN ${range.lo} AND ${range.hi}`, null);
  },
  async scan(db, q, keep, cap) {
    const { rows } = await sql<{ k: number; n: number }>`
      WITH m AS MATERIALIZED (SELECT doc_key AS k FROM search_doc WHERE ${where(q, 'any')} ORDER BY doc_key DESC LIMIT ${cap})
      SELECT k, (SELECT count(*) FROM m) AS n FROM m ORDER BY k DESC LIMIT ${keep}`.execute(db);
    return { count: Number(rows[0]?.n ?? 0), newest: rows.map((r) => Number(r.k)) };
  },
  async facetRows(db, keys) {
    if (keys.length === 0) return [];
    const { rows } = await sql<{ f: string; v: string; n: number }>`
      WITH sample AS MATERIALIZED (
        SELECT agency_id, topic FROM search_doc WHERE doc_key = ANY(${[...keys]}::bigint[]))
      SELECT 'a' AS f, agency_id::text AS v, count(*) AS n FROM sample GROUP BY agency_id
      UNION ALL SELECT 't', topic, count(*) FROM sample GROUP BY topic`.execute(db);
    return rows;
  },
};

const BATCH = 100;

async function insertMany(db: Executor, docs: readonly IndexRow[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map((r) => {
      const x = r.meta;
      return sql`(${r.docKey}, ${x.recordId}, ${x.agencyId}, ${x.publishedOn}, ${x.topic}, ${x.category}, ${x.genre}, ${x.validity},
        ${r.values[0]}::tsvector, ${r.values[1]}::tsvector)`;
    });
    await sql`INSERT INTO search_doc (doc_key, record_id, agency_id, published_on, topic, category, genre, validity, words, head)
      VALUES ${sql.join(rows)}`.execute(db);
  }
}

export const postgresIndex: SearchIndex = {
  toRow: (d) => ({ docKey: d.docKey, meta: metaOf(d.doc), values: [wordsVector(d), headVector(d)] }),
  putMany: insertMany,
  async removeMany(db, recordIds) {
    if (recordIds.length > 0) await db.deleteFrom('searchDoc').where('recordId', 'in', [...recordIds]).execute();
  },
  async clear(db) {
    await db.deleteFrom('searchDoc').execute();
  },
  bulkMode: async () => undefined,
  async optimize(db) {
    await sql`ANALYZE search_doc`.execute(db);
  },
  search: (db, q) => rankedSearch(ops, db, q),
  async size(db) {
    const { rows } = await sql<{ documents: number; bytes: number }>`
      SELECT (SELECT count(*) FROM search_doc) AS documents, pg_total_relation_size('search_doc') AS bytes`.execute(db);
    return { documents: Number(rows[0]?.documents ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  },
};
