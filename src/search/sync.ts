import type { Engine, Executor } from '../platform/db/database.js';
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

/** Records as the index sees them: title with 文号, body with the text of their current attachments. */
export async function documentsOf(db: Executor, records: readonly Searchable[]): Promise<SearchDocument[]> {
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
  return records.map((record) => documentFrom(record, texts.get(record.id) ?? []));
}

function documentFrom(record: Searchable, attachmentTexts: readonly string[]): SearchDocument {
  return {
    recordId: record.id,
    agencyId: record.agencyId,
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
