/**
 * 留言/投诉 use cases that write: filing (the public form and API), answering, refusing and the
 * supervisor's finding on a complaint. Each write is one transaction with its audit entry; staff
 * writes check the agency scope here as well as in the route. Reads are in queries.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Updateable } from 'kysely';
import { z } from 'zod';
import { findAgencyByCode, findAgencyById } from '../../agencies/service.js';
import type { AuditActor } from '../../platform/audit/model.js';
import { appendAudit } from '../../platform/audit/store.js';
import { hashPassword } from '../../platform/auth/password.js';
import { can, inScope, type StaffIdentity } from '../../platform/auth/model.js';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { MessageRow, MessageTable } from '../../platform/db/schema.js';
import { errors } from '../../platform/errors.js';
import { ancestryIds } from '../../platform/hierarchy.js';
import { queryCodeFromBytes } from '../../requests/model.js';
import { supervisionSettings } from '../settings.js';
import { COMPLAINT_GROUNDS, FINDING_LABELS, formatMessageNumber, MESSAGE_KINDS, messageDueOn, messageReceivedOn, sequenceOf, supervisorAgencyId } from './model.js';
import * as store from './store.js';

export interface MessageActor {
  readonly actor: AuditActor;
  /** null: the system itself (seed), which is not scoped */
  readonly staff: StaffIdentity | null;
  readonly ip?: string;
}

// ---------------------------------------------------------------- input

const trimmed = (max: number, empty: string, long: string) => z.string({ message: empty }).trim().min(1, empty).max(max, long);
const optional = (max: number, long: string) => z.string().trim().max(max, long).default('');
const PHONE_RE = /^(?:(?:\+|00)?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}$|^0\d{2,3}[- ]?\d{7,8}(?:[-转]\d{1,6})?$/;
const flag = z.preprocess((v) => v === true || v === '1' || v === 'on' || v === 'true', z.boolean());

export const messageInputSchema = z
  .object({
    agency: trimmed(40, '请选择受理机关 / choose the agency', '受理机关无效 / invalid agency'),
    kind: z.enum(MESSAGE_KINDS, { message: '请选择留言类型 / choose the kind of message' }),
    ground: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(COMPLAINT_GROUNDS, { message: '投诉事由无效 / invalid ground' }).optional()),
    relatedRequest: optional(60, '申请编号最多60字 / at most 60 characters'),
    subject: trimmed(100, '请填写标题 / enter a title', '标题最多100字 / the title has at most 100 characters'),
    body: trimmed(3000, '请填写留言内容 / enter your message', '留言内容最多3000字 / at most 3000 characters'),
    authorName: trimmed(50, '请填写姓名 / enter your name', '姓名最多50字 / at most 50 characters'),
    contact: trimmed(100, '请填写联系电话或电子邮箱 / enter a phone number or e-mail address', '联系方式最多100字 / at most 100 characters').refine(
      (v) => PHONE_RE.test(v) || z.email().safeParse(v).success,
      '请填写有效的电话号码或电子邮箱 / enter a valid phone number or e-mail address',
    ),
    publishConsent: flag.default(false),
  })
  .superRefine((v, ctx) => {
    // 条例 第四十七条第二款 names the two grounds of a complaint; the form asks which one.
    if (v.kind === 'complaint' && v.ground === undefined) ctx.addIssue({ code: 'custom', path: ['ground'], message: '请选择投诉事由 / choose the ground of the complaint' });
  });
export type MessageInput = z.infer<typeof messageInputSchema>;

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
}

// ---------------------------------------------------------------- filing

export interface Filed {
  readonly message: MessageRow;
  /** shown once; only its scrypt hash is stored */
  readonly queryCode: string;
}

const isUniqueViolation = (e: unknown) => e instanceof Error && /unique|duplicate/i.test(e.message);

/**
 * Files a message (the public form and API; the seed with its own clock). The agency and the
 * government above it both see it; the answer is due messageAnswerWorkingDays working days after
 * the received day.
 */
export async function submitMessage(deps: ServiceDeps, raw: unknown, meta: { ipHash: string; actorLogin?: string }): Promise<Filed> {
  const parsed = messageInputSchema.safeParse(raw ?? {});
  const problems = parsed.success ? [] : problemsOf(parsed.error);
  const code = typeof (raw as Record<string, unknown> | null)?.agency === 'string' ? String((raw as Record<string, unknown>).agency).trim() : '';
  const agency = code ? await findAgencyByCode(deps.db, code) : undefined;
  if (code && !agency) problems.push('agency: 受理机关不存在 / unknown agency');
  if (!parsed.success || !agency || problems.length > 0) throw errors.validation(problems);
  const input = parsed.data;
  const parent = agency.parentId === null ? undefined : await findAgencyById(deps.db, agency.parentId);
  const supervisor = supervisorAgencyId(agency, parent ?? null);
  const now = deps.clock.now();
  const cal = await loadCalendar(deps.db);
  const settings = await supervisionSettings(deps.db);
  const submittedOn = chinaDate(now);
  const receivedOn = messageReceivedOn(cal, submittedOn);
  const dueOn = messageDueOn(cal, receivedOn, settings.messageAnswerWorkingDays);
  const queryCode = queryCodeFromBytes(randomBytes(32));
  const queryCodeHash = await hashPassword(queryCode);
  const year = Number(receivedOn.slice(0, 4));
  for (let attempt = 1; ; attempt++) {
    try {
      const message = await deps.db.transaction().execute(async (tx) => {
        const last = await store.lastNumberOfYear(tx, year);
        const trackingNumber = formatMessageNumber(year, (last ? sequenceOf(last, year) : 0) + 1);
        const row = await store.insertMessage(tx, {
          trackingNumber,
          queryCodeHash,
          kind: input.kind,
          ground: input.kind === 'complaint' ? (input.ground ?? 'other') : null,
          relatedRequest: input.relatedRequest === '' ? null : input.relatedRequest,
          agencyId: agency.id,
          supervisorAgencyId: supervisor,
          subject: input.subject,
          body: input.body,
          authorName: input.authorName,
          contact: input.contact,
          publishConsent: input.publishConsent ? 1 : 0,
          status: 'pending',
          submittedAt: now.toISOString(),
          receivedOn,
          dueOn,
          answer: null,
          answeredAt: null,
          answeredOn: null,
          answeredBy: null,
          rejectReason: null,
          finding: null,
          findingNote: null,
          published: 0,
          ipHash: meta.ipHash,
        });
        // No author data in the audit log: it is read by people who may not see it.
        await appendAudit(tx, now, {
          actor: { id: null, login: meta.actorLogin ?? 'public' },
          agencyId: agency.id,
          action: 'message.submit',
          objectType: 'message',
          objectId: trackingNumber,
          summary: `收到${input.kind === 'complaint' ? '投诉' : '留言'} ${trackingNumber}`,
          after: { trackingNumber, kind: input.kind, receivedOn, dueOn, supervisorAgencyId: supervisor },
        });
        return row;
      });
      return { message, queryCode };
    } catch (e) {
      // Two filings in the same instant drew the same number: draw again.
      if (attempt < 3 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

// ---------------------------------------------------------------- scope

/**
 * Staff reach a message through its agency or its supervising government: either must be the
 * user's agency or below it (system admins everywhere).
 */
export async function messageInScope(db: Executor, staff: StaffIdentity, m: { agencyId: number; supervisorAgencyId: number | null }): Promise<boolean> {
  if (inScope(staff, await ancestryIds(db, m.agencyId))) return true;
  return m.supervisorAgencyId !== null && inScope(staff, await ancestryIds(db, m.supervisorAgencyId));
}

/** The message after the scope check: 404 unknown, 403 outside the user's scope. */
export async function loadForStaff(db: Executor, by: MessageActor, id: number): Promise<store.MessageWithAgency> {
  const m = await store.findMessage(db, id);
  if (!m) throw errors.notFound('留言');
  if (by.staff && !(await messageInScope(db, by.staff, m))) throw errors.forbidden();
  return m;
}

function assertMay(by: MessageActor, permission: 'message.answer' | 'message.supervise'): void {
  if (by.staff && !can(by.staff, permission)) throw errors.forbidden();
}

// ---------------------------------------------------------------- answering

const answerSchema = z.object({
  answer: trimmed(5000, '请填写答复内容 / enter the answer', '答复最多5000字 / at most 5000 characters'),
  publish: flag.default(false),
});
const rejectSchema = z.object({
  reason: trimmed(1000, '请填写不予受理的理由 / enter the reason', '理由最多1000字 / at most 1000 characters'),
  publish: flag.default(false),
});
const findingSchema = z.object({
  finding: z.enum(['verified', 'unfounded'], { message: '请选择核查结论 / choose the finding' }),
  note: trimmed(1000, '请填写核查说明 / enter a note', '说明最多1000字 / at most 1000 characters'),
});

function parseOrRefuse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw errors.validation(problemsOf(parsed.error));
  return parsed.data;
}

/**
 * The agency answers. Published on the board only when the author consented AND the officer ticks
 * "publish" (the author's name and contact never are; the text is masked when shown).
 */
export async function answerMessage(deps: ServiceDeps, by: MessageActor, id: number, raw: unknown): Promise<MessageRow> {
  assertMay(by, 'message.answer');
  const input = parseOrRefuse(answerSchema, raw);
  return closeMessage(deps, by, id, {
    status: 'answered',
    texts: { answer: input.answer },
    publish: input.publish,
    action: 'message.answer',
    verb: '答复',
    auditAfter: (row, published) => ({ status: 'answered', answeredOn: row.answeredOn, dueOn: row.dueOn, published }),
  });
}

/**
 * 不予受理 (abusive, duplicate, outside the agency's remit), with the reason in `reject_reason` (the
 * answer stays empty). The author reads the reason on the look-up page; like an answer, the message
 * and the reason reach the board only when the author consented AND the officer ticks "publish".
 * The day it was refused ends the message for the counts (answered_on).
 */
export async function rejectMessage(deps: ServiceDeps, by: MessageActor, id: number, raw: unknown): Promise<MessageRow> {
  assertMay(by, 'message.answer');
  const input = parseOrRefuse(rejectSchema, raw);
  return closeMessage(deps, by, id, {
    status: 'rejected',
    texts: { answer: null, rejectReason: input.reason },
    publish: input.publish,
    action: 'message.reject',
    verb: '不予受理',
    auditAfter: (_row, published) => ({ status: 'rejected', reason: input.reason, published }),
  });
}

/** How a pending message is closed: by an answer or by a refusal. */
interface Closing {
  readonly status: 'answered' | 'rejected';
  /** the text columns the outcome sets */
  readonly texts: Pick<Updateable<MessageTable>, 'answer' | 'rejectReason'>;
  /** the officer ticked "publish" */
  readonly publish: boolean;
  readonly action: 'message.answer' | 'message.reject';
  /** names the act in the audit summary */
  readonly verb: string;
  readonly auditAfter: (row: MessageRow, published: 0 | 1) => Record<string, unknown>;
}

/**
 * Closes a pending message in one transaction with its audit entry: scope check, only once (409
 * otherwise), the day it ends counts as answered_on, published only with the author's consent.
 */
async function closeMessage(deps: ServiceDeps, by: MessageActor, id: number, closing: Closing): Promise<MessageRow> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const m = await loadForStaff(tx, by, id);
    if (m.status !== 'pending') throw errors.conflict('该留言已办结', 'This message has already been dealt with');
    const published = closing.publish && m.publishConsent === 1 ? 1 : 0;
    const row = await store.updateMessage(tx, m.id, {
      status: closing.status,
      ...closing.texts,
      answeredAt: now.toISOString(),
      answeredOn: chinaDate(now),
      answeredBy: by.actor.id,
      published,
    });
    await appendAudit(tx, now, {
      actor: by.actor,
      agencyId: m.agencyId,
      action: closing.action,
      objectType: 'message',
      objectId: m.trackingNumber,
      summary: `${closing.verb}留言 ${m.trackingNumber}${published ? '（公开）' : ''}`,
      before: { status: m.status },
      after: closing.auditAfter(row, published),
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}

/**
 * The supervisor's finding on a complaint (条例 第四十七条第二款: 督促整改 when borne out), with its
 * note in `finding_note`. A later finding replaces the earlier one; the audit entry keeps both.
 */
export async function recordFinding(deps: ServiceDeps, by: MessageActor, id: number, raw: unknown): Promise<MessageRow> {
  assertMay(by, 'message.supervise');
  const input = parseOrRefuse(findingSchema, raw);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const m = await loadForStaff(tx, by, id);
    if (m.kind !== 'complaint') throw errors.conflict('只有投诉需要核查结论', 'Only complaints take a finding');
    const row = await store.updateMessage(tx, m.id, { finding: input.finding, findingNote: input.note });
    await appendAudit(tx, now, {
      actor: by.actor,
      agencyId: m.agencyId,
      action: 'message.finding',
      objectType: 'message',
      objectId: m.trackingNumber,
      summary: `投诉 ${m.trackingNumber} 核查结论：${FINDING_LABELS[input.finding]}`,
      before: { finding: m.finding, note: m.findingNote },
      after: { finding: input.finding, note: input.note },
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}
