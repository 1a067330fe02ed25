/**
 * 意见征集 use cases on the staff side: drafting a consultation, publishing it (the window rule),
 * withdrawing it, publishing the 采纳情况反馈 and linking the final policy. Each write is one
 * transaction with its audit entry; the agency scope is checked here for every caller, not only in
 * the routes. Comments (public submission, moderation, adoption) are comment.service.ts.
 */
import { z } from 'zod';
import { findAgencyByCode } from '../../agencies/service.js';
import { isPubliclyVisible } from '../../catalog/model.js';
import { findRecord, findRecordByIndexNumber } from '../../catalog/service.js';
import type { AuditActor } from '../../platform/audit/model.js';
import { appendAudit } from '../../platform/audit/store.js';
import { inScope, type StaffIdentity } from '../../platform/auth/model.js';
import { isIsoDate } from '../../platform/calendar/model.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ConsultationRow, RecordRow } from '../../platform/db/schema.js';
import { errors } from '../../platform/errors.js';
import { ancestryIds } from '../../platform/hierarchy.js';
import { parseInput } from '../../platform/http/validate.js';
import { supervisionSettings } from '../settings.js';
import { articleProblems, countComments, feedbackProblems, parseArticles, phaseOf, windowProblems, type Phase } from './model.js';
import { listSummaries, type ConsultationSummary } from './queries.js';
import * as store from './store.js';

export { consultationForRecord } from './queries.js';

export interface By {
  readonly actor: AuditActor;
  /** null: the system itself (seed), which is not scoped */
  readonly staff: StaffIdentity | null;
  readonly ip?: string;
}

// ---------------------------------------------------------------- input

const text = (label: string, max: number, en: string) =>
  z
    .string({ message: `请填写${label} / enter ${en}` })
    .trim()
    .min(1, `请填写${label} / enter ${en}`)
    .max(max, `${label}最多 ${max} 字 / at most ${max} characters`);
const date = (label: string) => z.string({ message: `请填写${label} / enter the date` }).trim().refine(isIsoDate, `${label}应为 YYYY-MM-DD / a date such as 2026-12-01`);
const optional = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(max, `最多 ${max} 字 / at most ${max} characters`));

export const consultationInputSchema = z.object({
  title: text('标题', 200, 'a title'),
  agency: text('机关', 100, 'the agency'),
  explanation: optional(5000),
  text: text('征求意见稿正文', 50_000, 'the text of the draft'),
  opensOn: date('开始日期'),
  closesOn: date('截止日期'),
  // 索引号 or id of the 征求意见稿 in the catalogue (optional)
  draftRecord: optional(80),
});
const reasonSchema = z.object({ reason: text('原因', 500, 'the reason') });
const feedbackSchema = z.object({ feedback: text('采纳情况说明', 20_000, 'the feedback text') });
const recordRefSchema = z.object({ record: text('索引号或编号', 80, 'the index number or id') });

// ---------------------------------------------------------------- helpers

export const todayOf = (deps: ServiceDeps) => chinaDate(deps.clock.now());
export const phaseNow = (deps: ServiceDeps, c: ConsultationRow): Phase => phaseOf(c, todayOf(deps));

/** A staff member acts only on consultations of their agency and those below (system: everywhere). */
export async function assertMayAct(tx: Executor, by: By, agencyId: number): Promise<void> {
  if (by.staff && !inScope(by.staff, await ancestryIds(tx, agencyId))) throw errors.forbidden();
}

/** The consultation, after the scope check (404 unknown, 403 outside the scope). */
export async function loadForStaff(tx: Executor, by: By, id: number): Promise<store.ConsultationWithAgency> {
  const c = await store.findConsultation(tx, id);
  if (!c) throw errors.notFound('意见征集');
  await assertMayAct(tx, by, c.agencyId);
  return c;
}

/** A catalogue record named by id or 索引号. */
export async function resolveRecord(db: Executor, ref: string): Promise<RecordRow | undefined> {
  const r = ref.trim();
  return /^\d{1,9}$/.test(r) ? findRecord(db, Number(r)) : findRecordByIndexNumber(db, r);
}

export async function audit(tx: Executor, deps: ServiceDeps, by: By, entry: { agencyId: number; action: string; objectType?: string; id: number; summary: string; before?: unknown; after?: unknown }): Promise<void> {
  await appendAudit(tx, deps.clock.now(), {
    actor: by.actor,
    agencyId: entry.agencyId,
    action: entry.action,
    objectType: entry.objectType ?? 'consultation',
    objectId: String(entry.id),
    summary: entry.summary,
    ...(entry.before !== undefined ? { before: entry.before } : {}),
    ...(entry.after !== undefined ? { after: entry.after } : {}),
    ...(by.ip ? { ip: by.ip } : {}),
  });
}

const strip = ({ agencyCode: _c, agencyName: _n, ...row }: store.ConsultationWithAgency): ConsultationRow => row;

async function checkedInput(tx: Executor, by: By, raw: unknown) {
  const input = parseInput(consultationInputSchema, raw);
  const problems: string[] = [];
  const agency = await findAgencyByCode(tx, input.agency);
  if (!agency) throw errors.validation([`agency: 机关“${input.agency}”不存在 / unknown agency`]);
  if (by.staff && !inScope(by.staff, await ancestryIds(tx, agency.id))) throw errors.validation(['agency: 只能为本机关及下级机关发起意见征集 / only for agencies in your scope']);
  const articles = parseArticles(input.text);
  problems.push(...articleProblems(articles));
  if (input.closesOn < input.opensOn) problems.push('closesOn: 截止日期不能早于开始日期 / the window must end after it starts');
  let draftRecordId: number | null = null;
  if (input.draftRecord !== '') {
    const record = await resolveRecord(tx, input.draftRecord);
    if (!record) problems.push(`draftRecord: 找不到索引号或编号为“${input.draftRecord}”的信息 / no such record`);
    else if (record.agencyId !== agency.id) problems.push('draftRecord: 征求意见稿须为同一机关的信息 / the draft must be a record of the same agency');
    else draftRecordId = record.id;
  }
  if (problems.length > 0) throw errors.validation(problems);
  return {
    agencyId: agency.id,
    title: input.title,
    explanation: input.explanation,
    articles: JSON.stringify(articles),
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    draftRecordId,
  };
}

// ---------------------------------------------------------------- drafting and publishing

export async function createConsultation(deps: ServiceDeps, by: By, raw: unknown): Promise<ConsultationRow> {
  return deps.db.transaction().execute(async (tx) => {
    const values = await checkedInput(tx, by, raw);
    const at = deps.clock.now().toISOString();
    const row = await store.insertConsultation(tx, { ...values, status: 'draft', createdBy: by.actor.id, createdAt: at, updatedAt: at });
    await audit(tx, deps, by, { agencyId: row.agencyId, action: 'consultation.create', id: row.id, summary: `起草意见征集：${row.title}`, after: row });
    return row;
  });
}

/** Only a draft is edited; once published the text the public commented on stays as it was. */
export async function updateConsultation(deps: ServiceDeps, by: By, id: number, raw: unknown): Promise<ConsultationRow> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadForStaff(tx, by, id);
    if (before.status !== 'draft') throw errors.conflict('已发布的意见征集不能修改', 'A published consultation cannot be edited');
    const values = await checkedInput(tx, by, raw);
    const row = await store.updateConsultation(tx, id, { ...values, updatedAt: deps.clock.now().toISOString() });
    await audit(tx, deps, by, { agencyId: row.agencyId, action: 'consultation.update', id, summary: `修改意见征集草稿：${row.title}`, before: strip(before), after: row });
    return row;
  });
}

/** Publishing opens the window; refused when it is shorter than the minimum or not ahead of us. */
export async function publishConsultation(deps: ServiceDeps, by: By, id: number): Promise<ConsultationRow> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadForStaff(tx, by, id);
    if (before.status !== 'draft') throw errors.conflict('该意见征集已发布或已撤回', 'Already published or withdrawn');
    const { consultationMinDays } = await supervisionSettings(tx);
    const problems = windowProblems(before.opensOn, before.closesOn, consultationMinDays, todayOf(deps));
    if (problems.length > 0) throw errors.validation(problems);
    const at = deps.clock.now().toISOString();
    const row = await store.updateConsultation(tx, id, { status: 'published', publishedAt: at, updatedAt: at });
    await audit(tx, deps, by, { agencyId: row.agencyId, action: 'consultation.publish', id, summary: `发布意见征集：${row.title}（${row.opensOn} 至 ${row.closesOn}）`, before: strip(before), after: row });
    return row;
  });
}

/** Withdrawal, with its reason (shown on the public page and kept in the audit entry). */
export async function withdrawConsultation(deps: ServiceDeps, by: By, id: number, raw: unknown): Promise<ConsultationRow> {
  const { reason } = parseInput(reasonSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadForStaff(tx, by, id);
    const phase = phaseNow(deps, before);
    if (phase === 'withdrawn' || phase === 'feedback') throw errors.conflict('该意见征集已撤回或已反馈，不能撤回', 'Already withdrawn or concluded');
    const row = await store.updateConsultation(tx, id, { status: 'withdrawn', withdrawnReason: reason, updatedAt: deps.clock.now().toISOString() });
    await audit(tx, deps, by, { agencyId: row.agencyId, action: 'consultation.withdraw', id, summary: `撤回意见征集：${row.title}；原因：${reason}`, before: strip(before), after: row });
    return row;
  });
}

// ---------------------------------------------------------------- after the window

/** 采纳情况反馈: only after closing, with every comment moderated and decided (model.feedbackProblems). */
export async function publishFeedback(deps: ServiceDeps, by: By, id: number, raw: unknown): Promise<ConsultationRow> {
  const input = feedbackSchema.safeParse(raw ?? {});
  const feedback = input.success ? input.data.feedback : '';
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadForStaff(tx, by, id);
    const counts = countComments(await store.commentsOf(tx, id));
    const problems = feedbackProblems(phaseNow(deps, before), counts, feedback);
    if (!input.success && problems.length === 0) problems.push(...input.error.issues.map((i) => `feedback: ${i.message}`));
    if (problems.length > 0) throw errors.validation(problems);
    const at = deps.clock.now().toISOString();
    const row = await store.updateConsultation(tx, id, { feedback, feedbackPublishedAt: at, updatedAt: at });
    const summary = `公开采纳情况：收到 ${counts.received} 条，公开 ${counts.approved} 条，采纳 ${counts.adopted} 条，部分采纳 ${counts.partly} 条，未采纳 ${counts.notAdopted} 条`;
    await audit(tx, deps, by, { agencyId: row.agencyId, action: 'consultation.feedback', id, summary, before: strip(before), after: row });
    return row;
  });
}

/** The final policy: a published record of the same agency; its page then links back here. */
export async function linkFinalPolicy(deps: ServiceDeps, by: By, id: number, raw: unknown): Promise<ConsultationRow> {
  const { record: ref } = parseInput(recordRefSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadForStaff(tx, by, id);
    const phase = phaseNow(deps, before);
    if (phase !== 'closed' && phase !== 'feedback') throw errors.conflict('征求意见截止后才能关联正式文件', 'Only after the window has closed');
    const record = await resolveRecord(tx, ref);
    if (!record) throw errors.validation([`record: 找不到索引号或编号为“${ref}”的信息 / no such record`]);
    if (record.agencyId !== before.agencyId) throw errors.validation(['record: 正式文件须为同一机关发布的信息 / the final policy must be a record of the same agency']);
    if (record.status !== 'published' || !isPubliclyVisible(record, deps.clock.now().toISOString())) throw errors.validation(['record: 正式文件须为已公开发布的信息 / the final policy must be a published record']);
    const row = await store.updateConsultation(tx, id, { finalRecordId: record.id, updatedAt: deps.clock.now().toISOString() });
    await audit(tx, deps, by, { agencyId: row.agencyId, action: 'consultation.final-policy', id, summary: `关联正式文件：${record.title}（${record.indexNumber}）`, before: strip(before), after: row });
    return row;
  });
}

/** The consultations open for comment today (the 互动交流 hub lists them first). */
export async function openConsultations(deps: ServiceDeps, limit = 5): Promise<ConsultationSummary[]> {
  const { items } = await listSummaries(deps, { agencyIds: null, publicOnly: true, page: 1, pageSize: limit });
  return items.filter((c) => c.phase === 'open');
}
