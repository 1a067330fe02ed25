/**
 * 网站检查 on the workbench, through the real application on both engines: the ranking page in a
 * hand-written order (one site vetoed), who sees which sites, registering with refusals shown
 * again, "inspect now" running the fixture site in the background until the stored result shows
 * with its history and trend chart, the stored report as a page and as JSON, and escaping.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';
import { minimalReport, storeActiveRun, storeDoneRun } from './fixtures/runs.js';
import { startFixtureSite, type FixtureSite } from './fixtures/site.js';
import { registerSite } from './service.js';
import * as store from './store.js';

const system = { actor: SYSTEM_ACTOR, staff: null };

/** The site names of the ranking table, in page order. */
const rankedNames = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/staff\/inspection\/sites\/\d+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);
/** Asserts the page has the text, naming it (a message-less assert.ok re-reads the source to explain itself). */
const has = (body: string, ...texts: string[]) => {
  for (const text of texts) assert.ok(body.includes(text), `the page lacks: ${text}`);
};
const svgTitle = (html: string, id: string) => new RegExp(`<title id="${id}">([^<]*)</title>`).exec(html)?.[1];

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const engine of ENGINES) {
  describe(`网站检查 workbench [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let fixture: FixtureSite & { external: FixtureSite };
    const ids: Record<string, number> = {};
    const as = async (login: string) => {
      const v = new Visitor(t.app);
      assert.equal((await v.login(login, TEST_PASSWORD)).statusCode, 303, `${login} signs in`);
      return v;
    };

    before(async () => {
      t = await createTestApp(engine);
      fixture = await startFixtureSite();
      const h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'jcy.city', agencyId: h.city.id, roles: ['inspector'] });
      await makeUser(t.tdb.ctx, { login: 'jcy.d1', agencyId: h.district.id, roles: ['inspector'] });
      await makeUser(t.tdb.ctx, { login: 'jd.city', agencyId: h.city.id, roles: ['supervisor'] });
      await makeUser(t.tdb.ctx, { login: 'gly.d1', agencyId: h.district.id, roles: ['agency_admin'] });
      await makeUser(t.tdb.ctx, { login: 'xtgly', agencyId: h.otherCity.id, roles: ['system_admin'] });
      const site = async (agency: string, name: string, host: string) => registerSite(t.tdb.ctx, system, { agency, name, url: `https://${host}.example.gov.cn/` });
      const db = t.tdb.ctx.db;
      // 测试市政府网站: vetoed in September, 72.5 in November → ranked by 72.5.
      const city = await site('city', '测试市政府网站', 'city');
      await storeDoneRun(db, city, '2026-09-01T02:00:00.000Z', null);
      ids.cityRun = (await storeDoneRun(db, city, '2026-11-01T02:00:00.000Z', 72.5)).id;
      ids.city = city.id;
      // 测试市教育局网站: 95.0 in October, then a single veto → last.
      const edu = await site('city-edu', '测试市教育局网站', 'edu');
      await storeDoneRun(db, edu, '2026-10-01T02:00:00.000Z', 95);
      await storeDoneRun(db, edu, '2026-11-10T02:00:00.000Z', null);
      // 东区财政局网站: 91.0 → first.
      const cz = await site('city-d1-cz', '东区财政局网站', 'cz');
      await storeDoneRun(db, cz, '2026-11-05T02:00:00.000Z', 91);
      ids.cz = cz.id;
      // Another city's site, for nobody of this city to see.
      const other = await site('other', '另一市政府网站', 'other');
      await storeDoneRun(db, other, '2026-11-05T02:00:00.000Z', 99);
    });
    after(async () => {
      await t?.close();
      await fixture?.close();
      await fixture?.external.close();
    });

    test('the ranking: by latest score, the vetoed site last; the chart says the same; the city supervisor sees only the city’s sites', async () => {
      const supervisor = await as('jd.city');
      const page = await supervisor.get('/staff/inspection');
      assert.equal(page.statusCode, 200);
      assert.deepEqual(rankedNames(page.body), ['东区财政局网站', '测试市政府网站', '测试市教育局网站']);
      assert.match(page.body, /<td>1<\/td><th scope="row"><a [^>]+>东区财政局网站<\/a><\/th><td>测试市东区财政局<\/td><td><time datetime="2026-11-05T02:00:00.000Z">2026-11-05<\/time><\/td><td><span class="badge ok">合格<\/span><\/td><td>91.0<\/td>/);
      assert.match(page.body, /<td>3<\/td><th scope="row"><a [^>]+>测试市教育局网站<\/a><\/th>.*?<strong>不合格（单项否决）<\/strong><\/td><td>—<\/td>/);
      assert.equal(svgTitle(page.body, 'ins-scores-title'), '各网站最近一次检查得分（满分 100，60 分合格）：东区财政局网站 91.0，测试市政府网站 72.5，测试市教育局网站 单项否决');
      assert.ok(!page.body.includes('action="/staff/inspection/sites"'), 'no register form for a supervisor');
      assert.ok(page.body.includes('href="/staff/inspection"'), 'the navigation has 网站检查');
      assert.equal((await supervisor.get(`/staff/inspection/sites/${ids.cz}`)).statusCode, 200, 'a site below the city');
      const admin = await as('xtgly');
      assert.deepEqual(rankedNames((await admin.get('/staff/inspection')).body), ['另一市政府网站', '东区财政局网站', '测试市政府网站', '测试市教育局网站'], 'a system admin sees every site');
    });

    test('scope: a district inspector sees the district’s sites only, and cannot open or register the city’s', async () => {
      const inspector = await as('jcy.d1');
      assert.deepEqual(rankedNames((await inspector.get('/staff/inspection')).body), ['东区财政局网站']);
      assert.equal((await inspector.get(`/staff/inspection/sites/${ids.city}`)).statusCode, 403);
      assert.equal((await inspector.get(`/staff/inspection/runs/${ids.cityRun}`)).statusCode, 403);
      assert.equal((await inspector.get(`/staff/inspection/runs/${ids.cityRun}/report.json`)).statusCode, 403);
      assert.equal((await inspector.post(`/staff/inspection/sites/${ids.city}/run`)).statusCode, 403);
      assert.equal((await inspector.get('/staff/inspection/sites/999999')).statusCode, 404);
      await inspector.get('/staff/inspection');
      const res = await inspector.post('/staff/inspection/sites', { agency: 'city', name: '测试市政府新网站', url: 'https://new.city.example.gov.cn/', everyDays: '0' });
      assert.equal(res.statusCode, 400);
      has(res.body, 'agency: 只能登记本机关及下级机关的网站 / only sites of agencies in your scope');
      // The agency admin reads the district's sites, without the inspector's forms.
      const admin = await as('gly.d1');
      const site = await admin.get(`/staff/inspection/sites/${ids.cz}`);
      assert.equal(site.statusCode, 200);
      assert.ok(!site.body.includes('立即检查</button>'), 'no inspect-now button');
      has(site.body, '<dt>检查周期</dt>');
    });

    test('registering: a bad address is refused (400) with the message and the visitor’s input; no token, no save', async () => {
      const inspector = await as('jcy.d1');
      await inspector.get('/staff/inspection');
      const bad = await inspector.post('/staff/inspection/sites', { agency: 'city-d1', name: '东区测试局网站', url: 'www.d1-test', everyDays: '7' });
      assert.equal(bad.statusCode, 400);
      has(bad.body, '<div class="error-summary" role="alert"');
      has(bad.body, 'url: 网址无效，应如 https://www.example.gov.cn/ / not a valid address');
      assert.ok(bad.body.includes('value="www.d1-test"') && bad.body.includes('value="东区测试局网站"'), 'the input is shown again');
      const both = await inspector.post('/staff/inspection/sites', { agency: 'city-d1', name: '', url: 'mailto:x@example.cn' });
      has(both.body, 'name: 请填写网站名称 / enter the name', 'url: 只能检查 http:// 或 https:// 网址 / http(s) addresses only');
      assert.equal((await inspector.post('/staff/inspection/sites', { _csrf: 'forged', agency: 'city-d1', name: 'x', url: 'https://x.example.gov.cn/' })).statusCode, 403);
      assert.equal(await t.tdb.ctx.db.selectFrom('inspectionSite').select('id').where('name', 'in', ['东区测试局网站', 'x']).executeTakeFirst(), undefined);
    });

    test('inspect now: queued and run in the background; the site page then shows 合格 81.7, the history and the trend', async () => {
      const inspector = await as('jcy.d1');
      await inspector.get('/staff/inspection');
      const form = { agency: 'city-d1', name: '东区测试局网站', url: `${fixture.url}/`, everyDays: '0', maxPages: '1000', maxDepth: '10', concurrency: '4', delayMs: '0', timeoutSeconds: '5', retries: '1', include: '/', exclude: '', checkExternal: '1' };
      const registered = await inspector.post('/staff/inspection/sites', form);
      assert.equal(registered.statusCode, 303);
      const siteId = Number(/\/staff\/inspection\/sites\/(\d+)\?done=registered$/.exec(String(registered.headers.location))?.[1]);
      const site = (await store.findSite(t.tdb.ctx.db, siteId))!;
      // Two earlier inspections, by hand: a veto in September, 75.0 in October.
      await storeDoneRun(t.tdb.ctx.db, site, '2026-09-01T02:00:00.000Z', null);
      await storeDoneRun(t.tdb.ctx.db, site, '2026-10-01T02:00:00.000Z', 75);

      await inspector.get(`/staff/inspection/sites/${siteId}`);
      const started = await inspector.post(`/staff/inspection/sites/${siteId}/run`);
      assert.equal(started.statusCode, 303);
      assert.equal(started.headers.location, `/staff/inspection/sites/${siteId}?done=queued`);
      const run = await waitFor('the run to finish', async () => {
        const [latest] = await store.runsOfSite(t.tdb.ctx.db, siteId);
        return latest && (latest.status === 'done' || latest.status === 'failed') ? latest : undefined;
      });
      assert.deepEqual([run.status, run.verdict, run.score, run.findings, run.requestedBy], ['done', '合格', 81.7, 11, 'jcy.d1'], run.error ?? '');

      const page = await inspector.get(`/staff/inspection/sites/${siteId}`);
      assert.equal(page.statusCode, 200);
      has(page.body, '<dd>2026-11-26：合格 · 81.7</dd>');
      assert.equal(svgTitle(page.body, 'ins-trend-title'), '得分趋势（3 次检查，满分 100，60 分合格）：2026-09-01 单项否决，2026-10-01 75.0，2026-11-26 81.7');
      assert.equal((page.body.match(/<polyline /g) ?? []).length, 1, 'the line joins 75.0 and 81.7; the veto breaks it');
      assert.equal((page.body.match(/<g class="ins-veto">/g) ?? []).length, 1);
      const rows = [...page.body.matchAll(/<tr><th scope="row"><time datetime="([^"]+)">[^<]+<\/time><\/th><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
      assert.deepEqual(rows, ['2026-11-26T02:00:00.000Z 已完成 合格 · 81.7', '2026-10-01T02:00:00.000Z 已完成 合格 · 75.0', '2026-09-01T02:00:00.000Z 已完成 不合格 · 单项否决']);

      // The report: the standalone page (its own inline styles allowed, nothing else) and the JSON.
      const report = await inspector.get(`/staff/inspection/runs/${run.id}`);
      assert.equal(report.statusCode, 200);
      assert.match(String(report.headers['content-type']), /^text\/html/);
      assert.match(String(report.headers['content-security-policy']), /^default-src 'none'; style-src 'unsafe-inline';/);
      has(report.body, '结论：合格，得分 81.7');
      const json = await inspector.get(`/staff/inspection/runs/${run.id}/report.json`);
      assert.equal(json.statusCode, 200);
      assert.match(String(json.headers['content-disposition']), /^attachment; .*\.json/);
      const parsed = json.json<{ score: number; findings: unknown[]; site: string }>();
      assert.deepEqual([parsed.score, parsed.findings.length, parsed.site], [81.7, 11, `${fixture.url}/`]);

      // While a run is under way the page says so, and a second "inspect now" is refused.
      await storeActiveRun(t.tdb.ctx.db, siteId, '2026-11-26T01:30:00.000Z', 'running');
      const busy = await inspector.get(`/staff/inspection/sites/${siteId}`);
      has(busy.body, '正在检查（2026-11-26 09:30 起）');
      const again = await inspector.post(`/staff/inspection/sites/${siteId}/run`);
      assert.equal(again.statusCode, 409);
      has(again.body, '该网站的检查正在进行，请等待完成后再检查 / An inspection of this site is already under way');
      const active = await store.activeRun(t.tdb.ctx.db, siteId);
      const runPage = await inspector.get(`/staff/inspection/runs/${active!.id}`);
      assert.equal(runPage.statusCode, 200);
      has(runPage.body, '东区测试局网站 · 检查记录（检查中）');
      assert.equal((await inspector.get(`/staff/inspection/runs/${active!.id}/report.json`)).statusCode, 404);
    });

    test('settings: refused with 400 and the message, then saved; deleting asks for the box to be ticked', async () => {
      const inspector = await as('jcy.d1');
      await inspector.get(`/staff/inspection/sites/${ids.cz}`);
      const base = { agency: 'city-d1-cz', name: '东区财政局网站', url: 'https://cz.example.gov.cn/', maxPages: '500', checkExternal: '1' };
      const bad = await inspector.post(`/staff/inspection/sites/${ids.cz}`, { ...base, everyDays: '-3' });
      assert.equal(bad.statusCode, 400);
      has(bad.body, 'everyDays: 检查周期（天）不能小于 0 / at least 0', 'value="-3"');
      const ok = await inspector.post(`/staff/inspection/sites/${ids.cz}`, { ...base, everyDays: '30' });
      assert.equal(ok.statusCode, 303);
      const saved = (await store.findSite(t.tdb.ctx.db, ids.cz!))!;
      assert.deepEqual([saved.everyDays, JSON.parse(saved.options).maxPages, JSON.parse(saved.options).ignoreRobots], [30, 500, false]);
      const page = await inspector.get(`/staff/inspection/sites/${ids.cz}?done=saved`);
      has(page.body, '设置已保存。', '<dt>下次自动检查</dt><dd>2026-12-05 10:00');
      const unconfirmed = await inspector.post(`/staff/inspection/sites/${ids.cz}/delete`);
      assert.equal(unconfirmed.statusCode, 400);
      has(unconfirmed.body, 'confirm: 请勾选确认删除 / tick the box to confirm');
      const deleted = await inspector.post(`/staff/inspection/sites/${ids.cz}/delete`, { confirm: '1' });
      assert.deepEqual([deleted.statusCode, deleted.headers.location], [303, '/staff/inspection?done=deleted']);
      assert.equal(await store.findSite(t.tdb.ctx.db, ids.cz!), undefined);
      assert.equal((await t.tdb.ctx.db.selectFrom('inspectionRun').select('id').where('siteId', '=', ids.cz!).execute()).length, 0, 'its runs went with it');
    });

    test('names and findings are escaped on every page', async () => {
      const site = await registerSite(t.tdb.ctx, system, { agency: 'city-d1', name: '<script>alert(1)</script>网站', url: 'https://esc.example.gov.cn/?a=1&b="2"' });
      const report = { ...minimalReport(site.url, '2026-11-20T02:00:00.000Z', '合格', 90), findings: [{ kind: 'broken-link' as const, url: 'https://esc.example.gov.cn/"><img src=x onerror=alert(2)>', foundOn: site.url, status: 404, detail: '<script>alert(3)</script>', onHomepage: true }] };
      const run = await store.insertRun(t.tdb.ctx.db, { siteId: site.id, status: 'done', requestedBy: 'test', queuedAt: report.startedAt, finishedAt: report.finishedAt, verdict: '合格', score: 90, pages: 1, vetoes: 0, findings: 1, report: JSON.stringify(report) });
      const inspector = await as('jcy.d1');
      for (const url of ['/staff/inspection', `/staff/inspection/sites/${site.id}`, `/staff/inspection/runs/${run.id}`]) {
        const res = await inspector.get(url);
        assert.equal(res.statusCode, 200, url);
        assert.ok(!/<script>alert|<img src=x/.test(res.body), `${url} escapes`);
        assert.ok(res.body.includes('&lt;script>alert(') || res.body.includes('&lt;script&gt;alert('), `${url} shows the text`);
      }
    });
  });
}
