import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types as the application sees them (camelCase; the CamelCasePlugin maps to snake_case).
 * Timestamps are ISO-8601 UTC strings and dates 'YYYY-MM-DD' strings on both engines, so rows
 * compare, sort and serialise identically on SQLite and PostgreSQL. Flags are 0/1 integers.
 */
export interface Database {
  appSetting: AppSettingTable;
  agency: AgencyTable;
  appUser: AppUserTable;
  userRole: UserRoleTable;
  session: SessionTable;
  auditEntry: AuditEntryTable;
  holidaySchedule: HolidayScheduleTable;
  indexCounter: IndexCounterTable;
  record: RecordTable;
  recordIssuer: RecordIssuerTable;
  recordVersion: RecordVersionTable;
  recordEvent: RecordEventTable;
  attachment: AttachmentTable;
  helpPage: HelpPageTable;
  searchDoc: SearchDocTable;
  requestCounter: RequestCounterTable;
  request: RequestTable;
  requestEvent: RequestEventTable;
  requestLetter: RequestLetterTable;
  requestAppeal: RequestAppealTable;
  requestAttachment: RequestAttachmentTable;
  requestReminder: RequestReminderTable;
  annualReport: AnnualReportTable;
  serviceItem: ServiceItemTable;
  serviceItemChange: ServiceItemChangeTable;
  resultDecision: ResultDecisionTable;
  inspectionSite: InspectionSiteTable;
  inspectionRun: InspectionRunTable;
  consultation: ConsultationTable;
  consultationComment: ConsultationCommentTable;
  message: MessageTable;
  rating: RatingTable;
  accountabilityCase: AccountabilityCaseTable;
  accountabilityAction: AccountabilityActionTable;
  notificationDigest: NotificationDigestTable;
}

type Timestamp = string;
/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  shortName: string;
  level: string;
  kind: string;
  parentId: number | null;
  creditCode: string;
  sortOrder: ColumnType<number, number | undefined, number>;
  officeName: string;
  officeAddress: string;
  officeHours: string;
  phone: string;
  fax: string;
  email: string;
  mailAddress: string;
  postcode: string;
  webFormUrl: string;
  feePolicy: string;
  classification: string;
  howToObtain: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AppUserTable {
  id: Generated<number>;
  login: string;
  displayName: string;
  agencyId: number;
  passwordHash: string;
  disabled: ColumnType<number, number | undefined, number>;
  failedLogins: ColumnType<number, number | undefined, number>;
  lockedUntil: Timestamp | null;
  lastLoginAt: Timestamp | null;
  passwordChangedAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** for notification digests; '' = workbench only (migration 10) */
  email: Defaulted<string>;
}

export interface UserRoleTable {
  userId: number;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable session cookies. */
  id: string;
  userId: number;
  csrfSecret: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  lastSeenAt: Timestamp;
  ip: string;
  userAgent: string;
}

export interface AuditEntryTable {
  id: Generated<number>;
  at: Timestamp;
  actorId: number | null;
  actorLogin: string;
  agencyId: number | null;
  action: string;
  objectType: string;
  objectId: string;
  summary: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  detail: string;
  ip: string;
}

export interface HolidayScheduleTable {
  year: number;
  source: string;
  schedule: string;
  enteredBy: string;
  enteredAt: Timestamp;
}

export interface IndexCounterTable {
  agencyId: number;
  year: number;
  lastSeq: number;
}

export interface RecordTable {
  id: Generated<number>;
  agencyId: number;
  indexNumber: string;
  title: string;
  docNumber: string;
  docNumberKey: string;
  writtenOn: string;
  formedOn: string;
  publishedOn: string | null;
  publishAt: Timestamp | null;
  topic: string;
  genre: string;
  category: string;
  statutoryItem: number | null;
  mode: string;
  ground: string | null;
  groundReason: string;
  groundApprovedBy: string | null;
  validity: string;
  replacedById: number | null;
  /** Keywords joined by '、'. */
  keywords: string;
  bodyHtml: string;
  bodyText: string;
  needsInterpretation: ColumnType<number, number | undefined, number>;
  interpretsId: number | null;
  interpretationKind: string | null;
  videoUrl: string;
  status: string;
  version: ColumnType<number, number | undefined, number>;
  /** JSON array of scanner hits from the last submission. */
  scanHits: Defaulted<string>;
  scanOverrideReason: Defaulted<string>;
  reviewComment: Defaulted<string>;
  withdrawnOn: string | null;
  withdrawnReason: Defaulted<string>;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RecordIssuerTable {
  recordId: number;
  agencyId: number;
  position: number;
}

export interface RecordVersionTable {
  id: Generated<number>;
  recordId: number;
  version: number;
  title: string;
  bodyHtml: string;
  /** JSON of the metadata as published in this version. */
  snapshot: string;
  reason: string;
  publishedOn: string;
  createdBy: string;
  createdAt: Timestamp;
}

export interface RecordEventTable {
  id: Generated<number>;
  recordId: number;
  at: Timestamp;
  actorLogin: string;
  action: string;
  comment: string;
}

export interface AttachmentTable {
  id: Generated<number>;
  recordId: number;
  fileName: string;
  kind: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  textContent: string;
  addedInVersion: number;
  removedInVersion: number | null;
  createdAt: Timestamp;
}

export interface HelpPageTable {
  slug: string;
  title: string;
  summary: string;
  bodyHtml: string;
  sortOrder: number;
  updatedBy: string;
  updatedAt: Timestamp;
}

export type HelpPageRow = Selectable<HelpPageTable>;
export type RecordRow = Selectable<RecordTable>;
export type NewRecordRow = Insertable<RecordTable>;
export type RecordVersionRow = Selectable<RecordVersionTable>;
export type RecordEventRow = Selectable<RecordEventTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type AgencyRow = Selectable<AgencyTable>;
export type NewAgencyRow = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEntryRow = Selectable<AuditEntryTable>;

/** One indexed record (search). The PostgreSQL engine adds tsvector columns it writes with raw SQL. */
export interface SearchDocTable {
  docKey: number;
  recordId: number;
  agencyId: number;
  publishedOn: string;
  topic: string;
  category: string;
  genre: string;
  validity: string;
}

// ---------------------------------------------------------------- 依申请公开 (src/requests)

export interface RequestCounterTable {
  agencyId: number;
  year: number;
  kind: string;
  lastSeq: number;
}

export interface RequestTable {
  id: Generated<number>;
  agencyId: number;
  trackingNumber: string;
  queryCodeHash: string;
  /** 'online' (the public form), 'staff' (registered by an officer), 'import' (historical register) */
  source: string;
  externalNumber: Defaulted<string>;
  applicantType: string;
  applicantName: string;
  idDocType: string;
  idDocNumber: string;
  contactPerson: Defaulted<string>;
  phone: Defaulted<string>;
  email: Defaulted<string>;
  address: Defaulted<string>;
  postcode: Defaulted<string>;
  title: string;
  docNumber: Defaulted<string>;
  description: Defaulted<string>;
  deliveryForm: string;
  deliveryMethod: string;
  channel: string;
  submittedOn: string;
  receivedOn: string;
  receiptRule: Defaulted<string>;
  state: string;
  dueOn: string | null;
  dueProvisional: Defaulted<number>;
  assignedTo: number | null;
  outcome: string | null;
  closedOn: string | null;
  onTime: number | null;
  publicSummary: Defaulted<string>;
  releaseConsent: Defaulted<number>;
  releasedRecordId: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RequestEventTable {
  id: Generated<number>;
  requestId: number;
  at: Timestamp;
  onDate: string;
  kind: string;
  actorLogin: string;
  /** JSON object with the event's own fields (validated by requests/events.ts) */
  data: Defaulted<string>;
  comment: Defaulted<string>;
  internal: Defaulted<number>;
}

export interface RequestLetterTable {
  id: Generated<number>;
  requestId: number;
  kind: string;
  number: string;
  issuedOn: string;
  html: string;
  plainText: string;
  toApplicant: Defaulted<number>;
  createdBy: string;
  createdAt: Timestamp;
}

export interface RequestAppealTable {
  id: Generated<number>;
  requestId: number;
  kind: string;
  filedOn: string;
  result: string;
  concludedOn: string | null;
  note: Defaulted<string>;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RequestAttachmentTable {
  id: Generated<number>;
  requestId: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  forApplicant: Defaulted<number>;
  addedBy: string;
  createdAt: Timestamp;
}

export interface RequestReminderTable {
  id: Generated<number>;
  requestId: number;
  agencyId: number;
  /** 'due-5' | 'due-1' | 'overdue' */
  kind: string;
  dueOn: string;
  createdAt: Timestamp;
  dismissedAt: string | null;
}

export type RequestRow = Selectable<RequestTable>;
export type NewRequestRow = Insertable<RequestTable>;
export type RequestEventRow = Selectable<RequestEventTable>;
export type RequestLetterRow = Selectable<RequestLetterTable>;
export type RequestAppealRow = Selectable<RequestAppealTable>;
export type RequestAttachmentRow = Selectable<RequestAttachmentTable>;
export type RequestReminderRow = Selectable<RequestReminderTable>;

// ---------------------------------------------------------------- annual reports (src/reports)

export interface AnnualReportTable {
  id: Generated<number>;
  agencyId: number;
  year: number;
  /** 'agency' | 'consolidated' */
  scope: string;
  /** JSON: the figures entered by staff (table 二 items the platform cannot count, fees collected) */
  manual: Defaulted<string>;
  /** JSON: the text sections 一、五、六 */
  sections: Defaulted<string>;
  status: Defaulted<string>;
  recordId: number | null;
  updatedBy: string;
  updatedAt: Timestamp;
}

export type AnnualReportRow = Selectable<AnnualReportTable>;

// ---------------------------------------------------------------- 便民服务 and 双公示 (src/services)

export interface ServiceItemTable {
  id: Generated<number>;
  code: string;
  agencyId: number;
  name: string;
  type: string;
  /** JSON: the whole guide as services/model.ts serviceItemSchema validates it */
  guide: string;
  events: Defaulted<string>;
  visits: string;
  promisedDays: number | null;
  onList: Defaulted<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** ' tok1 tok2 ': the analysed tokens of name, agency, type, events, materials and conditions (services/search.ts) */
  searchText: Defaulted<string>;
  /** ' tok1 tok2 ': the name's tokens alone, to rank name matches first */
  nameTokens: Defaulted<string>;
}

export interface ServiceItemChangeTable {
  id: Generated<number>;
  itemId: number;
  kind: string;
  onDate: string;
  reason: string;
  document: Defaulted<string>;
  target: Defaulted<string>;
  createdBy: string;
  createdAt: Timestamp;
}

export interface ResultDecisionTable {
  id: Generated<number>;
  agencyId: number;
  /** '许可' | '处罚' */
  kind: string;
  decisionNumber: string;
  /** 'natural' | 'legal' */
  subjectType: string;
  /** stored in full for staff; natural persons are masked on every public answer (services/mask.ts) */
  subjectName: string;
  subjectId: Defaulted<string>;
  legalBasis: string;
  content: string;
  decidedOn: string;
  publishedOn: string;
  publicUntil: string | null;
  createdBy: string;
  createdAt: Timestamp;
}

export type ServiceItemRow = Selectable<ServiceItemTable>;
export type ServiceItemChangeRow = Selectable<ServiceItemChangeTable>;
export type ResultDecisionRow = Selectable<ResultDecisionTable>;

// ---------------------------------------------------------------- 政府网站检查 (src/inspection)

export interface InspectionSiteTable {
  id: Generated<number>;
  agencyId: number;
  /** the start URL, normalised (WHATWG URL href); unique */
  url: string;
  name: string;
  /** days between scheduled inspections; 0 = only when someone asks */
  everyDays: Defaulted<number>;
  /** JSON: crawl settings as inspection/service.ts siteOptionsSchema validates them */
  options: Defaulted<string>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface InspectionRunTable {
  id: Generated<number>;
  siteId: number;
  /** 'queued' | 'running' | 'done' | 'failed' */
  status: string;
  /** login of who asked, or 'scheduler' */
  requestedBy: string;
  queuedAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  /** '合格' | '不合格' once done */
  verdict: string | null;
  /** null before done and after a single veto */
  score: number | null;
  pages: number | null;
  vetoes: number | null;
  findings: number | null;
  /** JSON: the whole InspectionReport (inspection/inspect.ts) */
  report: string | null;
  error: string | null;
}

export type InspectionSiteRow = Selectable<InspectionSiteTable>;
export type InspectionRunRow = Selectable<InspectionRunTable>;

// ---------------------------------------------------------------- 监督保障 (src/supervision)

export interface ConsultationTable {
  id: Generated<number>;
  agencyId: number;
  title: string;
  /** 起草说明 (plain text) */
  explanation: Defaulted<string>;
  /** JSON: [{ no, heading, text }] — the draft's articles */
  articles: string;
  /** the 征求意见稿 in the catalogue */
  draftRecordId: number | null;
  /** the final policy, once adopted */
  finalRecordId: number | null;
  opensOn: string;
  closesOn: string;
  /** 'draft' | 'published' | 'withdrawn' */
  status: string;
  withdrawnReason: Defaulted<string | null>;
  /** 采纳情况反馈 (plain text) */
  feedback: string | null;
  feedbackPublishedAt: Timestamp | null;
  createdBy: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  publishedAt: Timestamp | null;
}

export interface ConsultationCommentTable {
  id: Generated<number>;
  consultationId: number;
  /** null = the whole text */
  articleNo: number | null;
  body: string;
  /** null = anonymous */
  authorName: string | null;
  /** never public */
  contact: string | null;
  /** 'pending' | 'approved' | 'rejected' */
  status: string;
  rejectReason: string | null;
  /** 'adopted' | 'partly' | 'not_adopted' | null */
  adoption: string | null;
  adoptionReason: string | null;
  ipHash: string;
  submittedAt: Timestamp;
  moderatedAt: Timestamp | null;
  moderatedBy: number | null;
}

export interface MessageTable {
  id: Generated<number>;
  trackingNumber: string;
  queryCodeHash: string;
  /** 'consult' | 'suggestion' | 'complaint' */
  kind: string;
  /** complaints: 'not_disclosed' | 'request_unlawful' | 'other' */
  ground: string | null;
  relatedRequest: string | null;
  agencyId: number;
  /** the government above the agency (条例 第四十七条) */
  supervisorAgencyId: number | null;
  subject: string;
  body: string;
  /** never public */
  authorName: string;
  /** never public */
  contact: string;
  publishConsent: Defaulted<number>;
  /** 'pending' | 'answered' | 'rejected' */
  status: string;
  submittedAt: Timestamp;
  receivedOn: string;
  dueOn: string;
  answer: string | null;
  answeredAt: Timestamp | null;
  answeredOn: string | null;
  answeredBy: number | null;
  /** why the message was not accepted (status 'rejected') */
  rejectReason: Defaulted<string | null>;
  /** complaints: 'verified' | 'unfounded' | null */
  finding: string | null;
  findingNote: Defaulted<string | null>;
  published: Defaulted<number>;
  ipHash: string;
}

export interface RatingTable {
  id: Generated<number>;
  /** 'record' | 'service_item' | 'request' */
  objectType: string;
  objectId: number;
  agencyId: number;
  /** 1–5 */
  score: number;
  comment: string | null;
  visitorHash: string;
  ipHash: string;
  createdAt: Timestamp;
  createdOn: string;
}

export interface AccountabilityCaseTable {
  id: Generated<number>;
  agencyId: number;
  /** 'overdue_request' | 'late_disclosure' | 'unanswered_message' | 'verified_complaint' | 'website_veto' */
  kind: string;
  /** 'request' | 'record' | 'message' | 'inspection_run' */
  objectType: string;
  objectId: number;
  summary: string;
  detectedOn: string;
  responsibleUserId: number | null;
  responsibleName: string | null;
  /** 'open' | 'rectified' | 'criticised' | 'referred' | 'dismissed' */
  status: string;
  closedOn: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AccountabilityActionTable {
  id: Generated<number>;
  caseId: number;
  /** 'rectification_ordered' | 'rectified' | 'criticised' | 'referred' | 'dismissed' | 'note' */
  action: string;
  actedOn: string;
  /** 督促整改: the date by which the agency must correct */
  dueOn: Defaulted<string | null>;
  note: Defaulted<string>;
  byUserId: number | null;
  createdAt: Timestamp;
}

export interface NotificationDigestTable {
  id: Generated<number>;
  userId: number;
  digestOn: string;
  items: number;
  /** 'sending' (claimed, in flight) | 'sent' | 'failed' | 'no_email' */
  outcome: string;
  error: string | null;
  createdAt: Timestamp;
}

export type ConsultationRow = Selectable<ConsultationTable>;
export type ConsultationCommentRow = Selectable<ConsultationCommentTable>;
export type MessageRow = Selectable<MessageTable>;
export type RatingRow = Selectable<RatingTable>;
export type AccountabilityCaseRow = Selectable<AccountabilityCaseTable>;
export type AccountabilityActionRow = Selectable<AccountabilityActionTable>;
export type NotificationDigestRow = Selectable<NotificationDigestTable>;
