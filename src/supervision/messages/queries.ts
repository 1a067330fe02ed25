/**
 * 留言/投诉 reads: what the public board shows (masked, published only), the author's look-up by
 * tracking number and query code, the per-agency counts, and the staff list.
 */
import { listAgencies } from '../../agencies/service.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/password.js';
import type { StaffIdentity } from '../../platform/auth/model.js';
import type { WorkingDayCalendar } from '../../platform/calendar/model.js';
import type { Executor } from '../../platform/db/database.js';
import { subtreeIds } from '../../platform/hierarchy.js';
import { normalizeQueryCode } from '../../requests/model.js';
import {
  answeredOnTime,
  BOARD_STATES,
  COMPLAINT_GROUND_LABELS,
  isComplaintGround,
  isMessageKind,
  isMessageState,
  isOverdue,
  MESSAGE_KIND_LABELS,
  MESSAGE_STATE_LABELS,
  MESSAGE_NUMBER_RE,
  normalizeMessageNumber,
  publicText,
  workingDaysTaken,
} from './model.js';
import * as store from './store.js';

export type { MessageWithAgency } from './store.js';

/** A message as the public sees it: no name, no contact, personal data masked. */
export interface PublicMessage {
  readonly trackingNumber: string;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly groundLabel: string | null;
  /** 'answered' | 'rejected' (不予受理) */
  readonly status: string;
  readonly statusLabel: string;
  readonly subject: string;
  readonly body: string;
  /** the answer (status 'answered'), masked */
  readonly answer: string | null;
  /** why it was not accepted (status 'rejected'), masked */
  readonly rejectReason: string | null;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly answeredOn: string | null;
  readonly workingDaysTaken: number | null;
  readonly onTime: boolean | null;
}

export function presentPublic(cal: WorkingDayCalendar, m: store.MessageWithAgency): PublicMessage {
  const text = publicText(m);
  return {
    trackingNumber: m.trackingNumber,
    agencyCode: m.agencyCode,
    agencyName: m.agencyName,
    kind: m.kind,
    kindLabel: isMessageKind(m.kind) ? MESSAGE_KIND_LABELS[m.kind] : m.kind,
    groundLabel: isComplaintGround(m.ground) ? COMPLAINT_GROUND_LABELS[m.ground] : null,
    status: m.status,
    statusLabel: isMessageState(m.status) ? MESSAGE_STATE_LABELS[m.status] : m.status,
    subject: text.subject,
    body: text.body,
    answer: text.answer,
    rejectReason: text.rejectReason,
    receivedOn: m.receivedOn,
    dueOn: m.dueOn,
    answeredOn: m.answeredOn,
    workingDaysTaken: m.answeredOn ? workingDaysTaken(cal, m.receivedOn, m.answeredOn) : null,
    onTime: answeredOnTime(m),
  };
}

export interface BoardFilter {
  readonly agency?: string | undefined;
  readonly kind?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** Published messages (answered, or not accepted with the reason), newest first, optionally of one agency and kind. */
export async function publicBoard(db: Executor, cal: WorkingDayCalendar, f: BoardFilter): Promise<{ total: number; items: PublicMessage[] }> {
  const agencies = await listAgencies(db);
  const agency = f.agency ? agencies.find((a) => a.code === f.agency) : undefined;
  if (f.agency && !agency) return { total: 0, items: [] };
  const { total, rows } = await store.publishedMessages(db, {
    agencyId: agency?.id,
    kind: f.kind && isMessageKind(f.kind) ? f.kind : undefined,
    states: BOARD_STATES,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { total, items: rows.map((r) => presentPublic(cal, r)) };
}

/** One published message (answered or not accepted), or undefined (unknown, pending or unpublished look the same). */
export async function publishedMessage(db: Executor, cal: WorkingDayCalendar, trackingNumber: string): Promise<PublicMessage | undefined> {
  const tn = normalizeMessageNumber(trackingNumber);
  if (!MESSAGE_NUMBER_RE.test(tn)) return undefined;
  const m = await store.findByNumber(db, tn);
  return m && m.published === 1 && isMessageState(m.status) && BOARD_STATES.includes(m.status) ? presentPublic(cal, m) : undefined;
}

/**
 * The author's look-up. A wrong number and a wrong code answer the same, in the same time (scrypt
 * runs either way), so neither can be probed.
 */
export async function findForAuthor(db: Executor, trackingNumber: string, code: string): Promise<store.MessageWithAgency | null> {
  const tn = normalizeMessageNumber(trackingNumber);
  const normalized = normalizeQueryCode(code);
  const m = MESSAGE_NUMBER_RE.test(tn) ? await store.findByNumber(db, tn) : undefined;
  if (!m) {
    await burnPasswordCheck(normalized);
    return null;
  }
  return (await verifyPassword(normalized, m.queryCodeHash)) ? m : null;
}

export interface AgencyTally {
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly received: number;
  readonly answeredOnTime: number;
  readonly answeredLate: number;
  /** pending past the due day: counts against the agency */
  readonly overdue: number;
  /** pending, not yet due */
  readonly open: number;
}

/** Per-agency counts over every message (answers and refusals both end a message). */
export async function agencyTallies(db: Executor, today: string): Promise<AgencyTally[]> {
  const rows = await store.tallyRows(db);
  const agencies = await listAgencies(db);
  const byId = new Map<number, { received: number; answeredOnTime: number; answeredLate: number; overdue: number; open: number }>();
  for (const r of rows) {
    const t = byId.get(r.agencyId) ?? { received: 0, answeredOnTime: 0, answeredLate: 0, overdue: 0, open: 0 };
    t.received++;
    const onTime = answeredOnTime(r);
    if (onTime === true) t.answeredOnTime++;
    else if (onTime === false) t.answeredLate++;
    else if (isOverdue(r, today)) t.overdue++;
    else t.open++;
    byId.set(r.agencyId, t);
  }
  return agencies.filter((a) => byId.has(a.id)).map((a) => ({ agencyCode: a.code, agencyName: a.name, ...byId.get(a.id)! }));
}

/** Agencies whose messages a staff member sees: their own and those below (null = all). */
export async function staffAgencyIds(db: Executor, staff: StaffIdentity): Promise<number[] | null> {
  return staff.roles.includes('system_admin') ? null : subtreeIds(db, staff.agencyId);
}

export interface StaffListFilter {
  readonly status?: string | undefined;
  readonly kind?: string | undefined;
  readonly overdue?: boolean | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export interface StaffListItem {
  readonly message: store.MessageWithAgency;
  readonly overdue: boolean;
}

/** Messages to, or supervised by, an agency in the user's scope, soonest due first. */
export async function staffList(db: Executor, staff: StaffIdentity, today: string, f: StaffListFilter): Promise<{ total: number; items: StaffListItem[] }> {
  const { total, rows } = await store.staffMessages(db, {
    agencyIds: await staffAgencyIds(db, staff),
    status: f.status,
    kind: f.kind,
    overdueOn: f.overdue ? today : undefined,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { total, items: rows.map((m) => ({ message: m, overdue: isOverdue(m, today) })) };
}
