import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../platform/audit/model.js';
import type { StaffIdentity } from '../../platform/auth/model.js';
import { AppError } from '../../platform/errors.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy, makeUser } from '../../test-support/factories.js';
import { agencyTallies, findForAuthor, publicBoard, staffList } from './queries.js';
import { answerMessage, recordFinding, rejectMessage, submitMessage } from './service.js';
import { loadCalendar } from '../../platform/calendar/service.js';

const by = (staff: StaffIdentity) => ({ actor: { id: staff.id, login: staff.login }, staff });
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
};
const message = (agency: string, extra: Record<string, string> = {}) => ({
  agency,
  kind: 'consult',
  subject: '咨询公开目录',
  body: '请问在哪里查看？我的电话13800138000。',
  authorName: '王小明',
  contact: '13800138000',
  publishConsent: '1',
  ...extra,
});

for (const engine of ENGINES) {
  describe(`留言 service [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    let cityOfficer: StaffIdentity;
    let districtOfficer: StaffIdentity;
    let otherOfficer: StaffIdentity;
    let citySupervisor: StaffIdentity;
    before(async () => {
      tdb = await createTestDatabase(engine);
      h = await makeHierarchy(tdb.ctx);
      cityOfficer = await makeUser(tdb.ctx, { login: 'city-officer', agencyId: h.city.id, roles: ['request_officer'] });
      districtOfficer = await makeUser(tdb.ctx, { login: 'd1-officer', agencyId: h.district.id, roles: ['request_officer'] });
      otherOfficer = await makeUser(tdb.ctx, { login: 'other-officer', agencyId: h.otherCity.id, roles: ['request_officer'] });
      citySupervisor = await makeUser(tdb.ctx, { login: 'city-sup', agencyId: h.city.id, roles: ['supervisor'] });
    });
    after(async () => tdb?.drop());

    test('filing: number, supervisor routing, received day and due date from the calendar', async () => {
      // The test clock is 2026-11-26 (Thu) 10:00 Beijing: received that day; 10 working days → 12-10 (Thu).
      const filed = await submitMessage(tdb.ctx, message('city-d1-cz'), { ipHash: 'ip-a' });
      assert.equal(filed.message.trackingNumber, 'LY2026-000001');
      assert.equal(filed.message.supervisorAgencyId, h.district.id);
      assert.equal(filed.message.receivedOn, '2026-11-26');
      assert.equal(filed.message.dueOn, '2026-12-10');
      assert.match(filed.queryCode, /^[A-Z2-9]{10}$/);
      const second = await submitMessage(tdb.ctx, message('city-edu', { kind: 'complaint', ground: 'not_disclosed' }), { ipHash: 'ip-a' });
      assert.equal(second.message.trackingNumber, 'LY2026-000002');
      assert.equal(second.message.supervisorAgencyId, h.city.id);
      assert.equal((await findForAuthor(tdb.ctx.db, 'ly2026-000002', second.queryCode.toLowerCase()))?.id, second.message.id);
      assert.equal(await findForAuthor(tdb.ctx.db, 'LY2026-000002', filed.queryCode), null);
    });

    test('validation: a complaint needs a ground; bilingual messages', async () => {
      const err = await submitMessage(tdb.ctx, message('city', { kind: 'complaint', subject: '' }), { ipHash: 'ip-a' }).catch((e: unknown) => e);
      assert.ok(err instanceof AppError && err.code === 'VALIDATION_FAILED');
      assert.ok(err.details?.includes('subject: 请填写标题 / enter a title'));
      assert.ok(err.details?.includes('ground: 请选择投诉事由 / choose the ground of the complaint'));
    });

    test('scope: the agency, its supervisor and those above; not a sibling or another city', async () => {
      const m = (await submitMessage(tdb.ctx, message('city-d1-cz'), { ipHash: 'ip-b' })).message;
      assert.equal(await code(answerMessage(tdb.ctx, by(otherOfficer), m.id, { answer: '答复' })), '403 FORBIDDEN');
      // a supervisor may not answer (no message.answer); a district officer may (the supervisor government)
      assert.equal(await code(answerMessage(tdb.ctx, by(citySupervisor), m.id, { answer: '答复' })), '403 FORBIDDEN');
      assert.equal(await code(answerMessage(tdb.ctx, by(districtOfficer), m.id, { answer: '' })), '400 VALIDATION_FAILED');
      assert.equal(await code(answerMessage(tdb.ctx, by(districtOfficer), m.id, { answer: '已答复', publish: '1' })), 'ok');
      assert.equal(await code(answerMessage(tdb.ctx, by(districtOfficer), m.id, { answer: '再次' })), '409 CONFLICT');
      const onCityEdu = (await submitMessage(tdb.ctx, message('city-edu'), { ipHash: 'ip-b' })).message;
      assert.equal(await code(rejectMessage(tdb.ctx, by(districtOfficer), onCityEdu.id, { reason: '重复' })), '403 FORBIDDEN');
      assert.equal(await code(rejectMessage(tdb.ctx, by(cityOfficer), onCityEdu.id, { reason: '重复留言' })), 'ok');
      // the reason has its own column; the answer stays empty; not published without the tick
      const refused = await tdb.ctx.db.selectFrom('message').selectAll().where('id', '=', onCityEdu.id).executeTakeFirstOrThrow();
      assert.equal(refused.status, 'rejected');
      assert.equal(refused.rejectReason, '重复留言');
      assert.equal(refused.answer, null);
      assert.equal(refused.answeredOn, '2026-11-26');
      assert.equal(refused.published, 0);
      assert.equal(await code(rejectMessage(tdb.ctx, by(cityOfficer), onCityEdu.id, { reason: '再次' })), '409 CONFLICT');
      // staff lists follow the same scope
      const districtList = await staffList(tdb.ctx.db, districtOfficer, '2026-11-26', { page: 1, pageSize: 50 });
      assert.ok(districtList.items.every((i) => i.message.agencyCode.startsWith('city-d1')));
      const otherList = await staffList(tdb.ctx.db, otherOfficer, '2026-11-26', { page: 1, pageSize: 50 });
      assert.equal(otherList.total, 0);
    });

    test('finding only by a supervisor in scope, only on complaints; audited', async () => {
      const complaint = (await submitMessage(tdb.ctx, message('city-edu', { kind: 'complaint', ground: 'request_unlawful' }), { ipHash: 'ip-c' })).message;
      const consult = (await submitMessage(tdb.ctx, message('city-edu'), { ipHash: 'ip-c' })).message;
      assert.equal(await code(recordFinding(tdb.ctx, by(cityOfficer), complaint.id, { finding: 'verified', note: '属实' })), '403 FORBIDDEN');
      assert.equal(await code(recordFinding(tdb.ctx, by(citySupervisor), consult.id, { finding: 'verified', note: '属实' })), '409 CONFLICT');
      assert.equal(await code(recordFinding(tdb.ctx, by(citySupervisor), complaint.id, { finding: 'verified', note: '' })), '400 VALIDATION_FAILED');
      assert.equal(await code(recordFinding(tdb.ctx, by(citySupervisor), complaint.id, { finding: 'verified', note: '属实，督促整改' })), 'ok');
      const found = await tdb.ctx.db.selectFrom('message').select(['finding', 'findingNote', 'status', 'answer']).where('id', '=', complaint.id).executeTakeFirstOrThrow();
      assert.deepEqual(found, { finding: 'verified', findingNote: '属实，督促整改', status: 'pending', answer: null });
      const audit = await tdb.ctx.db.selectFrom('auditEntry').select(['action', 'actorLogin']).where('objectId', '=', complaint.trackingNumber).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['message.submit', 'message.finding']);
    });

    test('a refusal reaches the board with its reason (masked) only with consent and the tick', async () => {
      const cal = await loadCalendar(tdb.ctx.db);
      const reason = '王小明（13800138000）已就同一事项留言，不再重复受理。';
      const shown = (await submitMessage(tdb.ctx, message('city-d1'), { ipHash: 'ip-e' })).message;
      const noTick = (await submitMessage(tdb.ctx, message('city-d1'), { ipHash: 'ip-e' })).message;
      const noConsent = (await submitMessage(tdb.ctx, message('city-d1', { publishConsent: '' }), { ipHash: 'ip-e' })).message;
      await rejectMessage(tdb.ctx, by(districtOfficer), shown.id, { reason, publish: '1' });
      await rejectMessage(tdb.ctx, by(districtOfficer), noTick.id, { reason });
      await rejectMessage(tdb.ctx, by(districtOfficer), noConsent.id, { reason, publish: '1' });
      const board = await publicBoard(tdb.ctx.db, cal, { agency: 'city-d1', page: 1, pageSize: 10 });
      assert.equal(board.total, 1);
      const item = board.items[0];
      assert.equal(item?.trackingNumber, shown.trackingNumber);
      assert.equal(item?.status, 'rejected');
      assert.equal(item?.statusLabel, '不予受理');
      assert.equal(item?.answer, null);
      assert.equal(item?.rejectReason, '王*明（138****8000）已就同一事项留言，不再重复受理。');
      assert.equal(item?.answeredOn, '2026-11-26');
    });

    test('overdue and the per-agency counts; the board shows only published answers, masked', async () => {
      // A message filed 2026-11-02 (Mon) is due 11-16; answered 11-20 it is late. One filed 11-05 stays unanswered.
      const early = { ...tdb.ctx, clock: { now: () => new Date('2026-11-02T02:00:00Z') } };
      const late = (await submitMessage(early, message('other'), { ipHash: 'ip-d' })).message;
      assert.equal(late.dueOn, '2026-11-16');
      const at = (iso: string) => ({ ...tdb.ctx, clock: { now: () => new Date(iso) } });
      await answerMessage(at('2026-11-20T02:00:00Z'), { actor: SYSTEM_ACTOR, staff: null }, late.id, { answer: '迟复', publish: '1' });
      const open = (await submitMessage(at('2026-11-05T02:00:00Z'), message('other'), { ipHash: 'ip-d' })).message;
      assert.equal(open.dueOn, '2026-11-19');
      const onTime = (await submitMessage(tdb.ctx, message('other', { publishConsent: '' }), { ipHash: 'ip-d' })).message;
      await answerMessage(tdb.ctx, { actor: SYSTEM_ACTOR, staff: null }, onTime.id, { answer: '按期', publish: '1' });
      const tally = (await agencyTallies(tdb.ctx.db, '2026-11-26')).find((t) => t.agencyCode === 'other');
      assert.deepEqual(tally, { agencyCode: 'other', agencyName: '另一市人民政府', received: 3, answeredOnTime: 1, answeredLate: 1, overdue: 1, open: 0 });
      const list = await staffList(tdb.ctx.db, otherOfficer, '2026-11-26', { overdue: true, page: 1, pageSize: 10 });
      assert.deepEqual(list.items.map((i) => i.message.id), [open.id]);
      // no consent: not published even though the officer ticked "publish"
      const board = await publicBoard(tdb.ctx.db, await loadCalendar(tdb.ctx.db), { agency: 'other', page: 1, pageSize: 10 });
      assert.equal(board.total, 1);
      assert.equal(board.items[0]?.trackingNumber, late.trackingNumber);
      assert.equal(board.items[0]?.body, '请问在哪里查看？我的电话138****8000。');
      // received 11-02, answered 11-20: 14 working days (11-03 … 11-20)
      assert.equal(board.items[0]?.workingDaysTaken, 14);
      assert.equal(board.items[0]?.onTime, false);
    });
  });
}
