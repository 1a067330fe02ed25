/**
 * 意见征集 over HTTP on both engines: the public list and page, the comment form (CSRF, bilingual
 * 400 with the values re-shown, the thank-you page), the contact never in public HTML or JSON, the
 * API shapes, and the staff pages' permission and scope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../platform/audit/model.js';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';
import { moderateComment } from './comment.service.js';
import { createConsultation, publishConsultation } from './service.js';

const system = { actor: SYSTEM_ACTOR, staff: null };
const TEXT = '第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。';

for (const engine of ENGINES) {
  describe(`consultation routes [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let id: number;

    before(async () => {
      t = await createTestApp(engine);
      const h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'bianji', agencyId: h.bureau.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'waidi', agencyId: h.otherCity.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'jiandu', agencyId: h.city.id, roles: ['oversight'] });
      const c = await createConsultation(t.tdb.ctx, system, { agency: 'city-edu', title: '测试市课后服务管理办法（征求意见稿）', text: TEXT, opensOn: '2026-11-26', closesOn: '2026-12-25' });
      await publishConsultation(t.tdb.ctx, system, c.id);
      id = c.id;
    });
    after(async () => t?.close());

    test('the list and the page with its articles and comment links', async () => {
      const v = new Visitor(t.app);
      const list = await v.get('/consultations');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /测试市课后服务管理办法（征求意见稿）/);
      assert.match(list.body, /征求中/);
      const page = await v.get(`/consultations/${id}?article=2`);
      assert.equal(page.statusCode, 200);
      assert.equal((page.body.match(/对本条提意见/g) ?? []).length, 2);
      assert.match(page.body, /<option value="2" selected="">第二条<\/option>|<option value="2" selected>第二条<\/option>/);
      assert.match(page.body, /2026-11-26 至 2026-12-25（共 30 日）/);
      assert.equal((await v.get('/consultations/99999')).statusCode, 404);
      const hant = await v.get(`/consultations/${id}?lang=zh-Hant`);
      assert.match(hant.body, /徵求意見/);
    });

    test('the 互动交流 hub lists the open consultation with its closing date', async () => {
      const hub = await new Visitor(t.app).get('/participation');
      assert.equal(hub.statusCode, 200);
      assert.match(hub.body, new RegExp(`<a href="/consultations/${id}">测试市课后服务管理办法（征求意见稿）</a>（[^，]+，截止 2026-12-25）`));
    });

    test('the comment form: CSRF, 400 in both languages with the values kept, then thanks; the contact never shown', async () => {
      const v = new Visitor(t.app);
      await v.get(`/consultations/${id}`);
      const noToken = await v.post(`/consultations/${id}/comments`, { _csrf: '', body: '没有令牌的意见' });
      assert.equal(noToken.statusCode, 403);
      await v.get(`/consultations/${id}`);
      const bad = await v.post(`/consultations/${id}/comments`, { article: '1', body: '', name: '王小明', contact: '13912345678' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /请填写意见内容 \/ enter your comment/);
      assert.match(bad.body, /value="王小明"/);
      const ok = await v.post(`/consultations/${id}/comments`, { article: '1', body: '建议第一条写明制定依据。', name: '王小明', contact: '13912345678' });
      assert.equal(ok.statusCode, 201);
      assert.match(ok.body, /感谢您提出意见/);
      const pending = await t.tdb.ctx.db.selectFrom('consultationComment').selectAll().where('consultationId', '=', id).execute();
      assert.deepEqual(pending.map((c) => [c.articleNo, c.authorName, c.contact, c.status]), [[1, '王小明', '13912345678', 'pending']]);
      await moderateComment(t.tdb.ctx, system, pending[0]!.id, { decision: 'approve' });
      const page = await v.get(`/consultations/${id}`);
      assert.match(page.body, /王\*明/);
      assert.match(page.body, /建议第一条写明制定依据。/);
      assert.ok(!page.body.includes('13912345678') && !page.body.includes('王小明'), 'neither the contact nor the full name');
      const api = await v.get(`/api/v1/consultations/${id}`);
      assert.equal(api.statusCode, 200);
      assert.ok(!api.body.includes('13912345678') && !api.body.includes('contact'));
      assert.deepEqual(api.json().comments.map((c: { author: string; article: number }) => [c.author, c.article]), [['王*明', 1]]);
      const listApi = (await v.get('/api/v1/consultations?pageSize=5')).json();
      assert.deepEqual([listApi.total, listApi.page, listApi.pageSize, listApi.items[0].counts.received, listApi.items[0].counts.approved], [1, 1, 5, 1, 1]);
    });

    test('staff pages: read permission and agency scope', async () => {
      const editor = new Visitor(t.app);
      assert.equal((await editor.login('bianji', TEST_PASSWORD)).statusCode, 303);
      const list = await editor.get('/staff/consultations');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /测试市课后服务管理办法/);
      assert.equal((await editor.get(`/staff/consultations/${id}`)).statusCode, 200);
      const stranger = new Visitor(t.app);
      await stranger.login('waidi', TEST_PASSWORD);
      assert.doesNotMatch((await stranger.get('/staff/consultations')).body, /测试市课后服务管理办法/);
      assert.equal((await stranger.get(`/staff/consultations/${id}`)).statusCode, 403);
      await stranger.get('/staff/consultations');
      assert.equal((await stranger.post(`/staff/consultations/${id}/withdraw`, { reason: '越权' })).statusCode, 403);
      const oversight = new Visitor(t.app);
      await oversight.login('jiandu', TEST_PASSWORD);
      assert.equal((await oversight.get(`/staff/consultations/${id}`)).statusCode, 200, 'oversight reads');
      assert.equal((await oversight.post(`/staff/consultations/${id}/withdraw`, { reason: '只读' })).statusCode, 403, 'but does not write');
      assert.equal((await new Visitor(t.app).get('/staff/consultations')).statusCode, 302, 'to the sign-in page');
    });
  });
}
