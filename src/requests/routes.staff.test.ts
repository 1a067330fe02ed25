import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makePdf } from '../platform/files/fixtures/make.js';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';
import * as service from './service.js';
import * as store from './store.js';
import { sampleApplication } from '../test-support/requests.js';

const application = sampleApplication('', { title: '东区2026年老旧小区改造计划', description: '请提供东区2026年老旧小区改造的项目清单' });

for (const engine of ENGINES) {
  describe(`request workbench over HTTP [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    const at = (day: string) => t.tdb.clock.set(`${day}T02:00:00.000Z`); // 10:00 Beijing
    const as = async (login: string) => {
      const v = new Visitor(t.app);
      assert.equal((await v.login(login, TEST_PASSWORD)).statusCode, 303, `${login} signs in`);
      return v;
    };
    const newest = async () => t.tdb.ctx.db.selectFrom('request').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    let posted = 0;

    before(async () => {
      // Sessions end as the test clock moves on by days, so people sign in often: lift the sign-in limit.
      t = await createTestApp(engine, { PUBLIC_POST_LIMIT_PER_MINUTE: '500' });
      const h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'jingban', displayName: '王经办', agencyId: h.district.id, roles: ['request_officer'] });
      await makeUser(t.tdb.ctx, { login: 'fuzeren', displayName: '李负责', agencyId: h.district.id, roles: ['agency_admin'] });
      await makeUser(t.tdb.ctx, { login: 'waibu', agencyId: h.bureau.id, roles: ['request_officer'] });
      await makeUser(t.tdb.ctx, { login: 'bianji', agencyId: h.district.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'jiandu', agencyId: h.city.id, roles: ['supervisor'] });
    });
    after(async () => t?.close());

    test('an officer registers a posted request: tracking number, query code once, the receipt rule', async () => {
      at('2026-11-26');
      const officer = await as('jingban');
      const form = await officer.get('/staff/requests/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="agency" value="city-d1"/);
      assert.ok(form.body.includes('邮寄（需签收） → 填写签收日期'));

      const missing = await officer.post('/staff/requests', { ...application, agency: 'city-d1', channel: 'post-signed', applicantName: '' });
      assert.equal(missing.statusCode, 400);
      assert.ok(missing.body.includes('applicantName'), 'the application part is checked too');
      const noDate = await officer.post('/staff/requests', { ...application, agency: 'city-d1', channel: 'post-signed' });
      assert.equal(noDate.statusCode, 400);
      assert.ok(noDate.body.includes('邮寄申请缺少签收日期'));
      assert.ok(noDate.body.includes('东区2026年老旧小区改造计划'), 'the form keeps what was typed');

      const created = await officer.post('/staff/requests', { ...application, agency: 'city-d1', channel: 'post-signed', submittedOn: '2026-11-23', signedOn: '2026-11-25', externalNumber: 'SW-2026-118' });
      assert.equal(created.statusCode, 201);
      assert.match(created.body, /YSQ-city-d1-2026-\d{5}/);
      assert.match(created.body, /查询码：<strong class="rqs-code">[A-Z2-9]{10}<\/strong>/);
      assert.ok(created.body.includes('邮寄申请以签收之日为收到申请之日（条例第三十一条第（二）项）：2026-11-25'));
      const r = await newest();
      posted = r.id;
      assert.equal(r.receivedOn, '2026-11-25');
      assert.ok(created.body.includes(`/staff/requests/${r.id}`));
    });

    test('补正 → 收到补正 → consultation → extension approved by the head → 部分公开; letters listed and viewable', async () => {
      const id = posted;
      // Sessions expire as the clock moves on: each day the officer and the head sign in again.
      let officer!: Visitor;
      let head!: Visitor;
      const day = async (d: string) => {
        at(d);
        officer = await as('jingban');
        head = await as('fuzeren');
      };
      await day('2026-11-27');
      let page = await officer.get(`/staff/requests/${id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('110105********002X'), 'the ID number is masked');
      assert.ok(!page.body.includes('11010519491231002X'));
      assert.ok(page.body.includes('答复期限是怎样计算的'));
      assert.ok(page.body.includes('补正告知（条例第三十条）'));
      assert.ok(page.body.includes('name="respondBy"'));

      const userId = async (login: string) => String((await t.tdb.ctx.db.selectFrom('appUser').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id);
      assert.equal((await head.post(`/staff/requests/${id}/assign`, { userId: await userId('bianji') })).statusCode, 400, 'an editor cannot be assigned');
      assert.equal((await head.post(`/staff/requests/${id}/assign`, { userId: await userId('jingban') })).statusCode, 303);
      assert.ok((await officer.get(`/staff/requests/${id}`)).body.includes('经办人：王经办'));
      const res = await officer.post(`/staff/requests/${id}/correction`, { whatToCorrect: '请说明所需清单的范围（街道）', respondBy: '2026-12-10' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/staff/requests/${id}?done=correction`);
      page = await officer.get(`/staff/requests/${id}?done=correction`);
      assert.ok(page.body.includes('已发出补正告知书'));
      assert.ok(page.body.includes('收到补正'));
      assert.ok(!page.body.includes('补正告知（条例第三十条）'), 'the correction is asked once');

      await day('2026-12-01');
      assert.equal((await officer.post(`/staff/requests/${id}/correction-received`, { on: '2026-12-01', correctedTitle: '东区2026年老旧小区改造项目清单' })).statusCode, 303);
      await day('2026-12-03');
      assert.equal((await officer.post(`/staff/requests/${id}/consultation`, { party: 'third-party', partyName: '东区物业公司', infoSummary: '项目清单中的合同金额' })).statusCode, 303);
      page = await officer.get(`/staff/requests/${id}`);
      const consultation = /name="consultation" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(consultation, 'an answer form per open consultation');
      assert.ok(page.body.includes('征求意见中（暂停计时）'));
      await day('2026-12-08');
      assert.equal((await officer.post(`/staff/requests/${id}/consultation-end`, { consultation, on: '2026-12-08', summary: '同意公开' })).statusCode, 303);

      await day('2026-12-09');
      const tooLong = await officer.post(`/staff/requests/${id}/extension`, { workingDays: '25', reason: '需要汇总多个街道的材料' });
      assert.equal(tooLong.statusCode, 400);
      assert.ok(tooLong.body.includes('最长不得超过20个工作日'));
      assert.ok(tooLong.body.includes('href="#act-extension"'));
      assert.equal((await officer.post(`/staff/requests/${id}/extension`, { workingDays: '10', reason: '需要汇总多个街道的材料' })).statusCode, 303);
      assert.equal((await officer.post(`/staff/requests/${id}/extension-decision`, { approve: '1' })).statusCode, 403, 'an officer cannot approve');
      page = await head.get(`/staff/requests/${id}`);
      assert.ok(page.body.includes('审批延期'));
      assert.ok(!page.body.includes(`action="/staff/requests/${id}/decide"`), 'the head does not decide');
      const approved = await head.post(`/staff/requests/${id}/extension-decision`, { approve: '1', comment: '同意' });
      assert.equal(approved.statusCode, 303);
      assert.equal(approved.headers.location, `/staff/requests/${id}?done=extension-approved`);

      await day('2026-12-10');
      const noReasons = await officer.post(`/staff/requests/${id}/decide`, { outcome: 'partial', provided: '项目清单（删去合同金额）', publicSummary: '东区2026年老旧小区改造项目清单' });
      assert.equal(noReasons.statusCode, 400);
      assert.ok(noReasons.body.includes('该结果须说明理由'));
      assert.ok(noReasons.body.includes('项目清单（删去合同金额）'), 'the refused form keeps its input');
      const decided = await officer.post(`/staff/requests/${id}/decide`, {
        outcome: 'partial',
        reasons: '合同金额涉及第三方商业秘密，第三方不同意公开',
        provided: '项目清单（删去合同金额），电子邮件发送',
        publicSummary: '东区2026年老旧小区改造项目清单',
        releaseConsent: '1',
      });
      assert.equal(decided.statusCode, 303);

      page = await officer.get(`/staff/requests/${id}`);
      assert.ok(page.body.includes('已答复'));
      assert.ok(page.body.includes('部分公开'));
      for (const title of ['受理回执', '补正告知书', '征求意见函', '延期答复告知书', '政府信息公开申请答复书']) assert.ok(page.body.includes(title), title);
      assert.ok(page.body.includes('<strong>提请延期答复</strong><span class="badge">内部</span>'), 'internal events are marked');
      assert.ok(page.body.includes('登记行政复议或行政诉讼'));
      assert.ok(page.body.includes('转为主动公开（条例第四十四条）'));
      const letters = await store.lettersOf(t.tdb.ctx.db, id);
      assert.deepEqual(letters.map((l) => l.kind), ['acknowledgement', 'correction', 'consultation', 'extension', 'reply']);
      for (const l of letters) {
        const doc = await officer.get(`/staff/requests/${id}/letters/${l.id}`);
        assert.equal(doc.statusCode, 200);
        assert.match(doc.body, /^<!DOCTYPE html>/);
        assert.equal(doc.headers['cache-control'], 'no-store');
      }
      assert.ok((await officer.get(`/staff/requests/${id}/letters/${letters.at(-1)!.id}`)).body.includes('合同金额涉及第三方商业秘密'));

      assert.equal((await officer.post(`/staff/requests/${id}/appeals`, { kind: 'reconsideration', filedOn: '2026-12-10', result: 'pending' })).statusCode, 303);
      const pdf = makePdf('BT ET');
      const upload = await officer.postFile(`/staff/requests/${id}/attachments`, { field: 'file', name: '项目清单.pdf', type: 'application/pdf', bytes: pdf }, { forApplicant: '1' });
      assert.equal(upload.statusCode, 303);
      const [file] = await store.attachmentsOf(t.tdb.ctx.db, id);
      assert.equal(file?.forApplicant, 1);
      const download = await officer.get(`/staff/requests/${id}/attachments/${file.id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.rawPayload.length, pdf.length);
    });

    test('scope: another agency 403, an editor 403, a supervisor above reads but cannot act', async () => {
      const id = posted;
      const letter = (await store.lettersOf(t.tdb.ctx.db, id))[0]!;
      const outsider = await as('waibu');
      assert.equal((await outsider.get(`/staff/requests/${id}`)).statusCode, 403);
      assert.equal((await outsider.get(`/staff/requests/${id}/letters/${letter.id}`)).statusCode, 403);
      assert.equal((await outsider.post(`/staff/requests/${id}/note`, { comment: '看看' })).statusCode, 403);
      assert.ok(!(await outsider.get('/staff/requests')).body.includes(`/staff/requests/${id}"`), 'not in the outsider list');

      const editor = await as('bianji');
      assert.equal((await editor.get('/staff/requests')).statusCode, 403);
      assert.equal((await editor.get(`/staff/requests/${id}`)).statusCode, 403);

      const supervisor = await as('jiandu');
      const page = await supervisor.get(`/staff/requests/${id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes(`action="/staff/requests/${id}/`), 'no forms for a supervisor');
      assert.equal((await supervisor.get(`/staff/requests/${id}/letters/${letter.id}`)).statusCode, 200);
      assert.equal((await supervisor.post(`/staff/requests/${id}/note`, { comment: '督办' })).statusCode, 403);
      assert.equal((await supervisor.post(`/staff/requests/${id}/appeals`, { kind: 'reconsideration', filedOn: '2026-12-10', result: 'pending' })).statusCode, 403);
      const list = await supervisor.get('/staff/requests');
      assert.ok(list.body.includes('受理机关'), 'a supervisor of several agencies sees the agency column');
    });

    test('the list shows working days left, flags overdue in words, and the JSON list has no applicant identity', async () => {
      at('2026-11-26');
      let officer = await as('jingban');
      const created = await officer.post('/staff/requests', { ...application, agency: 'city-d1', channel: 'in-person', submittedOn: '2026-11-26', title: '东区2027年财政预算草案' });
      assert.equal(created.statusCode, 201);
      const open = await newest();
      assert.equal(open.dueOn, '2026-12-24');
      let list = await officer.get('/staff/requests?status=open');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes('剩 20 个工作日'));
      assert.ok(list.body.includes('自然人'), 'the applicant type, not the name');
      assert.ok(!list.body.includes('张晓明'));
      assert.ok(list.body.includes('登记申请'));

      at('2026-12-29');
      officer = await as('jingban');
      list = await officer.get('/staff/requests?status=open');
      assert.ok(list.body.includes('已超期 3 个工作日'));
      assert.ok(list.body.includes('rqs-row-overdue'));
      await service.sweepRequests(t.tdb.ctx);
      const home = await officer.get('/staff');
      assert.ok(home.body.includes('依申请公开'));
      assert.ok(home.body.includes('已超期 1 件'));
      assert.ok(home.body.includes(`已超过答复期限：<a href="/staff/requests/${open.id}">`), 'the overdue reminder');
      // Escalation: the supervisor of the city government sees the district's overdue request.
      const cityHome = await (await as('jiandu')).get('/staff');
      assert.ok(cityHome.body.includes(`已超过答复期限：<a href="/staff/requests/${open.id}">`));
      assert.ok(!(await (await as('waibu')).get('/staff')).body.includes(`/staff/requests/${open.id}"`), 'not for another agency');

      const api = await officer.get('/staff/api/requests?status=open');
      assert.equal(api.statusCode, 200);
      const json = api.json();
      assert.equal(json.total, 1);
      assert.equal(json.pageSize, 20);
      assert.equal(json.items[0].trackingNumber, open.trackingNumber);
      assert.equal(json.items[0].daysLeft, -3);
      assert.deepEqual(json.items[0].agency, { code: 'city-d1', name: '测试市东区人民政府' });
      const all = (await officer.get('/staff/api/requests')).body;
      assert.ok(!all.includes('张晓明') && !all.includes('11010519491231002X') && !all.includes('002X'), 'no applicant name or ID in the list');

      const detail = (await officer.get(`/staff/api/requests/${posted}`)).json();
      assert.equal(detail.applicant.idDocNumberMasked, '110105********002X');
      assert.ok(detail.clock.steps.length > 3);
      assert.ok(detail.letters.some((l: { kind: string }) => l.kind === 'reply'));
      assert.ok(detail.events.some((e: { kind: string; internal: boolean }) => e.kind === 'extension-proposed' && e.internal));

      const anonymous = await t.app.inject({ url: '/staff/api/requests' });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, 'UNAUTHENTICATED');
      const outsider = await as('waibu');
      assert.equal((await outsider.get(`/staff/api/requests/${posted}`)).json().error.code, 'FORBIDDEN');
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      assert.ok(doc.paths['/staff/api/requests'].get.description.includes('gk_session'));
    });
  });
}
