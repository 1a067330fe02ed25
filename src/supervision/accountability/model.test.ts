import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadShippedSchedules } from '../../platform/calendar/load.js';
import { WorkingDayCalendar } from '../../platform/calendar/model.js';
import { actionProblems, lateDisclosure, nextStatus, overdueRequest, oversightText, rectificationDue, responsibleForRecord, responsibleForRequest, unansweredMessage, verifiedComplaint, websiteVeto } from './model.js';

const cal = new WorkingDayCalendar(loadShippedSchedules());

describe('accountability rules', () => {
  const request = { id: 7, agencyId: 2, trackingNumber: 'YSQ-city-2026-00007', title: '招生计划', state: 'received', dueOn: '2026-11-20' };

  test('a request is overdue from the day after its due date, while undecided (条例 第三十三条)', () => {
    assert.equal(overdueRequest(request, '2026-11-20'), null, 'the due day itself is still in time');
    const f = overdueRequest(request, '2026-11-21');
    assert.equal(f?.kind, 'overdue_request');
    assert.equal(f?.objectId, 7);
    assert.equal(f?.agencyId, 2);
    assert.equal(overdueRequest({ ...request, state: 'closed' }, '2026-12-01'), null, 'decided');
    assert.equal(overdueRequest({ ...request, state: 'awaiting-correction', dueOn: null }, '2026-12-01'), null, 'the clock waits');
  });

  test('a record published more than 20 working days after it was formed is late (条例 第二十六条)', () => {
    // formed Thu 2026-09-24; 9-25..27 中秋 off; 9-28, 29, 30 = 3; 10-1..7 国庆 off; 10-8, 9 = 5;
    // Sat 10-10 调休 workday = 6; 10-12..16 = 11; 10-19..23 = 16; 10-26, 27, 28, 29 = 20; 10-30 = 21.
    const record = { id: 3, agencyId: 2, indexNumber: 'city/2026-00003', title: '通知', status: 'published', formedOn: '2026-09-24', publishedOn: '2026-10-29' };
    assert.equal(lateDisclosure(cal, record), null, '20 working days is in time');
    const late = lateDisclosure(cal, { ...record, publishedOn: '2026-10-30' });
    assert.equal(late?.kind, 'late_disclosure');
    assert.match(late?.summary ?? '', /21 个工作日/);
    assert.equal(lateDisclosure(cal, { ...record, status: 'draft', publishedOn: null }), null);
  });

  test('a message pending after its due date, and a run with a single veto, are failures', () => {
    const m = { id: 4, agencyId: 2, trackingNumber: 'LY-2026-00004', status: 'pending', dueOn: '2026-11-25' };
    assert.equal(unansweredMessage(m, '2026-11-25'), null);
    assert.equal(unansweredMessage(m, '2026-11-26')?.kind, 'unanswered_message');
    assert.equal(unansweredMessage({ ...m, status: 'answered' }, '2026-12-26'), null);
    const run = { id: 9, agencyId: 2, siteName: '测试市政府网', status: 'done', verdict: '不合格', vetoes: 1, finishedAt: '2026-11-20T03:00:00.000Z' };
    assert.equal(websiteVeto(run)?.kind, 'website_veto');
    assert.equal(websiteVeto({ ...run, vetoes: 0 }), null, 'failed on score only: not a veto');
    assert.equal(websiteVeto({ ...run, verdict: '合格', vetoes: 0 }), null);
    assert.equal(websiteVeto({ ...run, status: 'running' }), null);
  });

  test('a complaint the supervisor found true is a failure of the agency complained about (条例 第四十七条第二款)', () => {
    const complaint = { id: 12, agencyId: 3, trackingNumber: 'LY-city-2026-00012', kind: 'complaint', ground: 'not_disclosed', finding: 'verified' };
    assert.deepEqual(verifiedComplaint(complaint), {
      kind: 'verified_complaint',
      objectType: 'message',
      objectId: 12,
      agencyId: 3,
      summary: '投诉 LY-city-2026-00012（未依法履行主动公开义务） 经核查属实',
    });
    assert.equal(verifiedComplaint({ ...complaint, ground: null })?.summary, '投诉 LY-city-2026-00012 经核查属实');
    assert.equal(verifiedComplaint({ ...complaint, finding: 'unfounded' }), null, 'found untrue');
    assert.equal(verifiedComplaint({ ...complaint, finding: null }), null, 'not yet looked into');
    assert.equal(verifiedComplaint({ ...complaint, kind: 'suggestion' }), null, 'only complaints');
  });

  test('the responsible officer: the assignee, else the last staff actor; for a record the submitter', () => {
    const trail = [
      { actorId: null, actorLogin: 'public', action: 'request.submit' },
      { actorId: 5, actorLogin: 'head', action: 'request.assigned' },
      { actorId: 6, actorLogin: 'clerk', action: 'request.note' },
      { actorId: null, actorLogin: 'system', action: 'request.reminder' },
    ];
    assert.deepEqual(responsibleForRequest(11, trail), { userId: 11 });
    assert.deepEqual(responsibleForRequest(null, trail), { userId: 6 });
    assert.equal(responsibleForRequest(null, [trail[0]!]), null);
    const recordTrail = [
      { actorId: 8, actorLogin: 'editor', action: 'record.create' },
      { actorId: 9, actorLogin: 'editor2', action: 'record.submit' },
      { actorId: 10, actorLogin: 'reviewer', action: 'record.approve' },
    ];
    assert.deepEqual(responsibleForRecord(recordTrail), { userId: 9 });
    assert.equal(responsibleForRecord(recordTrail.filter((e) => e.action !== 'record.submit')), null);
  });

  test('follow-up state machine: 督促整改 keeps a case open, the outcomes close it, a closed case takes nothing', () => {
    assert.equal(nextStatus('open', 'rectification_ordered'), 'open');
    assert.equal(nextStatus('open', 'note'), 'open');
    assert.equal(nextStatus('open', 'rectified'), 'rectified');
    assert.equal(nextStatus('open', 'criticised'), 'criticised');
    assert.equal(nextStatus('open', 'referred'), 'referred');
    assert.equal(nextStatus('open', 'dismissed'), 'dismissed');
    for (const closed of ['rectified', 'criticised', 'referred', 'dismissed']) {
      assert.equal(nextStatus(closed, 'rectification_ordered'), null);
      assert.equal(nextStatus(closed, 'rectified'), null);
    }
  });

  test('what each follow-up needs: no future date, a due date for 督促整改, a note for 移送 and 不予追究', () => {
    const today = '2026-11-26';
    assert.deepEqual(actionProblems('criticised', { actedOn: '2026-11-26', note: '', dueOn: null }, today), []);
    assert.match(actionProblems('criticised', { actedOn: '2026-11-27', note: '', dueOn: null }, today).join(), /actedOn/);
    assert.match(actionProblems('referred', { actedOn: '2026-11-20', note: ' ', dueOn: null }, today).join(), /note/);
    assert.match(actionProblems('dismissed', { actedOn: '2026-11-20', note: '', dueOn: null }, today).join(), /理由/);
    assert.match(actionProblems('rectification_ordered', { actedOn: '2026-11-20', note: '', dueOn: null }, today).join(), /dueOn/);
    assert.match(actionProblems('rectification_ordered', { actedOn: '2026-11-20', note: '', dueOn: '2026-11-19' }, today).join(), /dueOn/);
    // the rectification due date may lie in the future
    assert.deepEqual(actionProblems('rectification_ordered', { actedOn: '2026-11-20', note: '', dueOn: '2026-12-10' }, today), []);
  });

  test('the rectification deadline is the latest order; overdue after it while the case is open', () => {
    const actions = [
      { action: 'rectification_ordered', dueOn: '2026-11-30' },
      { action: 'note', dueOn: null },
      { action: 'rectification_ordered', dueOn: '2026-12-04' },
      { action: 'note', dueOn: null },
    ];
    assert.deepEqual(rectificationDue('open', actions, '2026-12-04'), { dueOn: '2026-12-04', overdue: false }, 'the due day itself is in time');
    assert.deepEqual(rectificationDue('open', actions, '2026-12-05'), { dueOn: '2026-12-04', overdue: true });
    assert.deepEqual(rectificationDue('rectified', actions, '2026-12-05'), { dueOn: '2026-12-04', overdue: false }, 'closed cases are not overdue');
    assert.equal(rectificationDue('open', [{ action: 'note', dueOn: null }], '2026-12-05'), null, 'no order, no deadline');
  });

  test('the annual report text of 监督保障', () => {
    const text = oversightText(
      2026,
      { count: 4, mean: 4.25 },
      { byKind: { overdue_request: 2, late_disclosure: 1, unanswered_message: 0, verified_complaint: 0, website_veto: 1 }, byStatus: { open: 1, rectified: 2, criticised: 1, referred: 0, dismissed: 0 } },
    );
    assert.equal(
      text,
      '2026年，本机关开展政府信息公开社会评议，收到评价4条，平均4.3分（满分5分）；发现逾期未答复申请2起、未按时主动公开1起、政府网站单项否决1起，共4起，已整改2起，通报批评1起，移送纪检监察机关0起，不予追究0起，尚在处理1起。',
    );
    assert.equal(
      oversightText(2026, { count: 0, mean: null }, { byKind: { overdue_request: 0, late_disclosure: 0, unanswered_message: 0, verified_complaint: 0, website_veto: 0 }, byStatus: { open: 0, rectified: 0, criticised: 0, referred: 0, dismissed: 0 } }),
      '2026年，本机关开展政府信息公开社会评议，未收到评价；未发现需要追究责任的问题。',
    );
    // with the year's assessment: own score and rank first (工作考核、社会评议、责任追究 in that order)
    const none = { byKind: { overdue_request: 0, late_disclosure: 0, unanswered_message: 0, verified_complaint: 0, website_veto: 0 }, byStatus: { open: 0, rectified: 0, criticised: 0, referred: 0, dismissed: 0 } };
    assert.equal(
      oversightText(2026, { count: 2, mean: 4.5 }, { ...none, byKind: { ...none.byKind, verified_complaint: 1 }, byStatus: { ...none.byStatus, criticised: 1 } }, { score: 73, ranked: { rank: 3, of: 4 }, rolledUpOf: null }),
      '2026年，本机关年度政府信息公开工作考核得分73.0分（在4个单位中排名第3）；开展政府信息公开社会评议，收到评价2条，平均4.5分（满分5分）；发现投诉经核查属实1起，共1起，已整改0起，通报批评1起，移送纪检监察机关0起，不予追究0起，尚在处理0起。',
    );
    assert.equal(
      oversightText(2026, { count: 0, mean: null }, none, { score: 80, ranked: null, rolledUpOf: 2 }),
      '2026年，本机关年度政府信息公开工作考核得分80.0分（本级及所属部门共2个单位汇总计分）；开展政府信息公开社会评议，未收到评价；未发现需要追究责任的问题。',
    );
  });
});
