/**
 * What is kept with a request besides its events: appeals (行政复议 / 行政诉讼, annual-report
 * table 四), attachments of the information provided, and the link to the record it was
 * moved into proactive disclosure as (条例 第四十四条).
 */
import { findRecordByIndexNumber } from '../catalog/service.js';
import { appendAudit } from '../platform/audit/store.js';
import { chinaDate } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { RequestAppealRow, RequestAttachmentRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import type { BlobStore } from '../platform/files/store.js';
import { acceptUpload } from '../platform/files/upload.js';
import { parseInput } from '../platform/http/validate.js';
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS } from './model.js';
import { appealSchema } from './schemas.js';
import * as store from './store.js';
import { assertHandler, loadReadable, recordEvent, type RequestActor } from './workflow-support.js';

function checkAppealDates(input: { filedOn: string; result: string; concludedOn?: string | undefined }, receivedOn: string, today: string): string[] {
  const problems: string[] = [];
  if (input.filedOn < receivedOn) problems.push('filedOn: 不能早于收到申请的日期 / cannot be before the request was received');
  if (input.filedOn > today) problems.push('filedOn: 不能晚于今天 / cannot be in the future');
  if (input.result === 'pending' && input.concludedOn) problems.push('concludedOn: 尚未审结的案件没有审结日期 / a pending case has no conclusion date');
  if (input.result !== 'pending' && !input.concludedOn) problems.push('concludedOn: 请填写审结日期 / give the date the case ended');
  if (input.concludedOn && (input.concludedOn < input.filedOn || input.concludedOn > today)) {
    problems.push('concludedOn: 审结日期应在申请日期之后且不晚于今天 / must be between filing and today');
  }
  return problems;
}

/** Records a 行政复议 or 行政诉讼 about the request (one row per case). */
export async function addAppeal(deps: ServiceDeps, by: RequestActor, requestId: number, raw: unknown): Promise<RequestAppealRow> {
  const input = parseInput(appealSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await loadReadable(tx, by, requestId);
    assertHandler(by, request.agencyId);
    const problems = checkAppealDates(input, request.receivedOn, chinaDate(deps.clock.now()));
    if (problems.length > 0) throw errors.validation(problems);
    const now = deps.clock.now().toISOString();
    const row = await store.insertAppeal(tx, {
      requestId,
      kind: input.kind,
      filedOn: input.filedOn,
      result: input.result,
      concludedOn: input.concludedOn ?? null,
      note: input.note,
      createdBy: by.actor.login,
      createdAt: now,
      updatedAt: now,
    });
    await recordEvent(tx, deps, by, request, {
      kind: 'appeal',
      onDate: input.filedOn,
      data: { appealId: row.id },
      internal: true,
      summary: `登记${APPEAL_KIND_LABELS[input.kind]}（${APPEAL_RESULT_LABELS[input.result]}）`,
    });
    return row;
  });
}

export async function updateAppeal(deps: ServiceDeps, by: RequestActor, requestId: number, appealId: number, raw: unknown): Promise<RequestAppealRow> {
  const input = parseInput(appealSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await loadReadable(tx, by, requestId);
    assertHandler(by, request.agencyId);
    const existing = (await store.appealsOf(tx, requestId)).find((a) => a.id === appealId);
    if (!existing) throw errors.notFound('复议或诉讼记录');
    const problems = checkAppealDates(input, request.receivedOn, chinaDate(deps.clock.now()));
    if (problems.length > 0) throw errors.validation(problems);
    const row = await store.updateAppeal(tx, appealId, {
      kind: input.kind,
      filedOn: input.filedOn,
      result: input.result,
      concludedOn: input.concludedOn ?? null,
      note: input.note,
      updatedAt: deps.clock.now().toISOString(),
    });
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: request.agencyId,
      action: 'request.appeal-update',
      objectType: 'request',
      objectId: request.trackingNumber,
      summary: `更新${APPEAL_KIND_LABELS[input.kind]}结果：${APPEAL_RESULT_LABELS[input.result]}`,
      before: existing,
      after: row,
    });
    return row;
  });
}

/** The information provided (or an internal working file), typed by its bytes like catalogue attachments. */
export async function addRequestAttachment(
  deps: ServiceDeps,
  blobs: BlobStore,
  by: RequestActor,
  requestId: number,
  upload: { fileName: string; bytes: Uint8Array; forApplicant: boolean },
): Promise<RequestAttachmentRow> {
  const request = await loadReadable(deps.db, by, requestId);
  assertHandler(by, request.agencyId);
  const sniffed = acceptUpload(upload);
  const { fileName } = sniffed;
  const stored = await blobs.put(upload.bytes);
  return deps.db.transaction().execute(async (tx) => {
    const row = await store.insertAttachment(tx, {
      requestId,
      fileName,
      mediaType: sniffed.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
      forApplicant: upload.forApplicant ? 1 : 0,
      addedBy: by.actor.login,
      createdAt: deps.clock.now().toISOString(),
    });
    await recordEvent(tx, deps, by, request, {
      kind: 'attachment',
      onDate: chinaDate(deps.clock.now()),
      data: { attachmentId: row.id, forApplicant: upload.forApplicant },
      comment: fileName,
      internal: !upload.forApplicant,
      summary: `添加附件 ${fileName}（SHA-256 ${stored.sha256.slice(0, 12)}…）`,
    });
    return row;
  });
}

/**
 * 条例 第四十四条: information released on request that others may want is moved into proactive
 * disclosure. The record goes through the catalogue's own review; here it is linked, so the public
 * register points to it. Only for a disclosed request whose applicant or officer agreed.
 */
export async function linkReleasedRecord(deps: ServiceDeps, by: RequestActor, requestId: number, indexNumber: string) {
  return deps.db.transaction().execute(async (tx) => {
    const request = await loadReadable(tx, by, requestId);
    assertHandler(by, request.agencyId);
    if (request.state !== 'closed' || !request.outcome || !/^(disclosed|partial)/.test(request.outcome)) {
      throw errors.conflict('只有已予以公开或部分公开的申请可以转为主动公开', 'Only disclosed requests can be moved into proactive disclosure');
    }
    if (!request.releaseConsent) throw errors.conflict('申请人或经办人未同意转为主动公开', 'Nobody agreed to move this into proactive disclosure');
    const record = await findRecordByIndexNumber(tx, indexNumber.trim());
    // The released information is the agency's own: its record is published by the same agency.
    if (!record || record.status !== 'published' || record.mode !== '主动公开' || record.agencyId !== request.agencyId) {
      throw errors.validation(['indexNumber: 找不到本机关该索引号的已发布主动公开信息 / no published record of this agency has this index number']);
    }
    const updated = await store.updateRequest(tx, request.id, { releasedRecordId: record.id });
    return recordEvent(tx, deps, by, updated, {
      kind: 'released',
      onDate: chinaDate(deps.clock.now()),
      data: { recordId: record.id, indexNumber: record.indexNumber },
      summary: `已转为主动公开（索引号 ${record.indexNumber}）`,
    });
  });
}
