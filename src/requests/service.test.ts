import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAudit } from '../platform/audit/store.js';
import type { Role, StaffIdentity } from '../platform/auth/model.js';
import { AppError } from '../platform/errors.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { APPLICANT_SECRETS, sampleApplication } from '../test-support/requests.js';
import * as requests from './service.js';
import * as store from './store.js';
import { saveRequestSettings } from './lifecycle.js';

function as(role: Role, agencyId: number, login: string = role): requests.RequestActor {
  const staff: StaffIdentity = { id: 1, login, displayName: login, agencyId, roles: [role] };
  return { actor: { id: 1, login }, staff };
}

const application = sampleApplication;

async function rejects(p: Promise<unknown>, code: string, status?: number): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected AppError, got ${String(e)}`);
    assert.equal(e.code, code, e.details?.join('; ') ?? e.message);
    if (status) assert.equal(e.status, status);
    return e;
  }
  assert.fail(`expected ${code}`);
}

for (const engine of ENGINES) {
  describe(`disclosure requests [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    let officer: requests.RequestActor;
    let head: requests.RequestActor;
    const at = (isoDay: string) => tdb.clock.set(`${isoDay}T02:00:00.000Z`); // 10:00 Beijing
    before(async () => {
      tdb = await createTestDatabase(engine);
      h = await makeHierarchy(tdb.ctx);
      officer = as('request_officer', h.bureau.id, 'jingban');
      head = as('agency_admin', h.bureau.id, 'fuzeren');
    });
    after(async () => tdb?.drop());

    test('an online request is received the day it is submitted and due 20 working days later', async () => {
      at('2026-11-26');
      const { request, queryCode } = await requests.submitOnline(tdb.ctx, application('city-edu'));
      assert.match(request.trackingNumber, /^YSQ-city-edu-2026-00001$/);
      assert.match(queryCode, /^[A-Z2-9]{10}$/);
      assert.equal(request.receivedOn, '2026-11-26');
      // 11-27 Fri is day 1; December 2026 has no holiday: 20th working day is Thu 12-24.
      assert.equal(request.dueOn, '2026-12-24');
      assert.equal(request.state, 'received');
      assert.notEqual(request.queryCodeHash, queryCode);
      const letters = await store.lettersOf(tdb.handle.db, request.id);
      assert.deepEqual(letters.map((l) => l.kind), ['acknowledgement']);
      assert.match(letters[0]!.plainText, /2026年12月24日/);
    });

    test('bad input is refused field by field and nothing is stored', async () => {
      const before = (await store.listRequests(tdb.handle.db, { agencyIds: null, limit: 100, offset: 0 })).total;
      const e = await rejects(
        requests.submitOnline(tdb.ctx, application('city-edu', { idDocNumber: '110105194912310021', email: 'not-an-email', oneMatter: '' })),
        'VALIDATION_FAILED',
        400,
      );
      const details = e.details?.join('\n') ?? '';
      assert.match(details, /email/);
      assert.match(details, /oneMatter/);
      const e2 = await rejects(requests.submitOnline(tdb.ctx, application('city-edu', { idDocNumber: '110105194912310021' })), 'VALIDATION_FAILED');
      assert.match(e2.details?.join('\n') ?? '', /idDocNumber: .*校验位/);
      await rejects(requests.submitOnline(tdb.ctx, application('city-edu', { applicantType: 'business', contactPerson: '李四' })), 'VALIDATION_FAILED');
      await rejects(requests.submitOnline(tdb.ctx, application('no-such-agency')), 'VALIDATION_FAILED');
      assert.equal((await store.listRequests(tdb.handle.db, { agencyIds: null, limit: 100, offset: 0 })).total, before);
    });

    test('补正 restarts the clock; consultation pauses it; an approved extension moves it; the decision closes it', async () => {
      at('2026-11-26');
      const { request } = await requests.submitOnline(tdb.ctx, application('city-edu', { title: '东区学区划分方案' }));
      at('2026-11-27');
      const corrected = await requests.requestCorrection(tdb.ctx, officer, request.id, { whatToCorrect: '请说明所需方案的年份', respondBy: '2026-12-10' });
      assert.equal(corrected.request.state, 'awaiting-correction');
      assert.equal(corrected.request.dueOn, null);
      // 第三十条: the correction notice is given once.
      await rejects(requests.requestCorrection(tdb.ctx, officer, request.id, { whatToCorrect: '再补充', respondBy: '2026-12-11' }), 'VALIDATION_FAILED');

      at('2026-12-01');
      const restarted = await requests.receiveCorrection(tdb.ctx, officer, request.id, { on: '2026-12-01', correctedTitle: '东区2026年学区划分方案' });
      // Restart on Tue 12-01: Dec 2 is day 1 … Dec 29 is day 20.
      assert.equal(restarted.request.dueOn, '2026-12-29');
      assert.equal(restarted.request.title, '东区2026年学区划分方案');

      at('2026-12-03');
      const consulting = await requests.startConsultation(tdb.ctx, officer, request.id, { party: 'third-party', partyName: '东区实验学校', infoSummary: '学校分配名额表' });
      assert.equal(consulting.request.state, 'consulting');
      const [consultation] = requests.openConsultations(consulting.events);
      assert.ok(consultation);
      at('2026-12-08');
      const resumed = await requests.endConsultation(tdb.ctx, officer, request.id, { consultation: consultation.id, on: '2026-12-08' });
      // 12-04, 12-07 and 12-08 are not counted (第三十三条第三款): 20 + 3 working days from 12-01.
      // 12-30 and 12-31 are days 21 and 22; 2027 has no schedule yet, so Fri 2027-01-01 counts
      // as day 23 provisionally (元旦 2027 is not announced).
      assert.equal(resumed.request.state, 'received');
      assert.equal(resumed.request.dueOn, '2027-01-01');
      assert.equal(resumed.request.dueProvisional, 1);

      await requests.proposeExtension(tdb.ctx, officer, request.id, { workingDays: '5', reason: '涉及多所学校，需汇总核对' });
      // 第三十三条第二款: only the head of the disclosure office approves.
      await rejects(requests.decideExtension(tdb.ctx, officer, request.id, true, ''), 'FORBIDDEN', 403);
      const extended = await requests.decideExtension(tdb.ctx, head, request.id, true, '同意');
      // Five more provisional working days in 2027: Jan 4–8.
      assert.equal(extended.request.dueOn, '2027-01-08');

      at('2026-12-10');
      const closed = await requests.decide(tdb.ctx, officer, request.id, {
        outcome: 'partial',
        reasons: '分配名额表中涉及学生个人信息的部分不予公开',
        provided: '学区划分方案全文，以电子邮件发送',
        publicSummary: '东区2026年学区划分方案',
        releaseConsent: '1',
      });
      assert.equal(closed.request.state, 'closed');
      assert.equal(closed.request.outcome, 'partial');
      assert.equal(closed.request.closedOn, '2026-12-10');
      assert.equal(closed.request.onTime, 1);
      const kinds = (await store.lettersOf(tdb.handle.db, request.id)).map((l) => l.kind);
      assert.deepEqual(kinds, ['acknowledgement', 'correction', 'consultation', 'extension', 'reply']);
      const reply = (await store.lettersOf(tdb.handle.db, request.id)).at(-1)!;
      assert.match(reply.plainText, /第三十七条/);
      assert.match(reply.plainText, /60日内向测试市人民政府申请行政复议/);
      const consultationLetter = (await store.lettersOf(tdb.handle.db, request.id)).find((l) => l.kind === 'consultation')!;
      assert.equal(consultationLetter.toApplicant, 0);
      assert.doesNotMatch(consultationLetter.html, /张晓明/);

      await rejects(requests.addNote(tdb.ctx, officer, request.id, { comment: '已办结后的备注' }).then(() => requests.decide(tdb.ctx, officer, request.id, { outcome: 'partial', reasons: 'x', provided: 'y', publicSummary: 'z' })), 'CONFLICT', 409);
    });

    test('an officer registers a posted request: the signing date is the receipt date; every problem is listed at once', async () => {
      at('2026-11-26');
      const e = await rejects(requests.registerReceived(tdb.ctx, officer, application('city-edu', { channel: 'pigeon', idDocNumber: '110105194912310021' })), 'VALIDATION_FAILED');
      const details = e.details?.join('\n') ?? '';
      assert.match(details, /channel/);
      assert.match(details, /idDocNumber/);
      await rejects(requests.registerReceived(tdb.ctx, officer, application('city-edu', { channel: 'post-signed' })), 'VALIDATION_FAILED');
      await rejects(requests.registerReceived(tdb.ctx, as('request_officer', h.district.id), application('city-edu', { channel: 'post-signed', signedOn: '2026-11-25' })), 'FORBIDDEN');
      const { request, queryCode } = await requests.registerReceived(tdb.ctx, officer, application('city-edu', { channel: 'post-signed', submittedOn: '2026-11-20', signedOn: '2026-11-25' }));
      assert.equal(request.receivedOn, '2026-11-25');
      assert.equal(request.submittedOn, '2026-11-20');
      assert.match(request.receiptRule, /签收/);
      // Wed 11-25 + 20 working days: 11-26 is 1 … 12-23 is 20.
      assert.equal(request.dueOn, '2026-12-23');
      assert.match(queryCode, /^[A-Z2-9]{10}$/);
    });

    test('only the handling agency and supervisors above it read a request; only its officers act', async () => {
      at('2026-11-26');
      const { request } = await requests.submitOnline(tdb.ctx, application('city-edu'));
      const view = await requests.staffRequestView(tdb.handle.db, tdb.clock, officer, request.id);
      assert.equal(view.request.applicantName, '张晓明');
      await requests.staffRequestView(tdb.handle.db, tdb.clock, as('supervisor', h.city.id), request.id);
      await rejects(requests.staffRequestView(tdb.handle.db, tdb.clock, as('request_officer', h.city.id), request.id), 'FORBIDDEN');
      await rejects(requests.staffRequestView(tdb.handle.db, tdb.clock, as('request_officer', h.otherCity.id), request.id), 'FORBIDDEN');
      await rejects(requests.staffRequestView(tdb.handle.db, tdb.clock, as('editor', h.bureau.id), request.id), 'FORBIDDEN');
      await rejects(requests.addNote(tdb.ctx, as('supervisor', h.city.id), request.id, { comment: '督办' }), 'FORBIDDEN');
      await rejects(requests.addNote(tdb.ctx, as('request_officer', h.city.id), request.id, { comment: '越权' }), 'FORBIDDEN');
    });

    test('the applicant finds the request with the tracking number and query code only', async () => {
      at('2026-11-26');
      const { request, queryCode } = await requests.submitOnline(tdb.ctx, application('city-edu'));
      assert.equal((await requests.findForApplicant(tdb.handle.db, request.trackingNumber, queryCode.toLowerCase()))?.id, request.id);
      assert.equal(await requests.findForApplicant(tdb.handle.db, request.trackingNumber, 'AAAAAAAAAA'), null);
      assert.equal(await requests.findForApplicant(tdb.handle.db, 'YSQ-city-edu-2026-99999', queryCode), null);
      assert.equal(await requests.findForApplicant(tdb.handle.db, "x' OR 1=1 --", queryCode), null);
    });

    test('the audit log and the public register carry no applicant data', async () => {
      const audit = await listAudit(tdb.handle.db, { agencyIds: null, page: 1, pageSize: 500 });
      const text = JSON.stringify(audit.items);
      assert.ok(audit.items.some((i) => i.action === 'request.submit'));
      for (const secret of APPLICANT_SECRETS) assert.ok(!text.includes(secret), secret);
      const register = await requests.publicRegister(tdb.handle.db, 'city-edu', 1, 50);
      assert.ok(register.total >= 1);
      const registerText = JSON.stringify(register.items);
      for (const secret of APPLICANT_SECRETS) assert.ok(!registerText.includes(secret), secret);
      assert.ok(registerText.includes('东区2026年学区划分方案'));
    });

    test('a fee notice per page (250 pages → 4,700 yuan) pauses the clock until payment', async () => {
      at('2026-11-26');
      const { request } = await requests.submitOnline(tdb.ctx, application('city-edu', { deliveryForm: 'paper', deliveryMethod: 'post' }));
      at('2026-11-30');
      const noticed = await requests.issueFeeNotice(tdb.ctx, officer, request.id, { method: 'per-page', pages: '250', payment: '到市教育局财务科现场缴纳' });
      assert.equal(noticed.request.state, 'awaiting-fee');
      const fee = (await store.lettersOf(tdb.handle.db, request.id)).find((l) => l.kind === 'fee-notice')!;
      assert.match(fee.plainText, /4,?700/);
      assert.match(fee.plainText, /肆仟柒佰元整/);
      at('2026-12-02');
      const paid = await requests.recordFeePaid(tdb.ctx, officer, request.id, '2026-12-02');
      // (11-30, 12-02] = 12-01, 12-02 paused: 12-24 + 2 working days = 12-28 (Mon).
      assert.equal(paid.request.dueOn, '2026-12-28');
      assert.equal(paid.request.state, 'received');
      // The reference leaves the pause open (§6, UNCONFIRMED): turned off, the period counts again.
      await saveRequestSettings(tdb.handle.db, { feeNoticePausesClock: false, feePaymentWorkingDays: 20, correctionWorkingDays: 15 });
      await requests.recomputeOpenRequests(tdb.ctx);
      assert.equal((await store.findRequest(tdb.handle.db, request.id))?.dueOn, '2026-12-24');
      await saveRequestSettings(tdb.handle.db, { feeNoticePausesClock: true, feePaymentWorkingDays: 20, correctionWorkingDays: 15 });
      await requests.recomputeOpenRequests(tdb.ctx);
      assert.equal((await store.findRequest(tdb.handle.db, request.id))?.dueOn, '2026-12-28');
      await rejects(saveRequestSettings(tdb.handle.db, { feeNoticePausesClock: true, feePaymentWorkingDays: 0, correctionWorkingDays: 15 }), 'VALIDATION_FAILED');
      // One notice per request: the other method can never be charged on top (办法 第三条).
      await rejects(requests.issueFeeNotice(tdb.ctx, officer, request.id, { method: 'per-request', payment: '现场缴纳' }), 'CONFLICT', 409);
      // 按件 for an applicant's first requests of the month is free: no notice is sent.
      const { request: second } = await requests.submitOnline(tdb.ctx, application('city-edu', { title: '另一件申请' }));
      await rejects(requests.issueFeeNotice(tdb.ctx, officer, second.id, { method: 'per-request', payment: '现场缴纳' }), 'VALIDATION_FAILED');
    });

    test('the sweep ends requests whose 补正 deadline passed and raises each reminder once', async () => {
      at('2026-11-26');
      const { request: silent } = await requests.submitOnline(tdb.ctx, application('city-edu', { title: '不补正的申请' }));
      await requests.requestCorrection(tdb.ctx, officer, silent.id, { whatToCorrect: '请明确所需信息', respondBy: '2026-12-03' });
      at('2026-12-04');
      const first = await requests.sweepRequests(tdb.ctx);
      assert.ok(first.abandoned >= 1);
      const ended = await store.findRequest(tdb.handle.db, silent.id);
      assert.equal(ended?.state, 'closed');
      assert.equal(ended?.outcome, 'other.correction-overdue');

      // The 11-26 requests are due 12-24: on 12-17 five working days are left (18, 21, 22, 23, 24).
      at('2026-12-17');
      const second = await requests.sweepRequests(tdb.ctx);
      assert.ok(second.reminders >= 1);
      const again = await requests.sweepRequests(tdb.ctx);
      assert.equal(again.reminders, 0);
      const reminders = await store.activeReminders(tdb.handle.db, [h.bureau.id], ['due-5', 'due-1', 'overdue']);
      assert.ok(reminders.some((r) => r.kind === 'due-5' && r.dueOn === '2026-12-24'));
      at('2026-12-28');
      const late = await requests.sweepRequests(tdb.ctx);
      assert.ok(late.overdue >= 1);
    });
  });
}
