/*
 * The statutory clock of a 依申请公开 request (条例 第三十条–第三十五条, reference §1.4), as pure rules:
 * no I/O, no clock. The caller records what happened as a list of ClockEvents in the order it happened;
 * computeClock replays them on the working-day calendar and explains every step in Chinese for the
 * request page. The choices the law leaves open are documented in docs/requests-clock.md.
 */
import { addWorkingDays, countWorkingDays, explainAddWorkingDays, isIsoDate } from '../platform/calendar/model.js';
import type { ExplainedDay, IsoDate, WorkingDayCalendar } from '../platform/calendar/model.js';
import { ClockInputError } from './receipt.js';

export { ClockInputError, receiptDate, type Receipt, type ReceiptInput } from './receipt.js';

export type ConsultedParty = 'third-party' | 'agency';
export type ClockEvent =
  | { kind: 'received'; on: IsoDate } // first receipt (from receiptDate)
  | { kind: 'correction-requested'; on: IsoDate; respondBy: IsoDate } // 补正告知书 sent (第三十条)
  | { kind: 'correction-received'; on: IsoDate } // corrected request arrives: clock restarts
  | { kind: 'consultation-started'; on: IsoDate; id: string; party: ConsultedParty; deliveredOn?: IsoDate } // 第三十二条 / 第三十四条
  | { kind: 'consultation-ended'; on: IsoDate; id: string } // answer received (or officer closes it)
  | { kind: 'extended'; on: IsoDate; workingDays: number } // 延期 (第三十三条第二款)
  | { kind: 'fee-notice'; on: IsoDate; payBy: IsoDate } // 收费通知 (国办函〔2020〕109号)
  | { kind: 'fee-paid'; on: IsoDate }
  | { kind: 'later-date-set'; on: IsoDate; replyBy: IsoDate } // 第三十五条 reasonable later reply date
  | { kind: 'closed'; on: IsoDate }; // decision sent

export interface ClockOptions {
  statutoryDays: number; // 条例 第三十三条第二款: 20个工作日
  maxExtensionDays: number; // 条例 第三十三条第二款: 延长的期限最长不得超过20个工作日
  correctionWindowDays: number; // 条例 第三十条: 7个工作日内一次性告知
  consultationDays: number; // 条例 第三十二条、第三十四条: 15个工作日
  feeNoticePausesClock: boolean; // UNCONFIRMED (reference §6): a setting, on by default
}
export const DEFAULT_CLOCK_OPTIONS: ClockOptions = Object.freeze({ statutoryDays: 20, maxExtensionDays: 20, correctionWindowDays: 7, consultationDays: 15, feeNoticePausesClock: true });

export interface ClockPause { from: IsoDate; to: IsoDate; days: number; reason: string }
export interface ClockStep { rule: string; text: string; date?: IsoDate; days?: ExplainedDay[] }
export interface ClockResult {
  state: 'running' | 'awaiting-correction' | 'paused' | 'closed';
  receivedOn: IsoDate;
  clockStart: IsoDate;
  correctionDeadline: IsoDate;
  correctionRespondBy: IsoDate | null;
  baseDue: IsoDate;
  extensionDays: number;
  pausedDays: number;
  dueDate: IsoDate | null;
  provisional: boolean;
  provisionalYears: number[];
  pauses: ClockPause[];
  closedOn: IsoDate | null;
  onTime: boolean | null;
  steps: ClockStep[];
}

// ---------------------------------------------------------------- replay

interface Consultation { id: string; party: ConsultedParty; sentOn: IsoDate; deliveredOn?: IsoDate; endedOn: IsoDate | null; cap: IsoDate }
interface FeeNotice { on: IsoDate; payBy: IsoDate; paidOn: IsoDate | null }
interface Replay {
  receivedOn: IsoDate;
  clockStart: IsoDate;
  correctionDeadline: IsoDate;
  lastOn: IsoDate;
  eventCount: number;
  correction: { on: IsoDate; respondBy: IsoDate; answeredOn: IsoDate | null } | null;
  consultations: Consultation[];
  fees: FeeNotice[];
  extensions: { on: IsoDate; workingDays: number }[];
  laterDate: { on: IsoDate; replyBy: IsoDate } | null;
  closedOn: IsoDate | null;
  years: Set<number>;
}

const PARTY: Readonly<Record<ConsultedParty, { label: string; rule: string; lapse: string }>> = {
  'third-party': { label: '征求第三方意见', rule: '条例 第三十二条', lapse: '第三方逾期未提出意见，由本机关依照条例规定决定' },
  agency: { label: '征求其他机关意见', rule: '条例 第三十四条', lapse: '被征求意见机关逾期未提出意见，视为同意公开' },
};
const AWAITING = '等待申请人补正期间只能记录收到补正或办结 / while a correction is awaited only correction-received or closed may be recorded';

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
const byDate = <T>(key: (x: T) => IsoDate) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
function note(st: Replay, r: { provisionalYears: number[] }): void {
  for (const y of r.provisionalYears) st.years.add(y);
}
function add(cal: WorkingDayCalendar, st: Replay, start: IsoDate, n: number): IsoDate {
  const r = addWorkingDays(cal, start, n);
  note(st, r);
  return r.date;
}
const awaiting = (st: Replay): boolean => st.correction !== null && st.correction.answeredOn === null;
const openFee = (st: Replay): FeeNotice | undefined => st.fees.find((f) => f.paidOn === null);

function eventDates(e: ClockEvent): [string, unknown][] {
  const d: [string, unknown][] = [['on', e.on]];
  if (e.kind === 'correction-requested') d.push(['respondBy', e.respondBy]);
  if (e.kind === 'consultation-started' && e.deliveredOn !== undefined) d.push(['deliveredOn', e.deliveredOn]);
  if (e.kind === 'fee-notice') d.push(['payBy', e.payBy]);
  if (e.kind === 'later-date-set') d.push(['replyBy', e.replyBy]);
  return d;
}

/**
 * Why `e` may not follow the replayed state `st` (null = no events yet); [] when it may. `timed` adds the
 * checks that depend on the calendar and the options (7 WD window, extension total, due date): they are
 * made when an event is recorded, not when a stored log is replayed, so a holiday schedule entered later
 * or a changed setting cannot make a lawful history unreadable.
 */
function problemsFor(cal: WorkingDayCalendar, st: Replay | null, e: ClockEvent, o: ClockOptions, timed: boolean): string[] {
  const p = eventDates(e)
    .filter(([, v]) => !isIsoDate(v))
    .map(([k, v]) => `${k} 不是有效日期 / ${k} is not a valid YYYY-MM-DD date: ${String(v)}`);
  if (p.length > 0) return p;
  if (st === null) return e.kind === 'received' ? [] : ['第一个事件应为收到申请 / the first event must be "received"'];
  if (st.closedOn !== null) return [`申请已于${st.closedOn}办结，不能再记录事件 / the request was closed on ${st.closedOn}; nothing may follow`];
  if (e.on < st.lastOn) p.push(`日期${e.on}早于上一事件（${st.lastOn}） / ${e.on} is before the previous event (${st.lastOn})`);
  if (awaiting(st) && e.kind !== 'correction-received' && e.kind !== 'closed') p.push(AWAITING);
  const afterDue = (what: string): void => {
    const d = timed ? timing(cal, { ...st, years: new Set() }, o).dueDate : null;
    if (d !== null && e.on > d) p.push(`答复期限（${d}）已届满，不能再${what} / the reply period ended on ${d}; too late to record ${e.kind}`);
  };
  switch (e.kind) {
    case 'received':
      p.push('收到申请只能记录一次 / receipt is already recorded');
      break;
    case 'correction-requested': // 条例 第三十条: 7个工作日内一次性告知
      if (st.correction !== null) p.push('补正应一次性告知，已发出过补正告知书 / only one correction request is allowed (一次性告知)');
      else if (st.eventCount > 1) p.push('补正告知应在其他办理步骤之前发出 / a correction request must come before any other step');
      if (timed && e.on > st.correctionDeadline) {
        p.push(`补正告知应在收到申请之日起${o.correctionWindowDays}个工作日内（${st.correctionDeadline}前）发出 / a correction request must be sent within ${o.correctionWindowDays} working days of receipt (by ${st.correctionDeadline})`);
      }
      if (e.respondBy <= e.on) p.push('补正期限应晚于告知日 / respondBy must be after the notice date');
      break;
    case 'correction-received':
      if (!awaiting(st)) p.push('没有待补正的申请 / no correction is awaited');
      break;
    case 'consultation-started': // 条例 第三十二条、第三十四条
      if (e.id.trim() === '') p.push('征求意见须有编号 / a consultation needs an id');
      if (st.consultations.some((c) => c.id === e.id)) p.push(`征求意见编号重复：${e.id} / duplicate consultation id ${e.id}`);
      if (e.deliveredOn !== undefined && e.deliveredOn < e.on) p.push('送达日期早于发出日期 / deliveredOn is before the letter was sent');
      afterDue('暂停计时征求意见');
      break;
    case 'consultation-ended':
      if (!st.consultations.some((c) => c.id === e.id && c.endedOn === null)) p.push(`没有进行中的征求意见：${e.id} / no open consultation with id ${e.id}`);
      break;
    case 'extended': {
      // 条例 第三十三条第二款: 延长的期限最长不得超过20个工作日
      const total = st.extensions.reduce((s, x) => s + x.workingDays, 0) + e.workingDays;
      if (!Number.isInteger(e.workingDays) || e.workingDays < 1) p.push(`延长天数应为正整数 / workingDays must be a positive integer: ${e.workingDays}`);
      else if (timed && total > o.maxExtensionDays) {
        p.push(`延长答复期限合计不得超过${o.maxExtensionDays}个工作日（本次后合计${total}个） / extensions may total at most ${o.maxExtensionDays} working days (would be ${total})`);
      }
      afterDue('延长答复期限');
      break;
    }
    case 'fee-notice':
      if (openFee(st) !== undefined) p.push('已有未缴费的收费通知 / a fee notice is already outstanding');
      if (e.payBy <= e.on) p.push('缴费期限应晚于通知日 / payBy must be after the notice date');
      afterDue('发出收费通知暂停计时');
      break;
    case 'fee-paid':
      if (openFee(st) === undefined) p.push('没有待缴费的收费通知 / no outstanding fee notice');
      break;
    case 'later-date-set': // 条例 第三十五条: set while the period runs, not to excuse a missed one
      if (e.replyBy < e.on) p.push('延迟答复日期早于告知日 / replyBy is before the notice date');
      afterDue('告知延迟答复期限');
      break;
    case 'closed':
      break;
  }
  return p;
}

function applyEvent(cal: WorkingDayCalendar, st: Replay, e: ClockEvent, o: ClockOptions): void {
  st.lastOn = e.on;
  st.eventCount++;
  switch (e.kind) {
    case 'received':
      break;
    case 'correction-requested':
      st.correction = { on: e.on, respondBy: e.respondBy, answeredOn: null };
      break;
    case 'correction-received': // 条例 第三十条: 答复期限自收到补正后的申请之日起计算
      if (st.correction) st.correction.answeredOn = e.on;
      st.clockStart = e.on;
      break;
    case 'consultation-started': {
      // Choice: the 15 WD run from delivery when recorded, else from sending (docs/requests-clock.md).
      const cap = add(cal, st, e.deliveredOn ?? e.on, o.consultationDays);
      st.consultations.push({ id: e.id, party: e.party, sentOn: e.on, deliveredOn: e.deliveredOn, endedOn: null, cap });
      break;
    }
    case 'consultation-ended': {
      const c = st.consultations.find((x) => x.id === e.id && x.endedOn === null);
      if (c) c.endedOn = e.on;
      break;
    }
    case 'extended':
      st.extensions.push({ on: e.on, workingDays: e.workingDays });
      break;
    case 'fee-notice':
      st.fees.push({ on: e.on, payBy: e.payBy, paidOn: null });
      break;
    case 'fee-paid': {
      const f = openFee(st);
      if (f) f.paidOn = e.on;
      break;
    }
    case 'later-date-set':
      st.laterDate = { on: e.on, replyBy: e.replyBy };
      break;
    case 'closed':
      st.closedOn = e.on;
      break;
  }
}

function replay(cal: WorkingDayCalendar, events: readonly ClockEvent[], o: ClockOptions): Replay {
  let st: Replay | null = null;
  for (const [i, e] of events.entries()) {
    const problems = problemsFor(cal, st, e, o, false);
    if (problems.length > 0) throw new ClockInputError(problems.map((x) => `事件${i + 1}（${e.kind}）：${x}`));
    if (st === null) {
      st = { receivedOn: e.on, clockStart: e.on, correctionDeadline: e.on, lastOn: e.on, eventCount: 0, correction: null, consultations: [], fees: [], extensions: [], laterDate: null, closedOn: null, years: new Set<number>() };
      // 条例 第三十条: 补正 must be asked within 7 working days of receipt.
      st.correctionDeadline = add(cal, st, e.on, o.correctionWindowDays);
    }
    applyEvent(cal, st, e, o);
  }
  if (st === null) throw new ClockInputError('没有收到申请事件 / no "received" event');
  return st;
}

// ---------------------------------------------------------------- timing

interface RawPause { from: IsoDate; to: IsoDate; label: string; detail: string; rules: string[]; open: boolean }

function rawPauses(st: Replay, o: ClockOptions): RawPause[] {
  const out: RawPause[] = [];
  const stop = (d: IsoDate): IsoDate => (st.closedOn === null ? d : earlier(d, st.closedOn));
  for (const c of st.consultations) {
    const party = PARTY[c.party];
    const label = `${party.label}（${c.id}）`;
    const sent = `${c.sentOn}发出${c.deliveredOn === undefined ? '' : `、${c.deliveredOn}送达`}`;
    // 条例 第三十三条第三款: consultation time is not counted; working days in (sent, end] pause the clock.
    let detail: string;
    if (c.endedOn !== null && c.endedOn <= c.cap) detail = `${sent}，${c.endedOn}收到意见`;
    else if (c.endedOn !== null) detail = `${sent}，${o.consultationDays}个工作日内（至${c.cap}）未提出意见，${party.lapse}，暂停至${c.cap}`;
    else if (st.closedOn !== null) detail = `${sent}，办结时尚未收到意见，暂停至${stop(c.cap)}`;
    else detail = `${sent}，尚未收到意见，暂按最长${o.consultationDays}个工作日（至${c.cap}）计算；如提前收到意见，答复期限相应提前`;
    const open = c.endedOn === null && st.closedOn === null;
    out.push({ from: c.sentOn, to: stop(earlier(c.endedOn ?? c.cap, c.cap)), label, detail: `${label}：${detail}`, rules: [party.rule, '条例 第三十三条第三款'], open });
  }
  // Setting (国办函〔2020〕109号 is silent; reference §6): the payment period is not counted, up to payBy.
  if (o.feeNoticePausesClock) {
    for (const f of st.fees) {
      const to = stop(earlier(f.paidOn ?? f.payBy, f.payBy));
      let detail = `${f.on}发出，缴费期限${f.payBy}，`;
      if (f.paidOn !== null) detail += f.paidOn <= f.payBy ? `${f.paidOn}缴费` : `${f.paidOn}逾期缴费，暂停至缴费期限`;
      else detail += st.closedOn !== null ? `办结时尚未缴费，暂停至${to}` : '尚未缴费，暂按缴费期限计算；如提前缴费，答复期限相应提前';
      const open = f.paidOn === null && st.closedOn === null;
      out.push({ from: f.on, to, label: '收费通知', detail: `收费通知：${detail}`, rules: ['国办函〔2020〕109号（本平台设置：缴费期间暂停计时）'], open });
    }
  }
  return out.sort(byDate((r) => r.from));
}

interface MergedPause extends ClockPause { details: string[]; rules: string[]; open: boolean }

function timing(cal: WorkingDayCalendar, st: Replay, o: ClockOptions) {
  // Overlapping pauses (two letters out at once, a fee notice during a consultation) pause once.
  const merged: MergedPause[] = [];
  for (const r of rawPauses(st, o)) {
    const last = merged.at(-1);
    if (last && r.from <= last.to) {
      last.to = later(last.to, r.to);
      last.reason += `、${r.label}`;
      last.details.push(r.detail);
      for (const x of r.rules) if (!last.rules.includes(x)) last.rules.push(x);
      last.open ||= r.open;
    } else merged.push({ from: r.from, to: r.to, days: 0, reason: r.label, details: [r.detail], rules: [...r.rules], open: r.open });
  }
  for (const m of merged) {
    const c = countWorkingDays(cal, m.from, m.to);
    note(st, c);
    m.days = c.days;
  }
  const pausedDays = merged.reduce((s, m) => s + m.days, 0);
  const extensionDays = st.extensions.reduce((s, x) => s + x.workingDays, 0);
  const total = o.statutoryDays + extensionDays + pausedDays;
  const baseDue = add(cal, st, st.clockStart, o.statutoryDays);
  const computedDue = add(cal, st, st.clockStart, total); // 条例 第三十三条
  // 条例 第三十五条: a reasonable later reply date replaces the period only when it is later.
  const dueDate = awaiting(st) ? null : st.laterDate === null ? computedDue : later(computedDue, st.laterDate.replyBy);
  return { merged, pausedDays, extensionDays, total, baseDue, computedDue, dueDate };
}

// ---------------------------------------------------------------- public API

/**
 * Replays the events (in the order they happened) and explains the reply deadline. Throws ClockInputError
 * on a log that breaks the order of events; the timing rules are checked by validateNextEvent.
 */
export function computeClock(cal: WorkingDayCalendar, events: readonly ClockEvent[], options: Partial<ClockOptions> = {}): ClockResult {
  const o: ClockOptions = { ...DEFAULT_CLOCK_OPTIONS, ...options };
  const st = replay(cal, events, o);
  const t = timing(cal, st, o);
  const waiting = awaiting(st);
  const steps: ClockStep[] = [
    { rule: '条例 第三十一条', text: `收到申请之日：${st.receivedOn}`, date: st.receivedOn },
    { rule: '条例 第三十条', text: `申请内容不明确的，应自收到申请之日起${o.correctionWindowDays}个工作日内一次性告知补正，最迟${st.correctionDeadline}`, date: st.correctionDeadline },
  ];
  const c = st.correction;
  if (c !== null) {
    steps.push({ rule: '条例 第三十条', text: `${c.on}发出补正告知书，请申请人于${c.respondBy}前补正`, date: c.on });
    if (c.answeredOn !== null) {
      steps.push({ rule: '条例 第三十条', text: `${c.answeredOn}收到补正后的申请，答复期限自该日重新计算`, date: c.answeredOn });
    } else {
      steps.push({ rule: '条例 第三十条', text: `等待申请人补正，答复期限自收到补正后的申请之日起重新计算；申请人无正当理由逾期不补正的，视为放弃申请`, date: c.respondBy });
    }
  }
  if (!waiting) {
    const from = c === null ? '收到申请' : '收到补正后申请';
    steps.push({
      rule: '条例 第三十三条第二款；民法典 第二百零一条',
      text: `自${from}之次日起计算${o.statutoryDays}个工作日（${st.clockStart}当日不计入），跳过周末和法定节假日、计入调休上班日，至${t.baseDue}`,
      date: t.baseDue,
      days: explainAddWorkingDays(cal, st.clockStart, o.statutoryDays),
    });
    // Pauses and extensions in the order they began.
    const middle: [IsoDate, ClockStep][] = [
      ...t.merged.map((m): [IsoDate, ClockStep] => [m.from, { rule: m.rules.join('；'), text: `${m.details.join('；')}。${m.from}之次日至${m.to}的${m.days}个工作日不计入答复期限`, date: m.to }]),
      ...st.extensions.map((x): [IsoDate, ClockStep] => [x.on, { rule: '条例 第三十三条第二款', text: `${x.on}经政府信息公开工作机构负责人同意，延长答复期限${x.workingDays}个工作日（延长合计不超过${o.maxExtensionDays}个工作日）`, date: x.on }]),
    ];
    steps.push(...middle.sort(byDate(([d]) => d)).map(([, step]) => step));
    const parts = [`${o.statutoryDays}个工作日`];
    if (t.extensionDays > 0) parts.push(`延长${t.extensionDays}个工作日`);
    if (t.pausedDays > 0) parts.push(`暂停${t.pausedDays}个工作日`);
    const sum = parts.length > 1 ? `${parts.join(' + ')}，共${t.total}个工作日` : parts[0];
    const open = t.merged.some((m) => m.open);
    steps.push({
      rule: '条例 第三十三条',
      text: `答复期限：自${st.clockStart}之次日起${sum}，至${t.computedDue}${open ? '（暂停期暂按最长期限计算，如提前收到意见或缴费，答复期限相应提前）' : ''}`,
      date: t.computedDue,
      days: t.total > o.statutoryDays ? explainAddWorkingDays(cal, t.baseDue, t.total - o.statutoryDays) : undefined,
    });
    if (st.laterDate !== null) {
      const l = st.laterDate;
      const text = l.replyBy > t.computedDue ? `答复期限为${l.replyBy}` : `不早于法定答复期限，仍以${t.computedDue}为准`;
      steps.push({ rule: '条例 第三十五条', text: `${l.on}告知申请人合理的延迟答复期限${l.replyBy}，${text}`, date: t.dueDate ?? l.replyBy });
    }
  }
  const provisionalYears = [...st.years].sort((a, b) => a - b);
  for (const y of provisionalYears) {
    steps.push({ rule: '国务院办公厅 部分节假日安排的通知', text: `${y}年节假日安排尚未公布，暂按周末计算，日期可能变动` });
  }
  let onTime: boolean | null = null;
  if (st.closedOn !== null) {
    if (t.dueDate === null) {
      steps.push({ rule: '条例 第三十条', text: `${st.closedOn}办结（补正期间办结，不计算答复期限）`, date: st.closedOn });
    } else {
      onTime = st.closedOn <= t.dueDate;
      const late = countWorkingDays(cal, t.dueDate, st.closedOn).days;
      const text = onTime ? `在答复期限（${t.dueDate}）内` : `超过答复期限（${t.dueDate}）${late}个工作日`;
      steps.push({ rule: '条例 第三十三条', text: `${st.closedOn}作出答复，${text}`, date: st.closedOn });
    }
  }
  const paused = t.merged.some((m) => m.open);
  return {
    state: st.closedOn !== null ? 'closed' : waiting ? 'awaiting-correction' : paused ? 'paused' : 'running',
    receivedOn: st.receivedOn,
    clockStart: st.clockStart,
    correctionDeadline: st.correctionDeadline,
    correctionRespondBy: c?.respondBy ?? null,
    baseDue: t.baseDue,
    extensionDays: t.extensionDays,
    pausedDays: t.pausedDays,
    dueDate: t.dueDate,
    provisional: provisionalYears.length > 0,
    provisionalYears,
    pauses: t.merged.map(({ from, to, days, reason }) => ({ from, to, days, reason })),
    closedOn: st.closedOn,
    onTime,
    steps,
  };
}

/** Why `next` may not be recorded after `events`, bilingual ("中文 / English"); [] = allowed. */
export function validateNextEvent(cal: WorkingDayCalendar, events: readonly ClockEvent[], next: ClockEvent, options: Partial<ClockOptions> = {}): string[] {
  const o: ClockOptions = { ...DEFAULT_CLOCK_OPTIONS, ...options };
  if (events.length === 0) return problemsFor(cal, null, next, o, true);
  try {
    return problemsFor(cal, replay(cal, events, o), next, o, true);
  } catch (err) {
    if (err instanceof ClockInputError) return err.problems.map((x) => `已记录的事件无效 / recorded events are invalid: ${x}`);
    throw err;
  }
}

/** Working days after `today` up to `due` inclusive; 0 on the due date; negative = working days overdue. */
export function workingDaysLeft(cal: WorkingDayCalendar, today: IsoDate, due: IsoDate): number {
  if (today <= due) return countWorkingDays(cal, today, due).days;
  const overdue = countWorkingDays(cal, due, today).days;
  return overdue === 0 ? 0 : -overdue; // a weekend right after the due date is 0, not -0
}

/** 条例 第三十条: the corrected request is overdue once `today` is after the correction deadline. */
export function correctionOverdue(result: ClockResult, today: IsoDate): boolean {
  return result.state === 'awaiting-correction' && result.correctionRespondBy !== null && today > result.correctionRespondBy;
}

/** An outstanding fee notice whose payment deadline has passed (annual-report row 逾期未按收费通知要求缴纳费用). */
export function feeOverdue(events: readonly ClockEvent[], today: IsoDate): boolean {
  let payBy: IsoDate | null = null;
  for (const e of events) {
    if (e.kind === 'fee-notice') payBy = e.payBy;
    else if (e.kind === 'fee-paid' || e.kind === 'closed') payBy = null;
  }
  return payBy !== null && today > payBy;
}
