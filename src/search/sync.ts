import type { Engine, Executor } from '../platform/db/database.js';
import { ancestryIds, subtreeIds } from '../platform/hierarchy.js';
import type { ExpressionBuilder } from 'kysely';
import type { Database, RecordRow } from '../platform/db/schema.js';
import { prepareDocument, type IndexRow } from './document.js';
import { searchIndexFor } from './index.js';
import type { SearchDocument } from './model.js';

/*
 * Keeps the index in step with the catalogue. The catalogue calls these inside the transaction
 * that publishes, revises or withdraws a record, so a record is findable exactly when it is public.
 * A scheduled record enters the index when the publication sweep publishes it.
 */

/** The record columns the index reads. */
const INDEXED_COLUMNS = ['id', 'agencyId', 'publishedOn', 'topic', 'category', 'genre', 'validity', 'title', 'docNumber', 'bodyText', 'keywords', 'mode', 'status'] as const;
type Indexed = Pick<RecordRow, (typeof INDEXED_COLUMNS)[number]>;
type Searchable = Indexed & { publishedOn: string };

/** Only published proactive records are ever indexed (withdrawn and withheld ones never). */
function isSearchable<R extends Pick<RecordRow, 'mode' | 'status' | 'publishedOn'>>(record: R): record is R & { publishedOn: string } {
  return record.mode === '主动公开' && record.status === 'published' && record.publishedOn !== null;
}

/** isSearchable as a SQL condition on `record`. */
export function searchableRecord(eb: ExpressionBuilder<Database, 'record'>) {
  return eb.and([eb('record.mode', '=', '主动公开'), eb('record.status', '=', 'published'), eb('record.publishedOn', 'is not', null)]);
}

/** Records as the index sees them: title with 文号, body with the text of their current attachments.
 *  `paths` caches agency ancestries between batches. */
export async function documentsOf(db: Executor, records: readonly Searchable[], paths = new Map<number, number[]>()): Promise<SearchDocument[]> {
  for (const agencyId of new Set(records.map((r) => r.agencyId))) {
    if (!paths.has(agencyId)) paths.set(agencyId, await ancestryIds(db, agencyId));
  }
  const texts = new Map<number, string[]>();
  if (records.length > 0) {
    const rows = await db
      .selectFrom('attachment')
      .select(['recordId', 'textContent'])
      .where('recordId', 'in', records.map((r) => r.id))
      .where('removedInVersion', 'is', null)
      .where('textContent', '!=', '')
      .orderBy('id')
      .execute();
    for (const a of rows) texts.set(a.recordId, [...(texts.get(a.recordId) ?? []), a.textContent]);
  }
  return records.map((record) => documentFrom(record, paths.get(record.agencyId) ?? [record.agencyId], texts.get(record.id) ?? []));
}

function documentFrom(record: Searchable, agencyPath: readonly number[], attachmentTexts: readonly string[]): SearchDocument {
  return {
    recordId: record.id,
    agencyId: record.agencyId,
    agencyPath,
    publishedOn: record.publishedOn,
    topic: record.topic,
    category: record.category,
    genre: record.genre,
    validity: record.validity,
    title: record.docNumber ? `${record.title} ${record.docNumber}` : record.title,
    body: [record.bodyText, ...attachmentTexts].filter((t) => t !== '').join('\n'),
    keywords: record.keywords.split('、').filter((k) => k !== ''),
  };
}

/** Replaces the entries of the given records with `rows` (none: the records leave the index). */
export async function replaceEntries(db: Executor, engine: Engine, recordIds: readonly number[], rows: readonly IndexRow[]): Promise<void> {
  const index = searchIndexFor(engine);
  await index.removeMany(db, recordIds);
  if (rows.length > 0) await index.putMany(db, rows);
}

/** Indexes the record if it is public, removes it otherwise. */
export async function syncRecord(db: Executor, engine: Engine, record: RecordRow): Promise<void> {
  const index = searchIndexFor(engine);
  const docs = isSearchable(record) ? await documentsOf(db, [record]) : [];
  await replaceEntries(db, engine, [record.id], docs.map((d) => index.toRow(prepareDocument(d))));
}

/**
 * The public records, optionally of some agencies only, in batches walked by primary key. The
 * status is filtered here, not in SQL: a status condition lets the planner use the status index
 * and sort, which costs the whole table per batch (quadratic over a million records).
 */
export async function* searchableBatches(db: Executor, batchSize: number, agencyIds?: readonly number[]): AsyncGenerator<Searchable[]> {
  let after = 0;
  for (;;) {
    let q = db.selectFrom('record').select(INDEXED_COLUMNS).where('id', '>', after);
    if (agencyIds) q = q.where('agencyId', 'in', [...agencyIds]);
    const batch = await q.orderBy('id').limit(batchSize).execute();
    if (batch.length === 0) return;
    after = batch.at(-1)!.id;
    const records = batch.filter(isSearchable);
    if (records.length > 0) yield records;
  }
}

/** Whether the index holds nothing yet (one row read at most). */
export async function indexIsEmpty(db: Executor): Promise<boolean> {
  return (await db.selectFrom('searchDoc').select('docKey').limit(1).executeTakeFirst()) === undefined;
}

/**
 * Re-indexes the public records of an agency and everything below it, after the agency moved in
 * the hierarchy (the index filters "with lower levels" by each document's agency path). Runs in
 * the caller's transaction; a department with many records makes that move take a while.
 */
export async function resyncAgencySubtree(db: Executor, engine: Engine, agencyId: number): Promise<number> {
  const index = searchIndexFor(engine);
  const paths = new Map<number, number[]>();
  let count = 0;
  for await (const batch of searchableBatches(db, 500, await subtreeIds(db, agencyId))) {
    const rows = (await documentsOf(db, batch, paths)).map((d) => index.toRow(prepareDocument(d)));
    await replaceEntries(db, engine, batch.map((r) => r.id), rows);
    count += batch.length;
  }
  return count;
}
