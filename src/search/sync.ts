import type { Engine, Executor } from '../platform/db/database.js';
import { ancestryIds, subtreeIds } from '../platform/hierarchy.js';
import type { RecordRow } from '../platform/db/schema.js';
import { prepareDocument } from './document.js';
import { searchIndexFor } from './index.js';
import type { SearchDocument } from './model.js';

/*
 * Keeps the index in step with the catalogue. The catalogue calls these inside the transaction
 * that publishes, revises or withdraws a record, so a record is findable exactly when it is public.
 * A scheduled record enters the index when the publication sweep publishes it.
 */

/** The record columns the index reads. */
export const INDEXED_COLUMNS = ['id', 'agencyId', 'publishedOn', 'topic', 'category', 'genre', 'validity', 'title', 'docNumber', 'bodyText', 'keywords', 'mode', 'status'] as const;
type Indexed = Pick<RecordRow, (typeof INDEXED_COLUMNS)[number]>;
type Searchable = Indexed & { publishedOn: string };

/** Only published proactive records are ever indexed (withdrawn and withheld ones never). */
export function isSearchable<R extends Pick<RecordRow, 'mode' | 'status' | 'publishedOn'>>(record: R): record is R & { publishedOn: string } {
  return record.mode === '主动公开' && record.status === 'published' && record.publishedOn !== null;
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

/** Indexes the record if it is public, removes it otherwise. */
export async function syncRecord(db: Executor, engine: Engine, record: RecordRow): Promise<void> {
  const index = searchIndexFor(engine);
  if (!isSearchable(record)) {
    await index.remove(db, record.id);
    return;
  }
  const [doc] = await documentsOf(db, [record]);
  await index.put(db, index.toRow(prepareDocument(doc!)));
}

/**
 * Re-indexes the public records of an agency and everything below it, after the agency moved in
 * the hierarchy (the index filters "with lower levels" by each document's agency path). Runs in
 * the caller's transaction; a department with many records makes that move take a while.
 */
export async function resyncAgencySubtree(db: Executor, engine: Engine, agencyId: number): Promise<number> {
  const index = searchIndexFor(engine);
  const agencies = await subtreeIds(db, agencyId);
  const records = (await db.selectFrom('record').select(INDEXED_COLUMNS).where('agencyId', 'in', agencies).execute()).filter(isSearchable);
  const paths = new Map<number, number[]>();
  for (let i = 0; i < records.length; i += 500) {
    const batch = records.slice(i, i + 500);
    await index.removeMany(db, batch.map((r) => r.id));
    await index.putMany(db, (await documentsOf(db, batch, paths)).map((d) => index.toRow(prepareDocument(d))));
  }
  return records.length;
}
