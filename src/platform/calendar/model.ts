/**
 * Working-day calendar (工作日) for statutory deadlines. Pure: no I/O, no clock, no local time.
 *
 * The 条例 counts deadlines in 工作日 but does not define the term. We use the usual practice:
 * Monday–Friday, minus the State Council's public holidays, plus the weekend days it declares
 * working days (调休上班). See docs reference regulations.md §4.
 */
import { z } from 'zod';

/** A calendar date 'YYYY-MM-DD'. Always handled as a UTC day. */
export type IsoDate = string;

export type Holiday = { name: string; from: IsoDate; to: IsoDate };

/** One year of the State Council holiday notice (国务院办公厅关于X年部分节假日安排的通知). */
export type YearSchedule = { year: number; source: string; holidays: Holiday[]; workdays: IsoDate[] };

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'adjusted-workday';

export type DayInfo = {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  holidayName?: string;
  /** True when the year has no schedule, so only weekends were treated as days off. */
  provisional: boolean;
};

export type WorkingDayResult = { date: IsoDate; provisional: boolean; provisionalYears: number[] };
export type WorkingDayCount = { days: number; provisional: boolean; provisionalYears: number[] };
export type ExplainedDay = DayInfo & { text: string };

const MS_PER_DAY = 86_400_000;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------- date helpers (UTC only)

function daysInMonth(y: number, month: number): number {
  if (month === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 for a real 'YYYY-MM-DD' date (years 1000–9999), else undefined. */
function dayNumberOf(value: string): number | undefined {
  const m = ISO_DATE_RE.exec(value);
  if (!m) return undefined;
  const [y, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC silently rolls 02-30 over to 03-02 and maps years 0–99 to 19xx, so check first.
  if (y < 1000 || month < 1 || month > 12 || d < 1 || d > daysInMonth(y, month)) return undefined;
  return Date.UTC(y, month - 1, d) / MS_PER_DAY;
}

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30, 2026-2-3). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && dayNumberOf(value) !== undefined;
}

function toDayNumber(d: IsoDate, what = 'date'): number {
  const n = dayNumberOf(d);
  if (n === undefined) throw new RangeError(`${what} 不是有效日期 / is not a valid YYYY-MM-DD date: ${d}`);
  return n;
}

function assertIsoDate(d: IsoDate, what: string): void {
  toDayNumber(d, what);
}

function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * MS_PER_DAY);
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
  return fromDayNumber(toDayNumber(d) + n);
}

function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(d));
}

function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

function isWeekend(d: IsoDate): boolean {
  const w = weekdayOf(d);
  return w === 0 || w === 6; // Sunday or Saturday
}

/** Every date from `from` to `to`, inclusive. */
function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const last = toDayNumber(to);
  for (let n = toDayNumber(from); n <= last; n++) out.push(fromDayNumber(n));
  return out;
}

// ---------------------------------------------------------------- schedule validation

export class CalendarScheduleError extends Error {
  readonly code = 'CALENDAR_SCHEDULE_INVALID';
  readonly problems: readonly string[];
  constructor(problems: readonly string[], origin = 'schedule') {
    super(`节假日安排无效 / invalid holiday schedule (${origin}):\n- ${problems.join('\n- ')}`);
    this.name = 'CalendarScheduleError';
    this.problems = [...problems];
  }
}

const dateString = z.string().regex(ISO_DATE_RE, '日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD');
const scheduleShape = z.object({
  year: z.number().int().min(1000).max(9999),
  source: z.string().trim().min(1),
  holidays: z.array(z.object({ name: z.string().trim().min(1), from: dateString, to: dateString })),
  workdays: z.array(dateString),
});

/** Checks that zod's shape check cannot express; returns every problem found. */
function scheduleProblems(s: YearSchedule): string[] {
  const problems: string[] = [];
  const checkDate = (d: IsoDate, where: string): boolean => {
    if (dayNumberOf(d) === undefined) problems.push(`${where}: 日期不存在 / not a real calendar date: ${d}`);
    else if (yearOf(d) !== s.year) problems.push(`${where}: 不在${s.year}年内 / ${d} is outside year ${s.year}`);
    else return true;
    return false;
  };
  const holidayDays = new Map<IsoDate, string>();
  s.holidays.forEach((h, i) => {
    const where = `holidays[${i}] ${h.name}`;
    const ok = [checkDate(h.from, `${where}.from`), checkDate(h.to, `${where}.to`)].every(Boolean);
    if (!ok) return;
    if (h.from > h.to) {
      problems.push(`${where}: 开始晚于结束 / from ${h.from} is after to ${h.to}`);
      return;
    }
    for (const d of datesBetween(h.from, h.to)) {
      const other = holidayDays.get(d);
      if (other !== undefined) problems.push(`${where}: 与${other}重叠 / overlaps ${other} on ${d}`);
      else holidayDays.set(d, h.name);
    }
  });
  const seen = new Set<IsoDate>();
  s.workdays.forEach((d, i) => {
    const where = `workdays[${i}]`;
    if (!checkDate(d, where)) return;
    // 调休上班 only ever moves work onto a Saturday or Sunday; a weekday entry is a typo.
    if (!isWeekend(d)) problems.push(`${where}: 调休上班日应为周六或周日 / ${d} is not a Saturday or Sunday`);
    const name = holidayDays.get(d);
    if (name !== undefined) problems.push(`${where}: 位于${name}假期内 / ${d} falls inside holiday ${name}`);
    if (seen.has(d)) problems.push(`${where}: 重复 / duplicate ${d}`);
    seen.add(d);
  });
  return problems;
}

/** Validates one year's schedule (e.g. a parsed data/calendars/2026.json); throws CalendarScheduleError. */
export function parseYearSchedule(input: unknown, origin?: string): YearSchedule {
  const shaped = scheduleShape.safeParse(input);
  if (!shaped.success) {
    const problems = shaped.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new CalendarScheduleError(problems, origin);
  }
  const s = shaped.data;
  const problems = scheduleProblems(s);
  if (problems.length > 0) throw new CalendarScheduleError(problems, origin ?? String(s.year));
  return s;
}

// ---------------------------------------------------------------- calendar

export class WorkingDayCalendar {
  readonly #holidays = new Map<IsoDate, string>();
  readonly #workdays = new Set<IsoDate>();
  readonly #years: readonly number[];
  readonly #schedules = new Map<number, YearSchedule>();

  constructor(schedules: readonly YearSchedule[]) {
    const years = new Set<number>();
    for (const raw of schedules) {
      // Re-validate (and copy) so a hand-built schedule cannot break the invariants.
      const s = parseYearSchedule(raw);
      if (years.has(s.year)) throw new CalendarScheduleError([`重复的年份 / duplicate year ${s.year}`]);
      years.add(s.year);
      this.#schedules.set(s.year, s);
      for (const h of s.holidays) for (const d of datesBetween(h.from, h.to)) this.#holidays.set(d, h.name);
      for (const d of s.workdays) this.#workdays.add(d);
    }
    this.#years = Object.freeze([...years].sort((a, b) => a - b));
    Object.freeze(this);
  }

  hasSchedule(year: number): boolean {
    return this.#years.includes(year);
  }

  years(): number[] {
    return [...this.#years];
  }

  /** The schedule the calendar was built with for that year, if any. */
  schedule(year: number): YearSchedule | undefined {
    return this.#schedules.get(year);
  }

  isWorkingDay(d: IsoDate): boolean {
    return this.dayInfo(d).working;
  }

  dayInfo(d: IsoDate): DayInfo {
    const weekday = weekdayOf(d); // also rejects a malformed date
    // Without that year's notice we only know the weekends (regulations.md §4.1, last paragraph).
    const provisional = !this.hasSchedule(yearOf(d));
    const holidayName = this.#holidays.get(d);
    // 全国年节及纪念日放假办法 + the yearly 国务院办公厅 notice: holiday ranges are days off,
    // and the notice's 调休上班 weekend days are worked.
    if (holidayName !== undefined) return { date: d, working: false, reason: 'holiday', holidayName, provisional };
    if (this.#workdays.has(d)) return { date: d, working: true, reason: 'adjusted-workday', provisional };
    // 国务院关于职工工作时间的规定 第七条: 国家机关…星期六和星期日为周休息日.
    if (weekday === 0 || weekday === 6) return { date: d, working: false, reason: 'weekend', provisional };
    return { date: d, working: true, reason: 'weekday', provisional };
  }
}

// ---------------------------------------------------------------- deadline arithmetic

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n 应为非负整数 / n must be a non-negative integer: ${n}`);
}

/** The days examined when counting n working days after `start` (start itself excluded). */
function walkWorkingDays(cal: WorkingDayCalendar, start: IsoDate, n: number): DayInfo[] {
  const first = toDayNumber(start, 'start');
  assertCount(n);
  const days: DayInfo[] = [];
  // 民法典 第二百零一条: 开始的当日不计入，自下一日开始计算 — the receipt day is not counted.
  for (let day = first + 1, counted = 0; counted < n; day++) {
    const info = cal.dayInfo(fromDayNumber(day));
    days.push(info);
    if (info.working) counted++;
  }
  return days;
}

function provisionalYearsOf(days: readonly DayInfo[]): number[] {
  const years = new Set(days.filter((d) => d.provisional).map((d) => yearOf(d.date)));
  return [...years].sort((a, b) => a - b);
}

/**
 * The date n working days after `start`, e.g. the reply deadline of
 * 条例 第三十三条 (收到申请之日起20个工作日内) is addWorkingDays(cal, receipt, 20).
 */
export function addWorkingDays(cal: WorkingDayCalendar, start: IsoDate, n: number): WorkingDayResult {
  const days = walkWorkingDays(cal, start, n);
  const provisionalYears = provisionalYearsOf(days);
  return { date: days.at(-1)?.date ?? start, provisional: provisionalYears.length > 0, provisionalYears };
}

/** Working days in (from, to]: `from` excluded, `to` included; 0 when to <= from. */
export function countWorkingDays(cal: WorkingDayCalendar, from: IsoDate, to: IsoDate): WorkingDayCount {
  assertIsoDate(from, 'from');
  assertIsoDate(to, 'to');
  const days = to > from ? datesBetween(addCalendarDays(from, 1), to).map((d) => cal.dayInfo(d)) : [];
  const provisionalYears = provisionalYearsOf(days);
  return { days: days.filter((d) => d.working).length, provisional: provisionalYears.length > 0, provisionalYears };
}

function describeDay(day: DayInfo): string {
  const note = day.provisional ? `（${yearOf(day.date)}年节假日安排尚未公布，暂按周末计算）` : '';
  switch (day.reason) {
    case 'holiday':
      return `${day.date} ${day.holidayName ?? ''}放假，不计入${note}`;
    case 'adjusted-workday':
      return `${day.date} 调休上班，计为工作日${note}`;
    case 'weekend':
      return `${day.date} 周末，不计入${note}`;
    case 'weekday':
      return `${day.date} 工作日${note}`;
  }
}

/** Why addWorkingDays lands where it does: the skipped days off and the 调休 days counted. */
export function explainAddWorkingDays(cal: WorkingDayCalendar, start: IsoDate, n: number): ExplainedDay[] {
  return walkWorkingDays(cal, start, n)
    .filter((d) => d.reason !== 'weekday')
    .map((d) => ({ ...d, text: describeDay(d) }));
}
