import { currentAttachments } from '../catalog/store.js';
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

/** Only published proactive records are ever indexed (withdrawn and withheld ones never). */
export function isSearchable(record: Pick<RecordRow, 'mode' | 'status' | 'publishedOn'>): record is RecordRow & { publishedOn: string } {
  return record.mode === '主动公开' && record.status === 'published' && record.publishedOn !== null;
}

/** The record as the index sees it: title with 文号, body with the text of its current attachments. */
export async function documentOf(db: Executor, record: RecordRow & { publishedOn: string }): Promise<SearchDocument> {
  const attachments = await currentAttachments(db, record.id);
  return {
    recordId: record.id,
    agencyId: record.agencyId,
    publishedOn: record.publishedOn,
    topic: record.topic,
    category: record.category,
    genre: record.genre,
    validity: record.validity,
    title: record.docNumber ? `${record.title} ${record.docNumber}` : record.title,
    body: [record.bodyText, ...attachments.map((a) => a.textContent)].filter((t) => t !== '').join('\n'),
    keywords: record.keywords.split('、').filter((k) => k !== ''),
  };
}

/** Indexes the record if it is public, removes it otherwise. */
export async function syncRecord(db: Executor, engine: Engine, record: RecordRow): Promise<void> {
  const index = searchIndexFor(engine);
  if (isSearchable(record)) await index.put(db, prepareDocument(await documentOf(db, record)));
  else await index.remove(db, record.id);
}
