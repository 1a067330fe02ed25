/**
 * 责任追究 (条例 第四十七、五十二、五十三条): which objects are failures at a date, who the audit
 * trail names as responsible, and how a case moves from open to its outcome. Pure rules, no I/O.
 */
import { publicationDelay } from '../../catalog/model.js';
import type { WorkingDayCalendar } from '../../platform/calendar/model.js';
import { COMPLAINT_GROUND_LABELS, isComplaintGround } from '../messages/model.js';

// ---------------------------------------------------------------- kinds of failure

export const CASE_KINDS = ['overdue_request', 'late_disclosure', 'unanswered_message', 'verified_complaint', 'website_veto'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  overdue_request: '逾期未答复申请',
  late_disclosure: '未按时主动公开',
  unanswered_message: '留言逾期未答复',
  verified_complaint: '投诉经核查属实',
  website_veto: '政府网站单项否决',
};
export const CASE_KIND_BASIS: Readonly<Record<CaseKind, string>> = {
  overdue_request: '《政府信息公开条例》第三十三条',
  late_disclosure: '《政府信息公开条例》第二十六条',
  unanswered_message: '《政府信息公开条例》第四十七条',
  verified_complaint: '《政府信息公开条例》第四十七条第二款',
  website_veto: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）',
};
export const OBJECT_TYPE_OF: Readonly<Record<CaseKind, 'request' | 'record' | 'message' | 'inspection_run'>> = {
  overdue_request: 'request',
  late_disclosure: 'record',
  unanswered_message: 'message',
  verified_complaint: 'message',
  website_veto: 'inspection_run',
};
export const isCaseKind = (v: unknown): v is CaseKind => typeof v === 'string' && (CASE_KINDS as readonly string[]).includes(v);

/** A request still undecided: its state is not 'closed'. */
export interface RequestFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly title: string;
  readonly state: string;
  /** null while the clock waits (补正, fee) */
  readonly dueOn: string | null;
}

export interface RecordFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly indexNumber: string;
  readonly title: string;
  readonly status: string;
  readonly formedOn: string;
  readonly publishedOn: string | null;
}

export interface MessageFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly status: string;
  readonly dueOn: string;
}

/** A complaint with the supervisor's finding. */
export interface ComplaintFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly kind: string;
  readonly ground: string | null;
  readonly finding: string | null;
}

export interface RunFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly siteName: string;
  readonly status: string;
  readonly verdict: string | null;
  readonly vetoes: number | null;
  readonly finishedAt: string | null;
}

export interface Failure {
  readonly kind: CaseKind;
  readonly objectType: string;
  readonly objectId: number;
  readonly agencyId: number;
  readonly summary: string;
}

// 条例 第三十三条: 20 working days (plus an approved extension); the stored due date already carries
// the clock's arithmetic, so a request is late once that day has passed without a decision.
export function overdueRequest(r: RequestFacts, today: string): Failure | null {
  if (r.state === 'closed' || r.dueOn === null || today <= r.dueOn) return null;
  return { kind: 'overdue_request', objectType: 'request', objectId: r.id, agencyId: r.agencyId, summary: `申请 ${r.trackingNumber}（${r.title}）答复期限 ${r.dueOn} 已过，尚未答复` };
}

// 条例 第二十六条: published within 20 working days of the day the information was formed or changed.
export function lateDisclosure(cal: WorkingDayCalendar, r: RecordFacts): Failure | null {
  if (r.publishedOn === null || (r.status !== 'published' && r.status !== 'withdrawn')) return null;
  const delay = publicationDelay(cal, r.formedOn, r.publishedOn);
  if (!delay.late) return null;
  return {
    kind: 'late_disclosure',
    objectType: 'record',
    objectId: r.id,
    agencyId: r.agencyId,
    summary: `信息 ${r.indexNumber}（${r.title}）${r.formedOn} 形成，${r.publishedOn} 才公开，用时 ${delay.workingDays} 个工作日（超过20个工作日）`,
  };
}

// 条例 第四十七条 with the period set in the supervision settings (messageAnswerWorkingDays): the
// message's due_on carries it; still pending after that day is a failure.
export function unansweredMessage(m: MessageFacts, today: string): Failure | null {
  if (m.status !== 'pending' || today <= m.dueOn) return null;
  return { kind: 'unanswered_message', objectType: 'message', objectId: m.id, agencyId: m.agencyId, summary: `留言 ${m.trackingNumber} 答复期限 ${m.dueOn} 已过，尚未答复` };
}

// 条例 第四十七条第二款: a complaint that the agency did not disclose or did not handle a request
// lawfully, found true by the supervisor (finding 'verified'), 予以督促整改或者通报批评. The
// responsible agency is the one complained about; no officer is named (the finding names none).
export function verifiedComplaint(m: ComplaintFacts): Failure | null {
  if (m.kind !== 'complaint' || m.finding !== 'verified') return null;
  const ground = isComplaintGround(m.ground) ? `（${COMPLAINT_GROUND_LABELS[m.ground]}）` : '';
  return { kind: 'verified_complaint', objectType: 'message', objectId: m.id, agencyId: m.agencyId, summary: `投诉 ${m.trackingNumber}${ground} 经核查属实` };
}

// 国办秘函〔2019〕19号: a single-veto indicator (站点无法访问, 首页不更新 …) makes the site 不合格.
export function websiteVeto(run: RunFacts): Failure | null {
  if (run.status !== 'done' || run.verdict !== '不合格' || (run.vetoes ?? 0) <= 0) return null;
  const on = run.finishedAt ? run.finishedAt.slice(0, 10) : '';
  return { kind: 'website_veto', objectType: 'inspection_run', objectId: run.id, agencyId: run.agencyId, summary: `网站“${run.siteName}”${on}检查触发单项否决 ${run.vetoes ?? 0} 项，判定不合格` };
}

// ---------------------------------------------------------------- responsible officer

export interface AuditFact {
  readonly actorId: number | null;
  readonly actorLogin: string;
  readonly action: string;
}

export interface Responsible {
  readonly userId: number;
}

/**
 * For a request: the officer it is assigned to, else the last staff member the audit trail shows
 * acting on it (entries oldest first). Public submissions and the system have no actor id.
 */
export function responsibleForRequest(assignedTo: number | null, trail: readonly AuditFact[]): Responsible | null {
  if (assignedTo !== null) return { userId: assignedTo };
  const last = [...trail].reverse().find((e) => e.actorId !== null);
  return last && last.actorId !== null ? { userId: last.actorId } : null;
}

/** For a record: the editor who (last) submitted it for review. */
export function responsibleForRecord(trail: readonly AuditFact[]): Responsible | null {
  const last = [...trail].reverse().find((e) => e.actorId !== null && e.action === 'record.submit');
  return last && last.actorId !== null ? { userId: last.actorId } : null;
}

// ---------------------------------------------------------------- follow-up (state machine)

export const CASE_STATUSES = ['open', 'rectified', 'criticised', 'referred', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  open: '待处理',
  rectified: '已整改',
  criticised: '已通报批评',
  referred: '已移送',
  dismissed: '不予追究',
};
export const isCaseStatus = (v: unknown): v is CaseStatus => typeof v === 'string' && (CASE_STATUSES as readonly string[]).includes(v);

export const CASE_ACTIONS = ['rectification_ordered', 'rectified', 'criticised', 'referred', 'dismissed', 'note'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_ACTION_LABELS: Readonly<Record<CaseAction, string>> = {
  rectification_ordered: '督促整改',
  rectified: '整改完成',
  criticised: '通报批评',
  referred: '移送纪检监察机关',
  dismissed: '不予追究',
  note: '备注',
};
export const isCaseAction = (v: unknown): v is CaseAction => typeof v === 'string' && (CASE_ACTIONS as readonly string[]).includes(v);

/**
 * 条例 第四十七条 (督促整改或者通报批评) and 第五十二、五十三条 (责令改正; 处分 by the organ
 * competent, hence 移送): each action leads from an open case to its outcome; 督促整改 and a note
 * keep it open; a closed case takes no further action.
 */
const NEXT: Readonly<Record<CaseAction, CaseStatus>> = {
  rectification_ordered: 'open',
  rectified: 'rectified',
  criticised: 'criticised',
  referred: 'referred',
  dismissed: 'dismissed',
  note: 'open',
};

export function nextStatus(current: string, action: CaseAction): CaseStatus | null {
  if (current !== 'open') return null;
  return NEXT[action];
}

/** What each action must carry: a note for 移送 and 不予追究, a due date for 督促整改. */
export function actionProblems(action: CaseAction, input: { actedOn: string; note: string; dueOn: string | null }, today: string): string[] {
  const problems: string[] = [];
  if (input.actedOn > today) problems.push(`actedOn: 日期不能晚于今天（${today}）/ the date cannot be in the future`);
  if ((action === 'referred' || action === 'dismissed' || action === 'note') && input.note.trim() === '') {
    problems.push(action === 'dismissed' ? 'note: 请填写不予追究的理由 / give the reason' : 'note: 请填写说明 / enter a note');
  }
  if (action === 'rectification_ordered') {
    if (!input.dueOn) problems.push('dueOn: 请填写整改期限 / enter the date rectification is due');
    else if (input.dueOn < input.actedOn) problems.push('dueOn: 整改期限不能早于督促日期 / the due date cannot be before the order');
  }
  return problems;
}

/**
 * 条例 第四十七条 (督促整改): the case's rectification deadline is that of the latest order; the
 * rectification is overdue once that day has passed while the case is still open.
 */
export function rectificationDue(status: string, actions: readonly { action: string; dueOn: string | null }[], today: string): { dueOn: string; overdue: boolean } | null {
  const order = [...actions].reverse().find((a) => a.action === 'rectification_ordered' && a.dueOn !== null);
  if (!order || order.dueOn === null) return null;
  return { dueOn: order.dueOn, overdue: status === 'open' && today > order.dueOn };
}

// ---------------------------------------------------------------- annual report (一（五）监督保障)

export interface YearCaseCounts {
  /** cases detected in the year, by kind */
  readonly byKind: Readonly<Record<CaseKind, number>>;
  /** the same cases by their status now */
  readonly byStatus: Readonly<Record<CaseStatus, number>>;
}

export interface RatingSummary {
  readonly count: number;
  /** mean score, null without ratings */
  readonly mean: number | null;
}

export const emptyByKind = (): Record<CaseKind, number> => ({ overdue_request: 0, late_disclosure: 0, unanswered_message: 0, verified_complaint: 0, website_veto: 0 });
export const emptyByStatus = (): Record<CaseStatus, number> => ({ open: 0, rectified: 0, criticised: 0, referred: 0, dismissed: 0 });

/** The year's 工作考核 result of the report's agency (src/supervision/assessment). */
export interface AssessmentResult {
  /** the weighted score, one decimal */
  readonly score: number;
  /** own figures: the rank among the agencies ranked, and how many were ranked */
  readonly ranked: { readonly rank: number; readonly of: number } | null;
  /** a consolidated report: the score of the agencies it covers, summed (how many) */
  readonly rolledUpOf: number | null;
}

function assessmentText(a: AssessmentResult): string {
  const score = `${a.score.toFixed(1)}分`;
  if (a.rolledUpOf !== null) return `年度政府信息公开工作考核得分${score}（本级及所属部门共${a.rolledUpOf}个单位汇总计分）`;
  return `年度政府信息公开工作考核得分${score}${a.ranked ? `（在${a.ranked.of}个单位中排名第${a.ranked.rank}）` : ''}`;
}

/**
 * The report's 监督保障 text (国办公开办函〔2021〕30号 一（五）: 工作考核、社会评议和责任追究结果情况),
 * from the year's assessment (when the agency was scored), ratings and accountability cases.
 */
export function oversightText(year: number, ratings: RatingSummary, cases: YearCaseCounts, assessment: AssessmentResult | null = null): string {
  const parts: string[] = [];
  const rated = ratings.count > 0 && ratings.mean !== null ? `收到评价${ratings.count}条，平均${(ratings.mean ?? 0).toFixed(1)}分（满分5分）` : '未收到评价';
  if (assessment) parts.push(`${year}年，本机关${assessmentText(assessment)}`, `开展政府信息公开社会评议，${rated}`);
  else parts.push(`${year}年，本机关开展政府信息公开社会评议，${rated}`);
  const total = CASE_KINDS.reduce((n, k) => n + cases.byKind[k], 0);
  if (total === 0) {
    parts.push('未发现需要追究责任的问题。');
    return `${parts.join('；')}`;
  }
  const kinds = CASE_KINDS.filter((k) => cases.byKind[k] > 0).map((k) => `${CASE_KIND_LABELS[k]}${cases.byKind[k]}起`);
  const s = cases.byStatus;
  parts.push(
    `发现${kinds.join('、')}，共${total}起，已整改${s.rectified}起，通报批评${s.criticised}起，移送纪检监察机关${s.referred}起，不予追究${s.dismissed}起，尚在处理${s.open}起。`,
  );
  return parts.join('；');
}
