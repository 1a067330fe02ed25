/// <reference lib="dom" />
// 便民服务 in a real Chromium without JavaScript, on the demo city, once per database engine: a
// citizen finds an item by life event and by search, opens its 办事指南, prints it and ticks the
// materials checklist, reads the city's 清理 page, and sees 双公示 decisions with natural persons
// masked; the staff home flags decisions published late.
// Run: node --import tsx --test test/browser/services.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ENGINES } from '../../src/test-support/db.js';
import { asUser, browserSuiteSkip, launchChromium, open, startDemoApp, submitAndWait, type DemoApp } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const mainText = async (page: Page) => (await page.textContent('main')) ?? '';
const bodyText = async (page: Page) => (await page.textContent('body')) ?? '';

for (const engine of ENGINES) {
  describe(`便民服务 in Chromium [${engine}]`, { skip: await browserSuiteSkip(engine) }, () => {
    let demo: DemoApp;
    let browser: Browser;
    before(async () => {
      demo = await startDemoApp(engine);
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await demo?.close();
    });

    const as = <T,>(login: string | null, fn: (page: Page) => Promise<T>) => asUser(browser, demo, login, fn, NO_JS);

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
        await open(page, '/services/cleanup/ljs');
        const text = await mainText(page);
        // The city and its departments (the 3 county and district items are theirs): 46 → 41 → 37.
        assert.match(text, /0\s*→\s*46\s*→\s*41\s*→\s*37/);
        assert.match(text, /岚政发〔2022〕8号/);
        assert.match(text, /46 项 → 41 项/);
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
