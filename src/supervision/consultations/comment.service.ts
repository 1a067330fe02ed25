/**
 * 意见征集 comments: a citizen comments while the window is open (on one article or the whole
 * text, named or anonymous, the contact kept private); staff moderate each comment (approve, or
 * reject with a reason: every comment is counted either way); after the window closes they record
 * whether each published comment was adopted.
 */
import { z } from 'zod';
import type { ServiceDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ConsultationCommentRow } from '../../platform/db/schema.js';
import { errors } from '../../platform/errors.js';
import { parseInput } from '../../platform/http/validate.js';
import { adoptionProblems, ADOPTIONS, articlesOf } from './model.js';
import { audit, loadForStaff, phaseNow, type By } from './service.js';
import * as store from './store.js';

/** The comment named in a staff URL, only if it belongs to the consultation named beside it. */
export async function commentOfConsultation(db: Executor, consultationId: number, commentId: number): Promise<number> {
  const comment = await store.findComment(db, commentId);
  if (!comment || comment.consultationId !== consultationId) throw errors.notFound('意见');
  return comment.id;
}

const blank = (v: unknown) => (v === undefined || v === null ? '' : v);

export const commentInputSchema = z.object({
  // '' = the whole text; otherwise an article number of the draft
  article: z.preprocess(blank, z.string().trim().regex(/^\d{0,4}$/, '请选择条文 / choose an article')),
  body: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .min(1, '请填写意见内容 / enter your comment')
      .min(5, '意见内容至少 5 个字 / at least 5 characters')
      .max(2000, '意见内容最多 2000 字 / at most 2000 characters'),
  ),
  name: z.preprocess(blank, z.string().trim().max(50, '姓名最多 50 字 / name: at most 50 characters')),
  contact: z.preprocess(blank, z.string().trim().max(100, '联系方式最多 100 字 / contact: at most 100 characters')),
});

/** A citizen's comment, stored pending moderation. Only while the window is open. */
export async function submitComment(deps: ServiceDeps, consultationId: number, raw: unknown, ipHash: string): Promise<ConsultationCommentRow> {
  const input = parseInput(commentInputSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const c = await store.findConsultation(tx, consultationId);
    if (!c || c.publishedAt === null) throw errors.notFound('意见征集');
    if (phaseNow(deps, c) !== 'open') throw errors.conflict('本次征求意见不在征集期内，不能提交意见', 'This consultation is not open for comments');
    let articleNo: number | null = null;
    if (input.article !== '') {
      articleNo = Number(input.article);
      if (!articlesOf(c.articles).some((a) => a.no > 0 && a.no === articleNo)) throw errors.validation(['article: 所选条文不存在 / no such article']);
    }
    return store.insertComment(tx, {
      consultationId,
      articleNo,
      body: input.body,
      authorName: input.name === '' ? null : input.name,
      contact: input.contact === '' ? null : input.contact,
      status: 'pending',
      ipHash,
      submittedAt: deps.clock.now().toISOString(),
    });
  });
}

const moderationSchema = z.object({
  decision: z.enum(['approve', 'reject'], { message: '请选择公开或不予公开 / choose approve or reject' }),
  reason: z.preprocess(blank, z.string().trim().max(500, '原因最多 500 字 / at most 500 characters')),
});

/** Approve, or reject with a reason (required). Only pending comments; not once the feedback is out. */
export async function moderateComment(deps: ServiceDeps, by: By, commentId: number, raw: unknown): Promise<ConsultationCommentRow> {
  const input = parseInput(moderationSchema, raw);
  if (input.decision === 'reject' && input.reason === '') throw errors.validation(['reason: 不予公开须说明原因 / give the reason for rejecting']);
  return deps.db.transaction().execute(async (tx) => {
    const before = await store.findComment(tx, commentId);
    if (!before) throw errors.notFound('意见');
    const c = await loadForStaff(tx, by, before.consultationId);
    const phase = phaseNow(deps, c);
    if (phase === 'feedback' || phase === 'withdrawn' || phase === 'draft') throw errors.conflict('该意见征集已结束或已撤回，不能再审核意见', 'The consultation is concluded');
    if (before.status !== 'pending') throw errors.conflict('该意见已经审核', 'This comment was already moderated');
    const row = await store.updateComment(tx, commentId, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      rejectReason: input.decision === 'reject' ? input.reason : null,
      moderatedAt: deps.clock.now().toISOString(),
      moderatedBy: by.actor.id,
    });
    const summary = input.decision === 'approve' ? `公开意见 #${commentId}（${c.title}）` : `不予公开意见 #${commentId}（${c.title}）；原因：${input.reason}`;
    const { contact: _bc, ...beforeSafe } = before;
    const { contact: _ac, ...afterSafe } = row;
    await audit(tx, deps, by, { agencyId: c.agencyId, action: `consultation-comment.${input.decision}`, objectType: 'consultation_comment', id: commentId, summary, before: beforeSafe, after: afterSafe });
    return row;
  });
}

const adoptionSchema = z.object({
  adoption: z.enum(ADOPTIONS, { message: '请选择采纳情况 / choose adopted, partly or not adopted' }),
  reason: z.preprocess(blank, z.string().trim().max(1000, '理由最多 1000 字 / at most 1000 characters')),
});

/** After the window closes and before the feedback is published: adopted / partly / not (with why). */
export async function recordAdoption(deps: ServiceDeps, by: By, commentId: number, raw: unknown): Promise<ConsultationCommentRow> {
  const input = parseInput(adoptionSchema, raw);
  const problems = adoptionProblems(input.adoption, input.reason);
  if (problems.length > 0) throw errors.validation(problems);
  return deps.db.transaction().execute(async (tx) => {
    const before = await store.findComment(tx, commentId);
    if (!before) throw errors.notFound('意见');
    const c = await loadForStaff(tx, by, before.consultationId);
    if (phaseNow(deps, c) !== 'closed') throw errors.conflict('征求意见截止后、公开反馈前才能标注采纳情况', 'Only after the window closes and before the feedback is published');
    if (before.status !== 'approved') throw errors.conflict('只有已公开的意见才标注采纳情况', 'Only published comments are given an adoption decision');
    const row = await store.updateComment(tx, commentId, { adoption: input.adoption, adoptionReason: input.reason === '' ? null : input.reason });
    const { contact: _bc, ...beforeSafe } = before;
    const { contact: _ac, ...afterSafe } = row;
    await audit(tx, deps, by, { agencyId: c.agencyId, action: 'consultation-comment.adoption', objectType: 'consultation_comment', id: commentId, summary: `标注意见 #${commentId} 采纳情况：${input.adoption}`, before: beforeSafe, after: afterSafe });
    return row;
  });
}
