/// <reference lib="dom" />
// 工作考核 in a real Chromium without JavaScript on the demo city, once per database engine: the
// city supervisor sees the whole city, the district supervisor only 湖西区 and its departments,
// the oversight role reads everything but writes nothing (the settings page is refused), a
// drill-down lists what a figure counts, and the public summary is readable anonymously. The
// demo figures change as other features add demo data, so only the structure is asserted here;
// the exact arithmetic is src/supervision/assessment/service.test.ts.
// Run: node --import tsx --test test/browser/assessment.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ENGINES } from '../../src/test-support/db.js';
import { assertNoJsPageAccessible, asUser, browserSuiteSkip, open, useDemoBrowser } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const mainText = async (page: Page) => (await page.textContent('main')) ?? '';
const rankedAgencies = async (page: Page) => (await page.locator('table.as-ranking tbody th[scope="row"]').allTextContents()).map((t) => t.trim());

for (const engine of ENGINES) {
  describe(`工作考核 in Chromium [${engine}]`, { skip: await browserSuiteSkip(engine) }, () => {
    const suite = useDemoBrowser(engine);

    const as = <T,>(login: string | null, fn: (page: Page) => Promise<T>) => asUser(suite.browser, suite.demo, login, fn, NO_JS);

    test('the city supervisor sees the whole city, ranked, with a chart and the roll-up', async () => {
      await as('zhaozq', async (page) => {
        await open(page, '/staff/assessment');
        const names = await rankedAgencies(page);
        assert.ok(names.includes('岚江市人民政府'), 'the city itself');
        assert.ok(names.some((n) => n.includes('教育局')), 'a city department');
        assert.ok(names.some((n) => n.includes('湖西区')), 'the district');
        assert.equal(await page.locator('main svg[role="img"] title').count() >= 1, true, 'a chart with a title');
        assert.match(await mainText(page), /及所属 \d+ 个单位汇总/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'the assessment dashboard');
      });
    });

    test('办事事项更新及时率: the list changes behind the figure, each linked to its item', async () => {
      await as('zhaozq', async (page) => {
        // the demo list's last clean-up round took effect on 2025-09-30
        await open(page, '/staff/assessment/ljs/serviceItems?year=2025&scope=subtree');
        const text = await mainText(page);
        assert.match(text, /办事事项更新及时率/);
        assert.match(text, /条例 第二十条（五）、第二十六条/);
        assert.match(text, /共计入 [1-9]\d* 项/);
        const links = page.locator('main table.data tbody th[scope="row"] a[href^="/staff/services/items/"]');
        assert.ok((await links.count()) >= 1, 'items link to their staff page');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'the service-item drill-down');
        await Promise.all([page.waitForNavigation(), links.first().click()]);
        assert.match(new URL(page.url()).pathname, /^\/staff\/services\/items\//);
      });
    });

    test('the district supervisor sees 湖西区 and its departments only', async () => {
      await as('heyu', async (page) => {
        await open(page, '/staff/assessment');
        const names = await rankedAgencies(page);
        assert.ok(names.length >= 1);
        assert.ok(names.every((n) => !n.includes('教育局') || n.includes('湖西')), `no city department: ${names.join('、')}`);
        assert.ok(!names.includes('岚江市人民政府'), 'not the city above');
        const refused = await page.goto('/staff/assessment/ljs-jyj');
        assert.equal(refused?.status(), 403, 'the city education bureau is outside the district');
      });
    });

    test('oversight reads everything, drills down, writes nothing', async () => {
      await as('qianlh', async (page) => {
        await open(page, '/staff/assessment');
        assert.ok((await rankedAgencies(page)).includes('岚江市人民政府'));
        assert.equal(await page.locator('main form[method="post"]').count(), 0, 'no write forms');
        await Promise.all([page.waitForNavigation(), page.click('table.as-ranking tbody th[scope="row"] a >> nth=0')]);
        assert.match(await mainText(page), /按月趋势/);
        assert.equal(await page.locator('main svg[role="img"]').count() >= 1, true);
        await open(page, '/staff/assessment/ljs/disclosure?year=2026');
        assert.match(await mainText(page), /主动公开及时率/);
        assert.match(await mainText(page), /共计入 \d+ 项/);
        const settings = await page.goto('/staff/supervision/settings');
        assert.equal(settings?.status(), 403, 'the settings page is for system admins');
      });
    });

    test('the public summary, anonymously and in 繁體', async () => {
      await as(null, async (page) => {
        await open(page, '/assessment');
        const text = await mainText(page);
        assert.match(text, /政务公开工作考核/);
        assert.ok(text.includes('岚江市人民政府'));
        assert.doesNotMatch(text, /1[3-9]\d{9}/, 'no phone numbers');
        assert.equal(await page.locator('main table thead th', { hasText: '办事事项更新及时率' }).count(), 1, 'the eighth indicator has a column');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'the public assessment page');
        await open(page, '/assessment?lang=zh-Hant');
        assert.match(await mainText(page), /政務公開工作考/);
      });
    });
  });
}
