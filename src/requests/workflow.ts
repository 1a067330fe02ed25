/**
 * What officers do with a request: 补正, consultation, extension (with the head's approval), fee
 * notice, decision; and assignment and notes. Every step is checked against the clock rules
 * (clock.ts validateNextEvent) before it is stored, so a stored history is always a lawful one.
 */
import { randomUUID } from 'node:crypto';
import { findAgencyById } from '../agencies/service.js';
import { addWorkingDays } from '../platform/calendar/model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { chinaDate } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import type { AgencyRow, RequestEventRow, RequestRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { validateNextEvent, type ClockEvent } from './clock.js';
import { perPageFee, perRequestFee } from './fees.js';
import { issueLetter, reconsiderationBody } from './issue-letter.js';
import { clockEventsOf, clockOptions, eventData, readClock, requestSettings, type RequestClock } from './lifecycle.js';
import { outcomeOf, outcomeTitle, type DeliveryForm, type DeliveryMethod } from './model.js';
import {
  assignSchema,
  consultationEndSchema,
  consultationSchema,
  correctionReceivedSchema,
  correctionSchema,
  decisionSchema,
  extensionProposalSchema,
  feeNoticeSchema,
  noteSchema,
} from './schemas.js';
import * as store from './store.js';
import { assertApprover, assertHandler, assertOpen, loadReadable, recordEvent, type RequestActor } from './workflow-support.js';
import { canAssign } from './access.js';

async function agencyOf(tx: Tx, request: RequestRow): Promise<AgencyRow> {
  const agency = await findAgencyById(tx, request.agencyId);
  if (!agency) throw new Error(`agency ${request.agencyId} missing`);
  return agency;
}

/** Refuses a step the clock rules do not allow (e.g. a second 补正, a 21st day of extension). */
async function assertClockAllows(tx: Tx, request: RequestRow, next: ClockEvent): Promise<RequestClock> {
  const read = await readClock(tx, request);
  assertAllowed(read, next);
  return read;
}

function assertAllowed(read: RequestClock, next: ClockEvent): void {
  const problems = validateNextEvent(read.calendar, clockEventsOf(read.events), next, clockOptions(read.settings));
  if (problems.length > 0) throw errors.validation(problems);
}

/** Loads the request for a handling step inside a transaction, checking scope, role and state. */
async function forHandling(tx: Tx, by: RequestActor, id: number): Promise<RequestRow> {
  const request = await loadReadable(tx, by, id);
  assertHandler(by, request.agencyId);
  assertOpen(request);
  return request;
}

const todayOf = (deps: ServiceDeps) => chinaDate(deps.clock.now());

/** 补正告知 (条例 第三十条): once, within 7 working days of receipt, with a reasonable deadline. */
export async function requestCorrection(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const input = parseInput(correctionSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await forHandling(tx, by, id);
    const today = todayOf(deps);
    if (input.respondBy <= today) throw errors.validation(['respondBy: 补正期限应晚于今天 / the deadline must be after today']);
    await assertClockAllows(tx, request, { kind: 'correction-requested', on: today, respondBy: input.respondBy });
    await issueLetter(tx, deps, by.actor.login, request, await agencyOf(tx, request), { kind: 'correction', whatToCorrect: input.whatToCorrect, respondBy: input.respondBy });
    return recordEvent(tx, deps, by, request, {
      kind: 'correction-requested',
      onDate: today,
      data: { respondBy: input.respondBy },
      comment: input.whatToCorrect,
      summary: `发出补正告知，补正期限 ${input.respondBy}`,
    });
  });
}

/** The default 补正 deadline offered on the form: today + the configured working days. */
export async function suggestedCorrectionDeadline(deps: ServiceDeps): Promise<string> {
  const calendar = await loadCalendar(deps.db);
  const settings = await requestSettings(deps.db);
  return addWorkingDays(calendar, todayOf(deps), settings.correctionWorkingDays).date;
}

/** The corrected request arrives: the 20 working days start again from that day (第三十条). */
export async function receiveCorrection(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const input = parseInput(correctionReceivedSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    let request = await forHandling(tx, by, id);
    if (input.on > todayOf(deps)) throw errors.validation(['on: 日期不能晚于今天 / the date cannot be in the future']);
    await assertClockAllows(tx, request, { kind: 'correction-received', on: input.on });
    if (input.correctedTitle || input.correctedDescription) {
      request = await store.updateRequest(tx, request.id, {
        ...(input.correctedTitle ? { title: input.correctedTitle } : {}),
        ...(input.correctedDescription ? { description: input.correctedDescription } : {}),
      });
    }
    return recordEvent(tx, deps, by, request, { kind: 'correction-received', onDate: input.on, summary: `收到补正后的申请（${input.on}），答复期限重新计算` });
  });
}

/** 征求意见 (第三十二条 third party, 第三十四条 other organ): the clock pauses; a letter goes out. */
export async function startConsultation(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const input = parseInput(consultationSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await forHandling(tx, by, id);
    const today = todayOf(deps);
    const consultationId = randomUUID().slice(0, 8);
    const event: ClockEvent = { kind: 'consultation-started', on: today, id: consultationId, party: input.party, ...(input.deliveredOn ? { deliveredOn: input.deliveredOn } : {}) };
    const { calendar } = await assertClockAllows(tx, request, event);
    const replyBy = addWorkingDays(calendar, input.deliveredOn ?? today, 15).date;
    await issueLetter(tx, deps, by.actor.login, request, await agencyOf(tx, request), {
      kind: 'consultation',
      party: { name: input.partyName, isAgency: input.party === 'agency' },
      infoSummary: input.infoSummary,
      replyBy,
    });
    return recordEvent(tx, deps, by, request, {
      kind: 'consultation-started',
      onDate: today,
      data: { id: consultationId, party: input.party, partyName: input.partyName, ...(input.deliveredOn ? { deliveredOn: input.deliveredOn } : {}) },
      comment: input.infoSummary,
      summary: `征求${input.party === 'agency' ? '有关机关' : '第三方'}意见（${input.partyName}），暂停计时`,
    });
  });
}

export async function endConsultation(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const input = parseInput(consultationEndSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await forHandling(tx, by, id);
    if (input.on > todayOf(deps)) throw errors.validation(['on: 日期不能晚于今天 / the date cannot be in the future']);
    await assertClockAllows(tx, request, { kind: 'consultation-ended', on: input.on, id: input.consultation });
    return recordEvent(tx, deps, by, request, {
      kind: 'consultation-ended',
      onDate: input.on,
      data: { id: input.consultation },
      comment: input.summary,
      summary: `征求意见结束（${input.on}），恢复计时`,
    });
  });
}

/** An officer asks for an extension; it takes effect only when the head of the office approves. */
export async function proposeExtension(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const input = parseInput(extensionProposalSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await forHandling(tx, by, id);
    if (pendingExtension(await store.eventsOf(tx, request.id))) throw errors.conflict('已有待审批的延期申请', 'An extension is already waiting for approval');
    await assertClockAllows(tx, request, { kind: 'extended', on: todayOf(deps), workingDays: input.workingDays });
    return recordEvent(tx, deps, by, request, {
      kind: 'extension-proposed',
      onDate: todayOf(deps),
      data: { workingDays: input.workingDays },
      comment: input.reason,
      internal: true,
      summary: `提请延期答复 ${input.workingDays} 个工作日`,
    });
  });
}

/** The open proposal, if any: the last extension-proposed not followed by an approval or refusal. */
export function pendingExtension(events: readonly RequestEventRow[]) {
  let pending: { workingDays: number; reason: string; proposedBy: string } | null = null;
  for (const e of events) {
    if (e.kind === 'extension-proposed') {
      const n = Number(eventData(e).workingDays);
      pending = { workingDays: n, reason: e.comment, proposedBy: e.actorLogin };
    } else if (e.kind === 'extended' || e.kind === 'extension-refused' || e.kind === 'closed') {
      pending = null;
    }
  }
  return pending;
}

/** 条例 第三十三条第二款: 经政府信息公开工作机构负责人同意, 并告知申请人. */
export async function decideExtension(deps: ServiceDeps, by: RequestActor, id: number, approve: boolean, comment: string) {
  return deps.db.transaction().execute(async (tx) => {
    const request = await loadReadable(tx, by, id);
    assertApprover(by, request.agencyId);
    assertOpen(request);
    const pending = pendingExtension(await store.eventsOf(tx, request.id));
    if (!pending) throw errors.conflict('没有待审批的延期申请', 'No extension is waiting for approval');
    const today = todayOf(deps);
    if (!approve) {
      return recordEvent(tx, deps, by, request, { kind: 'extension-refused', onDate: today, comment, internal: true, summary: '不同意延期答复' });
    }
    await assertClockAllows(tx, request, { kind: 'extended', on: today, workingDays: pending.workingDays });
    const result = await recordEvent(tx, deps, by, request, {
      kind: 'extended',
      onDate: today,
      data: { workingDays: pending.workingDays, approvedBy: by.actor.login, proposedBy: pending.proposedBy },
      comment: pending.reason,
      summary: `负责人同意延期答复 ${pending.workingDays} 个工作日`,
    });
    await issueLetter(tx, deps, by.actor.login, result.request, await agencyOf(tx, request), {
      kind: 'extension',
      workingDays: pending.workingDays,
      newDueDate: result.request.dueOn ?? '',
      reason: pending.reason,
    });
    return result;
  });
}

/**
 * 收费通知 (国办函〔2020〕109号): one method per request; 按件 counts this applicant's requests to
 * this agency in the receipt month, this one included.
 */
export async function issueFeeNotice(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const input = parseInput(feeNoticeSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await forHandling(tx, by, id);
    // 办法 第三条: one method per request, never both; a second notice could charge the other.
    if ((await store.eventsOf(tx, request.id)).some((e) => e.kind === 'fee-notice')) {
      throw errors.conflict('每件申请只能发出一次收费通知，不得按两种标准重复计收', 'A request gets one fee notice; the two methods are never combined');
    }
    let fee;
    if (input.method === 'per-page') {
      if (!input.pages) throw errors.validation(['pages: 按量计收须填写页数 / give the number of pages']);
      fee = perPageFee(input.pages);
    } else {
      const nth = await store.countApplicantRequestsInMonth(tx, request.agencyId, request.idDocNumber, request.receivedOn.slice(0, 7), request.id);
      fee = perRequestFee(nth);
    }
    if (fee.amount === 0) throw errors.validation(['method: 按该标准计算的费用为0，无需发出收费通知 / the fee is zero; no notice is needed']);
    const read = await readClock(tx, request);
    const today = todayOf(deps);
    const payBy = addWorkingDays(read.calendar, today, read.settings.feePaymentWorkingDays).date;
    assertAllowed(read, { kind: 'fee-notice', on: today, payBy });
    await issueLetter(tx, deps, by.actor.login, request, await agencyOf(tx, request), { kind: 'fee-notice', method: input.method, fee, payBy, payment: input.payment });
    return recordEvent(tx, deps, by, request, {
      kind: 'fee-notice',
      onDate: today,
      data: { payBy, method: input.method, amount: fee.amount },
      summary: `发出信息处理费收费通知 ${fee.amount} 元，缴费期限 ${payBy}`,
    });
  });
}

export async function recordFeePaid(deps: ServiceDeps, by: RequestActor, id: number, on: string) {
  return deps.db.transaction().execute(async (tx) => {
    const request = await forHandling(tx, by, id);
    if (on > todayOf(deps)) throw errors.validation(['on: 日期不能晚于今天 / the date cannot be in the future']);
    await assertClockAllows(tx, request, { kind: 'fee-paid', on });
    return recordEvent(tx, deps, by, request, { kind: 'fee-paid', onDate: on, summary: `申请人已缴纳信息处理费（${on}）` });
  });
}

/** The decision (条例 第三十六–三十九条) and its 答复书, with the appeal rights. */
export async function decide(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const input = parseInput(decisionSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await forHandling(tx, by, id);
    const today = todayOf(deps);
    await assertClockAllows(tx, request, { kind: 'closed', on: today });
    const agency = await agencyOf(tx, request);
    await issueLetter(tx, deps, by.actor.login, request, agency, {
      kind: 'reply',
      outcome: input.outcome,
      reasons: input.reasons,
      provided: input.provided,
      deliveryForm: request.deliveryForm as DeliveryForm,
      deliveryMethod: request.deliveryMethod as DeliveryMethod,
      ...(input.referralAgency ? { referral: { agencyName: input.referralAgency, contact: input.referralContact } } : {}),
      reconsiderationBody: await reconsiderationBody(tx, agency),
      court: '有管辖权的人民法院',
    });
    await store.updateRequest(tx, request.id, { outcome: input.outcome, publicSummary: input.publicSummary, releaseConsent: input.releaseConsent ? 1 : 0 });
    return recordEvent(tx, deps, by, request, {
      kind: 'closed',
      onDate: today,
      data: { outcome: input.outcome },
      comment: input.reasons,
      summary: `作出答复：${outcomeTitle(input.outcome)}`,
    });
  });
}

/** Ends a request the applicant abandoned (补正 or fee overdue); the system records it. */
export async function closeAsAbandoned(tx: Tx, deps: ServiceDeps, by: RequestActor, request: RequestRow, outcome: 'other.correction-overdue' | 'other.fee-unpaid') {
  const reason = outcomeOf(outcome);
  await store.updateRequest(tx, request.id, { outcome, publicSummary: request.publicSummary || request.title });
  return recordEvent(tx, deps, by, request, {
    kind: 'closed',
    onDate: todayOf(deps),
    data: { outcome },
    comment: reason?.label ?? '',
    summary: `视为放弃申请：${reason?.label ?? outcome}`,
  });
}

export async function assign(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const { userId } = parseInput(assignSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await loadReadable(tx, by, id);
    if (by.staff && !canAssign(by.staff, request.agencyId)) throw errors.forbidden();
    const officer = await tx
      .selectFrom('appUser as u')
      .innerJoin('userRole as r', 'r.userId', 'u.id')
      .select(['u.id', 'u.displayName', 'u.login'])
      .where('u.id', '=', userId)
      .where('u.agencyId', '=', request.agencyId)
      .where('u.disabled', '=', 0)
      .where('r.role', '=', 'request_officer')
      .executeTakeFirst();
    if (!officer) throw errors.validation(['userId: 只能分配给本机关的依申请公开经办人员 / assign to a request officer of this agency']);
    const updated = await store.updateRequest(tx, request.id, { assignedTo: officer.id });
    return recordEvent(tx, deps, by, updated, { kind: 'assigned', onDate: todayOf(deps), data: { userId: officer.id, name: officer.displayName }, internal: true, summary: `分配给 ${officer.displayName}` });
  });
}

export async function addNote(deps: ServiceDeps, by: RequestActor, id: number, raw: unknown) {
  const { comment } = parseInput(noteSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const request = await loadReadable(tx, by, id);
    // The head of the office leaves notes too (instructions on a case), not only the officers.
    if (by.staff && !canAssign(by.staff, request.agencyId)) throw errors.forbidden();
    return recordEvent(tx, deps, by, request, { kind: 'note', onDate: todayOf(deps), comment, internal: true, summary: '添加内部备注' });
  });
}

