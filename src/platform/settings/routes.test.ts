import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { makeAgency, makeUser, TEST_PASSWORD } from '../../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';

for (const engine of ENGINES) {
  describe(`site identity page [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
      const city = await makeAgency(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'root.admin', agencyId: city.id, roles: ['system_admin'] });
    });
    after(async () => t?.close());

    test('a system admin changes the site identity; every page shows it at once, and the change is audited', async () => {
      const admin = new Visitor(t.app);
      await admin.login('root.admin', TEST_PASSWORD);
      await admin.get('/staff/site');
      const bad = await admin.post('/staff/site', { siteName: '', shortName: '测试' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('请填写网站名称'));
      const ok = await admin.post('/staff/site', {
        siteName: '测试市人民政府门户网站',
        shortName: '测试政务公开',
        siteCode: '4304000001',
        icp: '湘ICP备00000000号',
        host: '主办：测试市人民政府办公室',
      });
      assert.equal(ok.statusCode, 303);
      const home = await t.app.inject({ url: '/help' });
      assert.ok(home.body.includes('测试市人民政府门户网站'));
      assert.ok(home.body.includes('网站标识码：4304000001'));
      assert.ok(home.body.includes('<title>帮助 - 测试政务公开</title>'));
      assert.ok(home.body.includes('<meta name="SiteIDCode" content="4304000001"/>'));
      const audit = await admin.get('/staff/audit?action=site.');
      assert.ok(audit.body.includes('修改网站标识信息'));
    });
  });
}
