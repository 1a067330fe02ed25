import { appendAudit } from '../audit/store.js';
import type { AuditActor } from '../audit/model.js';
import type { ServiceDeps } from '../context.js';
import type { Executor } from '../db/database.js';
import { errors } from '../errors.js';
import { loadShippedSchedules } from './load.js';
import { enteredSchedules, findEnteredSchedule, upsertSchedule } from './store.js';
import { CalendarScheduleError, isIsoDate, parseYearSchedule, WorkingDayCalendar, type YearSchedule } from './model.js';

// The shipped files never change while the process runs, so they are read once.
let shipped: YearSchedule[] | undefined;
function shippedSchedules(): YearSchedule[] {
  shipped ??= loadShippedSchedules();
  return shipped;
}

/**
 * The calendar in force: the shipped State Council schedules, with any year an admin entered
 * taking precedence (a correction or a year published after this release). Read per use so that
 * every web process sees a newly entered year at once.
 */
export async function loadCalendar(db: Executor): Promise<WorkingDayCalendar> {
  const byYear = new Map(shippedSchedules().map((s) => [s.year, s]));
  for (const s of await enteredSchedules(db)) byYear.set(s.year, s);
  return new WorkingDayCalendar([...byYear.values()]);
}

export async function scheduleSources(db: Executor): Promise<Map<number, 'shipped' | 'entered'>> {
  const out = new Map<number, 'shipped' | 'entered'>(shippedSchedules().map((s) => [s.year, 'shipped' as const]));
  for (const s of await enteredSchedules(db)) out.set(s.year, 'entered');
  return out;
}

/**
 * Years whose missing schedule makes deadlines provisional now: the current year, and from
 * 1 October the next one (a 20+20 working-day period begun in Q4 reaches into January, and the
 * State Council publishes the next year's notice each November).
 */
export function missingScheduleYears(cal: WorkingDayCalendar, today: string): number[] {
  const year = Number(today.slice(0, 4));
  const years = [year];
  if (today.slice(5) >= '10-01') years.push(year + 1);
  return years.filter((y) => !cal.hasSchedule(y));
}

/** Listeners run after a schedule is entered, e.g. to recompute provisional due dates. */
type ScheduleListener = (deps: ServiceDeps, year: number) => Promise<void>;
const listeners: ScheduleListener[] = [];
export function onScheduleEntered(listener: ScheduleListener): void {
  listeners.push(listener);
}

/**
 * Parses the admin form: one holiday per line as `名称,开始日期,结束日期` (or `名称 开始 至 结束`,
 * one date for a single day) and the adjusted working days separated by spaces, commas or lines.
 */
export function scheduleFromForm(form: { year: string; source: string; holidays: string; workdays: string }): YearSchedule {
  const problems: string[] = [];
  const holidays = form.holidays
    .split(/\r?\n/)
    .map((raw, i) => ({ line: raw.trim(), i }))
    .filter(({ line }) => line !== '')
    .map(({ line, i }) => {
      const parts = line.split(/[,，\s]+|至|—|–|~/).map((p) => p.trim()).filter(Boolean);
      const [name, from, to] = parts;
      if (!name || !from || !isIsoDate(from) || (to !== undefined && !isIsoDate(to)) || parts.length > 3) {
        problems.push(`第${i + 1}行“${line}”格式应为：名称,开始日期,结束日期 / line ${i + 1}: expected name,from,to`);
        return { name: name ?? '', from: from ?? '', to: to ?? from ?? '' };
      }
      return { name, from, to: to ?? from };
    });
  if (problems.length > 0) throw new CalendarScheduleError(problems);
  const workdays = form.workdays.split(/[\s,，、]+/).filter(Boolean);
  return parseYearSchedule({ year: Number(form.year), source: form.source.trim(), holidays, workdays });
}

/** Stores a year's schedule (replacing an earlier entry for that year), audited, then notifies listeners. */
export async function enterSchedule(deps: ServiceDeps, by: { actor: AuditActor; ip?: string }, schedule: YearSchedule): Promise<void> {
  let checked: YearSchedule;
  try {
    checked = parseYearSchedule(schedule);
  } catch (e) {
    if (e instanceof CalendarScheduleError) throw errors.validation(e.problems);
    throw e;
  }
  await deps.db.transaction().execute(async (tx) => {
    const before = await findEnteredSchedule(tx, checked.year);
    const now = deps.clock.now();
    await upsertSchedule(tx, checked, by.actor.login, now.toISOString());
    await appendAudit(tx, now, {
      actor: by.actor,
      agencyId: null,
      action: 'calendar.enter',
      objectType: 'holiday_schedule',
      objectId: String(checked.year),
      summary: `录入${checked.year}年节假日安排（${checked.holidays.length}个假期，${checked.workdays.length}个调休上班日）`,
      before,
      after: checked,
      ...(by.ip ? { ip: by.ip } : {}),
    });
  });
  for (const listener of listeners) await listener(deps, checked.year);
}
