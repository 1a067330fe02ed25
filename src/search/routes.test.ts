import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as catalog from '../catalog/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { fixedClock } from '../platform/clock.js';
import type { RecordRow } from '../platform/db/schema.js';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { createTestApp, type TestApp } from '../test-support/http.js';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { DEFAULT_SITE_INFO } from '../platform/settings/store.js';
import { searchQuerySchema, type SearchOutcome } from './model.js';
import { SearchPage } from './views/page.js';

const system = { actor: SYSTEM_ACTOR, staff: null };
const base = {
  docNumber: '',
  topic: '综合政务\\政务公开',
  genre: '通知',
  category: '执行公开',
  mode: '主动公开',
  validity: '有效',
  bodyHtml: '<p>正文。</p>',
};

/** `/search?…` with the parameters URL-encoded. */
const url = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
/** The <main> of a page (without the header and the language switch, which link the same page). */
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
/** Every link of a page, entities decoded. */
const links = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
/** The titles of the hits on a results page (tags stripped). */
const hitTitles = (html: string) => [...html.matchAll(/<li class="search-hit"><h3><a href="[^"]+">([\s\S]*?)<\/a>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

interface ApiBody {
  query: string;
  error: string | null;
  total: number;
  exact: boolean;
  page: number;
  pages: number;
  hits: { id: number; title: string; titleHtml: string; agency: { code: string; name: string } }[];
  facets: { agency: { code: string; name: string; count: number }[]; topic: { value: string; count: number }[]; year: { value: string; count: number }[] };
}

for (const engine of ENGINES) {
  describe(`search page and API [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    const ids: Record<string, number> = {};

    /** Drafts, submits and approves a record through the real workflow, "on" the given day. */
    async function publish(agency: string, day: string, fields: Record<string, unknown>, approve: catalog.ApproveOptions = {}): Promise<RecordRow> {
      const on = { ...t.tdb.ctx, clock: fixedClock(`${day}T02:00:00.000Z`) };
      const draft = await catalog.createDraft(on, system, agency, { ...base, writtenOn: day, formedOn: day, ...fields });
      await catalog.submitForReview(on, system, draft.id);
      return catalog.approve(on, system, draft.id, approve);
    }
    const get = (path: string, params: Record<string, string> = {}) => t.app.inject({ url: url(path, params) });
    const api = async (params: Record<string, string>) => {
      const res = await get('/api/v1/search', params);
      return { status: res.statusCode, body: res.json<ApiBody>() };
    };

    before(async () => {
      t = await createTestApp(engine);
      await makeHierarchy(t.tdb.ctx);
      ids.open = (await publish('city', '2026-03-02', { title: '关于深化政务公开工作的实施意见', genre: '意见', bodyHtml: '<p>全面推进政务公开标准化规范化。</p>' })).id;
      ids.business = (await publish('city-edu', '2025-06-10', { title: '关于进一步优化营商环境的若干措施', docNumber: '测政发〔2025〕12号', bodyHtml: '<p>持续优化营商环境。</p>' })).id;
      ids.report = (await publish('city-d1', '2026-01-15', { title: '2025年区政府工作总结', topic: '国民经济管理、国有资产监管\\宏观经济', genre: '报告', bodyHtml: '<p>全年营商环境持续改善。</p>' })).id;
      ids.expired = (await publish('other', '2024-05-01', { title: '另一地区营商环境工作方案', genre: '方案', validity: '失效', bodyHtml: '<p>营商环境。</p>' })).id;
      for (let n = 1; n <= 12; n++) {
        await publish('city-d1-cz', `2025-0${1 + (n % 9)}-1${n % 10}`, { title: `东区第${n}批惠民专项资金分配结果公示`, topic: '财政、金融、审计\\财政', genre: '公告', bodyHtml: '<p>专项资金分配结果。</p>' });
      }
      await publish('city-edu', '2026-02-01', { title: '测试市教育局内部人事调整方案', mode: '不予公开', ground: 'INTERNAL_AFFAIRS', groundReason: '属于人事管理内部事务信息。' }, { confirmGround: true });
      ids.summer = (await publish('city-edu', '2026-06-01', { title: '关于暑期托管服务的通知', bodyHtml: '<p>暑期托管服务安排。</p>' })).id;
    });
    after(async () => t?.close());

    test('the page finds a record, marks the match and links it with its metadata', async () => {
      const page = await get('/search', { q: '政务公开' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<title>检索 - [^<]+<\/title>/);
      assert.match(page.body, /找到 1 条结果/);
      assert.match(page.body, new RegExp(`<a href="/records/${ids.open}">关于深化<mark>政务公开</mark>工作的实施意见</a>`));
      for (const label of ['发布机构：测试市人民政府', '发布日期：2026-03-02', '主题：综合政务 / 政务公开', '体裁/类别：意见 / 执行公开']) assert.ok(page.body.includes(label), label);
      assert.match(page.body, /class="hit-snippet">[^<]*<mark>政务公开<\/mark>/);
      const expired = await get('/search', { q: '另一地区营商环境' });
      assert.match(expired.body, /有效性：<span class="badge warn">失效<\/span>/);
      const docNumber = await get('/search', { q: '测政发[2025]12号' });
      assert.deepEqual(hitTitles(docNumber.body), ['关于进一步优化营商环境的若干措施']);
      assert.ok(docNumber.body.includes('文号：测政发〔2025〕12号'), 'the 文号 is shown');
    });

    test('繁體: the page is converted, a 繁體 query finds the 简体 record, 繁體 filter values work', async () => {
      const page = await get('/search', { q: '政務公開', lang: 'zh-Hant' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="zh-Hant"/);
      assert.ok(page.body.includes('關於深化<mark>政務公開</mark>工作的實施意見'), 'the 繁體 title with its mark');
      assert.ok(page.body.includes('找到 1 條結果'), 'the 繁體 count line');
      const filtered = await get('/search', { q: '營商環境', topic: '國民經濟管理、國有資產監管', genre: '報告', lang: 'zh-Hant' });
      assert.equal(filtered.statusCode, 200);
      assert.deepEqual(hitTitles(filtered.body), ['2025年區政府工作總結']);
    });

    test('facets are links that add a filter and keep the query; active filters have remove links', async () => {
      const page = await get('/search', { q: '营商环境', sort: 'date' });
      assert.deepEqual(hitTitles(page.body), ['2025年区政府工作总结', '关于进一步优化营商环境的若干措施', '另一地区营商环境工作方案']);
      const facet = (key: string, value: string) => links(page.body).find((l) => new URL(l, 'http://x').searchParams.get(key) === value) ?? assert.fail(`no ${key}=${value} facet`);
      const agencyLink = facet('agency', 'city-d1');
      assert.deepEqual(Object.fromEntries(new URL(agencyLink, 'http://x').searchParams), { q: '营商环境', sort: 'date', agency: 'city-d1', lower: '0' });
      const byAgency = await t.app.inject({ url: agencyLink });
      assert.deepEqual(hitTitles(byAgency.body), ['2025年区政府工作总结']);
      assert.match(byAgency.body, /发布机构：测试市东区人民政府（不含下级机构）/);
      assert.ok(links(byAgency.body).includes(url('/search', { q: '营商环境', sort: 'date' })), 'the remove link keeps the rest of the query');

      const byTopic = await t.app.inject({ url: facet('topic', '国民经济管理、国有资产监管') });
      assert.deepEqual(hitTitles(byTopic.body), ['2025年区政府工作总结']);
      const byYear = await t.app.inject({ url: facet('year', '2025') });
      assert.deepEqual(hitTitles(byYear.body), ['关于进一步优化营商环境的若干措施']);
      assert.match(byYear.body, /<strong aria-current="true">2025年<\/strong>/);
      assert.match(byYear.body, /<input type="hidden" name="year" value="2025"\/>/, 'the form keeps the year filter');

      // The form's hidden 0 + checkbox 1: checked includes the agencies below, unchecked does not.
      const withLower = await t.app.inject({ url: `${url('/search', { q: '营商环境', agency: 'city' })}&lower=0&lower=1` });
      assert.equal(hitTitles(withLower.body).length, 2);
      const withoutLower = await t.app.inject({ url: `${url('/search', { q: '营商环境', agency: 'city' })}&lower=0` });
      assert.deepEqual(hitTitles(withoutLower.body), []);
      assert.match(withoutLower.body, /没有找到与“营商环境”相符的信息/);
      assert.ok(withoutLower.body.includes('href="/catalogue"'), 'nothing found links the catalogue');
      const blankFields = await get('/search', { q: '营商环境', agency: '', topic: '', category: '', genre: '', validity: '', from: '', to: '', sort: 'relevance', size: '20' });
      assert.equal(hitTitles(blankFields.body).length, 3, 'blank form fields are no filters');
    });

    test('pagination links never go past the last page', async () => {
      const page1 = await get('/search', { q: '专项资金', size: '10' });
      assert.match(page1.body, /找到 12 条结果，第 1 \/ 2 页/);
      assert.equal(hitTitles(page1.body).length, 10);
      const pageLinks = links(main(page1.body)).filter((l) => l.startsWith('/search?') && l.includes('page='));
      assert.deepEqual([...new Set(pageLinks)], [url('/search', { q: '专项资金', size: '10', page: '2' })]);
      const page2 = await t.app.inject({ url: pageLinks[0]! });
      assert.equal(hitTitles(page2.body).length, 2);
      assert.ok(links(main(page2.body)).includes(url('/search', { q: '专项资金', size: '10' })), 'back to page 1');
      const beyond = await get('/search', { q: '专项资金', size: '10', page: '5' });
      assert.equal(beyond.statusCode, 200);
      assert.match(beyond.body, /第 5 页没有结果/);
      assert.ok(!links(main(beyond.body)).some((l) => /page=([3-9]|\d\d)/.test(l)), 'no link beyond page 2');
      assert.equal((await get('/search', { q: '专项资金', page: '101' })).statusCode, 400, 'deep pages are refused');
    });

    test('an empty query shows the form and tips, no results', async () => {
      for (const q of [undefined, '', '   ']) {
        const page = await get('/search', q === undefined ? {} : { q });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /<input id="search-q" name="q" type="search"/);
        assert.match(page.body, /检索技巧/);
        for (const tip of ['多个词用空格分隔', '加引号搜索整句', '“-”排除', '文号的括号写法不限']) assert.ok(page.body.includes(tip), tip);
        assert.ok(!page.body.includes('search-results'), 'no result list');
        assert.ok(!page.body.includes('找到'), 'no count line');
      }
      const noTerms = await get('/search', { q: '。，、！' });
      assert.equal(noTerms.statusCode, 200);
      assert.match(noTerms.body, /没有可以检索的文字/);
    });

    test('over-long queries get 400 and a message, query syntax junk never fails, the query is escaped', async () => {
      for (const q of ['政'.repeat(3500), 'a'.repeat(20_000)]) {
        const page = await get('/search', { q });
        assert.equal(page.statusCode, 400);
        assert.match(page.body, /检索词过长/);
        assert.match(page.body, /最多 200 个字符/);
        assert.ok(page.body.length < 100_000, 'the query is not echoed in full');
        const res = await get('/api/v1/search', { q });
        assert.equal(res.statusCode, 400);
        const body = res.json<{ error: { code: string; message: string } }>();
        assert.equal(body.error.code, 'QUERY_TOO_LONG');
        assert.match(body.error.message, /检索词过长.* \/ The query is too long/);
      }
      for (const q of ['" * NEAR( ) : ^ {', "'; DROP TABLE record; --", 'title: 政务 OR 1=1']) {
        assert.equal((await get('/search', { q })).statusCode, 200, q);
        assert.equal((await get('/api/v1/search', { q })).statusCode, 200, q);
      }
      const xss = await get('/search', { q: '<script>alert(1)</script>政务' });
      assert.equal(xss.statusCode, 200);
      assert.ok(!xss.body.includes('<script>alert'), 'the query is escaped');
      assert.ok(main(xss.body).includes('&lt;script>alert(1)&lt;/script>政务'), 'the query is echoed as text');
    });

    test('invalid filters give a friendly bilingual 400 page and a 400 JSON error', async () => {
      const cases: [Record<string, string>, RegExp][] = [
        [{ from: '2026-13-01' }, /发布日期自（from）：不是有效日期/],
        [{ to: 'yesterday' }, /发布日期至（to）：/],
        [{ agency: 'nope' }, /机构“nope”不存在/],
        [{ topic: '没有这个主题' }, /主题分类“没有这个主题”不存在/],
        [{ category: 'nope' }, /公开类别（category）：/],
        [{ from: '2026-05-01', to: '2026-01-01' }, /起始日期晚于截止日期/],
      ];
      for (const [filter, detail] of cases) {
        const page = await get('/search', { q: '营商环境', ...filter });
        assert.equal(page.statusCode, 400, JSON.stringify(filter));
        assert.match(page.body, /提交的内容有误，请检查后重试/);
        assert.match(page.body, /The input is invalid/);
        assert.match(page.body, detail);
        assert.match(page.body, /<input id="search-q" name="q" type="search" value="营商环境"/, 'the form keeps the input');
        const res = await get('/api/v1/search', { q: '营商环境', ...filter });
        assert.equal(res.statusCode, 400);
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'VALIDATION_FAILED');
      }
    });

    test('the API: its shape, q errors, and never a withheld or withdrawn record', async () => {
      const { status, body } = await api({ q: '营商环境', size: '10' });
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body).sort(), ['error', 'exact', 'facets', 'facetsSampled', 'hits', 'page', 'pageSize', 'pages', 'query', 'serviceItems', 'total']);
      assert.equal(body.query, '营商环境');
      assert.equal(body.error, null);
      assert.equal(body.total, 3);
      assert.equal(body.exact, true);
      assert.deepEqual([body.page, body.pages], [1, 1]);
      const hit = body.hits.find((h) => h.id === ids.business)!;
      assert.deepEqual(Object.keys(hit).sort(), ['agency', 'category', 'docNumber', 'genre', 'id', 'indexNumber', 'publishedOn', 'snippetHtml', 'title', 'titleHtml', 'topic', 'url', 'validity']);
      assert.deepEqual(hit.agency, { code: 'city-edu', name: '测试市教育局' });
      assert.match(hit.titleHtml, /<mark>营商环境<\/mark>/);
      assert.deepEqual(body.facets.agency.map((a) => a.code).sort(), ['city-d1', 'city-edu', 'other']);
      assert.deepEqual(Object.keys(body.facets.agency[0]!).sort(), ['code', 'count', 'name']);
      assert.deepEqual(body.facets.year, [{ value: '2026', count: 1 }, { value: '2025', count: 1 }, { value: '2024', count: 1 }]);

      for (const [q, error] of [['', 'EMPTY'], ['。，', 'NO_TERMS']] as const) {
        const r = await api({ q });
        assert.equal(r.status, 200);
        assert.deepEqual([r.body.error, r.body.total, r.body.hits], [error, 0, []]);
      }

      assert.equal((await api({ q: '内部人事调整方案' })).body.total, 0, 'withheld records are never found');
      assert.deepEqual(hitTitles((await get('/search', { q: '内部人事调整方案' })).body), []);
      assert.deepEqual((await api({ q: '暑期托管' })).body.hits.map((h) => h.id), [ids.summer]);
      await catalog.withdraw(t.tdb.ctx, system, ids.summer!, '托管服务安排已调整，请以新通知为准。');
      assert.equal((await api({ q: '暑期托管' })).body.total, 0, 'a withdrawn record leaves the results');
      assert.ok(!(await get('/search', { q: '暑期托管' })).body.includes(`/records/${ids.summer}"`), 'the page does not list it either');
    });

    test('a search box on every public page, not on /search and the staff sign-in', async () => {
      const box = /<form method="get" action="\/search" role="search" class="site-search"><label for="site-search-q" class="visually-hidden">检索政府信息<\/label><input id="site-search-q" name="q" type="search"/;
      for (const path of ['/', `/records/${ids.open}`, '/catalogue', '/help']) {
        const page = await get(path);
        assert.equal(page.statusCode, 200, path);
        assert.match(page.body, box, path);
      }
      assert.match((await get('/', { lang: 'zh-Hant' })).body, /檢索政府信息/);
      assert.doesNotMatch((await get('/search', { q: '营商环境' })).body, /site-search-q/);
      assert.doesNotMatch((await get('/staff/login')).body, /site-search-q/);
    });

    test('/api/openapi.json documents /api/v1/search with its parameters and response', async () => {
      const doc = (await get('/api/openapi.json')).json();
      const op = doc.paths['/api/v1/search']?.get;
      assert.ok(op, 'the route is documented');
      const names = (op.parameters as { name: string }[]).map((p) => p.name);
      for (const name of ['q', 'agency', 'lower', 'topic', 'category', 'genre', 'validity', 'from', 'to', 'year', 'sort', 'page', 'size']) assert.ok(names.includes(name), name);
      const schema = op.responses['200'].content['application/json'].schema;
      assert.ok(schema.properties.hits && schema.properties.facets && schema.properties.total, 'the response schema');
      assert.ok(op.responses['400'], 'the 400 answer is documented');
    });
  });
}

describe('search page: counts beyond COUNT_LIMIT and pages beyond MAX_PAGE', () => {
  const ctx = { lang: 'zh-Hans', elder: false, pathname: '/search', query: {}, csrfToken: 't', staff: null, site: DEFAULT_SITE_INFO } as const;
  const hit = { id: 7, indexNumber: 'X/2026-00001', title: '政务', titleHtml: '<mark>政务</mark>', snippetHtml: '', docNumber: '', agencyCode: 'a', agencyName: '某局', publishedOn: '2026-01-01', topic: '综合政务', genre: '通知', category: '执行公开', validity: '有效', url: '/records/7' };
  const outcome = (page: number): SearchOutcome => ({
    request: searchQuerySchema.parse({ q: '政务', page: String(page), size: '10' }),
    error: null,
    total: 10_000,
    exact: false,
    facetsSampled: true,
    hits: [hit],
    facets: { agency: [], topic: [], year: [{ value: '2026', count: 2000 }] },
    pages: 100,
  });
  const html = (page: number) => render(h(SearchPage, { ctx, agencies: [], values: { q: '政务' }, outcome: outcome(page) }));

  test('more than 10,000 matches, sampled facets: the page says so', () => {
    const body = html(1);
    assert.match(body, /找到超过 10,000 条结果，第 1 \/ 100 页/);
    assert.match(body, /分类统计仅按最新的 500 条结果计算/);
  });

  test('the pager stops at outcome.pages and says why', () => {
    const last = html(100);
    const pages = links(last).flatMap((l) => (l.startsWith('/search?') ? [Number(new URL(l, 'http://x').searchParams.get('page') ?? '1')] : []));
    assert.deepEqual([...new Set(pages)].sort((a, b) => a - b), [1, 98, 99]);
    assert.ok(!last.includes('rel="next"'), 'no next page after the last');
    assert.match(last, /只显示前 100 页结果/);
  });
});
