import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkingDayCalendar } from '../../platform/calendar/model.js';
import { loadShippedSchedules } from '../../platform/calendar/load.js';
import {
  formatMessageNumber,
  isOverdue,
  maskContact,
  maskPersonalData,
  messageDueOn,
  messageReceivedOn,
  normalizeMessageNumber,
  personalDataIn,
  publicText,
  supervisorAgencyId,
  workingDaysTaken,
} from './model.js';

const cal = new WorkingDayCalendar(loadShippedSchedules());

describe('received day and due date on the 2026 calendar (regulations.md §4)', () => {
  test('received 2026-09-30 before 国庆: 10 working days skip 10-01…10-07 and count 调休 Saturday 10-10', () => {
    // by hand: 10-08 (1), 10-09 (2), 10-10 Sat 调休 (3), 10-12 (4), 10-13 (5), 10-14 (6), 10-15 (7), 10-16 (8), 10-19 (9), 10-20 (10)
    assert.equal(messageReceivedOn(cal, '2026-09-30'), '2026-09-30');
    assert.equal(messageDueOn(cal, '2026-09-30', 10), '2026-10-20');
  });

  test('filed during 国庆 (2026-10-03): received the next working day 10-08, due 10-21', () => {
    assert.equal(messageReceivedOn(cal, '2026-10-03'), '2026-10-08');
    // 10-09 (1), 10-10 (2), 10-12 (3), 10-13 (4), 10-14 (5), 10-15 (6), 10-16 (7), 10-19 (8), 10-20 (9), 10-21 (10)
    assert.equal(messageDueOn(cal, '2026-10-08', 10), '2026-10-21');
  });

  test('filed on Saturday 2026-09-19: received Sunday 09-20, a 调休 working day; 中秋 and 国庆 skipped', () => {
    assert.equal(messageReceivedOn(cal, '2026-09-19'), '2026-09-20');
    // 09-21 (1) … 09-24 (4), 09-25–27 中秋, 09-28 (5), 09-29 (6), 09-30 (7), 10-01–07 国庆, 10-08 (8), 10-09 (9), 10-10 (10)
    assert.equal(messageDueOn(cal, '2026-09-20', 10), '2026-10-10');
  });

  test('working days taken and overdue', () => {
    assert.equal(workingDaysTaken(cal, '2026-09-30', '2026-10-12'), 4);
    assert.equal(isOverdue({ status: 'pending', dueOn: '2026-10-20' }, '2026-10-20'), false);
    assert.equal(isOverdue({ status: 'pending', dueOn: '2026-10-20' }, '2026-10-21'), true);
    assert.equal(isOverdue({ status: 'answered', dueOn: '2026-10-20' }, '2026-10-21'), false);
  });
});

describe('tracking numbers', () => {
  test('LY + year + six digits; typed forms normalised', () => {
    assert.equal(formatMessageNumber(2026, 123), 'LY2026-000123');
    assert.equal(normalizeMessageNumber(' ly２０２６-000123 '), 'LY2026-000123');
  });
});

describe('supervisor agency (条例 第四十七条)', () => {
  const city = { id: 1, kind: 'government', parentId: null };
  const bureau = { id: 2, kind: 'department', parentId: 1 };
  const district = { id: 3, kind: 'government', parentId: 1 };
  const districtBureau = { id: 4, kind: 'department', parentId: 3 };
  test('a department → its government; a lower government → its parent; the top → none', () => {
    assert.equal(supervisorAgencyId(bureau, city), 1);
    assert.equal(supervisorAgencyId(districtBureau, district), 3);
    assert.equal(supervisorAgencyId(district, city), 1);
    assert.equal(supervisorAgencyId(city, null), null);
  });
});

describe('masking for the public board', () => {
  test('mobile, ID number, e-mail, landline and the author name are masked', () => {
    const text = '我是张伟，电话13912345678，身份证11010519491231002X，邮箱zw@example.cn，座机0748-83001234。';
    assert.equal(maskPersonalData(text, ['张伟']), '我是张*，电话139****5678，身份证110105********002X，邮箱z***@example.cn，座机0748****34。');
  });
  test('publicText masks subject, body and answer', () => {
    const t = publicText({ subject: '张伟的问题', body: '请回电13800138000', answer: '已电话联系13800138000', rejectReason: null, authorName: '张伟' });
    assert.deepEqual(t, { subject: '张*的问题', body: '请回电138****8000', answer: '已电话联系138****8000', rejectReason: null });
  });
  test('publicText masks the reason a message was not accepted', () => {
    const t = publicText({ subject: '再次咨询', body: '同上', answer: null, rejectReason: '张伟（13800138000）此前已提交相同留言，不再重复受理。', authorName: '张伟' });
    assert.deepEqual(t, { subject: '再次咨询', body: '同上', answer: null, rejectReason: '张*（138****8000）此前已提交相同留言，不再重复受理。' });
  });
  test("the agency's answer keeps its office phone and e-mail but not the author's data", () => {
    const t = publicText({
      subject: '咨询',
      body: '我的座机0748-83001234',
      answer: '张伟您好，请致电本局政务公开办0748-83002000或发邮件至gk@ljs.gov.cn；已电话联系13800138000。',
      rejectReason: null,
      authorName: '张伟',
    });
    assert.equal(t.body, '我的座机0748****34');
    assert.equal(t.answer, '张*您好，请致电本局政务公开办0748-83002000或发邮件至gk@ljs.gov.cn；已电话联系138****8000。');
  });
  test('contacts for readers who may not reply', () => {
    assert.equal(maskContact('13800138000'), '138****8000');
    assert.equal(maskContact('lina@example.cn'), 'l***@example.cn');
  });
  test('personal data found in a comment', () => {
    assert.deepEqual(personalDataIn('很好'), []);
    assert.deepEqual(personalDataIn('请联系13800138000'), ['mobile']);
  });
});
