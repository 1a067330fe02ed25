/// <reference lib="dom" />
// Search in a real Chromium, once per database engine: a 繁體 query typed into the header box
// finds 简体 records and shows them converted and highlighted; the page works without JavaScript
// (form, advanced filters, facets, pages); WCAG 2.1 AA (axe-core) and 360px layouts.
// Run: node --import tsx --test test/browser/search.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { toTraditional } from '../../src/platform/i18n/chinese.js';
import { ENGINES } from '../../src/test-support/db.js';
import { assertFitsWidth, assertNoViolations, asUser, browserSuiteSkip, open, submitAndWait, useDemoBrowser } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const PHONE = { width: 360, height: 740 };
/** A seeded 简体 title (data/demo/records.json) and the words the tests look for. */
const PLAN = '岚江市人民政府关于印发岚江市城镇老旧小区改造三年行动方案（2025—2027年）的通知';
const QUERY = '老旧小区';
const QUERY_HANT = '老舊小區';
const q = (text: string, extra = '') => `/search?q=${encodeURIComponent(text)}${extra}`;

/** Clicks and waits for the page the browser lands on; returns its status. */
const submit = submitAndWait;

const hitTitles = async (page: Page) => (await page.locator('.search-hit h3 a').allTextContents()).map((t) => t.trim());

for (const engine of ENGINES) {
  describe(`browser: search in Chromium [${engine}]`, { skip: await browserSuiteSkip(engine) }, () => {
    const suite = useDemoBrowser(engine);

    /** Runs `fn` on a fresh page in a fresh context (own cookies), anonymous. */
    const withPage = <T,>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>) => asUser(suite.browser, suite.demo, null, fn, options);

    test('繁體: a Traditional query in the header box finds the 简体 record, converted and highlighted', () =>
      withPage({}, async (page) => {
        await open(page, '/');
        await Promise.all([page.waitForURL(/lang=zh-Hant/), page.click('a:text-is("繁體")')]);
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
        await page.fill('#site-search-q', QUERY_HANT);
        assert.equal(await submit(page, '.site-search button[type="submit"]'), 200);
        assert.match(page.url(), /\/search\?q=/);
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant', 'the 繁體 choice is remembered');
        assert.match((await page.textContent('.result-count')) ?? '', /找到 \d+ 條結果/);
        const titles = await hitTitles(page);
        assert.ok(titles.includes(toTraditional(PLAN)), `the plan is found in 繁體: ${titles.join(' | ')}`);
        assert.ok(!titles.some((t) => t.includes(QUERY)), 'no 简体 left in the titles');
        const mark = page.locator('.search-hit h3 a', { hasText: toTraditional(PLAN) }).locator('mark').first();
        assert.equal(await mark.textContent(), QUERY_HANT);
        assert.ok(await mark.isVisible(), 'the highlight is visible');
        const background = await mark.evaluate((el) => getComputedStyle(el).backgroundColor);
        assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the highlight has a background');
        assert.equal(await page.inputValue('#search-q'), QUERY_HANT, 'the query is kept in the form');
      }));

    test('without JavaScript: header box, advanced filters, facets and pages all work', () =>
      withPage(NO_JS, async (page) => {
        await open(page, '/');
        await page.fill('#site-search-q', QUERY);
        assert.equal(await submit(page, '.site-search button[type="submit"]'), 200);
        assert.ok((await hitTitles(page)).includes(PLAN), 'the header form submits and results render');

        // Advanced filters sit in a <details>: opening it needs no script.
        await page.click('.search-advanced summary');
        await page.selectOption('#f-agency', 'ljs');
        await page.uncheck('#f-lower');
        await page.selectOption('#f-size', '10');
        assert.equal(await submit(page, '.search-advanced button[type="submit"]'), 200);
        const own = await page.locator('.hit-meta').allTextContents();
        assert.ok(own.length > 0 && own.every((m) => m.includes('发布机构：岚江市人民政府')), 'only the city government itself');
        assert.match((await page.textContent('.active-filters')) ?? '', /不含下级机构/);
        await Promise.all([page.waitForNavigation(), page.click('.active-filters a.remove-filter')]);
        assert.equal(await page.locator('.active-filters').count(), 0, 'the filter is removed');

        const pages = await page.locator('nav.pager a[rel="next"]').count();
        assert.equal(pages, 1, 'more than ten results: a next page');
        assert.equal(await submit(page, 'nav.pager a[rel="next"]'), 200);
        assert.match((await page.textContent('.result-count')) ?? '', /第 2 \/ \d+ 页/);

        const facet = page.locator('#facet-year + ul a').first();
        const year = ((await facet.textContent()) ?? '').slice(0, 4);
        assert.equal(await submit(page, '#facet-year + ul a >> nth=0'), 200);
        const dates = await page.locator('.hit-meta').allTextContents();
        assert.ok(dates.length > 0 && dates.every((m) => m.includes(`发布日期：${year}-`)), `only ${year}`);
      }));

    describe('WCAG 2.1 AA (axe-core)', () => {
      const pages = [
        '/search',
        q(QUERY),
        q(QUERY, '&lang=zh-Hant'),
        q(QUERY, '&agency=ljs&year=2025'),
        q(QUERY, '&elder=1'),
        q('没有这样的词语组合'),
        q('。，'),
        q('政'.repeat(300)),
        q(QUERY, '&from=2026-13-01'),
      ];
      for (const path of pages) {
        test(`no violations on ${decodeURIComponent(path).slice(0, 60)}`, () =>
          withPage({ bypassCSP: true }, async (page) => {
            const response = await page.goto(path);
            assert.ok([200, 400].includes(response?.status() ?? 0), `GET ${path} answered ${response?.status()}`);
            await assertNoViolations(page, path);
          }));
      }
    });

    describe('mobile: no horizontal scrolling at 360px', () => {
      for (const path of ['/', '/search', q(QUERY), q(QUERY, '&agency=ljs-hxq&topic=' + encodeURIComponent('城乡建设、环境保护'))]) {
        for (const elder of ['0', '1']) {
          test(`${decodeURIComponent(path)} fits 360px${elder === '1' ? ' in elderly mode' : ''}`, () =>
            withPage({ viewport: PHONE }, async (page) => {
              await open(page, `${path}${path.includes('?') ? '&' : '?'}elder=${elder}`);
              // The advanced filters are the widest part: measure them open.
              await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
              await assertFitsWidth(page, PHONE.width, path);
            }));
        }
      }
    });
  });
}
