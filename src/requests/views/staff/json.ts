/**
 * The workbench's JSON: query and response schemas (documented in OpenAPI from the same zod
 * objects) and the presenters. The list never carries the applicant's identity; the detail shows
 * it as the request page does, with the document number masked.
 */
import { z } from 'zod';
import { isIsoDate } from '../../../platform/calendar/model.js';
import { maskIdNumber } from '../../identity.js';
import { LETTER_TITLES, type LetterKind } from '../../letters.js';
import { REQUEST_STATES, type IdDocType } from '../../model.js';
import type { StaffRequestView } from '../../service.js';
import { eventLabel } from '../event-labels.js';
import { eventData } from '../../lifecycle.js';
import type { ListItem } from './list.js';

const optionalDate = (what: string) =>
  z
    .union([z.literal(''), z.string().refine(isIsoDate, `${what}应为 YYYY-MM-DD / must be a date (YYYY-MM-DD)`)])
    .optional()
    .transform((v) => v || undefined)
    .describe(`${what}（YYYY-MM-DD）`);

/** Filters of the list page and the JSON list (blank form fields mean "no filter"). */
export const listQuery = z.object({
  state: z
    .union([z.literal(''), z.enum(REQUEST_STATES)])
    .optional()
    .transform((v) => v || undefined)
    .describe('办理状态 / state'),
  status: z
    .union([z.literal(''), z.enum(['open', 'closed'])])
    .optional()
    .transform((v) => v || undefined)
    .describe('open = 办理中, closed = 已办结'),
  mine: z
    .union([z.literal(''), z.literal('1')])
    .optional()
    .transform((v) => v === '1')
    .describe('1 = 只看分配给我的 / assigned to me'),
  from: optionalDate('收到日期起 / received from'),
  to: optionalDate('收到日期止 / received to'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
export type ListQuery = z.infer<typeof listQuery>;

export const idParam = z.object({ id: z.coerce.number().int().positive().describe('申请的内部编号 / request id') });

const agencyRef = z.object({ code: z.string(), name: z.string() });

export const listItemJson = z.object({
  id: z.number().int(),
  trackingNumber: z.string(),
  title: z.string(),
  agency: agencyRef,
  state: z.enum(REQUEST_STATES),
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable().describe('剩余工作日，负数为已超期的工作日 / working days left, negative = overdue'),
  dueProvisional: z.boolean().describe('答复期限涉及尚未公布节假日安排的年份 / depends on an unpublished holiday schedule'),
  assignee: z.string().nullable(),
  outcome: z.string().nullable(),
});

export function presentListItem(item: ListItem & { agencyCode: string }): z.infer<typeof listItemJson> {
  return {
    id: item.id,
    trackingNumber: item.trackingNumber,
    title: item.title,
    agency: { code: item.agencyCode, name: item.agencyName },
    state: item.state as (typeof REQUEST_STATES)[number],
    receivedOn: item.receivedOn,
    dueOn: item.dueOn,
    daysLeft: item.daysLeft,
    dueProvisional: item.dueProvisional,
    assignee: item.assignee,
    outcome: item.outcome,
  };
}

const dayJson = z.object({ date: z.string(), reason: z.string(), text: z.string() });

export const requestDetailJson = listItemJson.extend({
  docNumber: z.string(),
  description: z.string(),
  channel: z.string(),
  submittedOn: z.string(),
  receiptRule: z.string(),
  closedOn: z.string().nullable(),
  onTime: z.boolean().nullable(),
  publicSummary: z.string(),
  applicant: z.object({
    type: z.string(),
    name: z.string(),
    idDocType: z.string(),
    idDocNumberMasked: z.string(),
    contactPerson: z.string(),
    phone: z.string(),
    email: z.string(),
    address: z.string(),
    postcode: z.string(),
    deliveryForm: z.string(),
    deliveryMethod: z.string(),
  }),
  clock: z.object({
    state: z.string(),
    clockStart: z.string(),
    correctionDeadline: z.string(),
    correctionRespondBy: z.string().nullable(),
    baseDue: z.string(),
    extensionDays: z.number().int(),
    pausedDays: z.number().int(),
    pauses: z.array(z.object({ from: z.string(), to: z.string(), days: z.number().int(), reason: z.string() })),
    steps: z.array(z.object({ rule: z.string(), text: z.string(), date: z.string().optional(), days: z.array(dayJson).optional() })),
  }),
  events: z.array(
    z.object({ id: z.number().int(), kind: z.string(), label: z.string(), onDate: z.string(), at: z.string(), actor: z.string(), comment: z.string(), internal: z.boolean(), data: z.record(z.string(), z.unknown()) }),
  ),
  letters: z.array(z.object({ id: z.number().int(), kind: z.string(), title: z.string(), number: z.string(), issuedOn: z.string(), toApplicant: z.boolean(), url: z.string() })),
  attachments: z.array(z.object({ id: z.number().int(), fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string(), forApplicant: z.boolean(), url: z.string() })),
  appeals: z.array(z.object({ id: z.number().int(), kind: z.string(), filedOn: z.string(), result: z.string(), concludedOn: z.string().nullable(), note: z.string() })),
  pendingExtension: z.object({ workingDays: z.number().int(), reason: z.string(), proposedBy: z.string() }).nullable(),
  consultations: z.array(z.object({ id: z.string(), party: z.string(), partyName: z.string(), startedOn: z.string() })),
});

export function presentDetail(view: StaffRequestView): z.infer<typeof requestDetailJson> {
  const r = view.request;
  const base = `/staff/requests/${r.id}`;
  return {
    ...presentListItem({
      ...r,
      agencyCode: view.agency.code,
      agencyName: view.agency.name,
      dueProvisional: view.clock.provisional,
      daysLeft: view.daysLeft,
      assignee: view.assignee?.displayName ?? null,
    }),
    docNumber: r.docNumber,
    description: r.description,
    channel: r.channel,
    submittedOn: r.submittedOn,
    receiptRule: r.receiptRule,
    closedOn: r.closedOn,
    onTime: r.onTime === null ? null : r.onTime === 1,
    publicSummary: r.publicSummary,
    applicant: {
      type: r.applicantType,
      name: r.applicantName,
      idDocType: r.idDocType,
      idDocNumberMasked: maskIdNumber(r.idDocType as IdDocType, r.idDocNumber),
      contactPerson: r.contactPerson,
      phone: r.phone,
      email: r.email,
      address: r.address,
      postcode: r.postcode,
      deliveryForm: r.deliveryForm,
      deliveryMethod: r.deliveryMethod,
    },
    clock: {
      state: view.clock.state,
      clockStart: view.clock.clockStart,
      correctionDeadline: view.clock.correctionDeadline,
      correctionRespondBy: view.clock.correctionRespondBy,
      baseDue: view.clock.baseDue,
      extensionDays: view.clock.extensionDays,
      pausedDays: view.clock.pausedDays,
      pauses: view.clock.pauses,
      steps: view.clock.steps.map((s) => ({
        rule: s.rule,
        text: s.text,
        ...(s.date ? { date: s.date } : {}),
        ...(s.days ? { days: s.days.map((d) => ({ date: d.date, reason: d.reason, text: d.text })) } : {}),
      })),
    },
    events: view.events.map((e) => ({ id: e.id, kind: e.kind, label: eventLabel(e.kind), onDate: e.onDate, at: e.at, actor: e.actorLogin, comment: e.comment, internal: e.internal === 1, data: eventData(e) })),
    letters: view.letters.map((l) => ({ id: l.id, kind: l.kind, title: LETTER_TITLES[l.kind as LetterKind] ?? l.kind, number: l.number, issuedOn: l.issuedOn, toApplicant: l.toApplicant === 1, url: `${base}/letters/${l.id}` })),
    attachments: view.attachments.map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256, forApplicant: a.forApplicant === 1, url: `${base}/attachments/${a.id}` })),
    appeals: view.appeals.map((a) => ({ id: a.id, kind: a.kind, filedOn: a.filedOn, result: a.result, concludedOn: a.concludedOn, note: a.note })),
    pendingExtension: view.pendingExtension,
    consultations: [...view.consultations],
  };
}
