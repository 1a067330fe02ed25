import { appendAudit } from '../platform/audit/store.js';
import type { ServiceDeps } from '../platform/context.js';
import type { AttachmentRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import type { BlobStore } from '../platform/files/store.js';
import { extractTextWithInfo, TextExtractionError } from '../platform/files/text.js';
import { acceptUpload } from '../platform/files/upload.js';
import { canTransition } from './model.js';
import type { Actor } from './service.js';
import * as store from './store.js';
import { ancestryIds } from '../platform/hierarchy.js';
import { can, inScope } from '../platform/auth/model.js';

/**
 * Adds an attachment to a draft. The type is decided by the bytes; the text is extracted now so
 * the pre-publication scan can read it; an unreadable file is refused rather than published unscanned.
 */
export async function addAttachment(
  deps: ServiceDeps,
  blobs: BlobStore,
  by: Actor,
  recordId: number,
  upload: { fileName: string; bytes: Uint8Array },
): Promise<AttachmentRow> {
  const record = await store.findRecord(deps.db, recordId);
  if (!record) throw errors.notFound('信息');
  if (by.staff && (!can(by.staff, 'record.edit') || !inScope(by.staff, await ancestryIds(deps.db, record.agencyId)))) throw errors.forbidden();
  if (!canTransition(record.status, 'edit')) throw errors.conflict('只有草稿可以添加附件', 'Attachments can be added to drafts only');
  const sniffed = acceptUpload(upload);
  const { fileName } = sniffed;
  let text: string;
  try {
    text = (await extractTextWithInfo(upload.bytes, sniffed.kind)).text;
  } catch (e) {
    if (e instanceof TextExtractionError) {
      throw new AppError('UNREADABLE_ATTACHMENT', 422, `无法读取该文件的文字（${e.message}），不能进行发布前检查，请另存为可复制文字的文件后上传`, 'The file text cannot be read for the pre-publication scan');
    }
    throw e;
  }
  const stored = await blobs.put(upload.bytes);
  return deps.db.transaction().execute(async (tx) => {
    const row = await store.insertAttachment(tx, {
      recordId,
      fileName,
      kind: sniffed.kind,
      mediaType: sniffed.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
      textContent: text,
      addedInVersion: record.version,
      removedInVersion: null,
      createdAt: deps.clock.now().toISOString(),
    });
    await store.insertEvent(tx, { recordId, at: deps.clock.now().toISOString(), actorLogin: by.actor.login, action: 'attach', comment: fileName });
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: record.agencyId,
      action: 'record.attach',
      objectType: 'record',
      objectId: record.indexNumber,
      summary: `添加附件 ${fileName}（SHA-256 ${stored.sha256.slice(0, 12)}…）`,
      after: { fileName, sha256: stored.sha256, size: stored.size },
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}
