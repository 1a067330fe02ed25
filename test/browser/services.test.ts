/// <reference lib="dom" />
// 便民服务 in a real Chromium without JavaScript, on the demo city, once per database engine: a
// citizen finds an item by life event and by search, opens its 办事指南, prints it and ticks the
// materials checklist, reads the city's 清理 page, and sees 双公示 decisions with natural persons
// masked; the staff home flags decisions published late.
// Run: node --import tsx --test test/browser/services.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ENGINES } from '../../src/test-support/db.js';
import { csvLine } from '../../src/platform/files/csv.js';
import { assertNoJsPageAccessible, asUser, browserSuiteSkip, open, submitAndWait, useDemoBrowser } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const mainText = async (page: Page) => (await page.textContent('main')) ?? '';
const bodyText = async (page: Page) => (await page.textContent('body')) ?? '';
const HEADER = ['事项编码', '事项名称', '事项类型', '实施机关', '设定依据', '申请材料', '办理流程', '承诺办结时限', '服务主题'];
const NEW_ITEM = ['ljs-jyj-GG-0901', '中小学教师资格考试成绩复核', '公共服务', 'ljs-jyj', '《中小学教师资格考试暂行办法》', '居民身份证｜原件｜1｜必要：现场核验\n准考证｜电子材料｜0｜非必要', '1. 提交复核申请\n2. 复核并告知结果', '10', '教育'];
const sheetFile = (name: string, ...rows: string[][]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${rows.map((r) => csvLine(r)).join('')}`) });

for (const engine of ENGINES) {
  describe(`便民服务 in Chromium [${engine}]`, { skip: await browserSuiteSkip(engine) }, () => {
    const suite = useDemoBrowser(engine);
    const as = <T,>(login: string | null, fn: (page: Page) => Promise<T>) => asUser(suite.browser, suite.demo, login, fn, NO_JS);

    test('by life event: the hall → 社会保障 → an item → its guide, print view and checklist', async () => {
      await as(null, async (page) => {
        await open(page, '/services');
        await Promise.all([page.waitForNavigation(), page.click('main a:has-text("社会保障")')]);
        assert.match(await mainText(page), /主题：社会保障/);
        const first = page.locator('main a[href^="/services/items/"]').first();
        const name = ((await first.textContent()) ?? '').trim();
        assert.ok(name.length > 2, 'an item is listed');
        await Promise.all([page.waitForNavigation(), first.click()]);
        const guide = await mainText(page);
        for (const section of ['基本信息', '设定依据', '承诺办结时限', '申请材料', '办理流程']) assert.ok(guide.includes(section), section);
        const url = new URL(page.url());
        await open(page, `${url.pathname}?print=1`);
        assert.equal(await page.locator('nav.main-nav').count(), 0, 'the print view has no navigation');
        assert.ok((await bodyText(page)).includes(name));
        await open(page, `${url.pathname}?checklist=1`);
        const boxes = page.locator('input[type="checkbox"]');
        assert.ok((await boxes.count()) > 0);
        await boxes.first().check();
        assert.ok(await boxes.first().isChecked(), 'a checkbox works without JavaScript');
      });
    });

    test('by search, and the 清理 page of the city computed from the list history', async () => {
      await as(null, async (page) => {
        await open(page, '/services');
        await page.fill('main input[name="q"]', '食品经营许可');
        assert.equal(await submitAndWait(page, 'main form[action="/services/items"] button[type="submit"]'), 200);
        assert.ok((await page.locator('main a:has-text("食品经营许可")').count()) > 0);
        // The site search, in 繁體: the matching item heads the results and opens its guide.
        await open(page, `/search?q=${encodeURIComponent('食品經營許可')}`);
        const block = page.locator('section.search-services');
        assert.equal(await block.count(), 1, 'the 办事服务 block is shown');
        await Promise.all([page.waitForNavigation(), block.locator('a[href^="/services/items/"]').first().click()]);
        assert.match(await mainText(page), /食品经营许可/);
        await open(page, '/services/cleanup/ljs');
        const text = await mainText(page);
        // The city and its departments (the 3 county and district items are theirs): 46 → 41 → 37.
        assert.match(text, /0\s*→\s*46\s*→\s*41\s*→\s*37/);
        assert.match(text, /岚政发〔2022〕8号/);
        assert.match(text, /46 项 → 41 项/);
      });
    });

    test('an editor uploads a malformed sheet (row-level problems, nothing saved), then a good one that citizens find', async () => {
      const bad = [...NEW_ITEM];
      bad[0] = 'ljs-jyj-GG-0902';
      bad[2] = '行政审批';
      bad[5] = '户口簿｜影印件';
      const outside = [...NEW_ITEM];
      outside[0] = 'ljs-gaj-GG-0901';
      outside[3] = 'ljs-gaj'; // the police bureau: not the education bureau editor's
      await as('wangxm', async (page) => {
        await open(page, '/staff/services');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, '/staff/services');
        await page.setInputFiles('#svs-file', sheetFile('事项.csv', HEADER, NEW_ITEM, bad, outside));
        assert.equal(await submitAndWait(page, 'form[action="/staff/services/import"] button[type="submit"]'), 400);
        // Lines are the CSV's: the good row's cells hold 2 line breaks (lines 2–4), the bad row's 1 (5–6).
        const cells = (n: number) => page.locator(`.error-summary tbody td:nth-child(${n})`).allTextContents();
        assert.deepEqual(await cells(1), ['5', '5', '7']);
        assert.deepEqual(await cells(2), ['事项类型', '申请材料', '实施机关']);
        const reasons = await cells(3);
        assert.match(reasons[0] ?? '', /无法识别“行政审批”/);
        assert.match(reasons[1] ?? '', /形式“影印件”无法识别/);
        assert.match(reasons[2] ?? '', /无权维护“岚江市公安局”的事项/);
        assert.match(await mainText(page), /未导入任何事项/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'import problems');

        await open(page, '/staff/services');
        await page.setInputFiles('#svs-file', sheetFile('事项.csv', HEADER, NEW_ITEM));
        assert.equal(await submitAndWait(page, 'form[action="/staff/services/import"] button[type="submit"]'), 200);
        assert.match(await mainText(page), /新增 1 个、更新 0 个事项/);
        for (const path of ['/staff/services/items/ljs-jyj-GG-0901', '/staff/services/results', '/staff/services/import-help']) {
          await open(page, path);
          await assertNoJsPageAccessible(suite.browser, suite.demo, page, path);
        }
      });
      await as(null, async (page) => {
        await open(page, `/services/items?q=${encodeURIComponent('教师资格考试成绩复核')}`);
        await Promise.all([page.waitForNavigation(), page.click('main a:has-text("中小学教师资格考试成绩复核")')]);
        const guide = await mainText(page);
        assert.ok(guide.includes('准考证') && guide.includes('复核并告知结果'));
      });
    });

    test('双公示 shows natural persons masked, in the decision text too; the staff home flags decisions published late', async () => {
      const demoResults = (JSON.parse(readFileSync(new URL('../../data/demo/services.json', import.meta.url), 'utf8')) as { results: { subjectType: string; subjectName: string; subjectId: string }[] }).results;
      const people = demoResults.filter((r) => r.subjectType === 'natural');
      assert.ok(people.length >= 10);
      await as(null, async (page) => {
        for (const path of ['/results', '/results?kind=%E5%A4%84%E7%BD%9A', '/results?kind=%E8%AE%B8%E5%8F%AF&page=2', '/api/v1/results?pageSize=100']) {
          await open(page, path);
          const html = await page.content();
          for (const p of people) {
            assert.ok(!html.includes(p.subjectName), `${p.subjectName} appears on ${path}`);
            assert.ok(!html.includes(p.subjectId), `an ID appears on ${path}`);
          }
          // The two drivers' plates in the demo penalties (澜A·5K3Q8, 澜B·6T7R2) identify them too.
          assert.ok(!html.includes('5K3Q8') && !html.includes('6T7R2'), `a natural person's plate appears on ${path}`);
        }
      });
      await as('zhaozq', async (page) => {
        await open(page, '/staff');
        const text = await mainText(page);
        assert.match(text, /双公示/);
        assert.match(text, /超过7个工作日才公示的决定 3 件/);
      });
    });
  });
}
