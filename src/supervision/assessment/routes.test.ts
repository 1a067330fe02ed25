/**
 * 工作考核 pages through the real application on the demo city, both engines: who sees what (city
 * supervisor, district supervisor, oversight, public), the drill-down, the settings page (403 for
 * non-admins, 400 with the values shown again, 303 and an audit entry), the public page's 繁體
 * twin and the JSON API. The exact figures are service.test.ts (the demo data changes).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../seed/demo.js';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';

const PASSWORD = 'Demo-Passw0rd!';
const rowNames = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/staff\/assessment\/[^"?]+\?year=\d{4}">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);

for (const engine of ENGINES) {
  describe(`工作考核 pages [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    const as = async (login: string) => {
      const v = new Visitor(t.app);
      assert.equal((await v.login(login, PASSWORD)).statusCode, 303, `${login} signs in`);
      return v;
    };
    before(async () => {
      t = await createTestApp(engine);
      await seedDemo(t.tdb.ctx, { password: PASSWORD });
    });
    after(async () => t?.close());

    test('the city supervisor sees the whole city with chart and roll-up', async () => {
      const v = await as('zhaozq');
      const res = await v.get('/staff/assessment');
      assert.equal(res.statusCode, 200);
      const names = rowNames(res.body);
      assert.ok(names.includes('岚江市人民政府') && names.some((n) => n?.includes('教育局')) && names.some((n) => n?.includes('湖西区')), names.join('、'));
      assert.match(res.body, /<svg role="img"/);
      assert.match(res.body, /及所属 \d+ 个单位汇总/);
      assert.equal((await v.get('/staff/assessment?year=1999')).statusCode, 400);
      assert.equal((await v.get('/staff/assessment/ljs/nothing')).statusCode, 404);
      // the demo list's last clean-up round took effect 2025-09-30: the supervisor (service.view) gets links to the items
      const si = await v.get('/staff/assessment/ljs/serviceItems?year=2025&scope=subtree');
      assert.equal(si.statusCode, 200);
      assert.match(si.body, /href="\/staff\/services\/items\/ljs-[a-z]+-[A-Z]{2}-\d{4}"/);
    });

    test('the district supervisor: 湖西区 and below only', async () => {
      const v = await as('heyu');
      const names = rowNames((await v.get('/staff/assessment')).body);
      assert.ok(names.length >= 1 && !names.includes('岚江市人民政府') && !names.some((n) => n?.includes('教育局') && !n.includes('湖西')), names.join('、'));
      assert.equal((await v.get('/staff/assessment/ljs-jyj')).statusCode, 403);
      assert.equal((await v.get('/staff/assessment?agency=ljs')).statusCode, 403);
      assert.equal((await v.get('/staff/assessment/ljs/disclosure')).statusCode, 403);
    });

    test('oversight reads the pages and the drill-down, without links it cannot open, and no settings', async () => {
      const v = await as('qianlh');
      const home = await v.get('/staff/assessment');
      assert.equal(home.statusCode, 200);
      assert.doesNotMatch(home.body, /<form method="post" action="\/staff\/(?!logout)/);
      const agency = await v.get('/staff/assessment/ljs?year=2026');
      assert.equal(agency.statusCode, 200);
      assert.match(agency.body, /按月趋势/);
      const d = await v.get('/staff/assessment/ljs/disclosure?year=2026&scope=subtree');
      assert.equal(d.statusCode, 200);
      assert.match(d.body, /共计入 \d+ 项/);
      assert.doesNotMatch(d.body, /href="\/staff\/records\//, 'oversight cannot open records: no links to them');
      const si = await v.get('/staff/assessment/ljs/serviceItems?year=2026&scope=subtree');
      assert.equal(si.statusCode, 200);
      assert.match(si.body, /办事事项更新及时率/);
      assert.doesNotMatch(si.body, /href="\/staff\/services\/items\//, 'oversight cannot open service items: no links to them');
      assert.equal((await v.get('/staff/assessment/ljs/disclosure?month=13')).statusCode, 400);
      assert.equal((await v.get('/staff/supervision/settings')).statusCode, 403);
    });

    test('settings: 400 with the values again, then saved and audited', async () => {
      const v = await as('admin');
      const page = await v.get('/staff/supervision/settings');
      assert.equal(page.statusCode, 200);
      const good = { consultationMinDays: '30', messageAnswerWorkingDays: '10', dueSoonWorkingDays: '3', digestHour: '8', interpretationLagWorkingDays: '3', emailDigests: '1', w_disclosure: '20', w_requests: '20', w_interpretation: '10', w_website: '15', w_messages: '15', w_evaluation: '10', w_services: '10', w_serviceItems: '5' };
      const bad = await v.post('/staff/supervision/settings', { ...good, w_website: 'abc', interpretationLagWorkingDays: '31' });
      assert.equal(bad.statusCode, 400);
      const lateHour = await v.post('/staff/supervision/settings', { ...good, digestHour: '24' });
      assert.equal(lateHour.statusCode, 400);
      assert.match(lateHour.body, /digestHour: 每日提醒发送时间（0–23时）超出允许范围/);
      assert.match(bad.body, /应为整数 \/ enter a whole number/);
      assert.match(bad.body, /value="abc"/);
      const zero = await v.post('/staff/supervision/settings', { ...good, w_disclosure: '0', w_requests: '0', w_interpretation: '0', w_website: '0', w_messages: '0', w_evaluation: '0', w_services: '0', w_serviceItems: '0' });
      assert.equal(zero.statusCode, 400);
      assert.match(zero.body, /至少一项指标的权重须大于0/);
      await v.get('/staff/supervision/settings');
      const ok = await v.post('/staff/supervision/settings', { ...good, w_website: '30', digestHour: '9' });
      assert.equal(ok.statusCode, 303);
      const saved = (await v.get('/staff/supervision/settings')).body;
      assert.match(saved, /name="w_website" type="number" value="30"/);
      assert.match(saved, /name="digestHour"[^>]*value="9"/);
      const audit = await t.tdb.ctx.db.selectFrom('auditEntry').select('actorLogin').where('action', '=', 'supervision.settings').execute();
      assert.deepEqual(audit.map((a) => a.actorLogin), ['admin']);
    });

    test('public page, its 繁體 twin and the JSON API', async () => {
      const v = new Visitor(t.app);
      const res = await v.get('/assessment');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /政务公开工作考核/);
      assert.match(res.body, /岚江市人民政府/);
      assert.doesNotMatch(res.body, /1[3-9]\d{9}/, 'no phone numbers');
      assert.match((await v.get('/assessment?lang=zh-Hant')).body, /政務公開工作考/);
      assert.equal((await v.get('/assessment?year=abc')).statusCode, 400);
      const api = await v.get('/api/v1/assessment/2026');
      assert.equal(api.statusCode, 200);
      const json = api.json<{ year: number; agencies: { code: string; rank: number | null; indicators: Record<string, { numerator: number; denominator: number }> }[] }>();
      assert.equal(json.year, 2026);
      assert.ok(json.agencies.some((a) => a.code === 'ljs'));
      assert.ok(Object.keys(json.agencies[0]!.indicators).includes('disclosure'));
      assert.ok(json.agencies.every((a) => 'serviceItems' in a.indicators), 'the eighth indicator in every agency');
      assert.match(res.body, /<th scope="col">办事事项更新及时率<\/th>/);
      assert.equal((await v.get('/api/v1/assessment/20x6')).statusCode, 400);
      const doc = (await v.get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
      assert.ok('/api/v1/assessment/{year}' in doc.paths);
    });
  });
}
