import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StaffIdentity } from '../../platform/auth/model.js';
import { loadShippedSchedules } from '../../platform/calendar/load.js';
import { WorkingDayCalendar } from '../../platform/calendar/model.js';
import { buildDigest, digestText, dueState } from './model.js';

const cal = new WorkingDayCalendar(loadShippedSchedules());
const today = '2026-11-26'; // Thursday
const officer: StaffIdentity = { id: 1, login: 'o', displayName: '王经办', agencyId: 2, roles: ['request_officer'] };
const supervisor: StaffIdentity = { id: 3, login: 's', displayName: '孙监督', agencyId: 1, roles: ['supervisor'] };
const req = (id: number, dueOn: string | null, extra: { agencyId?: number; assignedTo?: number | null } = {}) => ({ id, agencyId: 2, trackingNumber: `YSQ-2026-0000${id}`, title: `申请${id}`, dueOn, assignedTo: null, ...extra });
const facts = {
  requests: [req(1, '2026-11-25'), req(2, '2026-12-01'), req(3, '2026-12-02'), req(4, '2026-11-20', { assignedTo: 9 }), req(5, '2026-11-20', { agencyId: 7 }), req(6, '2026-11-26', { assignedTo: 1 })],
  messages: [
    { id: 1, agencyId: 2, trackingNumber: 'LY-1', subject: '咨询', dueOn: '2026-11-20' },
    { id: 2, agencyId: 2, trackingNumber: 'LY-2', subject: '建议', dueOn: '2026-12-08' },
  ],
  comments: [{ id: 1, consultationId: 4, consultationTitle: '征求意见稿', submittedAt: '2026-11-25T02:00:00.000Z' }],
  cases: [{ id: 8, summary: '申请逾期', detectedOn: '2026-11-26' }],
};
const options = { today, calendar: cal, dueSoonWorkingDays: 3 };

describe('notification digest', () => {
  test('due soon within N working days, overdue after the due day', () => {
    // (11-26, 12-01]: Fri 11-27, Mon 11-30, Tue 12-01 = 3 working days
    assert.equal(dueState(cal, today, '2026-12-01', 3), 'due_soon');
    assert.equal(dueState(cal, today, '2026-12-02', 3), 'later');
    assert.equal(dueState(cal, today, '2026-11-26', 3), 'due_soon');
    assert.equal(dueState(cal, today, '2026-11-25', 3), 'overdue');
    assert.equal(dueState(cal, today, null, 3), 'later');
  });

  test("a request officer gets their agency's requests (theirs or unassigned) and its messages", () => {
    const d = buildDigest(officer, facts, options);
    assert.deepEqual(
      d.sections.map((s) => [s.group, s.items.map((i) => i.href)]),
      [
        ['requests_overdue', ['/staff/requests/1']],
        ['requests_due_soon', ['/staff/requests/6', '/staff/requests/2']],
        ['messages_overdue', ['/staff/messages/1']],
        ['messages_new', ['/staff/messages/2']],
      ],
    );
    assert.equal(d.total, 5);
    const text = digestText('王经办', today, d, 'https://gk.example.cn');
    assert.match(text, /YSQ-2026-00001/);
    assert.match(text, /https:\/\/gk\.example\.cn\/staff\/requests\/1/);
  });

  test('a supervisor gets the open cases and the complaints awaiting a finding, nothing else', () => {
    const complaints = [{ id: 5, agencyId: 2, trackingNumber: 'LY-5', subject: '投诉未公开', dueOn: '2026-12-03' }];
    const d = buildDigest(supervisor, { ...facts, complaints }, options);
    assert.deepEqual(
      d.sections.map((s) => [s.group, s.items.map((i) => i.href)]),
      [
        ['complaints_unreviewed', ['/staff/messages/5']],
        ['cases_open', ['/staff/accountability/8']],
      ],
    );
    assert.equal(buildDigest(officer, { ...facts, complaints }, options).sections.some((s) => s.group === 'complaints_unreviewed'), false, 'officers answer; supervisors rule');
    assert.equal(buildDigest({ ...supervisor, roles: ['oversight'] }, facts, options).total, 0);
    const editor = buildDigest({ ...officer, roles: ['editor'] }, facts, options);
    assert.deepEqual(editor.sections.map((s) => s.group), ['comments_pending']);
  });
});
