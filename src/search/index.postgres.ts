import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { firstKeyOn, lastKeyOn, recordIdOfKey, type PreparedDocument } from './document.js';
import type { SearchIndex } from './index.js';
import { COUNT_LIMIT, type EngineQuery, type EngineResult } from './model.js';
import { facetsFrom, type Tier, TIERS } from './query-plan.js';

/*
 * PostgreSQL engine: the same token streams as FTS5, written as tsvector literals (no parser runs,
 * so index and query see exactly the same tokens). `words` carries each distinct word once with a
 * weight per place — A title, B salient, D body — and tiers restrict by weight ('t':A, 't':AB).
 * `literal` keeps text order for phrases (<->): title at weight A, then the body after a gap so a
 * phrase cannot straddle the two. PostgreSQL positions stop at 16,383 (documented limit): phrases
 * beyond that point of a very long text are not found; its words still are.
 */

const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
const lexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export function wordsVector(d: PreparedDocument): string {
  const weights = new Map<string, string[]>();
  const mark = (tokens: readonly string[], entry: string) => {
    for (const t of tokens) weights.set(t, [...(weights.get(t) ?? []), entry]);
  };
  mark(d.titleWords, '1A');
  mark(d.salient, '2B');
  mark(d.bodyWords, '3');
  return [...weights].map(([t, w]) => `${lexeme(t)}:${w.join(',')}`).join(' ');
}

export function literalVector(d: PreparedDocument): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (tokens: readonly string[], weight: string) => {
    for (const t of tokens) {
      if (++position > MAX_POSITION) return;
      const list = positions.get(t) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
      positions.set(t, list);
    }
  };
  add(d.titleLiteral, 'A');
  position++; // the gap between title and body
  add(d.bodyLiteral, '');
  return [...positions].map(([t, p]) => `${lexeme(t)}:${p.join(',')}`).join(' ');
}

const WORD_WEIGHT: Record<Tier, string> = { title: ':A', salient: ':AB', any: '' };
const LITERAL_WEIGHT: Record<Tier, string> = { title: ':A', salient: '', any: '' };

function tierCondition(q: EngineQuery, tier: Tier): RawBuilder<unknown> {
  const phrase = (tokens: readonly string[]) => `(${tokens.map((t) => lexeme(t) + LITERAL_WEIGHT[tier]).join(' <-> ')})`;
  const words = q.fallback ? [] : q.query.terms.map((t) => lexeme(t) + WORD_WEIGHT[tier]);
  const phrases = (q.fallback ? q.query.fallbackPhrases : q.query.phrases).map(phrase);
  const parts: RawBuilder<unknown>[] = [];
  if (words.length > 0) parts.push(sql`words @@ ${words.join(' & ')}::tsquery`);
  if (phrases.length > 0) parts.push(sql`literal @@ ${phrases.join(' & ')}::tsquery`);
  return sql`(${sql.join(parts, sql` AND `)})`;
}

function exclusions(q: EngineQuery): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  for (const t of q.query.excluded) out.push(sql`NOT (words @@ ${lexeme(t)}::tsquery)`);
  for (const p of q.query.excludedPhrases) out.push(sql`NOT (literal @@ ${p.map(lexeme).join(' <-> ')}::tsquery)`);
  return out;
}

function filters(q: EngineQuery): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [sql`doc_key BETWEEN ${q.from ? firstKeyOn(q.from) : 0} AND ${q.to ? lastKeyOn(q.to) : Number.MAX_SAFE_INTEGER}`];
  if (q.agencyIds) out.push(q.agencyIds.length > 0 ? sql`agency_id IN (${sql.join([...q.agencyIds])})` : sql`false`);
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

async function keys(db: Executor, condition: RawBuilder<unknown>, limit: number, offset = 0): Promise<number[]> {
  if (limit <= 0) return [];
  const { rows } = await sql<{ k: number }>`
    SELECT doc_key AS k FROM search_doc WHERE ${condition} ORDER BY doc_key DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.map((r) => Number(r.k));
}

async function relevancePage(db: Executor, q: EngineQuery): Promise<number[]> {
  const wanted = q.offset + q.limit;
  const found: number[] = [];
  for (let i = 0; i < TIERS.length && found.length < wanted; i++) {
    found.push(...(await keys(db, where(q, TIERS[i]!, TIERS[i - 1]), wanted - found.length)));
  }
  return found.slice(q.offset, wanted);
}

async function countAndFacets(db: Executor, q: EngineQuery) {
  const condition = where(q, 'any');
  const { rows } = await sql<{ f: string; v: string; n: number }>`
    WITH m AS MATERIALIZED (
      SELECT agency_id, topic, substr(published_on, 1, 4) AS year FROM search_doc
      WHERE ${condition} ORDER BY doc_key DESC LIMIT ${COUNT_LIMIT + 1})
    SELECT 'a' AS f, agency_id::text AS v, count(*) AS n FROM m GROUP BY agency_id
    UNION ALL SELECT 't', topic, count(*) FROM m GROUP BY topic
    UNION ALL SELECT 'y', year, count(*) FROM m GROUP BY year`.execute(db);
  const facets = facetsFrom(rows);
  let total = facets.agency.reduce((sum, f) => sum + f.count, 0);
  const exact = total <= COUNT_LIMIT;
  if (!exact) {
    const { rows: all } = await sql<{ n: number }>`SELECT count(*) AS n FROM search_doc WHERE ${condition}`.execute(db);
    total = Number(all[0]?.n ?? 0);
  }
  return { total, exact, facets };
}

const BATCH = 100;

async function insertMany(db: Executor, docs: readonly PreparedDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map((d) => {
      const x = d.doc;
      return sql`(${d.docKey}, ${x.recordId}, ${x.agencyId}, ${x.publishedOn}, ${x.topic}, ${x.category}, ${x.genre}, ${x.validity},
        ${wordsVector(d)}::tsvector, ${literalVector(d)}::tsvector)`;
    });
    await sql`INSERT INTO search_doc (doc_key, record_id, agency_id, published_on, topic, category, genre, validity, words, literal)
      VALUES ${sql.join(rows)}`.execute(db);
  }
}

export const postgresIndex: SearchIndex = {
  async put(db, doc) {
    await db.deleteFrom('searchDoc').where('recordId', '=', doc.doc.recordId).execute();
    await insertMany(db, [doc]);
  },
  putMany: insertMany,
  async remove(db, recordId) {
    await db.deleteFrom('searchDoc').where('recordId', '=', recordId).execute();
  },
  async clear(db) {
    await db.deleteFrom('searchDoc').execute();
  },
  async optimize(db) {
    await sql`ANALYZE search_doc`.execute(db);
  },
  async search(db, q): Promise<EngineResult> {
    const pageKeys = q.sort === 'date' ? await keys(db, where(q, 'any'), q.limit, q.offset) : await relevancePage(db, q);
    const { total, exact, facets } = await countAndFacets(db, q);
    return { ids: pageKeys.map(recordIdOfKey), total, exact, facets };
  },
  async size(db) {
    const { rows } = await sql<{ documents: number; bytes: number }>`
      SELECT (SELECT count(*) FROM search_doc) AS documents, pg_total_relation_size('search_doc') AS bytes`.execute(db);
    return { documents: Number(rows[0]?.documents ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  },
};
