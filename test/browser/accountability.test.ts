/// <reference lib="dom" />
// 责任追究 and 待办提醒 in a real Chromium without JavaScript, on the demo city, once per engine:
// the city supervisor opens the list and an open case, orders rectification and then records it
// done; the read-only oversight account sees the case but no form; the request officer sees her
// digest on the workbench home.
// Run: node --import tsx --test test/browser/accountability.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { addCalendarDays } from '../../src/platform/calendar/model.js';
import { ENGINES } from '../../src/test-support/db.js';
import { assertNoJsPageAccessible, asUser, browserSuiteSkip, open, submitAndWait, useDemoBrowser } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const mainText = async (page: Page) => (await page.textContent('main')) ?? '';

for (const engine of ENGINES) {
  describe(`责任追究 in Chromium [${engine}]`, { skip: await browserSuiteSkip(engine) }, () => {
    const suite = useDemoBrowser(engine);
    let caseHref = '';

    const as = <T,>(login: string | null, fn: (page: Page) => Promise<T>) => asUser(suite.browser, suite.demo, login, fn, NO_JS);

    test('the supervisor opens a case, orders rectification, then records it rectified', async () => {
      await as('zhaozq', async (page) => {
        await open(page, '/staff/accountability');
        const list = await mainText(page);
        assert.match(list, /按处理状态/);
        assert.match(list, /已整改/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'accountability list');
        await open(page, '/staff/accountability?status=open');
        const first = page.locator('main table a[href^="/staff/accountability/"]').first();
        caseHref = (await first.getAttribute('href')) ?? '';
        assert.match(caseHref, /^\/staff\/accountability\/\d+$/);
        await Promise.all([page.waitForNavigation(), first.click()]);
        assert.match(await mainText(page), /责任单位/);
        assert.match(await mainText(page), /尚无处理记录|处理记录/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'accountability case');

        const today = (await page.inputValue('#acc-acted-on')).trim();
        assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
        await page.selectOption('#acc-action', 'rectification_ordered');
        await page.fill('#acc-due-on', addCalendarDays(today, 10));
        await page.fill('#acc-note', '请十个工作日内完成整改');
        assert.equal(await submitAndWait(page, 'main form[action$="/actions"] button[type="submit"]'), 200);
        let text = await mainText(page);
        assert.match(text, /处理情况已记录/);
        assert.match(text, /督促整改/);
        assert.match(text, new RegExp(`整改期限 ${addCalendarDays(today, 10)}`));
        assert.match(text, /待处理/);
        assert.doesNotMatch(text, /已超过整改期限/, 'the deadline lies ahead');

        // a date in the future: the field's max (today) makes the browser itself refuse to submit it
        // (constraint validation works without JavaScript); the server refuses it too (routes test).
        await page.selectOption('#acc-action', 'rectified');
        await page.fill('#acc-acted-on', addCalendarDays(today, 3));
        assert.equal(await page.getAttribute('#acc-acted-on', 'max'), today);
        assert.equal(await page.locator('#acc-acted-on:invalid').count(), 1, 'a later date fails the max constraint');

        // what only the server can check: 督促整改 needs a due date; refused with the form shown again
        await page.selectOption('#acc-action', 'rectification_ordered');
        await page.fill('#acc-acted-on', today);
        await page.fill('#acc-due-on', '');
        await page.fill('#acc-note', '再次督促');
        assert.equal(await submitAndWait(page, 'main form[action$="/actions"] button[type="submit"]'), 400);
        assert.match(await mainText(page), /请填写整改期限/);
        assert.equal(await page.inputValue('#acc-note'), '再次督促', 'the note is shown again');
        assert.equal(await page.inputValue('#acc-action'), 'rectification_ordered');

        await page.selectOption('#acc-action', 'rectified');
        await page.fill('#acc-acted-on', today);
        await page.fill('#acc-note', '已答复申请人并报送整改报告');
        assert.equal(await submitAndWait(page, 'main form[action$="/actions"] button[type="submit"]'), 200);
        text = await mainText(page);
        assert.match(text, /整改完成/);
        assert.match(text, /已整改/);
        assert.equal(await page.locator('#acc-action').count(), 0, 'a closed case has no form');
      });
    });

    test('the oversight account reads the case and finds no form', async () => {
      await as('qianlh', async (page) => {
        await open(page, '/staff/accountability');
        await open(page, caseHref);
        const text = await mainText(page);
        assert.match(text, /整改完成/);
        assert.equal(await page.locator('main form').count(), 0);
        const post = await page.request.post(`${caseHref}/actions`, { form: { action: 'note', actedOn: '2026-01-01', note: 'x' } });
        assert.equal(post.status(), 403);
      });
    });

    test('the request officer sees her digest on the workbench', async () => {
      await as('chensy', async (page) => {
        const text = await mainText(page);
        assert.match(text, /待办提醒/);
        assert.match(text, /需要您处理的事项共 \d+ 项/);
        await open(page, '/staff/notifications');
        assert.match(await mainText(page), /依申请公开/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'notifications');
      });
    });
  });
}
