import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as catalog from '../../catalog/service.js';
import { listAudit } from '../../platform/audit/store.js';
import type { StaffIdentity } from '../../platform/auth/model.js';
import { AppError } from '../../platform/errors.js';
import * as requests from '../../requests/service.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy, makeUser } from '../../test-support/factories.js';
import { sampleApplication } from '../../test-support/requests.js';
import { computeAnnualReport, draftSections } from '../../reports/service.js';
import { caseView, detectAccountabilityCases, listCasesFor, openCasesByAgency, recordCaseAction, supervisionReportText, supervisionYearFigures } from './service.js';

const by = (s: StaffIdentity) => ({ actor: { id: s.id, login: s.login }, staff: s });

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);
}

for (const engine of ENGINES) {
  describe(`accountability cases [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    let officer: StaffIdentity;
    let head: StaffIdentity;
    let editor: StaffIdentity;
    let reviewer: StaffIdentity;
    let supervisor: StaffIdentity;
    let districtSupervisor: StaffIdentity;
    let oversight: StaffIdentity;
    const ids: Record<string, number> = {};
    const at = (day: string) => tdb.clock.set(`${day}T02:00:00.000Z`);

    before(async () => {
      tdb = await createTestDatabase(engine);
      h = await makeHierarchy(tdb.ctx);
      officer = await makeUser(tdb.ctx, { login: 'jingban', displayName: '王经办', agencyId: h.bureau.id, roles: ['request_officer'] });
      head = await makeUser(tdb.ctx, { login: 'fuzeren', displayName: '李主任', agencyId: h.bureau.id, roles: ['agency_admin'] });
      editor = await makeUser(tdb.ctx, { login: 'bianji', displayName: '赵编辑', agencyId: h.bureau.id, roles: ['editor'] });
      reviewer = await makeUser(tdb.ctx, { login: 'shenhe', displayName: '钱审核', agencyId: h.bureau.id, roles: ['reviewer'] });
      supervisor = await makeUser(tdb.ctx, { login: 'jiandu', displayName: '孙监督', agencyId: h.city.id, roles: ['supervisor'] });
      districtSupervisor = await makeUser(tdb.ctx, { login: 'qujiandu', agencyId: h.district.id, roles: ['supervisor'] });
      oversight = await makeUser(tdb.ctx, { login: 'renda', agencyId: h.city.id, roles: ['oversight'] });

      // Two requests received Tue 2026-10-20: 20 working days end Tue 11-17 (no holiday in between).
      at('2026-10-20');
      const a = await requests.submitOnline(tdb.ctx, sampleApplication('city-edu'));
      const b = await requests.submitOnline(tdb.ctx, sampleApplication('city-edu'));
      assert.equal(a.request.dueOn, '2026-11-17');
      await requests.assign(tdb.ctx, by(head), a.request.id, { userId: String(officer.id) });
      await requests.addNote(tdb.ctx, by(head), b.request.id, { comment: '请尽快办理' });
      ids.assigned = a.request.id;
      ids.unassigned = b.request.id;
      // One received 11-20: due in December, not a failure on 11-26.
      at('2026-11-20');
      ids.inTime = (await requests.submitOnline(tdb.ctx, sampleApplication('city-edu'))).request.id;

      // Records formed Thu 2026-09-24: published 10-29 (20 working days, in time) and 10-30 (21, late).
      at('2026-09-24');
      const draft = { title: '测试市教育局关于课后服务的通知', writtenOn: '2026-09-24', formedOn: '2026-09-24', topic: '科技、教育\\教育', genre: '通知', category: '执行公开', bodyHtml: '<p>各学校：现就课后服务通知如下。</p>' };
      const inTime = await catalog.createDraft(tdb.ctx, by(editor), 'city-edu', { ...draft, docNumber: '测教发〔2026〕21号' });
      const late = await catalog.createDraft(tdb.ctx, by(editor), 'city-edu', { ...draft, docNumber: '测教发〔2026〕22号' });
      at('2026-10-29');
      await catalog.submitForReview(tdb.ctx, by(editor), inTime.id);
      await catalog.approve(tdb.ctx, by(reviewer), inTime.id);
      at('2026-10-30');
      await catalog.submitForReview(tdb.ctx, by(editor), late.id);
      const published = await catalog.approve(tdb.ctx, by(reviewer), late.id);
      assert.equal(published.publishedOn, '2026-10-30');
      ids.lateRecord = late.id;

      // A district message pending past its due date, and a vetoed inspection of the district site.
      const message = await tdb.ctx.db
        .insertInto('message')
        .values({ trackingNumber: 'LY-city-d1-2026-00001', queryCodeHash: 'x', kind: 'complaint', agencyId: h.district.id, subject: '未按时公开', body: '……', authorName: '张三', contact: '13800138000', status: 'pending', submittedAt: '2026-11-01T02:00:00.000Z', receivedOn: '2026-11-02', dueOn: '2026-11-16', ipHash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.message = message.id;
      // Two answered complaints about the district: one the supervisor found true (a case), one not.
      const complaint = { queryCodeHash: 'x', kind: 'complaint', agencyId: h.district.id, subject: '申请未依法答复', body: '……', authorName: '李四', contact: '13900139000', status: 'answered', submittedAt: '2026-11-02T02:00:00.000Z', receivedOn: '2026-11-02', dueOn: '2026-11-16', answer: '已核查', answeredOn: '2026-11-10', ipHash: 'x' };
      const verified = await tdb.ctx.db.insertInto('message').values({ ...complaint, trackingNumber: 'LY-city-d1-2026-00002', ground: 'request_unlawful', finding: 'verified', findingNote: '属实' }).returning('id').executeTakeFirstOrThrow();
      ids.verified = verified.id;
      await tdb.ctx.db.insertInto('message').values({ ...complaint, trackingNumber: 'LY-city-d1-2026-00003', ground: 'not_disclosed', finding: 'unfounded', findingNote: '已公开' }).execute();
      const site = await tdb.ctx.db.insertInto('inspectionSite').values({ agencyId: h.district.id, url: 'https://d1.example.gov.cn/', name: '东区政府网', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
      const run = await tdb.ctx.db
        .insertInto('inspectionRun')
        .values({ siteId: site.id, status: 'done', requestedBy: 'scheduler', queuedAt: '2026-11-20T01:00:00.000Z', finishedAt: '2026-11-20T02:00:00.000Z', verdict: '不合格', score: null, vetoes: 1, pages: 10, findings: 3 })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.run = run.id;
      at('2026-11-26');
    });
    after(async () => tdb?.drop());

    const cases = () => tdb.ctx.db.selectFrom('accountabilityCase').selectAll().orderBy('id').execute();

    test('detection opens one case per failure, with the responsible agency and officer, once', async () => {
      const first = await detectAccountabilityCases(tdb.ctx);
      assert.deepEqual(first, { failures: 6, created: 6 });
      const rows = await cases();
      const of = (kind: string, objectId: number) => rows.find((r) => r.kind === kind && r.objectId === objectId);
      const assigned = of('overdue_request', ids.assigned!);
      assert.equal(assigned?.agencyId, h.bureau.id);
      assert.equal(assigned?.responsibleUserId, officer.id, 'the assignee, not the head who assigned');
      assert.equal(assigned?.responsibleName, '王经办');
      assert.equal(of('overdue_request', ids.unassigned!)?.responsibleName, '李主任', 'the last staff actor in the audit trail');
      assert.equal(of('overdue_request', ids.inTime!), undefined);
      assert.equal(of('late_disclosure', ids.lateRecord!)?.responsibleName, '赵编辑', 'the editor who submitted it');
      assert.equal(rows.filter((r) => r.kind === 'late_disclosure').length, 1);
      const message = of('unanswered_message', ids.message!);
      assert.equal(message?.agencyId, h.district.id);
      assert.equal(message?.responsibleUserId, null);
      assert.equal(of('website_veto', ids.run!)?.agencyId, h.district.id);
      // 条例 第四十七条第二款: the verified complaint, against the district, no officer; not the unfounded one
      const complaint = of('verified_complaint', ids.verified!);
      assert.equal(complaint?.agencyId, h.district.id);
      assert.equal(complaint?.objectType, 'message');
      assert.equal(complaint?.responsibleUserId, null);
      assert.equal(complaint?.summary, '投诉 LY-city-d1-2026-00002（未依法处理政府信息公开申请） 经核查属实');
      assert.equal(rows.filter((r) => r.kind === 'verified_complaint').length, 1);
      assert.ok(rows.every((r) => r.status === 'open' && r.detectedOn === '2026-11-26'));
      // idempotent: a second sweep (or another process) adds nothing
      assert.deepEqual(await detectAccountabilityCases(tdb.ctx), { failures: 6, created: 0 });
      assert.equal((await cases()).length, 6);
      const audit = await listAudit(tdb.ctx.db, { agencyIds: null, action: 'accountability.detect', page: 1, pageSize: 50 });
      assert.equal(audit.total, 6);
      assert.ok(audit.items.every((e) => e.actorLogin === 'system'));
    });

    test('scope: a district supervisor sees the district cases only; the city sees all', async () => {
      const district = await listCasesFor(tdb.ctx.db, districtSupervisor, {});
      assert.equal(district.total, 3);
      assert.equal(district.byKind.unanswered_message, 1);
      assert.equal(district.byKind.verified_complaint, 1);
      assert.equal(district.byKind.website_veto, 1);
      const city = await listCasesFor(tdb.ctx.db, oversight, {});
      assert.equal(city.total, 6);
      assert.equal(city.byStatus.open, 6);
      assert.equal((await listCasesFor(tdb.ctx.db, oversight, { kind: 'overdue_request' })).total, 2);
      const complaints = await listCasesFor(tdb.ctx.db, oversight, { kind: 'verified_complaint' });
      assert.deepEqual(complaints.items.map((c) => c.objectId), [ids.verified]);
      assert.equal((await listCasesFor(tdb.ctx.db, oversight, { agency: String(h.district.id) })).total, 3);
      assert.equal((await listCasesFor(tdb.ctx.db, districtSupervisor, { agency: String(h.bureau.id) })).total, 0, 'an agency outside the scope gives nothing');
      const bureauCase = (await cases()).find((r) => r.agencyId === h.bureau.id)!;
      await rejects(caseView(tdb.ctx.db, districtSupervisor, bureauCase.id), 'FORBIDDEN');
      const view = await caseView(tdb.ctx.db, oversight, bureauCase.id);
      assert.equal(view.mayAct, false, 'oversight reads only');
      assert.equal((await caseView(tdb.ctx.db, supervisor, bureauCase.id)).mayAct, true);
    });

    test('follow-ups: 督促整改 keeps it open, 整改完成 closes it; audited; closed cases, future dates, outsiders refused', async () => {
      const c = (await cases()).find((r) => r.kind === 'overdue_request' && r.objectId === ids.assigned)!;
      await rejects(recordCaseAction(tdb.ctx, by(oversight), c.id, { action: 'criticised', actedOn: '2026-11-26' }), 'FORBIDDEN');
      await rejects(recordCaseAction(tdb.ctx, by(districtSupervisor), c.id, { action: 'criticised', actedOn: '2026-11-26' }), 'FORBIDDEN');
      await rejects(recordCaseAction(tdb.ctx, by(supervisor), c.id, { action: 'criticised', actedOn: '2026-11-27' }), 'VALIDATION_FAILED');
      await rejects(recordCaseAction(tdb.ctx, by(supervisor), c.id, { action: 'rectification_ordered', actedOn: '2026-11-26' }), 'VALIDATION_FAILED');
      await rejects(recordCaseAction(tdb.ctx, by(supervisor), c.id, { action: 'referred', actedOn: '2026-11-26', note: '' }), 'VALIDATION_FAILED');
      const ordered = await recordCaseAction(tdb.ctx, by(supervisor), c.id, { action: 'rectification_ordered', actedOn: '2026-11-24', dueOn: '2026-12-04', note: '限期答复申请人' });
      assert.equal(ordered.status, 'open');
      const done = await recordCaseAction(tdb.ctx, by(supervisor), c.id, { action: 'rectified', actedOn: '2026-11-26', note: '已答复' });
      assert.equal(done.status, 'rectified');
      assert.equal(done.closedOn, '2026-11-26');
      await rejects(recordCaseAction(tdb.ctx, by(supervisor), c.id, { action: 'criticised', actedOn: '2026-11-26' }), 'CONFLICT');
      const view = await caseView(tdb.ctx.db, supervisor, c.id);
      assert.deepEqual(
        view.actions.map((a) => [a.action, a.actedOn, a.dueOn, a.note, a.byName]),
        [
          ['rectification_ordered', '2026-11-24', '2026-12-04', '限期答复申请人', '孙监督'],
          ['rectified', '2026-11-26', null, '已答复', '孙监督'],
        ],
      );
      assert.equal(view.mayAct, false);
      assert.equal(view.objectHref, `/staff/requests/${ids.assigned}`);
      const audit = await listAudit(tdb.ctx.db, { agencyIds: null, objectType: 'accountability_case', actorLogin: 'jiandu', page: 1, pageSize: 10 });
      assert.deepEqual(audit.items.map((e) => e.action).reverse(), ['accountability.rectification_ordered', 'accountability.rectified']);
      // criticise the other bureau request
      const other = (await cases()).find((r) => r.kind === 'overdue_request' && r.objectId === ids.unassigned)!;
      assert.equal((await recordCaseAction(tdb.ctx, by(supervisor), other.id, { action: 'criticised', actedOn: '2026-11-25', dueOn: '2026-12-31', note: '岚政办通报〔2026〕1号' })).status, 'criticised');
      const criticised = await tdb.ctx.db.selectFrom('accountabilityAction').select(['dueOn', 'note']).where('caseId', '=', other.id).executeTakeFirstOrThrow();
      assert.deepEqual(criticised, { dueOn: null, note: '岚政办通报〔2026〕1号' }, 'only 督促整改 keeps a due date');
    });

    test('open cases per agency for the dashboards', async () => {
      const all = await openCasesByAgency(tdb.ctx.db, null);
      assert.deepEqual(
        all.map((a) => [a.agencyId, a.open]).sort((x, y) => x[0]! - y[0]!),
        [
          [h.bureau.id, 1],
          [h.district.id, 3],
        ],
      );
      assert.deepEqual((await openCasesByAgency(tdb.ctx.db, [h.bureau.id]))[0]?.byKind, { overdue_request: 0, late_disclosure: 1, unanswered_message: 0, verified_complaint: 0, website_veto: 0 });
      assert.deepEqual((await openCasesByAgency(tdb.ctx.db, [h.district.id]))[0]?.byKind, { overdue_request: 0, late_disclosure: 0, unanswered_message: 1, verified_complaint: 1, website_veto: 1 });
      assert.deepEqual(await openCasesByAgency(tdb.ctx.db, [h.otherCity.id]), []);
    });

    test("the year's figures and the 监督保障 text of the report", async () => {
      for (const [score, on] of [
        [5, '2026-03-01'],
        [4, '2026-06-01'],
        [2, '2026-11-01'],
        [1, '2025-12-31'],
      ] as const) {
        await tdb.ctx.db.insertInto('rating').values({ objectType: 'record', objectId: ids.lateRecord!, agencyId: h.bureau.id, score, comment: null, visitorHash: `v${on}`, ipHash: 'x', createdAt: `${on}T02:00:00.000Z`, createdOn: on }).execute();
      }
      const figures = await supervisionYearFigures(tdb.ctx.db, [h.bureau.id], 2026);
      // (5 + 4 + 2) / 3 = 3.67 → 3.7; the 2025 rating is not counted
      assert.deepEqual(figures.ratings, { count: 3, mean: 3.7 });
      assert.deepEqual(figures.cases.byKind, { overdue_request: 2, late_disclosure: 1, unanswered_message: 0, verified_complaint: 0, website_veto: 0 });
      assert.deepEqual(figures.cases.byStatus, { open: 1, rectified: 1, criticised: 1, referred: 0, dismissed: 0 });
      assert.equal(
        supervisionReportText(2026, figures),
        '2026年，本机关开展政府信息公开社会评议，收到评价3条，平均3.7分（满分5分）；发现逾期未答复申请2起、未按时主动公开1起，共3起，已整改1起，通报批评1起，移送纪检监察机关0起，不予追究0起，尚在处理1起。',
      );
      // the annual report's draft of 一（五）监督保障 for the bureau says the same after its assessment
      // result (whose figures src/reports/oversight.test.ts checks by hand)
      const report = await computeAnnualReport(tdb.ctx, 'city-edu', 2026, 'agency', { draft: true });
      const oversightDraft = draftSections(report).oversight;
      assert.match(oversightDraft, /^2026年，本机关年度政府信息公开工作考核得分\d+\.\d分（在\d+个单位中排名第\d+）；开展政府信息公开社会评议，收到评价3条，平均3\.7分/);
      assert.ok(oversightDraft.endsWith('；发现逾期未答复申请2起、未按时主动公开1起，共3起，已整改1起，通报批评1起，移送纪检监察机关0起，不予追究0起，尚在处理1起。'), oversightDraft);
      assert.deepEqual((await supervisionYearFigures(tdb.ctx.db, [h.bureau.id], 2025)).cases.byKind, { overdue_request: 0, late_disclosure: 0, unanswered_message: 0, verified_complaint: 0, website_veto: 0 });
    });
  });
}
