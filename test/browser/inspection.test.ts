/// <reference lib="dom" />
// The inspection's HTML report in a real Chromium: it renders (the chart is drawn, every finding
// group is there) and has no WCAG 2.1 AA violation. Run: node --import tsx --test test/browser/inspection.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startFixtureSite, type FixtureSite } from '../../src/inspection/fixtures/site.js';
import { inspectSite } from '../../src/inspection/inspect.js';
import { reportHtml } from '../../src/inspection/report.js';
import { loadRules } from '../../src/inspection/rules.js';
import { scopeOf } from '../../src/inspection/urls.js';
import { assertNoViolations, chromiumMissing, launchChromium } from './support.js';

describe('inspection report in Chromium', { skip: chromiumMissing() }, () => {
  let site: FixtureSite & { external: FixtureSite };
  let browser: Browser;
  let html = '';
  before(async () => {
    site = await startFixtureSite();
    browser = await launchChromium();
    const report = await inspectSite({
      start: `${site.url}/`,
      scope: scopeOf(`${site.url}/`),
      concurrency: 4,
      delayMs: 0,
      maxPages: 1000,
      maxDepth: 10,
      fetch: { timeoutMs: 5000, retries: 0, backoffMs: 1 },
      ignoreRobots: false,
      checkExternal: true,
      rules: loadRules(),
      today: '2026-11-26',
      now: () => new Date('2026-11-26T02:00:00Z'),
    });
    html = reportHtml(report);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await site?.external.close();
  });

  test('--a11y: axe-core in Chromium reports the page’s WCAG violations', async () => {
    const report = await inspectSite({
      start: `${site.url}/a11y.html`,
      scope: scopeOf(`${site.url}/`),
      concurrency: 2,
      delayMs: 0,
      maxPages: 10,
      maxDepth: 0,
      fetch: { timeoutMs: 10_000, retries: 0, backoffMs: 1 },
      ignoreRobots: false,
      checkExternal: false,
      rules: loadRules(),
      today: '2026-11-26',
      now: () => new Date(),
      a11y: { pages: 5 },
    });
    const axe = report.findings.filter((f) => f.kind === 'axe-violation').map((f) => f.detail.split('（')[0]).sort();
    assert.ok(axe.includes('image-alt') && axe.includes('label'), axe.join(', '));
    // the scanner's own checks see the same page
    assert.deepEqual(report.findings.filter((f) => f.kind === 'img-alt' || f.kind === 'form-label').map((f) => f.kind).sort(), ['form-label', 'img-alt']);
  });

  test('renders: verdict, the chart with one bar per kind of finding, grouped findings; no axe violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      assert.match((await page.textContent('.verdict')) ?? '', /结论：合格，得分 81\.7/);
      const bars = page.locator('svg[role="img"] rect');
      assert.equal(await bars.count(), 6, 'broken links, missing images, redirect loop, stale and blank columns, personal data');
      const box = await page.locator('svg[role="img"]').boundingBox();
      assert.ok(box && box.width > 300 && box.height > 100, 'the chart is drawn at a readable size');
      const headings = await page.locator('h2').allTextContents();
      for (const h of ['不可用链接（错链、断链）（4）', '图片无法显示（2）', '栏目未按期更新（2）', '空白栏目（1）', '页面泄露个人信息（1）']) assert.ok(headings.includes(h), h);
      await assertNoViolations(page, 'inspection report');
    } finally {
      await page.close();
    }
  });
});
