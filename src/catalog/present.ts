import { z } from 'zod';
import type { AttachmentRow, RecordRow, RecordVersionRow } from '../platform/db/schema.js';
import { CATEGORIES, GENRES, VALIDITIES } from './taxonomy.js';

/** The public JSON shape of a record: statutory metadata, never internal workflow fields. */
export const publicRecordSchema = z.object({
  id: z.number().int(),
  indexNumber: z.string().describe('索引号'),
  title: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  issuers: z.array(z.object({ code: z.string(), name: z.string() })).describe('发文机关'),
  docNumber: z.string().describe('文号'),
  writtenOn: z.string().describe('成文日期'),
  publishedOn: z.string().describe('发布日期'),
  topic: z.string().describe('主题分类'),
  genre: z.enum(GENRES).describe('体裁'),
  category: z.enum(CATEGORIES).describe('五公开类别'),
  statutoryItem: z.number().int().nullable().describe('条例第二十条所列事项序号'),
  validity: z.enum(VALIDITIES).describe('有效性'),
  keywords: z.array(z.string()),
  version: z.number().int(),
  withdrawn: z.object({ on: z.string(), reason: z.string() }).nullable(),
  url: z.string(),
});
export type PublicRecord = z.infer<typeof publicRecordSchema>;

export const publicRecordDetailSchema = publicRecordSchema.extend({
  bodyHtml: z.string(),
  interprets: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  interpretations: z.array(z.object({ id: z.number().int(), title: z.string(), kind: z.string().nullable() })),
  attachments: z.array(z.object({ id: z.number().int(), fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string(), url: z.string() })),
  versions: z.array(z.object({ version: z.number().int(), publishedOn: z.string(), reason: z.string() })),
});

export function presentRecord(
  r: RecordRow,
  agency: { code: string; name: string },
  issuers: readonly { code: string; name: string }[],
): PublicRecord {
  return {
    id: r.id,
    indexNumber: r.indexNumber,
    title: r.title,
    agency,
    issuers: [...issuers],
    docNumber: r.docNumber,
    writtenOn: r.writtenOn,
    publishedOn: r.publishedOn ?? '',
    topic: r.topic,
    genre: r.genre as PublicRecord['genre'],
    category: r.category as PublicRecord['category'],
    statutoryItem: r.statutoryItem,
    validity: r.validity as PublicRecord['validity'],
    keywords: r.keywords ? r.keywords.split('、') : [],
    version: r.version,
    withdrawn: r.status === 'withdrawn' ? { on: r.withdrawnOn ?? '', reason: r.withdrawnReason } : null,
    url: `/records/${r.id}`,
  };
}

export function presentAttachment(a: AttachmentRow) {
  return { id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256, url: `/attachments/${a.id}` };
}

export function presentVersion(v: RecordVersionRow) {
  return { version: v.version, publishedOn: v.publishedOn, reason: v.reason };
}

/** Human file size, e.g. 1.2 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
