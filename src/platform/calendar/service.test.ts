// Expected dates worked out by hand. 2026-01-01 is a Thursday, so 2026-12-18 is a Friday
// (351 days later), 2027-01-01 a Friday, 2027-02-01 a Monday and 2028-01-01 a Saturday.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, createTestDatabase, skipReason, type TestDatabase } from '../../test-support/db.js';
import { listAudit } from '../audit/store.js';
import { AppError } from '../errors.js';
import { loadShippedSchedules } from './load.js';
import { CalendarScheduleError, WorkingDayCalendar, addWorkingDays, type YearSchedule } from './model.js';
import { enterSchedule, loadCalendar, missingScheduleYears, onScheduleEntered, scheduleFromForm, scheduleSources } from './service.js';

/** A made-up but valid 2027 notice: 元旦 Fri–Sun, 春节 Sat 02-06 to Sat 02-13 with two 调休 weekend days. */
const SCHEDULE_2027: YearSchedule = {
  year: 2027,
  source: '测试：2027年部分节假日安排',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-13' },
  ],
  workdays: ['2027-02-14', '2027-02-20'], // Sunday, Saturday
};

// Listeners are process-wide, so one is registered for the whole file.
const entered: { year: number; engine: string }[] = [];
onScheduleEntered(async (deps, year) => {
  entered.push({ year, engine: deps.engine });
});

describe('missingScheduleYears', () => {
  const shippedOnly = new WorkingDayCalendar(loadShippedSchedules());
  test('the current year, plus the next one from 1 October', () => {
    assert.deepEqual(missingScheduleYears(shippedOnly, '2026-09-30'), []);
    assert.deepEqual(missingScheduleYears(shippedOnly, '2026-10-01'), [2027]);
    assert.deepEqual(missingScheduleYears(shippedOnly, '2026-12-31'), [2027]);
    assert.deepEqual(missingScheduleYears(shippedOnly, '2025-10-01'), []);
    assert.deepEqual(missingScheduleYears(shippedOnly, '2027-01-01'), [2027]);
    assert.deepEqual(missingScheduleYears(shippedOnly, '2027-10-01'), [2027, 2028]);
    assert.deepEqual(missingScheduleYears(new WorkingDayCalendar([...loadShippedSchedules(), SCHEDULE_2027]), '2026-10-01'), []);
  });
});

describe('scheduleFromForm', () => {
  test('parses holiday lines in several separators and workdays split by spaces, commas and 、', () => {
    const schedule = scheduleFromForm({
      year: '2027',
      source: '  国务院办公厅通知（测试） ',
      holidays: [
        '元旦,2027-01-01,2027-01-03',
        '  春节，2027-02-06，2027-02-13  ',
        '清明节 2027-04-05',
        '劳动节 2027-05-01 至 2027-05-05',
        '端午节 2027-06-09~2027-06-11',
        '',
      ].join('\r\n'),
      workdays: '2027-02-14 2027-02-20，2027-04-25、2027-05-08,\n2027-05-09',
    });
    assert.deepEqual(schedule, {
      year: 2027,
      source: '国务院办公厅通知（测试）',
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '春节', from: '2027-02-06', to: '2027-02-13' },
        { name: '清明节', from: '2027-04-05', to: '2027-04-05' }, // one date: a single day
        { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
        { name: '端午节', from: '2027-06-09', to: '2027-06-11' },
      ],
      // Sun 02-14, Sat 02-20, Sun 04-25, Sat 05-08, Sun 05-09
      workdays: ['2027-02-14', '2027-02-20', '2027-04-25', '2027-05-08', '2027-05-09'],
    });
  });

  test('reports a malformed line with its line number', () => {
    assert.throws(
      () => scheduleFromForm({ year: '2027', source: 's', holidays: '元旦,2027-01-01,2027-01-03\n春节,2027-02-30,2027-03-01', workdays: '' }),
      (e: unknown) => {
        assert.ok(e instanceof CalendarScheduleError);
        assert.equal(e.problems.length, 1);
        assert.match(e.problems[0]!, /^第2行“春节,2027-02-30,2027-03-01”/);
        assert.match(e.problems[0]!, /line 2:/);
        return true;
      },
    );
    assert.throws(
      () => scheduleFromForm({ year: '2027', source: 's', holidays: '春节 2027-02-06 2027-02-13 2027-02-14\n元旦\n清明节,2027/04/05', workdays: '' }),
      (e: unknown) => {
        assert.ok(e instanceof CalendarScheduleError);
        assert.equal(e.problems.length, 3);
        assert.match(e.problems[0]!, /line 1:/);
        assert.match(e.problems[1]!, /line 2:/);
        assert.match(e.problems[2]!, /line 3:/);
        return true;
      },
    );
    // Blank lines still count: the bad line is the third line of the text box.
    assert.throws(
      () => scheduleFromForm({ year: '2027', source: 's', holidays: '元旦,2027-01-01,2027-01-03\n\n春节 bad', workdays: '' }),
      (e: unknown) => e instanceof CalendarScheduleError && /^第3行/.test(e.problems[0] ?? ''),
    );
  });

  test('well-formed lines still go through the schedule rules', () => {
    // 2027-01-06 is a Wednesday: not a possible 调休上班 day.
    assert.throws(
      () => scheduleFromForm({ year: '2027', source: 's', holidays: '元旦,2027-01-01,2027-01-03', workdays: '2027-01-06' }),
      (e: unknown) => e instanceof CalendarScheduleError && e.problems.length === 1 && e.problems[0]!.includes('2027-01-06'),
    );
    assert.throws(() => scheduleFromForm({ year: '2027', source: 's', holidays: '元旦,2026-12-31,2027-01-01', workdays: '' }), CalendarScheduleError);
    assert.throws(() => scheduleFromForm({ year: '2027', source: '   ', holidays: '', workdays: '' }), CalendarScheduleError);
  });
});

for (const engine of ENGINES) {
  describe(`calendar service [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    const by = { actor: { id: 7, login: 'calendar-admin' }, ip: '192.0.2.10' };
    const calendarAudit = async () =>
      (await listAudit(tdb.ctx.db, { agencyIds: null, action: 'calendar.enter', page: 1, pageSize: 100 })).items;

    before(async () => {
      tdb = await createTestDatabase(engine);
    });
    after(async () => tdb?.drop());

    test('without entries the calendar holds the shipped 2025 and 2026 years; a 2027 due date is provisional', async () => {
      const cal = await loadCalendar(tdb.ctx.db);
      assert.ok(cal.years().includes(2025));
      assert.ok(cal.years().includes(2026));
      assert.equal(cal.hasSchedule(2027), false);
      assert.equal((await scheduleSources(tdb.ctx.db)).get(2026), 'shipped');
      assert.deepEqual(missingScheduleYears(cal, '2026-09-30'), []);
      assert.deepEqual(missingScheduleYears(cal, '2026-10-01'), [2027]);
      // Fri 2026-12-18 + 20: Dec 21–25 (5), Dec 28–31 (9), Fri Jan 1 counted as a plain weekday (10),
      // Jan 4–8 (15), Jan 11–15 (20).
      assert.deepEqual(addWorkingDays(cal, '2026-12-18', 20), { date: '2027-01-15', provisional: true, provisionalYears: [2027] });
    });

    test('entering 2027 stores it, audits it, notifies listeners and firms up the due date', async () => {
      entered.length = 0;
      tdb.clock.set('2026-11-27T03:00:00.000Z');
      await enterSchedule(tdb.ctx, by, SCHEDULE_2027);

      const cal = await loadCalendar(tdb.ctx.db);
      assert.equal(cal.hasSchedule(2027), true);
      assert.deepEqual(cal.schedule(2027), SCHEDULE_2027);
      assert.equal(cal.dayInfo('2027-02-14').reason, 'adjusted-workday');
      assert.equal(cal.dayInfo('2027-02-08').holidayName, '春节');
      assert.equal((await scheduleSources(tdb.ctx.db)).get(2027), 'entered');
      assert.deepEqual(missingScheduleYears(cal, '2026-10-01'), []);
      // 元旦 (Fri Jan 1) is now a day off, so everything after Dec 31 (9) moves one day:
      // Jan 4–8 (14), Jan 11–15 (19), Mon Jan 18 (20).
      assert.deepEqual(addWorkingDays(cal, '2026-12-18', 20), { date: '2027-01-18', provisional: false, provisionalYears: [] });

      const row = await tdb.ctx.db.selectFrom('holidaySchedule').selectAll().where('year', '=', 2027).executeTakeFirstOrThrow();
      assert.equal(row.source, SCHEDULE_2027.source);
      assert.equal(row.enteredBy, 'calendar-admin');
      assert.equal(row.enteredAt, '2026-11-27T03:00:00.000Z');
      assert.deepEqual(JSON.parse(row.schedule), SCHEDULE_2027);

      const audit = await calendarAudit();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.objectId, '2027');
      assert.equal(audit[0]!.objectType, 'holiday_schedule');
      assert.equal(audit[0]!.actorLogin, 'calendar-admin');
      assert.equal(audit[0]!.agencyId, null);
      assert.equal(audit[0]!.ip, '192.0.2.10');
      assert.equal(audit[0]!.beforeDigest, null);
      assert.match(audit[0]!.afterDigest ?? '', /^sha256:[0-9a-f]{64}$/);

      assert.deepEqual(entered, [{ year: 2027, engine }]);
    });

    test('entering a year again replaces it; the audit links the old version', async () => {
      entered.length = 0;
      const corrected = { ...SCHEDULE_2027, source: '测试：2027年部分节假日安排（更正）', workdays: ['2027-02-14'] };
      await enterSchedule(tdb.ctx, by, corrected);
      const rows = await tdb.ctx.db.selectFrom('holidaySchedule').selectAll().where('year', '=', 2027).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.source, corrected.source);
      const cal = await loadCalendar(tdb.ctx.db);
      assert.equal(cal.isWorkingDay('2027-02-20'), false); // Saturday, no longer 调休
      const [latest, first] = await calendarAudit();
      assert.equal(latest!.beforeDigest, first!.afterDigest);
      assert.notEqual(latest!.afterDigest, latest!.beforeDigest);
      assert.deepEqual(JSON.parse(latest!.detail).changed, ['source', 'workdays']);
      assert.deepEqual(entered, [{ year: 2027, engine }]);
    });

    test('an entered 2026 overrides the shipped one', async () => {
      const shipped2026 = (await loadCalendar(tdb.ctx.db)).schedule(2026)!;
      assert.equal(shipped2026.source, loadShippedSchedules().find((s) => s.year === 2026)!.source);
      assert.equal((await loadCalendar(tdb.ctx.db)).isWorkingDay('2026-03-02'), true); // a Monday
      const corrected: YearSchedule = {
        ...shipped2026,
        source: '测试更正',
        holidays: [...shipped2026.holidays, { name: '测试假日', from: '2026-03-02', to: '2026-03-02' }],
      };
      await enterSchedule(tdb.ctx, by, corrected);
      const sources = await scheduleSources(tdb.ctx.db);
      assert.equal(sources.get(2026), 'entered');
      assert.equal(sources.get(2025), 'shipped');
      assert.equal(sources.get(2027), 'entered');
      const cal = await loadCalendar(tdb.ctx.db);
      assert.equal(cal.schedule(2026)?.source, '测试更正');
      assert.deepEqual(cal.dayInfo('2026-03-02'), { date: '2026-03-02', working: false, reason: 'holiday', holidayName: '测试假日', provisional: false });
      assert.equal(cal.dayInfo('2026-02-16').holidayName, '春节'); // the rest of the year is still there
    });

    test('an invalid schedule is VALIDATION_FAILED and nothing is stored, audited or announced', async () => {
      entered.length = 0;
      const auditBefore = (await calendarAudit()).length;
      const bad: YearSchedule = {
        year: 2028,
        source: '测试：2028',
        holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }],
        workdays: ['2028-01-05'], // a Wednesday
      };
      await assert.rejects(enterSchedule(tdb.ctx, by, bad), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'VALIDATION_FAILED');
        assert.equal(e.details?.length, 1);
        assert.equal(e.details?.[0]?.includes('2028-01-05'), true);
        return true;
      });
      const missingSource = { ...SCHEDULE_2027, year: 2028, source: '', holidays: [], workdays: [] };
      await assert.rejects(enterSchedule(tdb.ctx, by, missingSource), { code: 'VALIDATION_FAILED' });
      assert.equal((await loadCalendar(tdb.ctx.db)).hasSchedule(2028), false);
      assert.equal(await tdb.ctx.db.selectFrom('holidaySchedule').select('year').where('year', '=', 2028).executeTakeFirst(), undefined);
      assert.equal((await calendarAudit()).length, auditBefore);
      assert.deepEqual(entered, []);
    });
  });
}
