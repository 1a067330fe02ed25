import type { Executor } from '../db/database.js';
import { parseYearSchedule, type YearSchedule } from './model.js';

/** The only code that queries `holiday_schedule` (years entered by an admin). */
export async function enteredSchedules(db: Executor): Promise<YearSchedule[]> {
  const rows = await db.selectFrom('holidaySchedule').select(['year', 'schedule']).orderBy('year').execute();
  return rows.map((r) => parseYearSchedule(JSON.parse(r.schedule), `holiday_schedule ${r.year}`));
}

export async function findEnteredSchedule(db: Executor, year: number): Promise<YearSchedule | undefined> {
  const row = await db.selectFrom('holidaySchedule').select('schedule').where('year', '=', year).executeTakeFirst();
  return row ? parseYearSchedule(JSON.parse(row.schedule)) : undefined;
}

export async function upsertSchedule(db: Executor, schedule: YearSchedule, enteredBy: string, enteredAt: string): Promise<void> {
  const values = { source: schedule.source, schedule: JSON.stringify(schedule), enteredBy, enteredAt };
  await db
    .insertInto('holidaySchedule')
    .values({ year: schedule.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .execute();
}
