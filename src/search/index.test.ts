import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgencyByCode, updateAgency } from '../agencies/service.js';
import * as catalog from '../catalog/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { fixedClock } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { RecordRow } from '../platform/db/schema.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { searchIndexFor } from './index.js';
import { searchQuerySchema } from './model.js';
import { searchRecords } from './service.js';

const system = { actor: SYSTEM_ACTOR, staff: null };

const base = {
  docNumber: '',
  issuers: [] as string[],
  topic: '综合政务\\政务公开',
  genre: '通知',
  category: '执行公开',
  statutoryItem: null,
  mode: '主动公开',
  ground: null,
  groundReason: '',
  validity: '有效',
  keywords: [] as string[],
  needsInterpretation: false,
  interprets: '',
  interpretationKind: null,
  videoUrl: '',
};

/** Drafts, submits and approves a record through the real workflow, "on" the given day. */
async function publish(deps: ServiceDeps, agencyCode: string, day: string, fields: Record<string, unknown>): Promise<RecordRow> {
  const on = { ...deps, clock: fixedClock(`${day}T02:00:00.000Z`) };
  const draft = await catalog.createDraft(on, system, agencyCode, { ...base, writtenOn: day, formedOn: day, ...fields });
  await catalog.submitForReview(on, system, draft.id);
  return catalog.approve(on, system, draft.id);
}

for (const engine of ENGINES) {
  describe(`search index [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    const ids: Record<string, number> = {};
    const search = (q: string, extra: Record<string, unknown> = {}) => searchRecords(tdb.ctx, searchQuerySchema.parse({ q, ...extra }));
    const titles = async (q: string, extra: Record<string, unknown> = {}) => (await search(q, extra)).hits.map((h) => h.title);

    before(async () => {
      tdb = await createTestDatabase(engine);
      await makeHierarchy(tdb.ctx);
      const d = tdb.ctx;
      ids.open = (await publish(d, 'city', '2026-03-02', { title: '关于深化政务公开工作的实施意见', genre: '意见', bodyHtml: '<p>全面推进政务公开标准化规范化，推动决策、执行、管理、服务、结果公开。</p>' })).id;
      ids.business = (await publish(d, 'city-edu', '2025-06-10', {
        title: '关于进一步优化营商环境的若干措施',
        docNumber: '测政发〔2025〕12号',
        bodyHtml: '<p>为持续优化营商环境，落实放管服改革，推行一网通办。</p><p>根据国办发〔2019〕47号文件精神。</p>',
      })).id;
      ids.body = (await publish(d, 'city-d1', '2026-01-15', {
        title: '2025年区政府工作总结',
        topic: '国民经济管理、国有资产监管\\宏观经济',
        genre: '报告',
        bodyHtml: '<p>全年营商环境持续改善，空气中PM2.5平均浓度下降，新建5G基站320个。石门坎村完成道路硬化。</p>',
      })).id;
      ids.childcare = (await publish(d, 'city-d1-cz', '2024-09-01', { title: '普惠托育服务补助资金管理办法', genre: '办法', bodyHtml: '<p>支持发展普惠托育服务。</p>' })).id;
      ids.other = (await publish(d, 'other', '2026-02-01', { title: '另一地区优化营商环境工作方案', genre: '方案', bodyHtml: '<p>营商环境。</p>' })).id;
    });
    after(async () => tdb?.drop());

    test('words, 繁體 and full-width queries find the 简体 records', async () => {
      assert.deepEqual(await titles('政务公开'), ['关于深化政务公开工作的实施意见']);
      assert.deepEqual(await titles('政務公開'), ['关于深化政务公开工作的实施意见']);
      assert.deepEqual(await titles('ＰＭ２．５'), ['2025年区政府工作总结']);
      assert.deepEqual(await titles('5g基站'), ['2025年区政府工作总结']);
    });

    test('title matches rank above body mentions; every word must match', async () => {
      const hits = await titles('营商环境');
      assert.deepEqual(hits.slice(0, 2).sort(), ['关于进一步优化营商环境的若干措施', '另一地区优化营商环境工作方案'].sort());
      assert.equal(hits[2], '2025年区政府工作总结');
      assert.deepEqual(await titles('营商环境 石门坎村'), ['2025年区政府工作总结']);
      assert.deepEqual(await titles('营商环境 不存在的词语组合'), []);
    });

    test('phrases, exclusions, and words inside longer words', async () => {
      assert.deepEqual(await titles('"优化营商环境" -方案'), ['关于进一步优化营商环境的若干措施']);
      assert.deepEqual(await titles('营商环境 -"放管服" -总结'), ['另一地区优化营商环境工作方案']);
      const retry = await search('托育服务');
      assert.deepEqual(retry.hits.map((h) => h.title), ['普惠托育服务补助资金管理办法']);
      assert.match(retry.hits[0]!.titleHtml, /<mark>托育服务<\/mark>/);
    });

    test('文号 in any bracket style, including one cited in a body', async () => {
      for (const q of ['测政发〔2025〕12号', '测政发[2025]12号', '测政发(2025)12号', '测政发（2025）12号']) {
        assert.deepEqual(await titles(q), ['关于进一步优化营商环境的若干措施'], q);
      }
      const cited = await search('国办发[2019]47号');
      assert.deepEqual(cited.hits.map((h) => h.title), ['关于进一步优化营商环境的若干措施']);
      assert.match(cited.hits[0]!.snippetHtml, /<mark>国办发〔2019〕47号<\/mark>/);
    });

    test('filters: agency with or without lower levels, genre, topic, dates, year; sort by date', async () => {
      assert.deepEqual((await titles('营商环境', { agency: 'city-d1' })), ['2025年区政府工作总结']);
      assert.equal((await titles('营商环境', { agency: 'city' })).length, 2, 'city-edu and city-d1 are below city; other is not');
      assert.deepEqual(await titles('营商环境', { agency: 'city', lower: '0' }), []);
      assert.deepEqual(await titles('营商环境', { genre: '方案' }), ['另一地区优化营商环境工作方案']);
      assert.deepEqual(await titles('营商环境', { topic: '国民经济管理、国有资产监管' }), ['2025年区政府工作总结']);
      assert.deepEqual(await titles('营商环境', { from: '2026-01-01', to: '2026-01-31' }), ['2025年区政府工作总结']);
      assert.deepEqual(await titles('营商环境', { year: 2025 }), ['关于进一步优化营商环境的若干措施']);
      assert.deepEqual(await titles('营商环境', { sort: 'date' }), ['另一地区优化营商环境工作方案', '2025年区政府工作总结', '关于进一步优化营商环境的若干措施']);
      await assert.rejects(search('营商环境', { agency: 'nope' }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(search('营商环境', { topic: '没有这个主题' }), { code: 'VALIDATION_FAILED' });
    });

    test('totals, pages and facets', async () => {
      const page1 = await search('营商环境', { size: 10 });
      assert.equal(page1.total, 3);
      assert.equal(page1.exact, true);
      assert.equal(page1.pages, 1);
      assert.deepEqual(page1.facets.year, [{ value: '2026', count: 2 }, { value: '2025', count: 1 }]);
      assert.deepEqual(page1.facets.agency.map((f) => [f.code, f.count]).sort(), [['city-d1', 1], ['city-edu', 1], ['other', 1]]);
      assert.deepEqual(page1.facets.topic.map((f) => [f.value, f.count]), [['综合政务', 2], ['国民经济管理、国有资产监管', 1]]);
      const page2 = await search('营商环境', { size: 10, page: 2 });
      assert.equal(page2.total, 3);
      assert.deepEqual(page2.hits, []);
    });

    test('empty, punctuation-only, over-long and syntax-laden queries never fail', async () => {
      assert.equal((await search('')).error, 'EMPTY');
      assert.equal((await search('。，、！？……——')).error, 'NO_TERMS');
      assert.equal((await search('政'.repeat(10_000))).error, 'TOO_LONG');
      for (const q of ['" * NEAR( ) AND OR NOT : ^ { } +', "'; DROP TABLE record; --", 'title_words: 政务', '政务* OR 1=1', '"\'\\', 'NEAR(政务 公开, 2)', '!政务 & 公开 <-> |']) {
        const out = await search(q);
        assert.ok(out.error === null || out.error === 'NO_TERMS', q);
      }
      assert.deepEqual(await titles('政务 OR 营商'), [], 'OR is a word, not an operator: nothing has all three');
    });

    test('moving an agency moves its records under the new parent for the "lower levels" filter', async () => {
      assert.deepEqual(await titles('托育服务', { agency: 'city' }), ['普惠托育服务补助资金管理办法']);
      const district = (await findAgencyByCode(tdb.ctx.db, 'city-d1'))!;
      const { id: _id, parentId: _p, createdAt: _c, updatedAt: _u, ...fields } = district;
      await updateAgency(tdb.ctx, system, 'city-d1', { ...fields, parentCode: 'other' });
      assert.deepEqual(await titles('托育服务', { agency: 'city' }), []);
      assert.deepEqual(await titles('托育服务', { agency: 'other' }), ['普惠托育服务补助资金管理办法']);
      await updateAgency(tdb.ctx, system, 'city-d1', { ...fields, parentCode: 'city' });
      assert.deepEqual(await titles('托育服务', { agency: 'city' }), ['普惠托育服务补助资金管理办法']);
    });

    test('revision re-indexes, withdrawal removes, and nothing unpublished is ever found', async () => {
      const record = (await catalog.findRecord(tdb.ctx.db, ids.open!))!;
      await catalog.revise(tdb.ctx, system, record.id, { ...base, title: record.title, writtenOn: record.writtenOn, formedOn: record.formedOn, genre: '意见', bodyHtml: '<p>新增数据开放目录编制要求。</p>' }, '补充数据开放要求');
      assert.deepEqual(await titles('数据开放'), ['关于深化政务公开工作的实施意见']);
      assert.deepEqual(await titles('标准化规范化'), [], 'the old text is gone from the index');
      await catalog.withdraw(tdb.ctx, system, record.id, '内容已被新文件替代');
      assert.deepEqual(await titles('数据开放'), []);
      const draft = await catalog.createDraft(tdb.ctx, system, 'city', { ...base, title: '尚未发布的草稿里的独特词语', writtenOn: '2026-11-01', formedOn: '2026-11-01', bodyHtml: '<p>草稿。</p>' });
      assert.deepEqual(await titles('独特词语'), []);
      await catalog.submitForReview(tdb.ctx, system, draft.id);
      await catalog.approve(tdb.ctx, system, draft.id, { publishAt: '2026-12-01T00:00:00.000Z' });
      assert.deepEqual(await titles('独特词语'), [], 'a scheduled record waits for its publication');
      const size = await searchIndexFor(engine).size(tdb.ctx.db);
      assert.equal(size.documents, 4);
      assert.ok(size.bytes > 0);
    });
  });
}
