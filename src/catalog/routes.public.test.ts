import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import type { RecordRow } from '../platform/db/schema.js';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { createTestApp, type TestApp } from '../test-support/http.js';
import * as catalog from './service.js';

const system = { actor: SYSTEM_ACTOR, staff: null };
const base = {
  title: '测试市教育局关于推进义务教育优质均衡发展的通知',
  docNumber: '测教发〔2026〕21号',
  writtenOn: '2026-11-20',
  formedOn: '2026-11-20',
  topic: '科技、教育\\教育',
  genre: '通知',
  category: '执行公开',
  statutoryItem: 11,
  keywords: '义务教育、均衡发展',
  bodyHtml: '<p>各区县教育局：</p><p>为推进义务教育优质均衡发展，现通知如下。</p>',
};

for (const engine of ENGINES) {
  describe(`public catalogue, record pages, API and feeds [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let published: RecordRow;
    let withheld: RecordRow;
    let revised: RecordRow;
    let withdrawn: RecordRow;

    async function publish(agency: string, input: Record<string, unknown>, approve: catalog.ApproveOptions = {}) {
      const draft = await catalog.createDraft(t.tdb.ctx, system, agency, { ...base, ...input });
      await catalog.submitForReview(t.tdb.ctx, system, draft.id);
      return catalog.approve(t.tdb.ctx, system, draft.id, approve);
    }

    before(async () => {
      t = await createTestApp(engine);
      await makeHierarchy(t.tdb.ctx);
      published = await publish('city-edu', {});
      await publish('city', { title: '测试市人民政府关于印发2026年重点民生实事项目的通知', docNumber: '测政发〔2026〕2号', topic: '综合政务\\政务督查', genre: '通知', category: '决策公开', statutoryItem: 3 });
      withheld = await publish('city-edu', { title: '测试市教育局内部人事调整方案', mode: '不予公开', ground: 'INTERNAL_AFFAIRS', groundReason: '属于人事管理内部事务信息。', docNumber: '' }, { confirmGround: true });
      revised = await publish('city-d1-cz', { title: '测试市东区2026年部门预算公开', docNumber: '', topic: '财政、金融、审计\\财政', genre: '公告', category: '管理公开', statutoryItem: 7 });
      revised = await catalog.revise(t.tdb.ctx, system, revised.id, { ...base, title: '测试市东区2026年部门预算公开', docNumber: '', topic: '财政、金融、审计\\财政', genre: '公告', category: '管理公开', statutoryItem: 7, bodyHtml: '<p>更正后的预算表。</p>' }, '更正预算表第三项');
      withdrawn = await publish('city-edu', { title: '测试市教育局关于暑期托管服务的通知', docNumber: '测教发〔2026〕22号' });
      withdrawn = await catalog.withdraw(t.tdb.ctx, system, withdrawn.id, '托管服务安排已调整，请以新通知为准。');
    });
    after(async () => t?.close());

    test('the catalogue lists published records only and filters by agency, topic, category, genre, year and 文号', async () => {
      const all = await t.app.inject({ url: '/catalogue' });
      assert.equal(all.statusCode, 200);
      assert.ok(all.body.includes(published.title));
      assert.ok(!all.body.includes('内部人事调整方案'), 'withheld records never appear');
      assert.ok(!all.body.includes('暑期托管服务'), 'withdrawn records leave the listing');
      const api = async (qs: string) => (await t.app.inject({ url: `/api/v1/records?${qs}` })).json<{ total: number; items: { title: string }[] }>();
      assert.equal((await api('')).total, 3);
      assert.equal((await api('agency=city-edu')).total, 1);
      assert.equal((await api('agency=city&below=1')).total, 3);
      assert.equal((await api('topic=' + encodeURIComponent('科技、教育'))).total, 1);
      assert.equal((await api('category=' + encodeURIComponent('管理公开'))).total, 1);
      // A 繁體 page sends its option values in 繁體 (管理公開); they filter like the 简体 ones.
      assert.equal((await api('category=' + encodeURIComponent('管理公開'))).total, 1);
      const hant = await t.app.inject({ url: `/catalogue?lang=zh-Hant&category=${encodeURIComponent('管理公開')}` });
      assert.equal(hant.statusCode, 200);
      assert.equal((await api('genre=' + encodeURIComponent('公告'))).total, 1);
      assert.equal((await api('year=2026')).total, 3);
      assert.equal((await api('year=2025')).total, 0);
      assert.equal((await api('item=7')).total, 1);
      for (const variant of ['测教发〔2026〕21号', '测教发[2026]21号', '测教发(2026)21号']) {
        assert.deepEqual((await api(`docNumber=${encodeURIComponent(variant)}`)).items.map((i) => i.title), [published.title], variant);
      }
      assert.equal((await t.app.inject({ url: '/api/v1/records?category=nope' })).statusCode, 400);
    });

    test('a record page shows the metadata table, body, versions and a print view', async () => {
      const page = await t.app.inject({ url: `/records/${published.id}` });
      assert.equal(page.statusCode, 200);
      for (const label of ['索引号', '主题分类', '发文机关', '成文日期', '标题', '文号', '发布日期', '有效性', published.indexNumber, '测教发〔2026〕21号', '为推进义务教育优质均衡发展']) {
        assert.ok(page.body.includes(label), label);
      }
      const history = await t.app.inject({ url: `/records/${revised.id}` });
      assert.ok(history.body.includes('版本记录'));
      assert.ok(history.body.includes('更正预算表第三项'));
      assert.ok(history.body.includes('更正后的预算表'));
      const v1 = await t.app.inject({ url: `/records/${revised.id}/versions/1` });
      assert.equal(v1.statusCode, 200);
      assert.ok(v1.body.includes('您正在查看第 1 版'));
      assert.ok(v1.body.includes('为推进义务教育优质均衡发展'), 'version 1 keeps its original text');
      assert.equal((await t.app.inject({ url: `/records/${revised.id}/versions/9` })).statusCode, 404);
      const print = await t.app.inject({ url: `/records/${published.id}/print` });
      assert.equal(print.statusCode, 200);
      assert.doesNotMatch(print.body, /class="main-nav"/);
    });

    test('a withdrawn record keeps its URL and says why; withheld records are not found', async () => {
      const page = await t.app.inject({ url: `/records/${withdrawn.id}` });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('本信息已于'));
      assert.ok(page.body.includes('托管服务安排已调整，请以新通知为准。'));
      assert.ok(!page.body.includes('为推进义务教育优质均衡发展'), 'the withdrawn body is not shown');
      assert.equal((await t.app.inject({ url: `/records/${withheld.id}` })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/api/v1/records/${withheld.id}` })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/api/v1/records/${encodeURIComponent(withheld.indexNumber)}` })).statusCode, 404);
    });

    test('the 繁體 page converts by phrase: 推進, never a pinyin annotation', async () => {
      const page = await t.app.inject({ url: `/records/${published.id}?lang=zh-Hant` });
      assert.ok(page.body.includes('關於推進義務教育優質均衡發展的通知'));
      assert.doesNotMatch(page.body, /推進\(|\(jìn\)|[āáǎàēéěèīíǐìōóǒòūúǔù]/);
    });

    test('the API gives a record by id or 索引号 with versions; lists use the standard envelope', async () => {
      const byIndex = await t.app.inject({ url: `/api/v1/records/${encodeURIComponent(revised.indexNumber)}` });
      assert.equal(byIndex.statusCode, 200);
      const body = byIndex.json();
      assert.equal(body.id, revised.id);
      assert.deepEqual(body.versions.map((v: { version: number }) => v.version), [1, 2]);
      assert.equal(body.issuers[0].code, 'city-d1-cz');
      assert.equal(body.status, undefined, 'workflow internals stay internal');
      const list = (await t.app.inject({ url: '/api/v1/records?pageSize=2' })).json();
      assert.deepEqual(Object.keys(list).sort(), ['items', 'page', 'pageSize', 'total']);
      assert.equal(list.items.length, 2);
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      assert.ok(doc.paths['/api/v1/records'].get);
      assert.ok(doc.paths['/api/v1/records/{id}'].get);
    });

    test('Atom feeds per agency, topic and category, and the sitemap', async () => {
      const feed = await t.app.inject({ url: '/feeds/city-edu.atom', headers: { host: 'gk.example' } });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/);
      assert.match(feed.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      assert.ok(feed.body.includes(`<link rel="alternate" type="text/html" href="http://gk.example/records/${published.id}"/>`));
      assert.ok(!feed.body.includes('暑期托管服务'));
      const topic = await t.app.inject({ url: `/feeds/topics/${encodeURIComponent('财政、金融、审计')}.atom` });
      assert.equal(topic.statusCode, 200);
      assert.ok(topic.body.includes('测试市东区2026年部门预算公开'));
      const category = await t.app.inject({ url: `/feeds/categories/${encodeURIComponent('决策公开')}.atom` });
      assert.ok(category.body.includes('重点民生实事项目'));
      assert.equal((await t.app.inject({ url: '/feeds/nowhere.atom' })).statusCode, 404);
      const map = await t.app.inject({ url: '/sitemap.xml', headers: { host: 'gk.example' } });
      assert.ok(map.body.includes(`<loc>http://gk.example/records/${published.id}</loc>`));
      assert.ok(!map.body.includes(`/records/${withheld.id}<`));
      for (const path of ['/consultations', '/messages', '/assessment']) assert.ok(map.body.includes(`<loc>http://gk.example${path}</loc>`), `${path} in the sitemap`);
    });

    test('each agency has its statutory columns (条例 第二十条) with counts', async () => {
      const page = await t.app.inject({ url: '/agencies/city-d1-cz/columns' });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('财政预算、决算信息'));
      assert.match(page.body, /item=7">财政预算、决算信息<\/a><\/td><td>1<\/td>/);
    });
  });
}
