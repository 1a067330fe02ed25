/// <reference lib="dom" />
// Browser checks of the public pages in a real Chromium: WCAG 2.1 AA (axe-core) in 简体/繁體 and
// elderly mode, no horizontal scrolling at 360px, a no-JavaScript login and language switch, the
// skip link, and screenshots for humans in test-results/.
// Run: node --import tsx --test test/browser/accessibility.test.ts
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { assertFitsWidth, assertNoViolations, asUser, chromiumMissing, DEMO_PASSWORD as PASSWORD, open, useDemoBrowser } from './support.js';

// ---------- helpers ----------

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

// ---------- the suite ----------

describe('browser: public pages in Chromium', { skip: chromiumMissing() }, () => {
  const suite = useDemoBrowser('sqlite');
  /** Runs `fn` on a fresh page in a fresh context (own cookies), closing both afterwards. */
  const withPage = <T,>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>) => asUser(suite.browser, suite.demo, null, fn, options);

  describe('WCAG 2.1 AA (axe-core)', () => {
    const pages = ['/', '/agencies/ljs', '/staff/login', '/requests', '/requests/track', '/agencies/ljs/requests', '/services', '/services/cleanup/ljs', '/results', '/services/items/ljs-scjgj-XK-0001'].flatMap((p) => [p, `${p}?lang=zh-Hant`]);
    for (const path of [...pages, '/?elder=1', '/requests/new?agency=ljs', '/requests/new?agency=ljs&lang=zh-Hant&elder=1', `/search?q=${encodeURIComponent('食品经营许可')}`, '/results?agency=ljs&year=2026']) {
      test(`no violations on ${path}`, () =>
        withPage({ bypassCSP: true }, async (page) => {
          await open(page, path);
          await assertNoViolations(page, path);
        }));
    }

    // Wide tables scroll sideways on a phone in elderly mode; the scrolling box must be keyboard-reachable.
    for (const path of ['/api/docs?elder=1', '/requests?elder=1&received=2026-09-18']) {
      test(`no violations on ${path} at 360px`, () =>
        withPage({ bypassCSP: true, viewport: { width: 360, height: 740 } }, async (page) => {
          await open(page, path);
          await assertNoViolations(page, path);
        }));
    }

    test('the 繁體 guide is really Traditional, the 简体 one Simplified', () =>
      withPage({}, async (page) => {
        await open(page, '/agencies/ljs?lang=zh-Hant');
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
        assert.match(await page.content(), /政府信息公開指南/);
        await open(page, '/agencies/ljs?lang=zh-Hans');
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
        assert.match(await page.content(), /政府信息公开指南/);
      }));
  });

  describe('mobile: no horizontal scrolling at 360px', () => {
    for (const path of ['/', '/agencies/ljs', '/?elder=1', '/agencies/ljs?elder=1', '/requests/new?agency=ljs&elder=1', '/agencies/ljs/requests?elder=1', '/requests?elder=1', '/services?elder=1', '/results?elder=1', '/services/items?event=%E6%95%99%E8%82%B2&elder=1', '/services/items/ljs-scjgj-XK-0001?elder=1']) {
      test(`${path} fits 360px`, () =>
        withPage({ viewport: { width: 360, height: 740 } }, async (page) => {
          await open(page, path);
          await assertFitsWidth(page, 360, path);
        }));
    }
  });

  describe('works without JavaScript', () => {
    test('logs in through the real form, then switches to 繁體 and remembers it', () =>
      withPage({ javaScriptEnabled: false }, async (page) => {
        await open(page, '/staff/login');
        await page.fill('#f-login', 'admin');
        await page.fill('#f-password', PASSWORD);
        await Promise.all([page.waitForURL(`${suite.demo.baseURL}/staff`), page.click('form button[type="submit"]')]);
        assert.equal(await page.textContent('h1'), '工作台');

        await open(page, '/agencies/ljs');
        await Promise.all([page.waitForURL(/lang=zh-Hant/), page.click('a:text-is("繁體")')]);
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
        const text = (await page.textContent('body')) ?? '';
        assert.match(text, /政府信息公開指南/);
        assert.doesNotMatch(text, /政府信息公开指南/);

        await open(page, '/');
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant', 'the 繁體 choice is not remembered by cookie');
        assert.match((await page.textContent('h1')) ?? '', /政務公開/);
      }));
  });

  describe('keyboard', () => {
    test('Tab first focuses the skip link, which moves focus to #main', () =>
      withPage({}, async (page) => {
        await open(page, '/');
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
        assert.equal(focused, '跳到主要内容');
        await page.keyboard.press('Enter');
        await page.waitForURL(/#main$/);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      }));
  });

  describe('screenshots for humans (test-results/)', () => {
    test('home page, desktop and 360px elderly mode', async () => {
      mkdirSync(RESULTS_DIR, { recursive: true });
      await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
        await open(page, '/');
        await page.screenshot({ path: `${RESULTS_DIR}home.png`, fullPage: true });
      });
      await withPage({ viewport: { width: 360, height: 740 } }, async (page) => {
        await open(page, '/?elder=1');
        await page.screenshot({ path: `${RESULTS_DIR}home-elder-360.png`, fullPage: true });
      });
    });
  });
});
