/**
 * 意见征集 as pages and the API read it. The public shape never carries a commenter's contact,
 * and names and any numbers typed into a comment come masked (model.publicAuthor / publicBody).
 */
import { isPubliclyVisible } from '../../catalog/model.js';
import { findRecord } from '../../catalog/service.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ConsultationCommentRow } from '../../platform/db/schema.js';
import { errors } from '../../platform/errors.js';
import {
  ADOPTION_LABELS,
  articlesOf,
  countComments,
  PHASE_LABELS,
  phaseOf,
  publicAuthor,
  publicBody,
  rejectionSummary,
  windowDays,
  type Adoption,
  type Article,
  type CommentCounts,
  type Phase,
} from './model.js';
import * as store from './store.js';

export const consultationHref = (id: number) => `/consultations/${id}`;

export interface ConsultationSummary {
  readonly id: number;
  readonly title: string;
  readonly agency: { readonly code: string; readonly name: string };
  readonly opensOn: string;
  readonly closesOn: string;
  readonly days: number;
  readonly phase: Phase;
  readonly phaseLabel: string;
  readonly counts: CommentCounts;
  readonly url: string;
}

export interface PublicComment {
  readonly id: number;
  /** null: the whole text */
  readonly article: number | null;
  /** the masked name, or 匿名 */
  readonly author: string;
  readonly body: string;
  readonly submittedOn: string;
  /** only once the feedback is published */
  readonly adoption: Adoption | null;
  readonly adoptionLabel: string | null;
  readonly adoptionReason: string | null;
}

export interface PublicConsultation extends ConsultationSummary {
  readonly explanation: string;
  readonly articles: readonly Article[];
  readonly comments: readonly PublicComment[];
  readonly rejections: readonly { reason: string; count: number }[];
  readonly feedback: string | null;
  readonly feedbackPublishedOn: string | null;
  readonly withdrawnReason: string | null;
  readonly draftRecord: { readonly id: number; readonly title: string } | null;
  readonly finalRecord: { readonly id: number; readonly title: string } | null;
}

function summaryOf(c: store.ConsultationWithAgency, facts: readonly { status: string; adoption: string | null }[], today: string): ConsultationSummary {
  const phase = phaseOf(c, today);
  return {
    id: c.id,
    title: c.title,
    agency: { code: c.agencyCode, name: c.agencyName },
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    days: windowDays(c.opensOn, c.closesOn),
    phase,
    phaseLabel: PHASE_LABELS[phase],
    counts: countComments(facts),
    url: consultationHref(c.id),
  };
}

export interface ListQuery {
  readonly agencyIds: readonly number[] | null;
  readonly publicOnly: boolean;
  readonly page: number;
  readonly pageSize: number;
}

export async function listSummaries(deps: ServiceDeps, q: ListQuery): Promise<{ total: number; items: ConsultationSummary[] }> {
  const today = chinaDate(deps.clock.now());
  const { total, items } = await store.listConsultations(deps.db, { ...q, today });
  const facts = await store.commentFacts(deps.db, items.map((c) => c.id));
  return { total, items: items.map((c) => summaryOf(c, facts.get(c.id) ?? [], today)) };
}

async function visibleRecord(db: Executor, id: number | null, nowIso: string): Promise<{ id: number; title: string } | null> {
  if (id === null) return null;
  const r = await findRecord(db, id);
  return r && r.status !== 'withdrawn' && isPubliclyVisible(r, nowIso) ? { id: r.id, title: r.title } : null;
}

function publicComment(c: ConsultationCommentRow, feedbackOut: boolean): PublicComment {
  const adoption = feedbackOut && c.adoption ? (c.adoption as Adoption) : null;
  return {
    id: c.id,
    article: c.articleNo,
    author: publicAuthor(c.authorName),
    body: publicBody(c.body),
    submittedOn: chinaDate(new Date(c.submittedAt)),
    adoption,
    adoptionLabel: adoption ? (ADOPTION_LABELS[adoption] ?? null) : null,
    adoptionReason: adoption ? c.adoptionReason : null,
  };
}

/** The public page of one consultation; 404 unless it was published. */
export async function publicConsultation(deps: ServiceDeps, id: number): Promise<PublicConsultation> {
  const c = await store.findConsultation(deps.db, id);
  if (!c || c.publishedAt === null) throw errors.notFound('意见征集');
  const now = deps.clock.now();
  const comments = await store.commentsOf(deps.db, id);
  const summary = summaryOf(c, comments, chinaDate(now));
  const feedbackOut = summary.phase === 'feedback';
  return {
    ...summary,
    explanation: c.explanation,
    articles: articlesOf(c.articles),
    comments: comments.filter((x) => x.status === 'approved').map((x) => publicComment(x, feedbackOut)),
    rejections: rejectionSummary(comments),
    feedback: feedbackOut ? c.feedback : null,
    feedbackPublishedOn: feedbackOut && c.feedbackPublishedAt ? chinaDate(new Date(c.feedbackPublishedAt)) : null,
    withdrawnReason: summary.phase === 'withdrawn' ? c.withdrawnReason : null,
    draftRecord: await visibleRecord(deps.db, c.draftRecordId, now.toISOString()),
    finalRecord: await visibleRecord(deps.db, c.finalRecordId, now.toISOString()),
  };
}

/** Everything staff see of one consultation (contacts included: staff may need to reply). */
export async function staffConsultation(deps: ServiceDeps, c: store.ConsultationWithAgency) {
  const now = deps.clock.now();
  const comments = await store.commentsOf(deps.db, c.id);
  return {
    row: c,
    summary: summaryOf(c, comments, chinaDate(now)),
    articles: articlesOf(c.articles),
    comments,
    draftRecord: c.draftRecordId === null ? null : ((await findRecord(deps.db, c.draftRecordId)) ?? null),
    finalRecord: c.finalRecordId === null ? null : ((await findRecord(deps.db, c.finalRecordId)) ?? null),
  };
}
export type StaffConsultation = Awaited<ReturnType<typeof staffConsultation>>;

/** For the catalogue's record page: the consultation a final policy came out of (“本政策曾公开征求意见”). */
export async function consultationForRecord(db: Executor, recordId: number): Promise<{ id: number; title: string; url: string } | null> {
  const c = await store.findByFinalRecord(db, recordId);
  return c ? { id: c.id, title: c.title, url: consultationHref(c.id) } : null;
}
