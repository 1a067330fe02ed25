// Expected dates below were worked out BY HAND from the holiday tables of regulations.md §4 / §4.1,
// not printed by the code. Notation: W1, W2 … = the 1st, 2nd … working day counted after the start
// day (民法典 第二百零一条: the start day itself is never counted).
//   2025: 元旦 01-01; 春节 01-28…02-04 (调休上班 Sun 01-26, Sat 02-08); 国庆中秋 10-01…10-08 (Sun 09-28, Sat 10-11)
//   2026: 春节 02-15…02-23 (Sat 02-14, Sat 02-28); 清明 04-04…04-06; 中秋 09-25…09-27; 国庆 10-01…10-07 (Sun 09-20, Sat 10-10)
//   2027: no schedule shipped → weekends only, provisional.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkingDayCalendar } from '../platform/calendar/model.js';
import { loadShippedSchedules } from '../platform/calendar/load.js';
import {
  ClockInputError,
  computeClock,
  correctionOverdue,
  feeOverdue,
  receiptDate,
  validateNextEvent,
  workingDaysLeft,
  type ClockEvent,
  type ClockResult,
} from './clock.js';

const cal = new WorkingDayCalendar(loadShippedSchedules());
const received = (on: string): ClockEvent => ({ kind: 'received', on });
const stepText = (r: ClockResult): string => r.steps.map((s) => s.text).join('\n');
const explained = (r: ClockResult): string[] => r.steps.flatMap((s) => s.days ?? []).map((d) => `${d.date} ${d.reason}`);

describe('收到申请之日 (条例 第三十一条)', () => {
  test('in person: the day it is handed in', () => {
    const r = receiptDate({ channel: 'in-person', submittedOn: '2026-03-02' });
    assert.equal(r.date, '2026-03-02');
    assert.equal(r.rule, '条例 第三十一条第（一）项');
    assert.match(r.text, /以提交之日为收到申请之日.*：2026-03-02$/);
  });

  test('post needing a signature: the day it is signed for, not the day it was sent', () => {
    const r = receiptDate({ channel: 'post-signed', submittedOn: '2026-02-26', signedOn: '2026-03-02' });
    assert.equal(r.date, '2026-03-02');
    assert.equal(r.text, '邮寄申请以签收之日为收到申请之日（条例第三十一条第（二）项）：2026-03-02');
  });

  test('ordinary letter, fax and e-mail: the confirmation date', () => {
    for (const channel of ['post-ordinary', 'fax', 'email'] as const) {
      const r = receiptDate({ channel, submittedOn: '2026-03-01', confirmedOn: '2026-03-03' });
      assert.equal(r.date, '2026-03-03', channel);
      assert.match(r.text, /确认之日为收到申请之日/, channel);
    }
    assert.equal(receiptDate({ channel: 'fax', confirmedOn: '2026-03-03' }).rule, '条例 第三十一条第（三）项');
    assert.equal(receiptDate({ channel: 'post-ordinary', confirmedOn: '2026-03-03' }).rule, '条例 第三十一条第（二）项');
  });

  test('online (this platform): the submission day, confirmed at once by the tracking number', () => {
    const r = receiptDate({ channel: 'online', submittedOn: '2026-02-14' });
    assert.equal(r.date, '2026-02-14');
    assert.match(r.text, /查询编号.*双方确认之日即提交之日/);
  });

  test('a missing or impossible date throws ClockInputError with a bilingual message', () => {
    for (const input of [
      { channel: 'post-signed', submittedOn: '2026-03-01' },
      { channel: 'fax', submittedOn: '2026-03-01' },
      { channel: 'online' },
      { channel: 'in-person', submittedOn: '2026-02-30' },
      { channel: 'email', submittedOn: '2026-03-05', confirmedOn: '2026-03-04' }, // confirmed before sent
    ] as const) {
      assert.throws(
        () => receiptDate(input),
        (err: unknown) => err instanceof ClockInputError && err.code === 'CLOCK_INPUT' && / \/ /.test(err.message),
        JSON.stringify(input),
      );
    }
  });
});

describe('20 working days (条例 第三十三条第二款)', () => {
  test('across 春节 2026 with the 调休 Saturdays 02-14 and 02-28', () => {
    // Received Fri 2026-02-06. 02-07/08 weekend. W1–W5 Mon 02-09…Fri 02-13, W6 Sat 02-14 (调休),
    // 02-15…02-23 春节 (9 days), W7–W10 Tue 02-24…Fri 02-27, W11 Sat 02-28 (调休), 03-01 Sun,
    // W12–W16 03-02…03-06, 03-07/08 weekend, W17–W20 Mon 03-09…Thu 03-12.
    const r = computeClock(cal, [received('2026-02-06')]);
    assert.equal(r.state, 'running');
    assert.equal(r.baseDue, '2026-03-12');
    assert.equal(r.dueDate, '2026-03-12');
    assert.equal(r.pausedDays, 0);
    assert.equal(r.extensionDays, 0);
    assert.equal(r.provisional, false);
    const days = explained(r);
    assert.ok(days.includes('2026-02-14 adjusted-workday'));
    assert.ok(days.includes('2026-02-28 adjusted-workday'));
    assert.ok(days.includes('2026-02-15 holiday') && days.includes('2026-02-23 holiday'));
    assert.equal(days.length, 16); // 02-07, 02-08, 02-14, 9 × 春节, 02-28, 03-01, 03-07, 03-08
    assert.match(stepText(r), /自收到申请之次日起计算20个工作日/);
  });

  test('across 春节 2025 with the 调休 days 01-26 (Sun) and 02-08 (Sat)', () => {
    // Received Mon 2025-01-20. W1–W4 01-21…01-24, 01-25 Sat, W5 Sun 01-26 (调休), W6 Mon 01-27,
    // 01-28…02-04 春节, W7–W9 Wed 02-05…Fri 02-07, W10 Sat 02-08 (调休), W11–W15 02-10…02-14,
    // W16–W20 Mon 02-17…Fri 02-21.
    const r = computeClock(cal, [received('2025-01-20')]);
    assert.equal(r.dueDate, '2025-02-21');
    assert.ok(explained(r).includes('2025-01-26 adjusted-workday'));
    assert.ok(explained(r).includes('2025-02-08 adjusted-workday'));
  });

  test('across 国庆 2025 with the 调休 days 09-28 (Sun) and 10-11 (Sat)', () => {
    // Received Mon 2025-09-22. W1–W4 09-23…09-26, 09-27 Sat, W5 Sun 09-28 (调休), W6–W7 09-29, 09-30,
    // 10-01…10-08 国庆中秋, W8–W9 Thu 10-09, Fri 10-10, W10 Sat 10-11 (调休), 10-12 Sun,
    // W11–W15 10-13…10-17, W16–W20 Mon 10-20…Fri 10-24.
    const r = computeClock(cal, [received('2025-09-22')]);
    assert.equal(r.dueDate, '2025-10-24');
    assert.ok(explained(r).includes('2025-10-11 adjusted-workday'));
    assert.ok(explained(r).includes('2025-10-08 holiday'));
  });

  test('a due date in 2027 (no schedule yet) is provisional: 2027-01-01 counts as a plain Friday', () => {
    // Received Thu 2026-12-10. W1 Fri 12-11, W2–W6 12-14…12-18, W7–W11 12-21…12-25, W12–W15 12-28…12-31,
    // W16 Fri 2027-01-01 (元旦 unknown without the 2027 notice), W17–W20 Mon 01-04…Thu 01-07.
    const r = computeClock(cal, [received('2026-12-10')]);
    assert.equal(r.dueDate, '2027-01-07');
    assert.equal(r.provisional, true);
    assert.deepEqual(r.provisionalYears, [2027]);
    assert.match(stepText(r), /2027年节假日安排尚未公布，暂按周末计算，日期可能变动/);
  });
});

describe('补正 (条例 第三十条)', () => {
  // Received Mon 2025-01-20; correction window 7 WD: W1–W4 01-21…01-24, W5 Sun 01-26 (调休), W6 01-27,
  // 01-28…02-04 春节, W7 Wed 02-05 → last day to send the 补正告知书 is 2025-02-05 (02-06 is WD 8).
  const asked: ClockEvent[] = [received('2025-01-20'), { kind: 'correction-requested', on: '2025-01-24', respondBy: '2025-02-14' }];

  test('while awaiting the correction there is no due date', () => {
    const r = computeClock(cal, asked);
    assert.equal(r.state, 'awaiting-correction');
    assert.equal(r.correctionDeadline, '2025-02-05');
    assert.equal(r.correctionRespondBy, '2025-02-14');
    assert.equal(r.dueDate, null);
    assert.equal(correctionOverdue(r, '2025-02-14'), false);
    assert.equal(correctionOverdue(r, '2025-02-15'), true);
  });

  test('the corrected request restarts the 20 working days from its arrival', () => {
    // Corrected request Fri 2025-02-07. W1 Sat 02-08 (调休), 02-09 Sun, W2–W6 02-10…02-14,
    // W7–W11 02-17…02-21, W12–W16 02-24…02-28, 03-01/02 weekend, W17–W20 Mon 03-03…Thu 03-06.
    const r = computeClock(cal, [...asked, { kind: 'correction-received', on: '2025-02-07' }]);
    assert.equal(r.state, 'running');
    assert.equal(r.receivedOn, '2025-01-20');
    assert.equal(r.clockStart, '2025-02-07');
    assert.equal(r.correctionDeadline, '2025-02-05');
    assert.equal(r.dueDate, '2025-03-06');
    assert.equal(correctionOverdue(r, '2025-03-01'), false);
    assert.match(stepText(r), /收到补正后的申请，答复期限自该日重新计算/);
  });
});

describe('consultation pauses (条例 第三十二条、第三十三条第三款、第三十四条)', () => {
  // Received Mon 2026-03-02 (no holiday in March 2026): W1–W4 03-03…03-06, W5–W9 03-09…03-13,
  // W10–W14 03-16…03-20, W15–W19 03-23…03-27, W20 Mon 03-30. Beyond: W21 03-31, W22 04-01, W23 04-02,
  // W24 Fri 04-03, 04-04…04-06 清明, W25–W28 Tue 04-07…Fri 04-10, W29–W33 04-13…04-17,
  // W34–W37 Mon 04-20…Thu 04-23.
  const start = received('2026-03-02');

  test('a third-party answer after a few days: the sending day counts, (sent, answer] does not', () => {
    // Sent Tue 03-10, answer Tue 03-17: paused 03-11, 03-12, 03-13, 03-16, 03-17 = 5 WD → 25 WD → 04-07.
    const r = computeClock(cal, [
      start,
      { kind: 'consultation-started', on: '2026-03-10', id: 'c1', party: 'third-party' },
      { kind: 'consultation-ended', on: '2026-03-17', id: 'c1' },
    ]);
    assert.equal(r.baseDue, '2026-03-30');
    assert.equal(r.pausedDays, 5);
    assert.deepEqual(r.pauses.map((p) => [p.from, p.to, p.days]), [['2026-03-10', '2026-03-17', 5]]);
    assert.equal(r.dueDate, '2026-04-07');
    assert.equal(r.state, 'running');
  });

  test('a late answer is capped at 15 WD after delivery', () => {
    // Sent Tue 03-10, delivered Thu 03-12; cap = 03-12 + 15 WD: 03-13, 03-16…03-20, 03-23…03-27, 03-30,
    // 03-31, 04-01, 04-02 → 04-02. Answer only on 04-20. Paused (03-10, 04-02]: 03-11, 03-12 + 15 = 17 WD
    // → 37 WD → 04-23.
    const r = computeClock(cal, [
      start,
      { kind: 'consultation-started', on: '2026-03-10', id: 'c1', party: 'third-party', deliveredOn: '2026-03-12' },
      { kind: 'consultation-ended', on: '2026-04-20', id: 'c1' },
    ]);
    assert.deepEqual(r.pauses.map((p) => [p.from, p.to, p.days]), [['2026-03-10', '2026-04-02', 17]]);
    assert.equal(r.dueDate, '2026-04-23');
    assert.match(stepText(r), /由本机关依照条例规定决定/);
  });

  test('an open consultation pauses (state "paused") up to its 15-WD cap from sending', () => {
    // No delivery date: cap = 03-10 + 15 WD = 03-11…03-13 (3), 03-16…03-20 (8), 03-23…03-27 (13),
    // 03-30, 03-31 (15) → 03-31. Paused 15 WD → 35 WD → Tue 04-21.
    const r = computeClock(cal, [start, { kind: 'consultation-started', on: '2026-03-10', id: 'c1', party: 'agency' }]);
    assert.equal(r.state, 'paused');
    assert.equal(r.pausedDays, 15);
    assert.equal(r.dueDate, '2026-04-21');
    assert.match(stepText(r), /如提前收到意见，答复期限相应提前/);
  });

  test('two overlapping letters pause once, not twice', () => {
    // c1 (03-10, 03-17] = 5 WD; c2 (03-12, 03-19] = 5 WD; union (03-10, 03-19] = 03-11, 03-12, 03-13,
    // 03-16…03-19 = 7 WD (not 10) → 27 WD → Thu 04-09.
    const r = computeClock(cal, [
      start,
      { kind: 'consultation-started', on: '2026-03-10', id: 'c1', party: 'third-party' },
      { kind: 'consultation-started', on: '2026-03-12', id: 'c2', party: 'agency' },
      { kind: 'consultation-ended', on: '2026-03-17', id: 'c1' },
      { kind: 'consultation-ended', on: '2026-03-19', id: 'c2' },
    ]);
    assert.equal(r.pauses.length, 1);
    assert.deepEqual([r.pauses[0]!.from, r.pauses[0]!.to, r.pauses[0]!.days], ['2026-03-10', '2026-03-19', 7]);
    assert.match(r.pauses[0]!.reason, /c1.*c2/);
    assert.equal(r.dueDate, '2026-04-09');
  });
});

describe('extension (条例 第三十三条第二款)', () => {
  test('20 + 20 working days across 中秋 and 国庆 2026', () => {
    // Received Tue 2026-09-01. W1–W3 09-02…09-04, W4–W8 09-07…09-11, W9–W13 09-14…09-18, 09-19 Sat,
    // W14 Sun 09-20 (调休), W15–W18 09-21…09-24, 09-25…09-27 中秋, W19–W21 09-28…09-30, 10-01…10-07 国庆,
    // W22 Thu 10-08, W23 Fri 10-09, W24 Sat 10-10 (调休), 10-11 Sun, W25–W29 10-12…10-16,
    // W30–W34 10-19…10-23, W35–W39 10-26…10-30, W40 Mon 11-02.
    const r = computeClock(cal, [received('2026-09-01'), { kind: 'extended', on: '2026-09-24', workingDays: 20 }]);
    assert.equal(r.baseDue, '2026-09-29');
    assert.equal(r.extensionDays, 20);
    assert.equal(r.dueDate, '2026-11-02');
    assert.ok(explained(r).includes('2026-09-20 adjusted-workday'));
    assert.ok(explained(r).includes('2026-10-10 adjusted-workday'));
    assert.match(stepText(r), /20个工作日 \+ 延长20个工作日，共40个工作日，至2026-11-02/);
  });
});

describe('fee notice (国办函〔2020〕109号; pausing is a setting)', () => {
  // Received Mon 2026-03-02: W20 = 03-30; W24 = Fri 04-03; W29 = Mon 04-13 (see the consultation block).
  const notice: ClockEvent[] = [received('2026-03-02'), { kind: 'fee-notice', on: '2026-03-16', payBy: '2026-03-27' }];

  test('paid: (notice, paid] = 03-17…03-20 = 4 WD not counted → 04-03', () => {
    const r = computeClock(cal, [...notice, { kind: 'fee-paid', on: '2026-03-20' }]);
    assert.equal(r.pausedDays, 4);
    assert.equal(r.dueDate, '2026-04-03');
    assert.equal(r.state, 'running');
  });

  test('setting off: the payment period counts, due stays 03-30', () => {
    const r = computeClock(cal, [...notice, { kind: 'fee-paid', on: '2026-03-20' }], { feeNoticePausesClock: false });
    assert.equal(r.pausedDays, 0);
    assert.equal(r.dueDate, '2026-03-30');
  });

  test('unpaid: pauses up to payBy, (03-16, 03-27] = 9 WD → 04-13; overdue after 03-27', () => {
    const r = computeClock(cal, notice);
    assert.equal(r.state, 'paused');
    assert.equal(r.pausedDays, 9);
    assert.equal(r.dueDate, '2026-04-13');
    assert.equal(computeClock(cal, notice, { feeNoticePausesClock: false }).state, 'running');
    assert.equal(feeOverdue(notice, '2026-03-27'), false);
    assert.equal(feeOverdue(notice, '2026-03-28'), true);
    assert.equal(feeOverdue([...notice, { kind: 'fee-paid', on: '2026-03-20' }], '2026-04-01'), false);
  });
});

describe('第三十五条 later reply date and closing', () => {
  test('a later reply date replaces the period only when it is later', () => {
    const base = [received('2026-03-02')];
    assert.equal(computeClock(cal, [...base, { kind: 'later-date-set', on: '2026-03-20', replyBy: '2026-05-15' }]).dueDate, '2026-05-15');
    assert.equal(computeClock(cal, [...base, { kind: 'later-date-set', on: '2026-03-20', replyBy: '2026-03-25' }]).dueDate, '2026-03-30');
  });

  test('closed on the due date is on time; the next working day is late', () => {
    // Due 2026-03-12 (春节 2026 example above).
    const onTime = computeClock(cal, [received('2026-02-06'), { kind: 'closed', on: '2026-03-12' }]);
    assert.equal(onTime.state, 'closed');
    assert.equal(onTime.closedOn, '2026-03-12');
    assert.equal(onTime.onTime, true);
    const late = computeClock(cal, [received('2026-02-06'), { kind: 'closed', on: '2026-03-13' }]);
    assert.equal(late.onTime, false);
    assert.match(stepText(late), /超过答复期限（2026-03-12）1个工作日/);
  });

  test('closing during an open consultation ends the pause on that day', () => {
    // Received 03-02, letter 03-10, closed 03-13: paused (03-10, 03-13] = 3 WD → 23 WD → Thu 04-02.
    const r = computeClock(cal, [
      received('2026-03-02'),
      { kind: 'consultation-started', on: '2026-03-10', id: 'c1', party: 'third-party' },
      { kind: 'closed', on: '2026-03-13' },
    ]);
    assert.equal(r.pausedDays, 3);
    assert.equal(r.dueDate, '2026-04-02');
    assert.equal(r.onTime, true);
  });
});

describe('validateNextEvent', () => {
  const has = (problems: string[], re: RegExp): boolean => problems.some((p) => re.test(p) && / \/ /.test(p));

  test('only one correction request (一次性告知)', () => {
    const events: ClockEvent[] = [
      received('2025-01-20'),
      { kind: 'correction-requested', on: '2025-01-24', respondBy: '2025-02-14' },
      { kind: 'correction-received', on: '2025-02-07' },
    ];
    assert.ok(has(validateNextEvent(cal, events, { kind: 'correction-requested', on: '2025-02-10', respondBy: '2025-02-20' }), /一次性告知/));
  });

  test('correction on working day 7 is allowed, on working day 8 refused', () => {
    const events = [received('2025-01-20')]; // WD 7 = 2025-02-05, WD 8 = 2025-02-06 (see 补正 block)
    assert.deepEqual(validateNextEvent(cal, events, { kind: 'correction-requested', on: '2025-02-05', respondBy: '2025-02-14' }), []);
    assert.ok(has(validateNextEvent(cal, events, { kind: 'correction-requested', on: '2025-02-06', respondBy: '2025-02-14' }), /7个工作日内/));
  });

  test('correction only before any other step', () => {
    const events: ClockEvent[] = [received('2026-03-02'), { kind: 'extended', on: '2026-03-03', workingDays: 5 }];
    assert.ok(has(validateNextEvent(cal, events, { kind: 'correction-requested', on: '2026-03-04', respondBy: '2026-03-20' }), /其他办理步骤之前/));
  });

  test('extensions total at most 20 working days', () => {
    const events = [received('2026-09-01')];
    assert.deepEqual(validateNextEvent(cal, events, { kind: 'extended', on: '2026-09-24', workingDays: 20 }), []);
    assert.ok(has(validateNextEvent(cal, events, { kind: 'extended', on: '2026-09-24', workingDays: 21 }), /不得超过20个工作日/));
    const once: ClockEvent[] = [...events, { kind: 'extended', on: '2026-09-10', workingDays: 15 }];
    assert.ok(has(validateNextEvent(cal, once, { kind: 'extended', on: '2026-09-24', workingDays: 6 }), /合计21个/));
  });

  test('no extension after the current due date (2026-09-01 → 2026-09-29)', () => {
    const events = [received('2026-09-01')];
    assert.deepEqual(validateNextEvent(cal, events, { kind: 'extended', on: '2026-09-29', workingDays: 10 }), []);
    assert.ok(has(validateNextEvent(cal, events, { kind: 'extended', on: '2026-09-30', workingDays: 10 }), /已届满/));
    assert.ok(has(validateNextEvent(cal, events, { kind: 'later-date-set', on: '2026-09-30', replyBy: '2026-10-30' }), /已届满/));
    assert.ok(has(validateNextEvent(cal, events, { kind: 'consultation-started', on: '2026-09-30', id: 'c1', party: 'agency' }), /已届满/));
  });

  test('nothing after closed', () => {
    const events: ClockEvent[] = [received('2026-03-02'), { kind: 'closed', on: '2026-03-10' }];
    assert.ok(has(validateNextEvent(cal, events, { kind: 'extended', on: '2026-03-11', workingDays: 5 }), /办结/));
    assert.ok(has(validateNextEvent(cal, events, { kind: 'closed', on: '2026-03-11' }), /办结/));
  });

  test('ordering, open ids, fee payment, awaiting correction', () => {
    const events: ClockEvent[] = [received('2026-03-02'), { kind: 'consultation-started', on: '2026-03-10', id: 'c1', party: 'agency' }];
    const check = (next: ClockEvent): string[] => validateNextEvent(cal, events, next);
    assert.ok(has(check({ kind: 'extended', on: '2026-03-09', workingDays: 5 }), /早于上一事件/));
    assert.ok(has(check({ kind: 'consultation-ended', on: '2026-03-12', id: 'c9' }), /没有进行中的征求意见/));
    assert.ok(has(check({ kind: 'consultation-started', on: '2026-03-12', id: 'c1', party: 'agency' }), /编号重复/));
    assert.ok(has(check({ kind: 'fee-paid', on: '2026-03-12' }), /没有待缴费/));
    assert.ok(has(check({ kind: 'correction-received', on: '2026-03-12' }), /没有待补正/));
    assert.deepEqual(check({ kind: 'consultation-ended', on: '2026-03-12', id: 'c1' }), []);
    const waiting: ClockEvent[] = [received('2026-03-02'), { kind: 'correction-requested', on: '2026-03-03', respondBy: '2026-03-13' }];
    assert.ok(has(validateNextEvent(cal, waiting, { kind: 'extended', on: '2026-03-05', workingDays: 5 }), /等待申请人补正/));
    assert.deepEqual(validateNextEvent(cal, [], received('2026-03-02')), []);
    assert.ok(has(validateNextEvent(cal, [], { kind: 'closed', on: '2026-03-02' }), /第一个事件/));
    assert.ok(has(validateNextEvent(cal, [], received('2026-02-30')), /不是有效日期/));
  });

  test('computeClock refuses a log out of order, but not one a later setting would refuse', () => {
    assert.throws(
      () => computeClock(cal, [received('2026-03-02'), { kind: 'fee-paid', on: '2026-03-05' }]),
      (err: unknown) => err instanceof ClockInputError && err.code === 'CLOCK_INPUT',
    );
    assert.throws(() => computeClock(cal, []), ClockInputError);
    // Extension on 04-02 was lawful with the fee pause on (due 04-03); with the setting switched off the
    // due date before it would be 03-30, yet the stored history still computes: 20 + 5 WD → Tue 04-07.
    const log: ClockEvent[] = [
      received('2026-03-02'),
      { kind: 'fee-notice', on: '2026-03-16', payBy: '2026-03-27' },
      { kind: 'fee-paid', on: '2026-03-20' },
      { kind: 'extended', on: '2026-04-02', workingDays: 5 },
    ];
    assert.deepEqual(validateNextEvent(cal, log.slice(0, 3), log[3]!), []);
    assert.equal(computeClock(cal, log, { feeNoticePausesClock: false }).dueDate, '2026-04-07');
    // With the pause on: 20 + 5 + 4 = 29 WD → Mon 04-13.
    assert.equal(computeClock(cal, log).dueDate, '2026-04-13');
  });
});

describe('workingDaysLeft', () => {
  test('around 春节 2026 (due Tue 02-24; Sat 02-14 is a working day)', () => {
    assert.equal(workingDaysLeft(cal, '2026-02-13', '2026-02-24'), 2); // 02-14 (调休), 02-24
    assert.equal(workingDaysLeft(cal, '2026-02-14', '2026-02-24'), 1);
    assert.equal(workingDaysLeft(cal, '2026-02-20', '2026-02-24'), 1); // inside the holiday
    assert.equal(workingDaysLeft(cal, '2026-02-24', '2026-02-24'), 0);
    assert.equal(workingDaysLeft(cal, '2026-02-25', '2026-02-24'), -1);
    assert.equal(workingDaysLeft(cal, '2026-02-27', '2026-02-24'), -3); // 02-25, 02-26, 02-27
  });

  test('around a weekend (due Fri 2026-03-06)', () => {
    assert.equal(workingDaysLeft(cal, '2026-03-01', '2026-03-06'), 5); // Sun → Mon–Fri
    assert.equal(workingDaysLeft(cal, '2026-03-05', '2026-03-06'), 1);
    assert.equal(workingDaysLeft(cal, '2026-03-07', '2026-03-06'), 0); // Saturday: no working day overdue yet
    assert.ok(Object.is(workingDaysLeft(cal, '2026-03-07', '2026-03-06'), 0));
    assert.equal(workingDaysLeft(cal, '2026-03-09', '2026-03-06'), -1);
  });
});
