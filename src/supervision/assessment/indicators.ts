/**
 * What each indicator counts, row by row: the store hands over the raw rows of a year, these pure
 * functions decide for one period which rows count and whether each was on time, as "items" — the
 * same items make the counts and the drill-down lists, so every number is the length of a list.
 */
import { publicationDelay } from '../../catalog/model.js';
import { addWorkingDays, countWorkingDays, type WorkingDayCalendar } from '../../platform/calendar/model.js';
import { outcomeOf } from '../../requests/model.js';
import { CHANGE_LABELS } from '../../services/model.js';
import { RESULT_PUBLICATION_DAYS } from '../../services/service.js';
import { cutoffOf, emptyCounts, inPeriod, INDICATORS, type AgencyCounts, type Counts, type IndicatorKey, type Period } from './model.js';

// ---------------------------------------------------------------- rows the store reads

export interface RecordFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly title: string;
  readonly formedOn: string;
  /** first publication (version 1; a revision does not move it) */
  readonly publishedOn: string;
  readonly needsInterpretation: number;
}
export interface InterpretationFacts {
  readonly id: number;
  readonly interpretsId: number;
  readonly title: string;
  readonly publishedOn: string;
}
export interface RequestFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly title: string;
  readonly receivedOn: string;
  readonly state: string;
  readonly dueOn: string | null;
  readonly closedOn: string | null;
  readonly outcome: string | null;
}
export interface RunFacts {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly agencyId: number;
  /** the Beijing day the run finished */
  readonly finishedOn: string;
  readonly finishedAt: string;
  readonly score: number | null;
}
export interface MessageFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly subject: string;
  readonly status: string;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly answeredOn: string | null;
}
export interface RatingFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly objectType: string;
  readonly objectId: number;
  readonly score: number;
  readonly createdOn: string;
}
export interface DecisionFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly kind: string;
  readonly decisionNumber: string;
  readonly decidedOn: string;
  readonly publishedOn: string;
}
export interface ItemChangeFacts {
  readonly id: number;
  readonly agencyId: number;
  readonly itemCode: string;
  readonly itemName: string;
  readonly kind: string;
  /** the day the change took effect or was decided */
  readonly onDate: string;
  /** the Beijing day it was recorded on the platform */
  readonly recordedOn: string;
}
export interface YearFacts {
  readonly records: readonly RecordFacts[];
  readonly interpretations: readonly InterpretationFacts[];
  readonly requests: readonly RequestFacts[];
  readonly runs: readonly RunFacts[];
  readonly messages: readonly MessageFacts[];
  readonly ratings: readonly RatingFacts[];
  readonly decisions: readonly DecisionFacts[];
  /** service-item list changes whose on_date falls in the year */
  readonly itemChanges: readonly ItemChangeFacts[];
  /** open accountability cases (status 'open') per agency, consultations held per agency and Beijing day opened */
  readonly openCases: readonly { agencyId: number }[];
  readonly consultations: readonly { agencyId: number; opensOn: string }[];
}

// ---------------------------------------------------------------- items

export type ObjectKind = 'record' | 'request' | 'run' | 'message' | 'rating' | 'decision' | 'item-change';

export interface Item {
  readonly indicator: IndicatorKey;
  readonly agencyId: number;
  readonly kind: ObjectKind;
  readonly objectId: number;
  readonly label: string;
  /** the day that places the item in the period (published, decided, due, rated, inspected) */
  readonly day: string;
  /** for ratio indicators: on time or late; null for website/evaluation */
  readonly onTime: boolean | null;
  /** working days taken, where the rule counts them */
  readonly workingDays: number | null;
  /** website: score in tenths (0 after a veto); evaluation: stars */
  readonly value: number | null;
  /** a short explanation: the dates compared */
  readonly note: string;
  /** requests: the result group (年报 表三); website: veto; serviceItems: the change kind */
  readonly group: string | null;
  /** a code naming the object's page where it has one by code (item-change: the service item's code) */
  readonly ref: string | null;
}

export interface RuleSettings {
  readonly interpretationLagWorkingDays: number;
}

const base = { workingDays: null, value: null, group: null, ref: null } as const;

/** 条例 第二十六条: within 20 working days of the formation date (catalog/model publicationDelay). */
function disclosureItems(cal: WorkingDayCalendar, p: Period, f: YearFacts): Item[] {
  return f.records
    .filter((r) => inPeriod(p, r.publishedOn))
    .map((r) => {
      const d = publicationDelay(cal, r.formedOn, r.publishedOn);
      return { ...base, indicator: 'disclosure', agencyId: r.agencyId, kind: 'record', objectId: r.id, label: r.title, day: r.publishedOn, onTime: !d.late, workingDays: d.workingDays, note: `成文 ${r.formedOn}，发布 ${r.publishedOn}，用时 ${d.workingDays} 个工作日（限 20 个）` };
    });
}

/**
 * 条例 第三十三条 via requests/clock: a decided request is on time when closed on or before its due
 * date; one still open whose due date passed before the period's end (or today) counts as late.
 */
function requestItems(p: Period, today: string, f: YearFacts): Item[] {
  const cutoff = cutoffOf(p, today);
  const out: Item[] = [];
  for (const r of f.requests) {
    const label = `${r.trackingNumber} ${r.title}`;
    if (r.state === 'closed' && r.closedOn !== null && inPeriod(p, r.closedOn)) {
      if (r.dueOn === null) continue; // a historical import without a deadline cannot be judged
      const onTime = r.closedOn <= r.dueOn;
      const group = r.outcome ? (outcomeOf(r.outcome)?.group ?? 'other') : 'other';
      out.push({ ...base, indicator: 'requests', agencyId: r.agencyId, kind: 'request', objectId: r.id, label, day: r.closedOn, onTime, group, note: `收到 ${r.receivedOn}，期限 ${r.dueOn}，答复 ${r.closedOn}` });
    } else if (r.state !== 'closed' && r.dueOn !== null && p.from <= cutoff && r.dueOn < cutoff) {
      out.push({ ...base, indicator: 'requests', agencyId: r.agencyId, kind: 'request', objectId: r.id, label, day: r.dueOn, onTime: false, note: `收到 ${r.receivedOn}，期限 ${r.dueOn}，截至 ${cutoff} 仍未答复` });
    }
  }
  return out;
}

/** 国办发〔2016〕80号 同步发布: a published interpretation no later than N working days after the policy. */
function interpretationItems(cal: WorkingDayCalendar, p: Period, s: RuleSettings, f: YearFacts): Item[] {
  return f.records
    .filter((r) => r.needsInterpretation === 1 && inPeriod(p, r.publishedOn))
    .map((r) => {
      const limit = addWorkingDays(cal, r.publishedOn, s.interpretationLagWorkingDays).date;
      const first = f.interpretations.filter((i) => i.interpretsId === r.id).sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : 1))[0];
      const onTime = first !== undefined && first.publishedOn <= limit;
      const days = first === undefined ? null : countWorkingDays(cal, r.publishedOn, first.publishedOn).days;
      const note = first === undefined ? `政策发布 ${r.publishedOn}，尚无已发布的解读（限 ${limit} 前）` : `政策发布 ${r.publishedOn}，解读发布 ${first.publishedOn}（限 ${limit} 前）`;
      return { ...base, indicator: 'interpretation', agencyId: r.agencyId, kind: 'record', objectId: r.id, label: r.title, day: r.publishedOn, onTime, workingDays: days, note };
    });
}

/** 国办秘函〔2019〕19号: each site's latest finished run in the period; a single veto scores 0. */
function websiteItems(p: Period, f: YearFacts): Item[] {
  const latest = new Map<number, RunFacts>();
  for (const r of f.runs) {
    if (!inPeriod(p, r.finishedOn)) continue;
    const held = latest.get(r.siteId);
    if (!held || r.finishedAt > held.finishedAt || (r.finishedAt === held.finishedAt && r.id > held.id)) latest.set(r.siteId, r);
  }
  return [...latest.values()].map((r) => {
    const vetoed = r.score === null;
    const value = r.score === null ? 0 : Math.round(r.score * 10);
    return { ...base, indicator: 'website', agencyId: r.agencyId, kind: 'run', objectId: r.id, label: r.siteName, day: r.finishedOn, onTime: null, value, group: vetoed ? 'veto' : null, note: vetoed ? '单项否决，计 0 分' : `得分 ${r.score}` };
  });
}

/**
 * 条例 第四十七条 / supervision settings: messages (not rejected) due in the period. Answered on or
 * before the due date: on time; answered later, or still pending after the due date: late; pending
 * and not yet due: not counted yet.
 */
function messageItems(cal: WorkingDayCalendar, p: Period, today: string, f: YearFacts): Item[] {
  const out: Item[] = [];
  for (const m of f.messages) {
    if (m.status === 'rejected' || !inPeriod(p, m.dueOn)) continue;
    const label = `${m.trackingNumber} ${m.subject}`;
    const common = { ...base, indicator: 'messages' as const, agencyId: m.agencyId, kind: 'message' as const, objectId: m.id, label, day: m.dueOn };
    if (m.status === 'answered' && m.answeredOn !== null) {
      const days = countWorkingDays(cal, m.receivedOn, m.answeredOn).days;
      out.push({ ...common, onTime: m.answeredOn <= m.dueOn, workingDays: days, note: `收到 ${m.receivedOn}，期限 ${m.dueOn}，答复 ${m.answeredOn}` });
    } else if (m.dueOn < today) {
      out.push({ ...common, onTime: false, note: `收到 ${m.receivedOn}，期限 ${m.dueOn}，逾期未答复` });
    }
  }
  return out;
}

function ratingItems(p: Period, f: YearFacts): Item[] {
  return f.ratings
    .filter((r) => inPeriod(p, r.createdOn))
    .map((r) => ({ ...base, indicator: 'evaluation', agencyId: r.agencyId, kind: 'rating', objectId: r.id, label: `${OBJECT_TYPE_LABELS[r.objectType] ?? r.objectType} #${r.objectId}`, day: r.createdOn, onTime: null, value: r.score, note: `${r.score} 星` }));
}

const OBJECT_TYPE_LABELS: Readonly<Record<string, string>> = { record: '政府信息', service_item: '服务事项', request: '依申请公开' };

/** 双公示: published within 7 working days of the decision (services/service RESULT_PUBLICATION_DAYS). */
function decisionItems(cal: WorkingDayCalendar, p: Period, f: YearFacts): Item[] {
  return f.decisions
    .filter((d) => inPeriod(p, d.decidedOn))
    .map((d) => {
      const days = countWorkingDays(cal, d.decidedOn, d.publishedOn).days;
      return { ...base, indicator: 'services', agencyId: d.agencyId, kind: 'decision', objectId: d.id, label: `行政${d.kind} ${d.decisionNumber}`, day: d.decidedOn, onTime: days <= RESULT_PUBLICATION_DAYS, workingDays: days, note: `决定 ${d.decidedOn}，公示 ${d.publishedOn}，用时 ${days} 个工作日（限 ${RESULT_PUBLICATION_DAYS} 个）` };
    });
}

/**
 * 办事事项更新: a list change is on time when recorded on the platform within 20 working days of
 * the day it took effect or was decided — service guides are proactive information (条例 第二十条（五）)
 * and 条例 第二十六条 allows 20 working days from formation or change (catalog/model publicationDelay).
 * Recorded before it took effect: 0 working days, on time.
 */
function itemChangeItems(cal: WorkingDayCalendar, p: Period, f: YearFacts): Item[] {
  return f.itemChanges
    .filter((c) => inPeriod(p, c.onDate))
    .map((c) => {
      const d = publicationDelay(cal, c.onDate, c.recordedOn);
      const kind = (CHANGE_LABELS as Readonly<Record<string, string>>)[c.kind] ?? c.kind;
      return {
        ...base,
        indicator: 'serviceItems',
        agencyId: c.agencyId,
        kind: 'item-change',
        objectId: c.id,
        label: `${c.itemName}（${c.itemCode}）`,
        day: c.onDate,
        onTime: !d.late,
        workingDays: d.workingDays,
        group: c.kind,
        ref: c.itemCode,
        note: `${kind}：生效 ${c.onDate}，登记 ${c.recordedOn}，用时 ${d.workingDays} 个工作日（限 20 个）`,
      };
    });
}

/** Every counted item of the period, all indicators. */
export function itemsOf(cal: WorkingDayCalendar, p: Period, today: string, s: RuleSettings, f: YearFacts): Item[] {
  return [
    ...disclosureItems(cal, p, f),
    ...requestItems(p, today, f),
    ...interpretationItems(cal, p, s, f),
    ...websiteItems(p, f),
    ...messageItems(cal, p, today, f),
    ...ratingItems(p, f),
    ...decisionItems(cal, p, f),
    ...itemChangeItems(cal, p, f),
  ];
}

/** The counts of one indicator from its items: on time / counted, or Σ values / counted. */
export function countsOf(indicator: IndicatorKey, items: readonly Item[]): Counts {
  const mine = items.filter((i) => i.indicator === indicator);
  if (indicator === 'website' || indicator === 'evaluation') return { num: mine.reduce((s, i) => s + (i.value ?? 0), 0), den: mine.length };
  return { num: mine.filter((i) => i.onTime === true).length, den: mine.length };
}

/** The counts of every agency that has any item or extra figure in the period. */
export function countsByAgency(items: readonly Item[], p: Period, f: YearFacts): Map<number, AgencyCounts> {
  const ids = new Set<number>([...items.map((i) => i.agencyId), ...f.openCases.map((c) => c.agencyId), ...f.consultations.map((c) => c.agencyId)]);
  const out = new Map<number, AgencyCounts>();
  for (const id of ids) {
    const mine = items.filter((i) => i.agencyId === id);
    const indicators = Object.fromEntries(INDICATORS.map((k) => [k, countsOf(k, mine)])) as Record<IndicatorKey, Counts>;
    const resultMix: Record<string, number> = {};
    for (const i of mine) if (i.indicator === 'requests' && i.group !== null) resultMix[i.group] = (resultMix[i.group] ?? 0) + 1;
    const answered = mine.filter((i) => i.indicator === 'messages' && i.workingDays !== null);
    out.set(id, {
      indicators,
      extras: {
        resultMix,
        vetoes: mine.filter((i) => i.indicator === 'website' && i.group === 'veto').length,
        answerDays: answered.reduce((s, i) => s + (i.workingDays ?? 0), 0),
        answered: answered.length,
        openCases: f.openCases.filter((c) => c.agencyId === id).length,
        consultations: f.consultations.filter((c) => c.agencyId === id && inPeriod(p, c.opensOn)).length,
      },
    });
  }
  return out;
}

export const countsFor = (m: Map<number, AgencyCounts>, id: number): AgencyCounts => m.get(id) ?? emptyCounts();
