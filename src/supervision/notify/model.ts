/**
 * The notification digest of one staff member: what needs their action today, grouped, with
 * counts and links. Pure: the caller passes the facts already limited to the user's agencies.
 */
import { can, type StaffIdentity } from '../../platform/auth/model.js';
import { countWorkingDays, type WorkingDayCalendar } from '../../platform/calendar/model.js';
import { canHandleRequest } from '../../requests/access.js';

export const DIGEST_GROUPS = ['requests_overdue', 'requests_due_soon', 'messages_overdue', 'messages_new', 'complaints_unreviewed', 'comments_pending', 'cases_open'] as const;
export type DigestGroup = (typeof DIGEST_GROUPS)[number];
export const DIGEST_GROUP_LABELS: Readonly<Record<DigestGroup, string>> = {
  requests_overdue: '已逾期的依申请公开',
  requests_due_soon: '即将到期的依申请公开',
  messages_overdue: '已逾期的留言',
  messages_new: '待答复的留言',
  complaints_unreviewed: '待核查的投诉',
  comments_pending: '待审核的意见',
  cases_open: '待处理的问题线索',
};
/** Where the whole group is listed. */
export const DIGEST_GROUP_HREFS: Readonly<Record<DigestGroup, string>> = {
  requests_overdue: '/staff/requests?status=open',
  requests_due_soon: '/staff/requests?status=open',
  messages_overdue: '/staff/messages',
  messages_new: '/staff/messages',
  complaints_unreviewed: '/staff/messages?kind=complaint',
  comments_pending: '/staff/consultations',
  cases_open: '/staff/accountability?status=open',
};

export interface OpenRequestFact {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly title: string;
  readonly dueOn: string | null;
  readonly assignedTo: number | null;
}
export interface PendingMessageFact {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly subject: string;
  readonly dueOn: string;
}
export interface PendingCommentFact {
  readonly id: number;
  readonly consultationId: number;
  readonly consultationTitle: string;
  readonly submittedAt: string;
}
export interface OpenCaseFact {
  readonly id: number;
  readonly summary: string;
  readonly detectedOn: string;
}

export interface DigestFacts {
  readonly requests: readonly OpenRequestFact[];
  readonly messages: readonly PendingMessageFact[];
  /** complaints in the supervisor's subtree (the agency's, or routed to a government in it) without a finding */
  readonly complaints?: readonly PendingMessageFact[];
  readonly comments: readonly PendingCommentFact[];
  readonly cases: readonly OpenCaseFact[];
}

export interface DigestItem {
  readonly text: string;
  readonly href: string;
  /** the date that matters: a due date, or when it arrived */
  readonly date: string;
}

export interface DigestSection {
  readonly group: DigestGroup;
  readonly label: string;
  readonly href: string;
  readonly items: readonly DigestItem[];
}

export interface Digest {
  readonly sections: readonly DigestSection[];
  readonly total: number;
}

/** Which groups a user receives, by what they may do. */
export function digestGroupsFor(user: StaffIdentity): DigestGroup[] {
  const out: DigestGroup[] = [];
  // 条例 第三十三条: the handling agency's officers answer requests (requests/access.ts).
  if (user.roles.includes('request_officer')) out.push('requests_overdue', 'requests_due_soon');
  // 条例 第四十七条: messages are answered by the disclosure office.
  if (can(user, 'message.answer')) out.push('messages_overdue', 'messages_new');
  // 条例 第四十七条第二款: complaints reach the government above the agency, whose supervisor rules on them.
  if (can(user, 'message.supervise')) out.push('complaints_unreviewed');
  if (can(user, 'consultation.manage')) out.push('comments_pending');
  // 条例 第四十七、五十三条: the supervisor follows up the failures.
  if (can(user, 'accountability.manage')) out.push('cases_open');
  return out;
}

export interface DigestOptions {
  readonly today: string;
  readonly calendar: WorkingDayCalendar;
  /** supervision settings: working days before a due date from which a matter is "due soon" */
  readonly dueSoonWorkingDays: number;
}

/** Overdue once the due day has passed; due soon while at most N working days remain. */
export function dueState(cal: WorkingDayCalendar, today: string, dueOn: string | null, dueSoonWorkingDays: number): 'overdue' | 'due_soon' | 'later' {
  if (dueOn === null) return 'later';
  if (today > dueOn) return 'overdue';
  return countWorkingDays(cal, today, dueOn).days <= dueSoonWorkingDays ? 'due_soon' : 'later';
}

export function buildDigest(user: StaffIdentity, facts: DigestFacts, o: DigestOptions): Digest {
  const groups = new Set(digestGroupsFor(user));
  const items: Record<DigestGroup, DigestItem[]> = { requests_overdue: [], requests_due_soon: [], messages_overdue: [], messages_new: [], complaints_unreviewed: [], comments_pending: [], cases_open: [] };
  for (const r of facts.requests) {
    // Requests of the user's own agency that are theirs or nobody's yet.
    if (!canHandleRequest(user, r.agencyId) || (r.assignedTo !== null && r.assignedTo !== user.id)) continue;
    const state = dueState(o.calendar, o.today, r.dueOn, o.dueSoonWorkingDays);
    const item = { text: `${r.trackingNumber} ${r.title}（答复期限 ${r.dueOn ?? ''}）`, href: `/staff/requests/${r.id}`, date: r.dueOn ?? '' };
    if (state === 'overdue') items.requests_overdue.push(item);
    else if (state === 'due_soon') items.requests_due_soon.push(item);
  }
  for (const m of facts.messages) {
    const item = { text: `${m.trackingNumber} ${m.subject}（答复期限 ${m.dueOn}）`, href: `/staff/messages/${m.id}`, date: m.dueOn };
    (o.today > m.dueOn ? items.messages_overdue : items.messages_new).push(item);
  }
  for (const m of facts.complaints ?? []) {
    items.complaints_unreviewed.push({ text: `${m.trackingNumber} ${m.subject}（答复期限 ${m.dueOn}）`, href: `/staff/messages/${m.id}`, date: m.dueOn });
  }
  for (const c of facts.comments) {
    items.comments_pending.push({ text: `“${c.consultationTitle}”收到的意见`, href: `/staff/consultations/${c.consultationId}`, date: c.submittedAt.slice(0, 10) });
  }
  for (const c of facts.cases) items.cases_open.push({ text: c.summary, href: `/staff/accountability/${c.id}`, date: c.detectedOn });
  const sections = DIGEST_GROUPS.filter((g) => groups.has(g) && items[g].length > 0).map((g) => ({
    group: g,
    label: DIGEST_GROUP_LABELS[g],
    href: DIGEST_GROUP_HREFS[g],
    items: [...items[g]].sort((a, b) => a.date.localeCompare(b.date)),
  }));
  return { sections, total: sections.reduce((n, s) => n + s.items.length, 0) };
}

/** The digest as a plain-text e-mail body (Chinese), with absolute links. */
export function digestText(name: string, today: string, d: Digest, baseUrl: string): string {
  const lines = [`${name}，您好：`, '', `截至${today}，以下事项需要您处理（共${d.total}项）：`];
  for (const s of d.sections) {
    lines.push('', `【${s.label}】${s.items.length}项  ${baseUrl}${s.href}`);
    for (const i of s.items.slice(0, 20)) lines.push(`- ${i.text}  ${baseUrl}${i.href}`);
    if (s.items.length > 20) lines.push(`- ……另有${s.items.length - 20}项`);
  }
  lines.push('', `工作台：${baseUrl}/staff/notifications`, '', '本邮件由政府信息公开平台自动发送，请勿回复。');
  return `${lines.join('\n')}\n`;
}
