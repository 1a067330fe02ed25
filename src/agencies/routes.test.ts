import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { findAgencyByCode, updateAgency } from './service.js';

for (const engine of ENGINES) {
  describe(`agency pages and API [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
      const h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'd1.admin', agencyId: h.district.id, roles: ['agency_admin'] });
    });
    after(async () => t?.close());

    test('the public tree lists governments and departments with links to each guide', async () => {
      const res = await t.app.inject({ url: '/agencies' });
      assert.equal(res.statusCode, 200);
      for (const code of ['city', 'city-edu', 'city-d1', 'city-d1-cz', 'other']) assert.ok(res.body.includes(`href="/agencies/${code}"`), code);
    });

    test('the disclosure guide is generated from the guide fields, with the statutory sections', async () => {
      await updateAgency(t.tdb.ctx, { actor: SYSTEM_ACTOR, staff: null }, 'city-d1-cz', {
        name: '测试市东区财政局',
        level: '县',
        kind: 'department',
        parentCode: 'city-d1',
        officeName: '东区财政局办公室',
        officeAddress: '东区建设路8号',
        phone: '0748-83001234',
        feePolicy: '依申请提供政府信息，不收取费用。',
      });
      const res = await t.app.inject({ url: '/agencies/city-d1-cz' });
      assert.equal(res.statusCode, 200);
      for (const text of ['测试市东区财政局政府信息公开指南', '一、政府信息的分类与编排体系', '二、获取政府信息的方式', '三、政府信息公开工作机构', '东区财政局办公室', '东区建设路8号', '0748-83001234', '不收取费用', '上一级行政机关（测试市东区人民政府）']) {
        assert.ok(res.body.includes(text), text);
      }
      assert.equal((await t.app.inject({ url: '/agencies/NOT_A_CODE' })).statusCode, 404);
    });

    test('GET /api/v1/agencies pages and filters; GET /api/v1/agencies/{code} shows guide fields', async () => {
      const all = (await t.app.inject({ url: '/api/v1/agencies' })).json();
      assert.equal(all.total, 5);
      assert.equal(all.page, 1);
      const children = (await t.app.inject({ url: '/api/v1/agencies?parent=city' })).json();
      assert.deepEqual(children.items.map((a: { code: string }) => a.code).sort(), ['city-d1', 'city-edu']);
      const governments = (await t.app.inject({ url: '/api/v1/agencies?kind=government&pageSize=2&page=2' })).json();
      assert.equal(governments.total, 3);
      assert.equal(governments.items.length, 1);
      const one = (await t.app.inject({ url: '/api/v1/agencies/city-d1-cz' })).json();
      assert.equal(one.parentCode, 'city-d1');
      assert.equal(one.guide.officeAddress, '东区建设路8号');
      assert.equal(one.id, undefined, 'internal ids stay internal');
      assert.equal((await t.app.inject({ url: '/api/v1/agencies?pageSize=100000' })).statusCode, 400);
    });

    test('an agency admin creates a department through the form; errors re-render the form with 400', async () => {
      const v = new Visitor(t.app);
      await v.login('d1.admin', TEST_PASSWORD);
      await v.get('/staff/agencies/new');
      const bad = await v.post('/staff/agencies', { code: 'city-d1-jy', name: '', level: '县', kind: 'department', parentCode: 'city-d1', email: 'nope' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('请修改以下问题'));
      assert.ok(bad.body.includes('value="city-d1-jy"'), 'the form keeps what was typed');
      assert.equal(await findAgencyByCode(t.tdb.ctx.db, 'city-d1-jy'), undefined);
      const ok = await v.post('/staff/agencies', { code: 'city-d1-jy', name: '测试市东区教育局', level: '县', kind: 'department', parentCode: 'city-d1', phone: '0748-83005678' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/staff/agencies/city-d1-jy/edit?saved=1');
      const row = await findAgencyByCode(t.tdb.ctx.db, 'city-d1-jy');
      assert.equal(row?.phone, '0748-83005678');
      const edit = await v.post('/staff/agencies/city-d1-jy', { name: '测试市东区教育体育局', level: '县', kind: 'department', parentCode: 'city-d1' });
      assert.equal(edit.statusCode, 303);
      assert.equal((await findAgencyByCode(t.tdb.ctx.db, 'city-d1-jy'))?.name, '测试市东区教育体育局');
      const audit = await v.get('/staff/audit?objectType=agency');
      assert.ok(audit.body.includes('修改机构 测试市东区教育体育局'));
      assert.match(audit.body, /变更字段：name、phone/, 'the form omitted the phone, so it was cleared');
      assert.ok(audit.body.includes('d1.admin'));
    });
  });
}
