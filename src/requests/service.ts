/**
 * 依申请公开 use cases. Writes live in intake.ts, workflow.ts and records.ts; this file holds the
 * reads — what staff, the applicant and the public may each see — and re-exports the rest.
 */
import { findAgencyByCode, findAgencyById } from '../agencies/service.js';
import { burnPasswordCheck, verifyPassword } from '../platform/auth/password.js';
import type { StaffIdentity } from '../platform/auth/model.js';
import { chinaDate, type Clock } from '../platform/clock.js';
import type { Executor } from '../platform/db/database.js';
import type { AgencyRow, RequestEventRow, RequestRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { subtreeIds } from '../platform/hierarchy.js';
import { workingDaysLeft, type ClockResult } from './clock.js';
import { eventData, readClock } from './lifecycle.js';
import { normalizeQueryCode, normalizeTrackingNumber, TRACKING_NUMBER_RE } from './model.js';
import * as store from './store.js';
import { pendingExtension } from './workflow.js';
import { loadReadable, type RequestActor } from './workflow-support.js';

export * from './intake.js';
export * from './workflow.js';
export * from './records.js';
export { sweepRequests, recomputeOpenRequests } from './sweep.js';
export type { RequestActor } from './workflow-support.js';

/**
 * Agencies whose requests a staff member's lists show (null = all): supervisors see their agency
 * and everything below it; officers and admins their own agency (access.ts explains why).
 */
export async function readableAgencyIds(db: Executor, staff: StaffIdentity): Promise<number[] | null> {
  if (staff.roles.includes('system_admin')) return null;
  if (staff.roles.includes('supervisor')) return subtreeIds(db, staff.agencyId);
  if (staff.roles.includes('request_officer') || staff.roles.includes('agency_admin')) return [staff.agencyId];
  return [];
}

export interface OpenConsultation {
  readonly id: string;
  readonly party: string;
  readonly partyName: string;
  readonly startedOn: string;
}

/** Consultations started and not yet ended, for the "answer received" form. */
export function openConsultations(events: readonly RequestEventRow[]): OpenConsultation[] {
  const open = new Map<string, OpenConsultation>();
  for (const e of events) {
    const d = eventData(e);
    const id = typeof d.id === 'string' ? d.id : '';
    if (e.kind === 'consultation-started') {
      open.set(id, { id, party: typeof d.party === 'string' ? d.party : '', partyName: typeof d.partyName === 'string' ? d.partyName : '', startedOn: e.onDate });
    } else if (e.kind === 'consultation-ended') {
      open.delete(id);
    }
  }
  return [...open.values()];
}

export interface StaffRequestView {
  readonly request: RequestRow;
  readonly agency: AgencyRow;
  readonly clock: ClockResult;
  readonly daysLeft: number | null;
  readonly events: readonly RequestEventRow[];
  readonly letters: Awaited<ReturnType<typeof store.lettersOf>>;
  readonly appeals: Awaited<ReturnType<typeof store.appealsOf>>;
  readonly attachments: Awaited<ReturnType<typeof store.attachmentsOf>>;
  readonly assignee: { id: number; displayName: string } | null;
  readonly officers: readonly { id: number; displayName: string }[];
  readonly pendingExtension: ReturnType<typeof pendingExtension>;
  readonly consultations: readonly OpenConsultation[];
}

export async function staffRequestView(db: Executor, clock: Clock, by: RequestActor, id: number): Promise<StaffRequestView> {
  const request = await loadReadable(db, by, id);
  const agency = await findAgencyById(db, request.agencyId);
  if (!agency) throw errors.notFound('机关');
  const read = await readClock(db, request);
  const officers = await db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .select(['u.id', 'u.displayName'])
    .where('u.agencyId', '=', request.agencyId)
    .where('u.disabled', '=', 0)
    .where('r.role', '=', 'request_officer')
    .orderBy('u.displayName')
    .execute();
  const today = chinaDate(clock.now());
  return {
    request,
    agency,
    clock: read.clock,
    daysLeft: read.clock.dueDate && read.clock.state !== 'closed' ? workingDaysLeft(read.calendar, today, read.clock.dueDate) : null,
    events: read.events,
    letters: await store.lettersOf(db, id),
    appeals: await store.appealsOf(db, id),
    attachments: await store.attachmentsOf(db, id),
    assignee: officers.find((o) => o.id === request.assignedTo) ?? null,
    officers,
    pendingExtension: pendingExtension(read.events),
    consultations: openConsultations(read.events),
  };
}

/**
 * The applicant's look-up by tracking number and query code. A wrong number and a wrong code
 * answer the same, in the same time (scrypt runs either way), so neither can be probed.
 */
export async function findForApplicant(db: Executor, trackingNumber: string, code: string): Promise<RequestRow | null> {
  const tn = normalizeTrackingNumber(trackingNumber);
  const normalized = normalizeQueryCode(code);
  const request = TRACKING_NUMBER_RE.test(tn) ? await store.findRequestByTracking(db, tn) : undefined;
  if (!request) {
    await burnPasswordCheck(normalized);
    return null;
  }
  return (await verifyPassword(normalized, request.queryCodeHash)) ? request : null;
}

export interface ApplicantView {
  readonly request: RequestRow;
  readonly agency: AgencyRow;
  readonly clock: ClockResult;
  readonly events: readonly RequestEventRow[];
  readonly letters: Awaited<ReturnType<typeof store.lettersOf>>;
  readonly attachments: Awaited<ReturnType<typeof store.attachmentsOf>>;
}

/** The request behind an applicant's verified viewing cookie (the route checked the signature). */
export async function requestForVerifiedApplicant(db: Executor, trackingNumber: string): Promise<RequestRow | undefined> {
  return store.findRequestByTracking(db, normalizeTrackingNumber(trackingNumber));
}

/** What the applicant sees: the timeline without internal notes, their letters and files. */
export async function applicantView(db: Executor, request: RequestRow): Promise<ApplicantView> {
  const agency = await findAgencyById(db, request.agencyId);
  if (!agency) throw errors.notFound('机关');
  const read = await readClock(db, request);
  return {
    request,
    agency,
    clock: read.clock,
    events: read.events.filter((e) => !e.internal),
    letters: (await store.lettersOf(db, request.id)).filter((l) => l.toApplicant),
    attachments: (await store.attachmentsOf(db, request.id)).filter((a) => a.forApplicant),
  };
}

/** 公开登记: closed requests of one agency, anonymised (no applicant column is even selected). */
export async function publicRegister(db: Executor, agencyCode: string, page: number, pageSize: number) {
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw errors.notFound('机关');
  const { total, rows } = await store.registerRows(db, agency.id, pageSize, (page - 1) * pageSize);
  const counts = await store.registerCounts(db, agency.id);
  const released = rows.map((r) => r.releasedRecordId).filter((x): x is number => x !== null);
  const records = released.length
    ? await db.selectFrom('record').select(['id', 'title', 'indexNumber']).where('id', 'in', released).where('status', '=', 'published').execute()
    : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  return {
    agency,
    total,
    onTime: counts.onTime,
    items: rows.map((r) => ({ ...r, released: r.releasedRecordId === null ? null : (byId.get(r.releasedRecordId) ?? null) })),
  };
}

