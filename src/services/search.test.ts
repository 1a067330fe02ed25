/**
 * 办事事项 found through the shared search analysis: the stored token columns, the hall's q filter
 * (繁體, several words, materials, life events, agencies; name matches first; items off the list
 * never), the backfill of migration 08, and the 办事服务 block of /search and /api/v1/search.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrateOrThrow, migrator } from '../platform/db/migrate.js';
import type { ServiceDeps } from '../platform/context.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeAgency, makeHierarchy } from '../test-support/factories.js';
import { createTestApp, type TestApp } from '../test-support/http.js';
import { itemSearchColumns, itemQueryTokens } from './search.js';
import { listItems, saveItem } from './service.js';

const by = { actor: { id: null, login: 'test' } };
const R1 = { on: '2026-01-05', document: '测政发〔2026〕1号', reason: '公布政务服务事项清单' };

const guide = (code: string, name: string, agency: string, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  type: '行政确认',
  agency,
  legalBasis: '《测试条例》第一条',
  materials: [{ name: '居民身份证', form: '原件', copies: 1, required: true }],
  promisedDays: 10,
  ...extra,
});

/**
 * The items every suite searches: the marriage item (民政局; materials 户口簿, 声明书), two
 * unemployment items (only one says both 失业 and 登记), a household item that mentions 结婚 only
 * in a material, and a marriage item taken off the list.
 */
async function makeItems(deps: ServiceDeps): Promise<void> {
  await makeHierarchy(deps);
  await makeAgency(deps, { code: 'city-mz', name: '测试市民政局', kind: 'department', parentCode: 'city' });
  await makeAgency(deps, { code: 'city-rs', name: '测试市人力资源和社会保障局', kind: 'department', parentCode: 'city' });
  const materials = [
    { name: '居民户口簿', form: '原件', copies: 1, required: true },
    { name: '结婚登记声明书', form: '原件', copies: 1, required: true },
  ];
  await saveItem(deps, by, guide('MZ-0001', '内地居民结婚登记', 'city-mz', { events: ['婚姻'], materials, conditions: '男女双方均无配偶。', promisedDays: 0 }), { kind: 'added', ...R1 });
  await saveItem(deps, by, guide('RS-0001', '就业失业登记', 'city-rs', { type: '公共服务', events: ['就业'] }), { kind: 'added', ...R1 });
  await saveItem(deps, by, guide('RS-0002', '失业保险金申领', 'city-rs', { type: '行政给付', events: ['就业'] }), { kind: 'added', ...R1 });
  await saveItem(deps, by, guide('CITY-0001', '户口迁移审批', 'city', { type: '行政许可', materials: [{ name: '结婚证', form: '复印件', copies: 1, required: false }] }), { kind: 'added', ...R1 });
  const archive = guide('MZ-0002', '婚姻登记档案查询', 'city-mz', { type: '公共服务' });
  await saveItem(deps, by, archive, { kind: 'added', ...R1 });
  await saveItem(deps, by, archive, { kind: 'cancelled', on: '2026-06-30', document: '测政发〔2026〕9号', reason: '改为网上自助查询' });
}

describe('service item tokens (pure)', () => {
  test('every field is analysed; tokens are stored once, space-delimited on both sides', () => {
    const columns = itemSearchColumns(
      { name: '內地居民結婚登記', type: '行政确认', events: ['婚姻'], materials: [{ name: '居民户口簿' }], conditions: '双方均无配偶。' },
      '测试市民政局',
    );
    assert.equal(columns.nameTokens, ' 内地 居民 结婚 登记 ', '繁體 folds to 简体');
    assert.equal(columns.searchText, ' 内地 居民 结婚 登记 测试 市 民政 局 行政 确认 婚姻 户口 簿 双方 均 无 配偶 ', '居民 once');
    assert.deepEqual(itemSearchColumns({ name: '。', type: '', events: [], materials: [], conditions: '' }, ''), { searchText: '', nameTokens: '' });
  });

  test('a query becomes the tokens it needs and the ones it excludes', () => {
    assert.deepEqual(itemQueryTokens('結婚登記'), { all: ['结婚', '登记'], none: [] });
    assert.deepEqual(itemQueryTokens('失业 登记'), { all: ['失业', '登记'], none: [] });
    assert.deepEqual(itemQueryTokens('登记 -结婚'), { all: ['登记'], none: [['结婚']] });
    assert.equal(itemQueryTokens('。，'), null);
  });
});

for (const engine of ENGINES) {
  describe(`service item search [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    const find = async (q: string) => (await listItems(tdb.handle.db, { agency: '', event: '', type: '', q, page: 1, pageSize: 20 })).items.map((i) => i.code);

    before(async () => {
      tdb = await createTestDatabase(engine);
      await makeItems(tdb.ctx);
    });
    after(async () => tdb?.drop());

    test('simplified and 繁體 words find the item, whatever their spacing', async () => {
      assert.deepEqual(await find('结婚登记'), ['MZ-0001']);
      assert.deepEqual(await find('結婚登記'), ['MZ-0001']);
      assert.deepEqual(await find('登记 结婚'), ['MZ-0001']);
      assert.deepEqual(await find('内地居民结婚登记'), ['MZ-0001']);
    });

    test('materials, conditions, life events, type and agency name find an item too', async () => {
      assert.deepEqual(await find('户口簿'), ['MZ-0001'], 'a material');
      assert.deepEqual(await find('声明书'), ['MZ-0001'], 'another material');
      assert.deepEqual(await find('配偶'), ['MZ-0001'], 'the conditions');
      assert.deepEqual(await find('婚姻'), ['MZ-0001'], 'the life event; the cancelled 婚姻登记档案查询 is not listed');
      assert.deepEqual(await find('民政局'), ['MZ-0001'], "the agency's name");
      assert.deepEqual(await find('行政给付'), ['RS-0002'], 'the type');
    });

    test('several words: every one must be there', async () => {
      assert.deepEqual(await find('失业 登记'), ['RS-0001'], '失业保险金申领 has no 登记, 结婚登记 no 失业');
      assert.deepEqual(await find('失業 登記'), ['RS-0001']);
      assert.deepEqual(await find('失业'), ['RS-0001', 'RS-0002']);
      assert.deepEqual(await find('失业 离婚'), []);
      assert.deepEqual(await find('登记 -结婚'), ['RS-0001'], 'an excluded word');
    });

    test('items whose name matches come first, then by agency and item code', async () => {
      // CITY-0001 (agency city) sorts before MZ-0001 (city-mz) but has 结婚 only in a material.
      assert.deepEqual(await find('结婚'), ['MZ-0001', 'CITY-0001']);
      const page = await listItems(tdb.handle.db, { agency: '', event: '', type: '', q: '结婚', page: 2, pageSize: 1 });
      assert.deepEqual([page.total, page.items.map((i) => i.code)], [2, ['CITY-0001']], 'the order holds across pages');
    });

    test('an item taken off the list is not found; LIKE wildcards are plain text', async () => {
      assert.deepEqual(await find('婚姻登记档案'), []);
      assert.deepEqual(await find('档案查询'), []);
      for (const q of ['%', '_', '\\']) assert.deepEqual(await find(q), [], q);
      assert.deepEqual(await find('%登记%'), await find('登记'), 'punctuation around a word is no wildcard');
    });

    test('a part of a name that is no token still finds it, as before the analysis', async () => {
      assert.deepEqual(await find('婚'), ['MZ-0001']);
      assert.deepEqual(await find('险金'), ['RS-0002']);
    });

    test('migration 08 fills the columns of items saved before it', async () => {
      const steps = migrator(tdb.handle);
      // down to 07, whatever came after 08, then up again
      const down = await steps.migrateTo('2026-11-26-07-services');
      assert.equal(down.error, undefined);
      assert.ok(down.results?.map((r) => r.migrationName).includes('2026-11-26-08-service-search'), 'migration 08 went down');
      assert.ok((await migrateOrThrow(tdb.handle)).includes('2026-11-26-08-service-search'), 'and up again');
      const row = await tdb.handle.db.selectFrom('serviceItem').select(['searchText', 'nameTokens']).where('code', '=', 'MZ-0001').executeTakeFirstOrThrow();
      assert.equal(row.nameTokens, ' 内地 居民 结婚 登记 ');
      assert.equal(row.searchText, ' 内地 居民 结婚 登记 测试 市 民政 局 行政 确认 婚姻 户口 簿 声明 书 男女 双方 均 无 配偶 ');
      assert.deepEqual(await find('結婚登記'), ['MZ-0001']);
      assert.deepEqual(await find('失业 登记'), ['RS-0001']);
    });

    test('a later save indexes the item again', async () => {
      const materials = [{ name: '解除劳动合同证明', form: '原件', copies: 1, required: true }];
      await saveItem(tdb.ctx, by, guide('RS-0002', '失业保险金申领', 'city-rs', { type: '行政给付', events: ['就业'], materials }), { kind: 'changed', on: '2026-07-01', document: '', reason: '材料调整' });
      assert.deepEqual(await find('劳动合同'), ['RS-0002']);
      assert.deepEqual(await find('身份证'), ['RS-0001'], 'the old material is gone');
    });
  });

  describe(`办事服务 in the site search [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    const get = (path: string, params: Record<string, string>) => t.app.inject({ url: `${path}?${new URLSearchParams(params).toString()}` });
    const block = (html: string) => {
      const at = html.indexOf('<section class="search-services"');
      return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at));
    };

    before(async () => {
      t = await createTestApp(engine);
      await makeItems(t.tdb.ctx);
      for (let n = 1; n <= 5; n++) await saveItem(t.tdb.ctx, by, guide(`RS-01${n}`, `第${n}类职业资格登记`, 'city-rs'), { kind: 'added', ...R1 });
    });
    after(async () => t?.close());

    test('/search shows the matching items above the records: link, agency and promised days', async () => {
      const page = await get('/search', { q: '结婚登记' });
      assert.equal(page.statusCode, 200);
      const html = block(page.body);
      assert.ok(html.includes('<h2 id="service-items-title">办事服务</h2>'));
      assert.ok(html.includes('<a href="/services/items/MZ-0001">内地居民结婚登记</a>'));
      assert.ok(html.includes('测试市民政局 · 承诺时限 即办'));
      assert.ok(!html.includes('查看全部'), 'one match: no link to more');
      assert.ok(page.body.indexOf('search-services') < page.body.indexOf('result-count'), 'above the record results');
      assert.equal(block((await get('/search', { q: '营商环境' })).body), '', 'no block when no item matches');
      assert.equal(block((await get('/search', { q: '婚姻登记档案' })).body), '', 'nor for an item off the list');
      assert.equal(block((await get('/search', { q: '结婚登记', page: '2' })).body), '', 'the block heads the first page only');
    });

    test('more than five: five shown, name matches first, and a link to the hall with all of them', async () => {
      const html = block((await get('/search', { q: '登记' })).body);
      const codes = [...html.matchAll(/href="\/services\/items\/([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(codes, ['MZ-0001', 'RS-0001', 'RS-011', 'RS-012', 'RS-013'], 'by agency code (city-mz before city-rs), then item code');
      assert.ok(html.includes(`<a href="/services/items?q=${encodeURIComponent('登记')}">查看全部 7 项相关办事事项</a>`));
    });

    test('the 繁體 page: a 繁體 query, the block converted, the link intact', async () => {
      const page = await get('/search', { q: '結婚登記', lang: 'zh-Hant' });
      assert.equal(page.statusCode, 200);
      const html = block(page.body);
      assert.ok(html.includes('辦事服務'));
      assert.ok(html.includes('<a href="/services/items/MZ-0001">內地居民結婚登記</a>'));
    });

    test('/api/v1/search gives serviceItems, documented in the OpenAPI schema', async () => {
      const res = await get('/api/v1/search', { q: '結婚登記' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().serviceItems, [{ code: 'MZ-0001', name: '内地居民结婚登记', agency: { code: 'city-mz', name: '测试市民政局' }, url: '/services/items/MZ-0001' }]);
      assert.deepEqual(
        (await get('/api/v1/search', { q: '户口簿' })).json().serviceItems.map((i: { code: string }) => i.code),
        ['MZ-0001'],
        'a material word',
      );
      assert.deepEqual((await get('/api/v1/search', { q: '婚姻登记档案' })).json().serviceItems, [], 'empty when none match');
      assert.deepEqual((await get('/api/v1/search', { q: '' })).json().serviceItems, [], 'an empty query lists no items');
      const schema = (await t.app.inject({ url: '/api/openapi.json' })).json().paths['/api/v1/search'].get.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(schema.properties.serviceItems.items.properties).sort(), ['agency', 'code', 'name', 'url']);
    });
  });
}
