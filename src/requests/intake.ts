/**
 * How requests enter: the public form and API (网上申请), staff registration of requests received
 * in person, by post or fax (条例 第三十一条), each answered with a tracking number and a query code
 * shown once (only its scrypt hash is stored).
 */
import { randomBytes } from 'node:crypto';
import { findAgencyByCode } from '../agencies/service.js';
import { appendAudit } from '../platform/audit/store.js';
import { hashPassword } from '../platform/auth/password.js';
import { chinaDate } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import type { AgencyRow, RequestRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { ClockInputError, receiptDate } from './receipt.js';
import { applicantDocTypes, checkIdDocument } from './identity.js';
import { APPLICANT_TYPES, ID_DOC_LABELS, ID_DOC_TYPES, formatTrackingNumber, queryCodeFromBytes, type Channel } from './model.js';
import { refreshRequest } from './lifecycle.js';
import { issueLetter } from './issue-letter.js';
import { applicationSchema, registrationSchema, type ApplicationInput } from './schemas.js';
import { assertHandler, type RequestActor } from './workflow-support.js';
import * as store from './store.js';

export interface Submitted {
  readonly request: RequestRow;
  /** Shown once to the applicant (or the registering officer); never stored in clear. */
  readonly queryCode: string;
}

function newQueryCode(): string {
  return queryCodeFromBytes(randomBytes(32));
}

/**
 * Validates the application, the identity document and the agency, and reports every problem at
 * once: a visitor with a wrong check digit and a missing field learns of both in one answer.
 */
async function checkApplication(deps: ServiceDeps, raw: unknown): Promise<{ input: ApplicationInput; agency: AgencyRow; idNumber: string }> {
  const parsed = applicationSchema.safeParse(raw ?? {});
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  const fields = (raw ?? {}) as Record<string, unknown>;
  const docType = ID_DOC_TYPES.find((t) => t === fields.idDocType);
  const docNumber = typeof fields.idDocNumber === 'string' ? fields.idDocNumber : '';
  const id = docType && docNumber.trim() ? checkIdDocument(docType, docNumber, { today: chinaDate(deps.clock.now()) }) : undefined;
  problems.push(...(id?.problems ?? []).map((p) => `idDocNumber: ${p}`));
  const applicantType = APPLICANT_TYPES.find((t) => t === fields.applicantType);
  if (docType && applicantType && !applicantDocTypes(applicantType).includes(docType)) {
    problems.push(`idDocType: ${ID_DOC_LABELS[docType]}不适用于该类申请人 / this document does not fit the applicant type`);
  }
  const agency = typeof fields.agency === 'string' && fields.agency ? await findAgencyByCode(deps.db, fields.agency.trim()) : undefined;
  if (typeof fields.agency === 'string' && fields.agency && !agency) problems.push('agency: 受理机关不存在 / unknown agency');
  if (problems.length > 0 || !parsed.success || !agency || !id) throw errors.validation(problems);
  return { input: parsed.data, agency, idNumber: id.normalized };
}

async function createRequest(
  tx: Tx,
  deps: ServiceDeps,
  actorLogin: string,
  a: { input: ApplicationInput; agency: AgencyRow; idNumber: string },
  arrival: { channel: Channel; submittedOn: string; receivedOn: string; rule: string; source: 'online' | 'staff'; externalNumber: string },
): Promise<Submitted> {
  const now = deps.clock.now();
  const year = Number(arrival.receivedOn.slice(0, 4));
  const seq = await store.nextSeq(tx, a.agency.id, year, 'tracking');
  const queryCode = newQueryCode();
  const { input } = a;
  const row = await store.insertRequest(tx, {
    agencyId: a.agency.id,
    trackingNumber: formatTrackingNumber(a.agency.code, year, seq),
    queryCodeHash: await hashPassword(queryCode),
    source: arrival.source,
    externalNumber: arrival.externalNumber,
    applicantType: input.applicantType,
    applicantName: input.applicantName,
    idDocType: input.idDocType,
    idDocNumber: a.idNumber,
    contactPerson: input.contactPerson,
    phone: input.phone,
    email: input.email,
    address: input.address,
    postcode: input.postcode,
    title: input.title,
    docNumber: input.docNumber,
    description: input.description,
    deliveryForm: input.deliveryForm,
    deliveryMethod: input.deliveryMethod,
    channel: arrival.channel,
    submittedOn: arrival.submittedOn,
    receivedOn: arrival.receivedOn,
    receiptRule: arrival.rule,
    state: 'received',
    dueOn: null,
    assignedTo: null,
    outcome: null,
    closedOn: null,
    onTime: null,
    publicSummary: input.title,
    releasedRecordId: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  await store.insertEvent(tx, {
    requestId: row.id,
    at: now.toISOString(),
    onDate: arrival.receivedOn,
    kind: 'received',
    actorLogin,
    data: { channel: arrival.channel, rule: arrival.rule },
  });
  const { request, clock } = await refreshRequest(tx, row, now.toISOString());
  await issueLetter(tx, deps, actorLogin, request, a.agency, { kind: 'acknowledgement', dueDate: clock.dueDate ?? '' });
  // No applicant data in the audit log: it is read by people who may not see applicants.
  await appendAudit(tx, now, {
    actor: { id: null, login: actorLogin },
    agencyId: a.agency.id,
    action: arrival.source === 'online' ? 'request.submit' : 'request.register',
    objectType: 'request',
    objectId: request.trackingNumber,
    summary: `收到政府信息公开申请 ${request.trackingNumber}（${arrival.rule}）`,
    after: { trackingNumber: request.trackingNumber, channel: arrival.channel, receivedOn: arrival.receivedOn, dueOn: request.dueOn },
  });
  return { request, queryCode };
}

/** 网上申请 through the public form or the API: received the day it is submitted (see receipt.ts). */
export async function submitOnline(deps: ServiceDeps, raw: unknown): Promise<Submitted> {
  const checked = await checkApplication(deps, raw);
  const today = chinaDate(deps.clock.now());
  const receipt = receiptDate({ channel: 'online', submittedOn: today });
  return deps.db.transaction().execute((tx) =>
    createRequest(tx, deps, 'public', checked, { channel: 'online', submittedOn: today, receivedOn: receipt.date, rule: receipt.text, source: 'online', externalNumber: '' }),
  );
}

/** An officer registers a request received in person, by post, fax or e-mail (条例 第三十一条). */
export async function registerReceived(deps: ServiceDeps, by: RequestActor, raw: unknown): Promise<Submitted> {
  // Both halves of the form are checked before refusing, so every problem is listed at once.
  const parsedArrival = registrationSchema.safeParse(raw ?? {});
  const arrivalProblems = parsedArrival.success ? [] : parsedArrival.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  let checked;
  try {
    checked = await checkApplication(deps, raw);
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') throw errors.validation([...arrivalProblems, ...(e.details ?? [])]);
    throw e;
  }
  if (!parsedArrival.success) throw errors.validation(arrivalProblems);
  const arrival = parsedArrival.data;
  assertHandler(by, checked.agency.id);
  const today = chinaDate(deps.clock.now());
  let receipt;
  try {
    receipt = receiptDate({
      channel: arrival.channel,
      ...(arrival.submittedOn ? { submittedOn: arrival.submittedOn } : {}),
      ...(arrival.signedOn ? { signedOn: arrival.signedOn } : {}),
      ...(arrival.confirmedOn ? { confirmedOn: arrival.confirmedOn } : {}),
    });
  } catch (e) {
    if (e instanceof ClockInputError) throw errors.validation([e.message]);
    throw e;
  }
  if (receipt.date > today) throw errors.validation([`收到申请的日期不能晚于今天（${today}）/ the receipt date cannot be in the future`]);
  const submittedOn = arrival.submittedOn ?? receipt.date;
  return deps.db.transaction().execute((tx) =>
    createRequest(tx, deps, by.actor.login, checked, {
      channel: arrival.channel,
      submittedOn,
      receivedOn: receipt.date,
      rule: receipt.text,
      source: 'staff',
      externalNumber: arrival.externalNumber,
    }),
  );
}
