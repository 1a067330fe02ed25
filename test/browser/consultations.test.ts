/// <reference lib="dom" />
// 意见征集 end to end in a real Chromium without JavaScript, on the demo city, once per engine: the
// education bureau's editor drafts and publishes a consultation (window starting today), a visitor
// comments on one article and anonymously on the whole text, the reviewer approves one and rejects
// the other with a reason, the window closes (the demo app's clock moves on), the editor records the
// adoption and publishes the feedback, and the public page shows the figures, in 简 and 繁.
// Run: node --import tsx --test test/browser/consultations.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ENGINES } from '../../src/test-support/db.js';
import { assertNoJsPageAccessible, asUser, browserSuiteSkip, open, submitAndWait, useDemoBrowser } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const mainText = async (page: Page) => ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ');
const TITLE = '岚江市中小学课后服务管理办法（征求意见稿）';
const TEXT = '第一章 总则\n第一条 为规范中小学课后服务，制定本办法。\n第二条 课后服务遵循学生自愿参加的原则。\n第三条 课后服务结束时间原则上不早于当地正常下班时间。';

for (const engine of ENGINES) {
  describe(`意见征集 in Chromium [${engine}]`, { skip: await browserSuiteSkip(engine) }, () => {
    const suite = useDemoBrowser(engine);
    const as = <T,>(login: string | null, fn: (page: Page) => Promise<T>) => asUser(suite.browser, suite.demo, login, fn, NO_JS);

    test('publish, comment, moderate, close, adoption and the feedback summary', async () => {
      // 1. The editor drafts and publishes; the form proposes today + the 30-day minimum.
      const id = await as('wangxm', async (page) => {
        await open(page, '/staff/consultations/new');
        assert.equal(await page.inputValue('#f-opensOn'), '2026-11-26');
        assert.equal(await page.inputValue('#f-closesOn'), '2026-12-25');
        await page.fill('#f-title', TITLE);
        await page.fill('#f-explanation', '为规范课后服务，市教育局起草了本办法。');
        await page.fill('#f-text', TEXT);
        assert.equal(await submitAndWait(page, 'main form button[type="submit"]'), 200);
        assert.match(await mainText(page), /草稿已保存/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'staff consultation (draft)');
        assert.equal(await submitAndWait(page, 'form[action$="/publish"] button'), 200);
        assert.match(await mainText(page), /已发布/);
        return Number(/\/staff\/consultations\/(\d+)/.exec(page.url())?.[1]);
      });
      assert.ok(id > 0);
      const url = `/consultations/${id}`;

      // 2. A visitor comments on article 2 by its link, then anonymously on the whole text.
      await as(null, async (page) => {
        await open(page, '/consultations');
        assert.match(await mainText(page), new RegExp(TITLE.replace(/[()（）]/g, '.')));
        await open(page, url);
        await Promise.all([page.waitForNavigation(), page.click('#article-2 a')]);
        assert.equal(await page.inputValue('#f-article'), '2');
        await page.fill('#f-body', '建议写明学生可以随时申请退出课后服务。');
        await page.fill('#f-name', '赵一鸣');
        await page.fill('#f-contact', '13700001111');
        assert.equal(await submitAndWait(page, `form[action="${url}/comments"] button`), 201);
        assert.match(await mainText(page), /感谢您提出意见/);
        await open(page, url);
        await page.fill('#f-body', '请访问某某培训班官网报名优惠课程。');
        assert.equal(await submitAndWait(page, `form[action="${url}/comments"] button`), 201);
      });
      const comments = await suite.demo.tdb.ctx.db.selectFrom('consultationComment').select(['id', 'articleNo', 'authorName']).where('consultationId', '=', id).orderBy('id').execute();
      assert.deepEqual(comments.map((c) => [c.articleNo, c.authorName]), [[2, '赵一鸣'], [null, null]]);
      const [a, b] = comments.map((c) => c.id);

      // 3. The reviewer approves the first and rejects the second with a reason.
      await as('lijg', async (page) => {
        await open(page, `/staff/consultations/${id}`);
        assert.match(await mainText(page), /待审核意见（2）/);
        assert.equal(await submitAndWait(page, `form[action$="/comments/${a}/moderate"]:has(input[value="approve"]) button`), 200);
        assert.equal(await submitAndWait(page, `form[action$="/comments/${b}/moderate"]:has(input[value="reject"]) button`), 400, 'a rejection needs its reason');
        assert.match(await mainText(page), /不予公开须说明原因/);
        await page.fill(`#reject-${b}`, '含有广告内容');
        assert.equal(await submitAndWait(page, `form[action$="/comments/${b}/moderate"]:has(input[value="reject"]) button`), 200);
        assert.match(await mainText(page), /待审核意见（0）/);
      });

      // 4. The window closes: the day after 2026-12-25.
      suite.demo.tdb.clock.set('2026-12-26T02:00:00.000Z');
      await as(null, async (page) => {
        await open(page, url);
        const text = await mainText(page);
        assert.match(text, /已截止待反馈/);
        assert.match(text, /本次征求意见已经截止/);
        assert.equal(await page.locator('#f-body').count(), 0, 'no comment form once closed');
      });

      // 5. The editor records the adoption and publishes the feedback.
      await as('wangxm', async (page) => {
        await open(page, `/staff/consultations/${id}`);
        await page.selectOption(`#adoption-${a}`, 'partly');
        await page.fill(`#adoption-reason-${a}`, '已在第二条增加退出程序的规定。');
        assert.equal(await submitAndWait(page, `form[action$="/comments/${a}/adoption"] button`), 200);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'staff consultation (closed)');
        await page.fill('#f-feedback', '征求意见期间共收到意见2条，公开1条，部分采纳1条。');
        assert.equal(await submitAndWait(page, 'form[action$="/feedback"] button'), 200);
        assert.match(await mainText(page), /采纳情况反馈已公开/);
      });

      // 6. The public page shows the figures, in 简 and 繁, and passes axe.
      await as(null, async (page) => {
        await open(page, url);
        const text = await mainText(page);
        assert.match(text, /已反馈/);
        const cells = await page.locator('section[aria-labelledby="cs-feedback"] tbody td').allTextContents();
        assert.deepEqual(cells, ['2', '1', '1', '0', '1', '0']);
        assert.match(text, /征求意见期间共收到意见2条，公开1条，部分采纳1条。/);
        assert.match(text, /赵\*鸣/);
        assert.match(text, /部分采纳：已在第二条增加退出程序的规定。/);
        assert.match(text, /含有广告内容（1 条）/);
        assert.ok(!(await page.content()).includes('13700001111'), 'the contact is never public');
        assert.ok(!text.includes('赵一鸣'));
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, url);
        await open(page, `${url}?lang=zh-Hant`);
        const hant = await mainText(page);
        assert.match(hant, /採納情況反饋/);
        assert.match(hant, /部分採納/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, `${url}?lang=zh-Hant`);
        await open(page, '/consultations');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, '/consultations');
      });
      suite.demo.tdb.clock.set('2026-11-26T02:00:00.000Z');
    });

    test('the demo final policy links back to its consultation', async () => {
      const c = await suite.demo.tdb.ctx.db.selectFrom('consultation').select(['id', 'finalRecordId', 'title']).where('title', 'like', '%普惠托育%').executeTakeFirstOrThrow();
      assert.ok(c.finalRecordId, 'the demo links the final policy');
      await as(null, async (page) => {
        await open(page, `/records/${c.finalRecordId}`);
        await Promise.all([page.waitForNavigation(), page.click('main a:has-text("湖西区促进普惠托育服务发展实施方案（征求意见稿）")')]);
        assert.equal(new URL(page.url()).pathname, `/consultations/${c.id}`);
        const text = await mainText(page);
        assert.match(text, /本政策曾公开征求意见|正式文件/);
        assert.match(text, /已反馈/);
      });
    });
  });
}
