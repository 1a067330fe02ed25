// Expected dates below were worked out by hand from regulations.md §4 / §4.1, not printed by the code.
// Notation: W1, W2 … = the 1st, 2nd … working day counted; the start day is never counted.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CalendarScheduleError,
  WorkingDayCalendar,
  addCalendarDays,
  addWorkingDays,
  countWorkingDays,
  explainAddWorkingDays,
  isIsoDate,
  parseYearSchedule,
  weekdayOf,
  type YearSchedule,
} from './model.js';
import { loadShippedSchedules } from './load.js';

const schedules = loadShippedSchedules();
const cal = new WorkingDayCalendar(schedules);
const add = (start: string, n: number): string => addWorkingDays(cal, start, n).date;

describe('date helpers', () => {
  test('isIsoDate accepts only real YYYY-MM-DD dates', () => {
    assert.equal(isIsoDate('2026-02-28'), true);
    assert.equal(isIsoDate('2024-02-29'), true); // leap year
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('2026-02-30'), false);
    assert.equal(isIsoDate('2100-02-29'), false); // century, not a leap year
    assert.equal(isIsoDate('2026-2-3'), false);
    assert.equal(isIsoDate('2026-13-01'), false);
    assert.equal(isIsoDate(20260101), false);
  });

  test('addCalendarDays and weekdayOf use UTC days', () => {
    assert.equal(addCalendarDays('2026-02-28', 1), '2026-03-01'); // 2026 is not a leap year
    assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addCalendarDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addCalendarDays('2026-03-01', -1), '2026-02-28');
    assert.equal(weekdayOf('2026-01-01'), 4); // §4: 2026-01-01 (Thu)
    assert.equal(weekdayOf('2026-02-15'), 0); // §4: 2026-02-15 (Sun)
    assert.equal(weekdayOf('2025-02-08'), 6); // §4.1: 2025-02-08 (Sat)
    assert.throws(() => weekdayOf('2026-02-30'), RangeError);
  });
});

describe('dayInfo', () => {
  test('classifies days from the official tables', () => {
    assert.deepEqual(cal.dayInfo('2026-02-14'), { date: '2026-02-14', working: true, reason: 'adjusted-workday', provisional: false });
    assert.deepEqual(cal.dayInfo('2026-02-16'), {
      date: '2026-02-16', working: false, reason: 'holiday', holidayName: '春节', provisional: false,
    });
    assert.equal(cal.dayInfo('2026-03-01').reason, 'weekend'); // Sunday, no 调休
    assert.equal(cal.dayInfo('2026-03-02').reason, 'weekday');
    assert.equal(cal.dayInfo('2025-10-08').holidayName, '国庆节、中秋节'); // 8-day 2025 combined holiday
    assert.equal(cal.isWorkingDay('2025-04-27'), true); // §4.1 劳动节 调休 Sunday
    assert.equal(cal.isWorkingDay('2026-04-06'), false); // §4 清明节 Monday
  });

  test('years without a schedule are provisional, weekends only', () => {
    // 2027-01-01 is a Friday (2026-12-31 is a Thursday); its 元旦 is unknown until the 2027 notice.
    assert.deepEqual(cal.dayInfo('2027-01-01'), { date: '2027-01-01', working: true, reason: 'weekday', provisional: true });
    assert.equal(cal.dayInfo('2027-01-02').reason, 'weekend');
    assert.deepEqual(cal.years(), [2025, 2026]);
    assert.equal(cal.hasSchedule(2026), true);
    assert.equal(cal.hasSchedule(2027), false);
  });
});

describe('addWorkingDays', () => {
  test('春节 2026: received 2026-02-10 (Tue) + 20 → 2026-03-16', () => {
    // 02-11 W1, 02-12 W2, 02-13 W3, 02-14 Sat 调休 W4, 02-15..02-23 春节 off,
    // 02-24 W5 … 02-27 W8, 02-28 Sat 调休 W9, 03-01 Sun off, 03-02..03-06 W10–W14,
    // 03-09..03-13 W15–W19, 03-16 Mon W20.
    assert.deepEqual(addWorkingDays(cal, '2026-02-10', 20), { date: '2026-03-16', provisional: false, provisionalYears: [] });
  });

  test('国庆 2026: received 2026-09-18 (Fri), 7 / 20 / 40 working days', () => {
    // 09-19 Sat off, 09-20 Sun 调休 W1, 09-21..09-24 W2–W5, 09-25..09-27 中秋节 off,
    // 09-28 W6, 09-29 W7, 09-30 W8, 10-01..10-07 国庆节 off, 10-08 W9, 10-09 W10,
    // 10-10 Sat 调休 W11, 10-11 Sun off, 10-12..10-16 W12–W16, 10-19..10-22 W17–W20.
    assert.equal(add('2026-09-18', 7), '2026-09-29'); // 条例 第三十条 补正 notice
    assert.equal(add('2026-09-18', 20), '2026-10-22'); // 条例 第三十三条 reply
    // Extension to 40: 10-23 W21, 10-26..30 W22–W26, 11-02..06 W27–W31, 11-09..13 W32–W36, 11-16..19 W37–W40.
    assert.equal(add('2026-09-18', 40), '2026-11-19');
  });

  test('春节 2025 with 调休 2025-01-26 (Sun) and 2025-02-08 (Sat)', () => {
    // Received 2025-01-24 (Fri): 01-25 Sat off, 01-26 Sun 调休 W1, 01-27 Mon W2, 01-28..02-04 春节 off,
    // 02-05 W3, 02-06 W4, 02-07 W5, 02-08 Sat 调休 W6, 02-09 Sun off, 02-10 W7, 02-11..02-14 W8–W11,
    // 02-17..02-21 W12–W16, 02-24..02-27 W17–W20.
    assert.equal(add('2025-01-24', 1), '2025-01-26');
    assert.equal(add('2025-01-24', 7), '2025-02-10');
    assert.equal(add('2025-01-24', 20), '2025-02-27');
  });

  test('国庆 2025: received 2025-09-26 (Fri) + 7 → 2025-10-13', () => {
    // 09-27 Sat off, 09-28 Sun 调休 W1, 09-29 W2, 09-30 W3, 10-01..10-08 off, 10-09 W4, 10-10 W5,
    // 10-11 Sat 调休 W6, 10-12 Sun off, 10-13 Mon W7.
    assert.equal(add('2025-09-26', 7), '2025-10-13');
  });

  test('the start day is not counted; n = 0 returns start', () => {
    assert.equal(add('2026-03-02', 1), '2026-03-03'); // Mon → Tue
    assert.equal(add('2026-03-06', 1), '2026-03-09'); // Fri → next Mon
    assert.deepEqual(addWorkingDays(cal, '2026-03-02', 0), { date: '2026-03-02', provisional: false, provisionalYears: [] });
    assert.equal(add('2026-10-03', 0), '2026-10-03'); // even on a holiday
  });

  test('receipt on a holiday', () => {
    // Received 2026-10-03 (国庆, Sat): 10-04..10-07 off, 10-08 W1, 10-09 W2, 10-10 Sat 调休 W3,
    // 10-12..16 W4–W8, 10-19..23 W9–W13, 10-26..30 W14–W18, 11-02 W19, 11-03 W20.
    assert.equal(add('2026-10-03', 1), '2026-10-08');
    assert.equal(add('2026-10-03', 20), '2026-11-03');
    // Received 2026-02-17 (春节): 02-24..02-27 W1–W4, 02-28 Sat 调休 W5, 03-02..06 W6–W10,
    // 03-09..13 W11–W15, 03-16..20 W16–W20.
    assert.equal(add('2026-02-17', 20), '2026-03-20');
  });

  test('across the year end: 2025-12-31 (Wed) + 1 → 2026-01-04, a 调休 Sunday', () => {
    // 2026-01-01..01-03 元旦 off, 01-04 Sun 调休 W1.
    assert.equal(add('2025-12-31', 1), '2026-01-04');
  });

  test('into 2027 (no schedule): provisional, weekends only', () => {
    // Received 2026-12-18 (Fri): 12-21..12-25 W1–W5, 12-28..12-31 W6–W9 (12-31 Thu),
    // 2027-01-01 Fri W10 (provisional), 01-04..01-08 W11–W15, 01-11..01-15 W16–W20.
    assert.deepEqual(addWorkingDays(cal, '2026-12-18', 9), { date: '2026-12-31', provisional: false, provisionalYears: [] });
    assert.deepEqual(addWorkingDays(cal, '2026-12-18', 20), { date: '2027-01-15', provisional: true, provisionalYears: [2027] });
  });

  test('starting in an unscheduled year (2024)', () => {
    // 2024-12-30 (Mon): 12-31 Tue W1 (provisional), 2025-01-01 元旦 off, 01-02 W2, 01-03 Fri W3.
    assert.deepEqual(addWorkingDays(cal, '2024-12-30', 3), { date: '2025-01-03', provisional: true, provisionalYears: [2024] });
  });

  test('rejects a bad n or start date', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => addWorkingDays(cal, '2026-03-02', n), RangeError);
    }
    assert.throws(() => addWorkingDays(cal, '2026-02-30', 1), RangeError);
  });
});

describe('countWorkingDays', () => {
  test('counts (from, to]', () => {
    // (09-30, 10-10]: 10-01..10-07 off, 10-08, 10-09, 10-10 (Sat 调休) → 3.
    assert.deepEqual(countWorkingDays(cal, '2026-09-30', '2026-10-10'), { days: 3, provisional: false, provisionalYears: [] });
    assert.equal(countWorkingDays(cal, '2026-03-02', '2026-03-02').days, 0);
    assert.equal(countWorkingDays(cal, '2026-03-05', '2026-03-02').days, 0);
    // (2026-02-10, 2026-03-16] is the 春节 example above → 20.
    assert.equal(countWorkingDays(cal, '2026-02-10', '2026-03-16').days, 20);
  });

  test('flags unscheduled years', () => {
    // (2026-12-31, 2027-01-04]: 01-01 Fri, 01-02 Sat off, 01-03 Sun off, 01-04 Mon → 2, all in 2027.
    assert.deepEqual(countWorkingDays(cal, '2026-12-31', '2027-01-04'), { days: 2, provisional: true, provisionalYears: [2027] });
  });

  test('round trip: count(from, add(from, n)) = n for every day of 2025–2026 and n in 1..45', () => {
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 1)) {
      for (let n = 1; n <= 45; n++) {
        const due = add(d, n);
        assert.equal(cal.isWorkingDay(due), true, `${d}+${n} lands on a day off`);
        assert.equal(countWorkingDays(cal, d, due).days, n, `${d}+${n}`);
      }
    }
  });
});

test('explainAddWorkingDays lists the days off and the 调休 days', () => {
  // 2026-09-30 + 3: 10-01..10-07 国庆节 off, 10-08 W1, 10-09 W2, 10-10 Sat 调休 W3.
  const lines = explainAddWorkingDays(cal, '2026-09-30', 3).map((d) => d.text);
  const holidayLines = ['01', '02', '03', '04', '05', '06', '07'].map((dd) => `2026-10-${dd} 国庆节放假，不计入`);
  assert.deepEqual(lines, [...holidayLines, '2026-10-10 调休上班，计为工作日']);
  // 2026-12-31 + 2: 2027-01-01 W1, 01-02 Sat and 01-03 Sun off, 01-04 W2.
  assert.deepEqual(explainAddWorkingDays(cal, '2026-12-31', 2).map((d) => d.text), [
    '2027-01-02 周末，不计入（2027年节假日安排尚未公布，暂按周末计算）',
    '2027-01-03 周末，不计入（2027年节假日安排尚未公布，暂按周末计算）',
  ]);
});

describe('parseYearSchedule', () => {
  const valid: YearSchedule = {
    year: 2026,
    source: 'test',
    holidays: [{ name: '春节', from: '2026-02-15', to: '2026-02-23' }],
    workdays: ['2026-02-14'],
  };
  const problemsOf = (input: unknown): readonly string[] => {
    try {
      parseYearSchedule(input);
    } catch (err) {
      assert.ok(err instanceof CalendarScheduleError);
      assert.match(err.message, /节假日安排无效 \/ invalid holiday schedule/);
      return err.problems;
    }
    assert.fail('expected CalendarScheduleError');
  };

  test('accepts a valid schedule', () => {
    assert.deepEqual(parseYearSchedule(valid), valid);
  });

  test('workday on a Wednesday', () => {
    // 2026-01-07: 01-01 is Thursday, so 01-07 is Wednesday.
    const problems = problemsOf({ ...valid, workdays: ['2026-01-07'] });
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /周六或周日.*not a Saturday or Sunday/);
  });

  test('overlapping holidays', () => {
    const holidays = [...valid.holidays, { name: '测试', from: '2026-02-20', to: '2026-02-25' }];
    assert.match(problemsOf({ ...valid, holidays }).join('\n'), /重叠.*overlaps 春节 on 2026-02-20/);
  });

  test('2026-02-30 is not a date', () => {
    const holidays = [{ name: '春节', from: '2026-02-15', to: '2026-02-30' }];
    assert.match(problemsOf({ ...valid, holidays }).join('\n'), /日期不存在.*not a real calendar date: 2026-02-30/);
  });

  test('lists every problem at once', () => {
    const problems = problemsOf({
      ...valid,
      holidays: [{ name: '倒置', from: '2026-05-05', to: '2026-05-01' }, { name: '跨年', from: '2025-12-31', to: '2026-01-01' }],
      workdays: ['2026-01-07', '2026-03-01', '2026-03-01'],
    });
    // from>to; 2025-12-31 outside 2026; Wednesday 01-07; duplicate 03-01.
    assert.equal(problems.length, 4, problems.join('\n'));
  });

  test('workday inside a holiday, and bad shape', () => {
    assert.match(problemsOf({ ...valid, workdays: ['2026-02-15'] }).join('\n'), /falls inside holiday 春节/);
    assert.match(problemsOf({ ...valid, year: '2026' }).join('\n'), /^year:/);
    assert.match(problemsOf({ ...valid, workdays: ['2026/02/14'] }).join('\n'), /YYYY-MM-DD/);
  });

  test('the calendar refuses a duplicate year', () => {
    assert.throws(() => new WorkingDayCalendar([valid, valid]), CalendarScheduleError);
  });
});

describe('shipped schedules', () => {
  const byYear = new Map(schedules.map((s) => [s.year, s]));

  test('2026 matches §4', () => {
    const s = byYear.get(2026);
    assert.ok(s);
    assert.deepEqual(s.workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    assert.deepEqual(s.holidays.map((h) => [h.name, h.from, h.to]), [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ]);
    // §4 lengths: 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33 days off.
    assert.equal(countDaysOff(2026), 33);
  });

  test('2025 matches §4.1', () => {
    const s = byYear.get(2025);
    assert.ok(s);
    assert.deepEqual(s.workdays, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    assert.deepEqual(s.holidays.map((h) => [h.from, h.to]), [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ]);
    // 1 + 8 + 3 + 5 + 3 + 8 = 28 days off.
    assert.equal(countDaysOff(2025), 28);
  });

  test('the loader checks file names and content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-cal-'));
    writeFileSync(join(dir, '2030.json'), JSON.stringify({ ...byYear.get(2026) }));
    assert.throws(() => loadShippedSchedules(dir), /file name does not match year 2026/);
    const bad = mkdtempSync(join(tmpdir(), 'gongkai-cal-'));
    writeFileSync(join(bad, '2026.json'), '{');
    assert.throws(() => loadShippedSchedules(bad), CalendarScheduleError);
    for (const d of [dir, bad]) rmSync(d, { recursive: true });
  });
});

function countDaysOff(year: number): number {
  let n = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addCalendarDays(d, 1)) {
    if (cal.dayInfo(d).reason === 'holiday') n++;
  }
  return n;
}
