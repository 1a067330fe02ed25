/// <reference lib="dom" />
// 留言/投诉 and 社会评议 in a real Chromium without JavaScript, on the demo city, once per database
// engine: a visitor files a complaint through the form and gets a tracking number and query code;
// the request officer chensy (岚江市人民政府) answers it with publication; the public board shows the
// question and answer with personal data masked; the visitor looks it up; a message not accepted
// shows its reason (masked) to the author and on the board; the supervisor zhaozq records a finding
// on a complaint with its note; a visitor rates a record once and a second attempt is refused.
// Run: node --import tsx --test test/browser/messages.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { submitMessage } from '../../src/supervision/messages/service.js';
import { ENGINES } from '../../src/test-support/db.js';
import { assertNoJsPageAccessible, asUser, browserSuiteSkip, open, submitAndWait, useDemoBrowser } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const mainText = async (page: Page) => (await page.textContent('main')) ?? '';

for (const engine of ENGINES) {
  describe(`留言投诉 and 社会评议 in Chromium [${engine}]`, { skip: await browserSuiteSkip(engine) }, () => {
    const suite = useDemoBrowser(engine);
    const as = <T,>(login: string | null, fn: (page: Page) => Promise<T>) => asUser(suite.browser, suite.demo, login, fn, NO_JS);

    test('file a complaint, answer it with publication, read it on the board, look it up', async () => {
      const subject = '市政府重大决策预公开栏目长期空白';
      const { tn, code } = await as(null, async (page) => {
        await open(page, '/messages/new');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, '/messages/new');
        // A first try without a subject: refused with the reason in both languages, values kept.
        await page.selectOption('#f-agency', 'ljs');
        await page.check('#f-kind-complaint');
        await page.check('#f-ground-not_disclosed');
        await page.fill('#f-body', '市政府网站“重大决策预公开”栏目三个月没有内容。我是钱多多，手机13912345678，请回复。');
        await page.fill('#f-authorName', '钱多多');
        await page.fill('#f-contact', 'qdd@example.cn');
        await page.check('#f-publishConsent');
        assert.equal(await submitAndWait(page, 'main form[action="/messages"] button[type="submit"]'), 400);
        assert.match(await mainText(page), /请填写标题 \/ enter a title/);
        assert.equal(await page.inputValue('#f-authorName'), '钱多多');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'refused message form');
        await page.fill('#f-subject', subject);
        assert.equal(await submitAndWait(page, 'main form[action="/messages"] button[type="submit"]'), 201);
        const trackingNumber = ((await page.textContent('#ly-tracking-number')) ?? '').trim();
        const queryCode = ((await page.textContent('#ly-query-code')) ?? '').trim();
        assert.match(trackingNumber, /^LY\d{4}-\d{6}$/);
        assert.match(queryCode, /^[A-Z2-9]{10}$/);
        return { tn: trackingNumber, code: queryCode };
      });

      await as('chensy', async (page) => {
        await open(page, '/staff/messages');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, '/staff/messages');
        await Promise.all([page.waitForNavigation(), page.click(`main a:has-text("${subject}")`)]);
        const detail = await mainText(page);
        assert.ok(detail.includes('qdd@example.cn'), 'the officer sees the contact');
        assert.ok(detail.includes(tn));
        await page.fill('#f-answer', '您好！已督促相关处室补充发布“重大决策预公开”栏目内容，感谢监督。');
        await page.check('#f-publish');
        assert.equal(await submitAndWait(page, 'form[action$="/answer"] button[type="submit"]'), 200);
        assert.match(await mainText(page), /答复已保存/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'answered message');
      });

      await as(null, async (page) => {
        await open(page, '/messages');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, '/messages');
        const board = await mainText(page);
        assert.ok(board.includes(subject), 'the question is on the board');
        assert.ok(board.includes('已督促相关处室补充发布'), 'the answer is on the board');
        assert.ok(board.includes('139****5678'), 'the phone number is masked');
        for (const secret of ['钱多多', 'qdd@example.cn', '13912345678']) assert.ok(!board.includes(secret), `the board shows ${secret}`);
        await Promise.all([page.waitForNavigation(), page.click(`main a:has-text("${subject}")`)]);
        assert.ok(!(await mainText(page)).includes('钱多多'));

        await open(page, '/messages/track');
        await page.fill('#f-trackingNumber', tn);
        await page.fill('#f-queryCode', code.toLowerCase());
        assert.equal(await submitAndWait(page, 'main form[action="/messages/track"] button[type="submit"]'), 200);
        assert.equal(((await page.textContent('#ly-status')) ?? '').trim(), '已答复');
        assert.match((await page.textContent('#ly-answer')) ?? '', /已督促相关处室/);
      });
    });

    test('not accepted: the reason reaches the author and the board, masked; the finding and its note on the staff page', async () => {
      const subject = '再次反映预公开栏目空白';
      // Filed through the service (the form itself is exercised above).
      const filed = await submitMessage(
        suite.demo.tdb.ctx,
        { agency: 'ljs', kind: 'complaint', ground: 'not_disclosed', subject, body: '与我上周的投诉相同。', authorName: '钱多多', contact: '13912345678', publishConsent: '1' },
        { ipHash: 'browser-test' },
      );
      const tn = filed.message.trackingNumber;
      const reason = '钱多多上周已提交相同投诉（电话13912345678），已合并办理，不再重复受理。';
      const masked = '钱*多上周已提交相同投诉（电话139****5678），已合并办理，不再重复受理。';

      await as('chensy', async (page) => {
        await open(page, `/staff/messages/${filed.message.id}`);
        await page.fill('#f-reason', reason);
        await page.check('#f-reject-publish');
        assert.equal(await submitAndWait(page, 'form[action$="/reject"] button[type="submit"]'), 200);
        assert.match(await mainText(page), /已不予受理/);
        assert.equal(((await page.textContent('#ly-reject-reason')) ?? '').trim(), reason);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'refused message (staff)');
      });

      await as('zhaozq', async (page) => {
        await open(page, `/staff/messages/${filed.message.id}`);
        await page.check('#f-finding-unfounded');
        await page.fill('#f-note', '经核查，该栏目已于本月补充发布内容。');
        assert.equal(await submitAndWait(page, 'form[action$="/finding"] button[type="submit"]'), 200);
        assert.match(await mainText(page), /核查结论已保存/);
        assert.equal(((await page.textContent('#ly-finding')) ?? '').trim(), '经核查不属实');
        assert.equal(((await page.textContent('#ly-finding-note')) ?? '').trim(), '经核查，该栏目已于本月补充发布内容。');
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'complaint with a finding');
      });

      await as(null, async (page) => {
        await open(page, '/messages');
        const board = await mainText(page);
        assert.ok(board.includes(subject), 'the refused message is on the board');
        assert.ok(board.includes(`不予受理的理由：${masked}`), 'with its reason, masked');
        for (const secret of ['钱多多', '13912345678']) assert.ok(!board.includes(secret), `the board shows ${secret}`);

        await open(page, '/messages/track');
        await page.fill('#f-trackingNumber', tn);
        await page.fill('#f-queryCode', filed.queryCode);
        assert.equal(await submitAndWait(page, 'main form[action="/messages/track"] button[type="submit"]'), 200);
        assert.equal(((await page.textContent('#ly-status')) ?? '').trim(), '不予受理');
        assert.equal(((await page.textContent('#ly-reject-reason')) ?? '').trim(), masked);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'refused message (author)');
      });
    });

    test('a visitor rates a record page once; a second attempt is refused', async () => {
      const record = await suite.demo.tdb.ctx.db.selectFrom('record').select('id').where('status', '=', 'published').where('mode', '=', '主动公开').orderBy('id').executeTakeFirstOrThrow();
      await as(null, async (page) => {
        await open(page, `/records/${record.id}`);
        const before = ((await page.textContent('#rating-record-summary')) ?? '').trim();
        await page.check('#rating-record-score-4');
        await page.fill('#rating-record-comment', '条理清楚');
        assert.equal(await submitAndWait(page, 'form[action="/ratings"] button[type="submit"]'), 200);
        assert.match(await mainText(page), /感谢您的评价/);
        assert.notEqual(((await page.textContent('#rating-record-summary')) ?? '').trim(), before);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'record page with the rating panel');
        await page.check('#rating-record-score-1');
        assert.equal(await submitAndWait(page, 'form[action="/ratings"] button[type="submit"]'), 409);
        assert.match(await mainText(page), /您已经评价过/);
        await assertNoJsPageAccessible(suite.browser, suite.demo, page, 'refused rating');
      });
    });
  });
}
