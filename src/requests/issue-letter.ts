/** Numbers, renders and stores a letter of a request (its HTML and plain text never change after). */
import { findAgencyById } from '../agencies/service.js';
import { chinaDate } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import type { AgencyRow, RequestLetterRow, RequestRow } from '../platform/db/schema.js';
import { letterPlainText, renderLetter, type LetterInput } from './letters.js';
import { isOrganisation, type ApplicantType } from './model.js';
import * as store from './store.js';

type CommonKeys = 'number' | 'issuedOn' | 'agency' | 'applicant' | 'request';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What a caller supplies: the kind and its own fields; numbering and parties are filled in here. */
export type LetterContent = DistributiveOmit<LetterInput, CommonKeys>;

/** 文书编号: 岚江市教育局 → 岚江市教育局依申〔2026〕12号, one series per agency and year. */
export function letterNumber(agency: AgencyRow, year: number, seq: number): string {
  return `${agency.shortName || agency.name}依申〔${year}〕${seq}号`;
}

export async function issueLetter(
  db: Executor,
  deps: Pick<ServiceDeps, 'clock'>,
  actorLogin: string,
  request: RequestRow,
  agency: AgencyRow,
  content: LetterContent,
): Promise<RequestLetterRow> {
  const now = deps.clock.now();
  const issuedOn = chinaDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const number = letterNumber(agency, year, await store.nextSeq(db, agency.id, year, 'letter'));
  const input = {
    ...content,
    number,
    issuedOn,
    agency: {
      name: agency.name,
      officeName: agency.officeName,
      phone: agency.phone,
      address: agency.officeAddress || agency.mailAddress,
      postcode: agency.postcode,
      email: agency.email,
    },
    applicant: { name: request.applicantName, isOrganisation: isOrganisation(request.applicantType as ApplicantType) },
    request: {
      trackingNumber: request.trackingNumber,
      title: request.title,
      description: request.description,
      receivedOn: request.receivedOn,
      submittedOn: request.submittedOn,
    },
  };
  return store.insertLetter(db, {
    requestId: request.id,
    kind: content.kind,
    number,
    issuedOn,
    html: renderLetter(input),
    plainText: letterPlainText(input),
    toApplicant: content.kind === 'consultation' ? 0 : 1,
    createdBy: actorLogin,
    createdAt: now.toISOString(),
  });
}

/**
 * 行政复议机关 (行政复议法 2023 第二十四条): for a government department, the people's government at
 * its level; for a lower government, the government above it. Without a known parent, the letter
 * names "上一级人民政府" rather than guess.
 */
export async function reconsiderationBody(db: Executor, agency: AgencyRow): Promise<string> {
  const parent = agency.parentId === null ? undefined : await findAgencyById(db, agency.parentId);
  return parent?.name ?? '上一级人民政府';
}
