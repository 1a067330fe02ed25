import { findAgencyByCode, findAgencyById } from '../agencies/service.js';
import { ancestryIds } from '../platform/hierarchy.js';
import { appendAudit } from '../platform/audit/store.js';
import type { AuditActor } from '../platform/audit/model.js';
import { can, inScope, type StaffIdentity } from '../platform/auth/model.js';
import { chinaDate } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor, Tx } from '../platform/db/database.js';
import type { AgencyRow, RecordRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { htmlToText, sanitizeRichText } from '../platform/html/sanitize.js';
import { maskForDisplay, scanText, type ScanHit } from '../platform/privacy/scanner.js';
import { canTransition, docNumberKey, formatIndexNumber, recordInputSchema, type RecordInput, type WorkflowAction } from './model.js';
import * as store from './store.js';
import { syncRecord } from '../search/sync.js';

export * from './store.js';

export interface Actor {
  readonly actor: AuditActor;
  /** null when the system acts (seed, CLI, scheduled publication). */
  readonly staff: StaffIdentity | null;
  readonly ip?: string;
}

const scanBlocked = (hits: readonly ScanHit[]) =>
  new AppError(
    'SCAN_BLOCKED',
    409,
    `发布前检查发现${hits.length}处可能的个人信息或涉密标识，须处理或由审核人员填写理由后放行`,
    `The pre-publication scan found ${hits.length} possible personal-data or secrecy hits; fix them or override with a written reason`,
    hits.map((h) => `${h.source}: ${maskForDisplay(h)}`),
  );

function parseInput(deps: ServiceDeps, raw: unknown): RecordInput {
  const parsed = recordInputSchema.safeParse(raw);
  if (!parsed.success) throw errors.validation(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  // A future date would hide a late publication from the 第二十六条 check.
  const today = chinaDate(deps.clock.now());
  const future = (['writtenOn', 'formedOn'] as const).filter((k) => parsed.data[k] > today);
  if (future.length > 0) throw errors.validation(future.map((k) => `${k}: 日期不能晚于今天（${today}）/ the date cannot be in the future`));
  return parsed.data;
}

/** The staff member must hold the permission and the record's agency must be theirs or below. */
async function assertMay(db: Executor, by: Actor, permission: 'record.edit' | 'record.review', agencyId: number) {
  if (!by.staff) return;
  if (!can(by.staff, permission) || !inScope(by.staff, await ancestryIds(db, agencyId))) throw errors.forbidden();
}

function assertStep(record: RecordRow, action: WorkflowAction) {
  if (!canTransition(record.status, action)) {
    throw errors.conflict(`当前状态（${record.status}）不能执行此操作`, `A record in status ${record.status} cannot be ${action}ed`);
  }
}

async function event(tx: Tx, deps: ServiceDeps, by: Actor, record: RecordRow, action: string, summary: string, comment = '', before?: unknown) {
  const at = deps.clock.now();
  await store.insertEvent(tx, { recordId: record.id, at: at.toISOString(), actorLogin: by.actor.login, action, comment });
  await appendAudit(tx, at, {
    actor: by.actor,
    agencyId: record.agencyId,
    action: `record.${action}`,
    objectType: 'record',
    objectId: record.indexNumber,
    summary,
    ...(before !== undefined ? { before } : {}),
    after: record,
    ...(by.ip ? { ip: by.ip } : {}),
  });
}

/** Resolves issuer codes (the publishing agency first) and the interpreted policy. */
async function resolveLinks(tx: Executor, input: RecordInput, publisher: AgencyRow) {
  const codes = [publisher.code, ...input.issuers.filter((c) => c !== publisher.code)];
  const issuerIds: number[] = [];
  for (const code of codes) {
    const a = await findAgencyByCode(tx, code);
    if (!a) throw errors.validation([`issuers: 发文机关“${code}”不存在 / unknown issuer`]);
    issuerIds.push(a.id);
  }
  let interpretsId: number | null = null;
  if (input.genre === '解读') {
    const policy = await store.findRecordByIndexNumber(tx, input.interprets);
    if (!policy || policy.genre === '解读') throw errors.validation([`interprets: 找不到索引号为“${input.interprets}”的政策文件 / policy not found`]);
    interpretsId = policy.id;
  }
  let replacedById: number | null = null;
  if (input.replacedBy) {
    const newer = await store.findRecordByIndexNumber(tx, input.replacedBy);
    if (!newer) throw errors.validation([`replacedBy: 找不到索引号为“${input.replacedBy}”的文件 / replacing record not found`]);
    replacedById = newer.id;
  }
  return { issuerIds, interpretsId, replacedById };
}

function contentColumns(input: RecordInput) {
  const bodyHtml = sanitizeRichText(input.bodyHtml);
  return {
    title: input.title,
    docNumber: input.docNumber,
    docNumberKey: docNumberKey(input.docNumber),
    writtenOn: input.writtenOn,
    formedOn: input.formedOn,
    topic: input.topic,
    genre: input.genre,
    category: input.category,
    statutoryItem: input.statutoryItem,
    mode: input.mode,
    ground: input.ground,
    groundReason: input.groundReason,
    validity: input.validity,
    keywords: input.keywords.join('、'),
    bodyHtml,
    bodyText: htmlToText(bodyHtml),
    needsInterpretation: input.needsInterpretation ? 1 : 0,
    interpretationKind: input.interpretationKind,
    videoUrl: input.videoUrl,
  };
}

/** An editor starts a draft; it receives its 索引号 at once, so the number is never reused. */
export async function createDraft(deps: ServiceDeps, by: Actor, agencyCode: string, raw: unknown): Promise<RecordRow> {
  const input = parseInput(deps, raw);
  return deps.db.transaction().execute(async (tx) => {
    const agency = await findAgencyByCode(tx, agencyCode);
    if (!agency) throw errors.validation([`agency: 机构“${agencyCode}”不存在 / unknown agency`]);
    await assertMay(tx, by, 'record.edit', agency.id);
    const links = await resolveLinks(tx, input, agency);
    const now = deps.clock.now();
    const year = Number(chinaDate(now).slice(0, 4));
    const seq = await store.nextIndexSeq(tx, agency.id, year);
    const record = await store.insertRecord(tx, {
      ...contentColumns(input),
      agencyId: agency.id,
      indexNumber: formatIndexNumber(agency.creditCode || agency.code, year, seq),
      interpretsId: links.interpretsId, replacedById: links.replacedById,
      status: 'draft',
      createdBy: by.actor.login,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    await store.setIssuers(tx, record.id, links.issuerIds);
    await event(tx, deps, by, record, 'create', `新建信息 ${record.title}`);
    return record;
  });
}

async function loadForChange(deps: ServiceDeps, by: Actor, id: number, permission: 'record.edit' | 'record.review', action: WorkflowAction) {
  const record = await store.findRecord(deps.db, id);
  if (!record) throw errors.notFound('信息');
  await assertMay(deps.db, by, permission, record.agencyId);
  assertStep(record, action);
  return record;
}

export async function updateDraft(deps: ServiceDeps, by: Actor, id: number, raw: unknown): Promise<RecordRow> {
  const input = parseInput(deps, raw);
  const before = await loadForChange(deps, by, id, 'record.edit', 'edit');
  return deps.db.transaction().execute(async (tx) => {
    const agency = await findAgencyById(tx, before.agencyId);
    if (!agency) throw errors.notFound('机构');
    const links = await resolveLinks(tx, input, agency);
    const record = await store.updateRecord(tx, id, { ...contentColumns(input), interpretsId: links.interpretsId, replacedById: links.replacedById, updatedAt: deps.clock.now().toISOString() });
    await store.setIssuers(tx, id, links.issuerIds);
    await event(tx, deps, by, record, 'edit', `修改草稿 ${record.title}`, '', before);
    return record;
  });
}

/** The privacy and secrecy scan over the body and the text of the current attachments. */
export async function scanRecord(db: Executor, record: Pick<RecordRow, 'id' | 'bodyText'>): Promise<ScanHit[]> {
  const hits = scanText(record.bodyText, '正文');
  for (const a of await store.currentAttachments(db, record.id)) hits.push(...scanText(a.textContent, a.fileName));
  return hits;
}

/** Submitting runs the scan; its hits travel with the record to the reviewer. */
export async function submitForReview(deps: ServiceDeps, by: Actor, id: number): Promise<{ record: RecordRow; hits: ScanHit[] }> {
  const before = await loadForChange(deps, by, id, 'record.edit', 'submit');
  const hits = await scanRecord(deps.db, before);
  const record = await deps.db.transaction().execute(async (tx) => {
    const r = await store.updateRecord(tx, id, { status: 'in_review', scanHits: JSON.stringify(hits), scanOverrideReason: '', reviewComment: '', updatedAt: deps.clock.now().toISOString() });
    await event(tx, deps, by, r, 'submit', `提交审核 ${r.title}`, hits.length ? `发布前检查：${hits.length}处疑似问题` : '发布前检查：未发现问题');
    return r;
  });
  return { record, hits };
}

export async function returnToEditor(deps: ServiceDeps, by: Actor, id: number, comment: string): Promise<RecordRow> {
  if (comment.trim().length < 2) throw errors.validation(['comment: 请写明退回意见 / a comment is required']);
  await loadForChange(deps, by, id, 'record.review', 'return');
  return deps.db.transaction().execute(async (tx) => {
    const r = await store.updateRecord(tx, id, { status: 'draft', reviewComment: comment.trim(), updatedAt: deps.clock.now().toISOString() });
    await event(tx, deps, by, r, 'return', `退回修改 ${r.title}`, comment.trim());
    return r;
  });
}

export interface ApproveOptions {
  /** Required when the scan found hits: why publishing is nevertheless right. */
  readonly overrideReason?: string | undefined;
  /** For 依申请公开/不予公开: the reviewer confirms the legal ground explicitly. */
  readonly confirmGround?: boolean | undefined;
  /** ISO timestamp for scheduled publication; now when absent or past. */
  readonly publishAt?: string | undefined;
}

/** Makes a record (and anything that must go live with it) public as version 1. */
async function publishNow(tx: Tx, deps: ServiceDeps, by: Actor, record: RecordRow, publishedOn: string): Promise<RecordRow> {
  const now = deps.clock.now().toISOString();
  const published = await store.updateRecord(tx, record.id, { status: 'published', publishedOn, publishAt: null, version: 1, updatedAt: now });
  const { scanHits: _h, ...snapshot } = published;
  await store.insertVersion(tx, {
    recordId: record.id,
    version: 1,
    title: published.title,
    bodyHtml: published.bodyHtml,
    snapshot: JSON.stringify(snapshot),
    reason: '首次发布',
    publishedOn,
    createdBy: by.actor.login,
    createdAt: now,
  });
  await event(tx, deps, by, published, 'publish', `发布 ${published.title}`);
  await syncRecord(tx, deps.engine, published);
  return published;
}

/**
 * A reviewer approves. Scan hits need a written override; withheld records need the ground
 * confirmed. A policy that needs interpretation goes live only together with an approved
 * interpretation (同步发布), and an interpretation waits for its policy.
 */
export async function approve(deps: ServiceDeps, by: Actor, id: number, options: ApproveOptions = {}): Promise<RecordRow> {
  const record = await loadForChange(deps, by, id, 'record.review', 'approve');
  const hits = JSON.parse(record.scanHits) as ScanHit[];
  const override = options.overrideReason?.trim() ?? '';
  if (hits.length > 0 && override.length < 10) throw scanBlocked(hits);
  const now = deps.clock.now();
  const publishAt = options.publishAt && options.publishAt > now.toISOString() ? options.publishAt : undefined;
  return deps.db.transaction().execute(async (tx) => {
    let r = record;
    if (hits.length > 0) {
      r = await store.updateRecord(tx, id, { scanOverrideReason: override });
      await event(tx, deps, by, r, 'scan-override', `放行发布前检查 ${hits.length} 处`, override);
    }
    if (r.mode !== '主动公开') {
      // 条例 第十四至十六条: the reviewer approves the legal ground explicitly.
      if (!options.confirmGround) throw errors.validation(['confirmGround: 请确认不主动公开的法定理由 / confirm the legal ground']);
      r = await store.updateRecord(tx, id, { status: 'withheld', groundApprovedBy: by.actor.login, updatedAt: now.toISOString() });
      await event(tx, deps, by, r, 'withhold', `确认不主动公开（${r.ground ?? ''}）${r.title}`);
      return r;
    }
    if (r.interpretsId !== null) {
      const policy = await store.findRecord(tx, r.interpretsId);
      if (policy?.status !== 'published') {
        r = await store.updateRecord(tx, id, { status: 'ready', updatedAt: now.toISOString() });
        await event(tx, deps, by, r, 'approve', `审核通过，待与政策同步发布 ${r.title}`);
        return r;
      }
    }
    const companions = r.needsInterpretation ? await store.interpretationsOf(tx, r.id, ['ready']) : [];
    if (r.needsInterpretation && companions.length === 0) {
      throw errors.conflict('该政策须与至少一篇已审核的解读同步发布，请先审核解读', 'This policy needs an approved interpretation published with it');
    }
    await event(tx, deps, by, r, 'approve', `审核通过 ${r.title}`);
    if (publishAt) {
      for (const item of [r, ...companions]) {
        const scheduled = await store.updateRecord(tx, item.id, { status: 'scheduled', publishAt, updatedAt: now.toISOString() });
        await event(tx, deps, by, scheduled, 'schedule', `定时发布 ${scheduled.title}`, publishAt);
      }
      return (await store.findRecord(tx, id))!;
    }
    const publishedOn = chinaDate(now);
    const published = await publishNow(tx, deps, by, r, publishedOn);
    for (const c of companions) await publishNow(tx, deps, by, c, publishedOn);
    return published;
  });
}

/** Publishes scheduled records whose time has come (the job runner calls this every minute). */
export async function publishDue(deps: ServiceDeps, by: Actor): Promise<number> {
  const due = await store.dueScheduled(deps.db, deps.clock.now().toISOString());
  for (const r of due) {
    await deps.db.transaction().execute(async (tx) => {
      const fresh = await store.findRecord(tx, r.id);
      if (fresh && canTransition(fresh.status, 'publish')) await publishNow(tx, deps, by, fresh, chinaDate(new Date(fresh.publishAt ?? deps.clock.now().toISOString())));
    });
  }
  return due.length;
}

/**
 * A published record changes only by a new version with a reason (visible history). The new
 * text is scanned like a submission; hits need the reviewer's written override.
 */
export async function revise(deps: ServiceDeps, by: Actor, id: number, raw: unknown, reason: string, overrideReason = ''): Promise<RecordRow> {
  if (reason.trim().length < 4) throw errors.validation(['reason: 请写明修订原因 / a revision reason is required']);
  const input = parseInput(deps, raw);
  const before = await loadForChange(deps, by, id, 'record.review', 'revise');
  if (input.mode !== '主动公开') throw errors.validation(['mode: 已发布的信息不能改为不公开，请撤回 / withdraw instead']);
  const columns = contentColumns(input);
  const hits = await scanRecord(deps.db, { id, bodyText: columns.bodyText });
  if (hits.length > 0 && overrideReason.trim().length < 10) throw scanBlocked(hits);
  return deps.db.transaction().execute(async (tx) => {
    const agency = await findAgencyById(tx, before.agencyId);
    if (!agency) throw errors.notFound('机构');
    const links = await resolveLinks(tx, input, agency);
    const version = before.version + 1;
    const now = deps.clock.now().toISOString();
    const r = await store.updateRecord(tx, id, { ...columns, interpretsId: links.interpretsId, replacedById: links.replacedById, version, updatedAt: now });
    await store.setIssuers(tx, id, links.issuerIds);
    const { scanHits: _h, ...snapshot } = r;
    await store.insertVersion(tx, {
      recordId: id,
      version,
      title: r.title,
      bodyHtml: r.bodyHtml,
      snapshot: JSON.stringify(snapshot),
      reason: reason.trim(),
      publishedOn: chinaDate(deps.clock.now()),
      createdBy: by.actor.login,
      createdAt: now,
    });
    await event(tx, deps, by, r, 'revise', `修订为第${version}版 ${r.title}`, reason.trim(), before);
    await syncRecord(tx, deps.engine, r);
    return r;
  });
}

/** Withdrawal keeps the URL: the page then says that and why (never a delete). */
export async function withdraw(deps: ServiceDeps, by: Actor, id: number, reason: string): Promise<RecordRow> {
  if (reason.trim().length < 4) throw errors.validation(['reason: 请写明撤回原因（将向公众显示）/ a public reason is required']);
  const before = await loadForChange(deps, by, id, 'record.review', 'withdraw');
  return deps.db.transaction().execute(async (tx) => {
    const r = await store.updateRecord(tx, id, {
      status: 'withdrawn',
      withdrawnOn: chinaDate(deps.clock.now()),
      withdrawnReason: reason.trim(),
      updatedAt: deps.clock.now().toISOString(),
    });
    await event(tx, deps, by, r, 'withdraw', `撤回 ${r.title}`, reason.trim(), before);
    await syncRecord(tx, deps.engine, r);
    return r;
  });
}
