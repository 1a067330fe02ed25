/**
 * 留言 / 投诉 about disclosure work: kinds, complaint grounds, tracking numbers, the answer period,
 * which government supervises an agency, and what of a message may be shown in public.
 * Pure rules, no I/O.
 */
import { addWorkingDays, countWorkingDays, type WorkingDayCalendar } from '../../platform/calendar/model.js';
import { maskForDisplay, scanText } from '../../platform/privacy/scanner.js';

// ---------------------------------------------------------------- vocabulary

/** 咨询 / 建议 / 投诉. */
export const MESSAGE_KINDS = ['consult', 'suggestion', 'complaint'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KIND_LABELS: Readonly<Record<MessageKind, string>> = { consult: '咨询', suggestion: '建议', complaint: '投诉' };

// 条例 第四十七条第二款: 公民、法人或者其他组织认为行政机关未按照要求主动公开政府信息或者对政府信息公开申请
// 不依法答复处理的，可以提请政府信息公开工作主管部门督促整改或者通报批评。
export const COMPLAINT_GROUNDS = ['not_disclosed', 'request_unlawful', 'other'] as const;
export type ComplaintGround = (typeof COMPLAINT_GROUNDS)[number];
export const COMPLAINT_GROUND_LABELS: Readonly<Record<ComplaintGround, string>> = {
  not_disclosed: '未依法履行主动公开义务',
  request_unlawful: '未依法处理政府信息公开申请',
  other: '其他',
};

/** pending → answered | rejected (不予受理: abusive, duplicate, outside the agency's remit). */
export const MESSAGE_STATES = ['pending', 'answered', 'rejected'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export const MESSAGE_STATE_LABELS: Readonly<Record<MessageState, string>> = { pending: '办理中', answered: '已答复', rejected: '不予受理' };

// 条例 第四十七条第二款: the supervisor 督促整改 when the complaint is borne out.
export const FINDINGS = ['verified', 'unfounded'] as const;
export type Finding = (typeof FINDINGS)[number];
export const FINDING_LABELS: Readonly<Record<Finding, string>> = { verified: '情况属实，督促整改', unfounded: '经核查不属实' };

export const isMessageKind = (v: unknown): v is MessageKind => typeof v === 'string' && (MESSAGE_KINDS as readonly string[]).includes(v);
export const isComplaintGround = (v: unknown): v is ComplaintGround => typeof v === 'string' && (COMPLAINT_GROUNDS as readonly string[]).includes(v);
export const isMessageState = (v: unknown): v is MessageState => typeof v === 'string' && (MESSAGE_STATES as readonly string[]).includes(v);
export const isFinding = (v: unknown): v is Finding => typeof v === 'string' && (FINDINGS as readonly string[]).includes(v);

// ---------------------------------------------------------------- tracking numbers

/** LY2026-000123: 留言 + year + a six-digit yearly sequence (wider when a year passes 999 999). */
export function formatMessageNumber(year: number, seq: number): string {
  return `LY${year}-${String(seq).padStart(6, '0')}`;
}
export const MESSAGE_NUMBER_RE = /^LY\d{4}-\d{6,}$/;

/** As typed: full-width forms folded, spaces dropped, the prefix upper case. */
export function normalizeMessageNumber(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, '').toUpperCase();
}

/** The sequence part of a tracking number of that year, or 0. */
export function sequenceOf(trackingNumber: string, year: number): number {
  const prefix = `LY${year}-`;
  if (!trackingNumber.startsWith(prefix)) return 0;
  const n = Number(trackingNumber.slice(prefix.length));
  return Number.isSafeInteger(n) ? n : 0;
}

// ---------------------------------------------------------------- dates

/**
 * The day a message counts as received. Kept simple and stated on the form: the submission date in
 * Beijing time; a message sent on a day off counts from the next working day (the same rule 条例
 * 第三十一条 applies to requests, where the office is not open to receive).
 */
export function messageReceivedOn(cal: WorkingDayCalendar, submittedOn: string): string {
  return cal.isWorkingDay(submittedOn) ? submittedOn : addWorkingDays(cal, submittedOn, 1).date;
}

/**
 * The answer is due `workingDays` working days after the received day (the day itself not counted,
 * 民法典 第二百零一条); the period is the supervision setting messageAnswerWorkingDays.
 */
export function messageDueOn(cal: WorkingDayCalendar, receivedOn: string, workingDays: number): string {
  return addWorkingDays(cal, receivedOn, workingDays).date;
}

/** Unanswered past its due day: counts against the agency (issue #9 item 2). */
export function isOverdue(m: { status: string; dueOn: string }, today: string): boolean {
  return m.status === 'pending' && today > m.dueOn;
}

/** Answered (or refused) by the due day. */
export function answeredOnTime(m: { answeredOn: string | null; dueOn: string }): boolean | null {
  return m.answeredOn === null ? null : m.answeredOn <= m.dueOn;
}

/** Working days from receipt to the answer, for the public board. */
export function workingDaysTaken(cal: WorkingDayCalendar, receivedOn: string, answeredOn: string): number {
  return countWorkingDays(cal, receivedOn, answeredOn).days;
}

// ---------------------------------------------------------------- routing

export interface AgencyPlace {
  readonly id: number;
  readonly kind: string;
  readonly parentId: number | null;
}

/**
 * The government above the agency, which also sees the message (条例 第四十七条第一款: the
 * 政府信息公开工作主管部门 of the government supervises): for a department (部门) the government it
 * belongs to; for a government, its parent government; none for the top government.
 */
export function supervisorAgencyId(agency: AgencyPlace, parent: AgencyPlace | null): number | null {
  if (agency.parentId === null || parent === null || parent.id !== agency.parentId) return null;
  return parent.kind === 'government' ? parent.id : null;
}

// ---------------------------------------------------------------- masking for the public

const ASTERISK = '*';
// e-mail addresses and fixed-line numbers (区号 + 7–8 digits) are personal contact data as well
// (个人信息保护法 第四条); the platform scanner covers ID numbers, mobiles and card numbers.
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const LANDLINE_RE = /(?<![0-9])0\d{2,3}[- ]?\d{7,8}(?![0-9])/g;

/** 张伟 → 张*, 欧阳娜娜 → 欧**娜 (same form as 双公示 masking). */
export function maskName(name: string): string {
  const chars = [...name.normalize('NFKC').trim()];
  if (chars.length <= 1) return ASTERISK;
  if (chars.length === 2) return `${chars[0]}${ASTERISK}`;
  return `${chars[0]}${ASTERISK.repeat(chars.length - 2)}${chars.at(-1)}`;
}

function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** A contact (phone or e-mail) shown to readers who may not reply: 138****0000, a***@example.cn. */
export function maskContact(contact: string): string {
  const masked = maskPersonalData(contact);
  return masked === contact ? contact.replace(/\d(?=\d{2})/g, ASTERISK) : masked;
}

/**
 * Personal data masked for publication: whatever the privacy scanner finds (ID numbers, mobiles,
 * bank cards — 个人信息保护法 第二十八条), e-mail addresses, fixed-line numbers, and the author's own
 * name wherever it appears in the text. Secrecy markings are left for staff to judge.
 * `officeContacts` keeps e-mail addresses and fixed lines: in an agency's answer they are the
 * office's own published contacts (条例 第二十四条 guide data), which the reader needs.
 */
export function maskPersonalData(text: string, names: readonly string[] = [], options: { officeContacts?: boolean } = {}): string {
  const hits = scanText(text)
    .filter((h) => h.rule !== 'secrecy-marking')
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const h of hits) out = `${out.slice(0, h.start)}${maskForDisplay(h)}${out.slice(h.end)}`;
  if (!options.officeContacts) out = out.replace(EMAIL_RE, maskEmail).replace(LANDLINE_RE, (m) => `${m.slice(0, 4)}****${m.slice(-2)}`);
  for (const name of names) {
    const n = name.trim();
    if ([...n].length >= 2) out = out.split(n).join(maskName(n));
  }
  return out;
}

/** Whether a text holds personal data a public text may not carry (used to refuse rating comments). */
export function personalDataIn(text: string): string[] {
  const found = scanText(text)
    .filter((h) => h.rule !== 'secrecy-marking')
    .map((h) => h.rule as string);
  if (new RegExp(EMAIL_RE.source).test(text)) found.push('email');
  if (new RegExp(LANDLINE_RE.source).test(text)) found.push('landline');
  return [...new Set(found)];
}

export interface PublicMessageText {
  readonly subject: string;
  readonly body: string;
  readonly answer: string | null;
  readonly rejectReason: string | null;
}

/**
 * What a public page shows of a message: subject, body, answer and the reason it was not accepted,
 * masked (个人信息保护法 第二十八条); never the name or contact.
 */
export function publicText(m: { subject: string; body: string; answer: string | null; rejectReason: string | null; authorName: string }): PublicMessageText {
  const names = [m.authorName];
  // The agency writes the answer and the reason: its office phone and e-mail stay readable.
  const mask = (t: string | null) => (t === null ? null : maskPersonalData(t, names, { officeContacts: true }));
  return { subject: maskPersonalData(m.subject, names), body: maskPersonalData(m.body, names), answer: mask(m.answer), rejectReason: mask(m.rejectReason) };
}

/** States a message may be shown on the board in, once published: answered, or not accepted with its reason. */
export const BOARD_STATES: readonly MessageState[] = ['answered', 'rejected'];
