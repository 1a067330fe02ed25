/** Reads the holiday schedules shipped in data/calendars/*.json (one file per year). */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CalendarScheduleError, parseYearSchedule, type YearSchedule } from './model.js';

// src/platform/calendar/ and dist/platform/calendar/ are both three levels below the package root.
export const SHIPPED_CALENDAR_DIR = new URL('../../../data/calendars/', import.meta.url);

/** Every schedule in `dir`, sorted by year. Throws CalendarScheduleError on any bad file. */
export function loadShippedSchedules(dir: string | URL = SHIPPED_CALENDAR_DIR): YearSchedule[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const files = readdirSync(path).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => loadFile(join(path, f))).sort((a, b) => a.year - b.year);
}

function loadFile(file: string): YearSchedule {
  const name = basename(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CalendarScheduleError([`JSON 无法解析 / invalid JSON: ${err instanceof Error ? err.message : String(err)}`], name);
  }
  const schedule = parseYearSchedule(json, name);
  // 2026.json must hold 2026: a copied file with a stale "year" would silently shadow a year.
  if (name !== `${schedule.year}.json`) {
    throw new CalendarScheduleError([`文件名与年份不符 / file name does not match year ${schedule.year}`], name);
  }
  return schedule;
}
