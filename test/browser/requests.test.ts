/// <reference lib="dom" />
// 依申请公开 in a real Chromium without JavaScript, once per database engine: a citizen applies
// on a phone; the officer sends a 补正 notice, registers the corrected request, proposes an
// extension that the head of the office approves, and decides; the citizen then reads the
// explained due date and the letters. WCAG 2.1 AA (axe-core) on every page of the journey.
// Run: node --import tsx --test test/browser/requests.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ENGINES } from '../../src/test-support/db.js';
import { assertFitsWidth, assertNoJsPageAccessible, asUser, browserSuiteSkip, open, submitAndWait, useDemoBrowser } from './support.js';

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const PHONE = { width: 360, height: 740 };

const suiteSkip = browserSuiteSkip;
const submit = submitAndWait;

const mainText = async (page: Page) => (await page.textContent('main')) ?? '';
const actionButton = (form: string) => `#act-${form} button[type="submit"]`;

for (const engine of ENGINES) {
  describe(`依申请公开 in Chromium [${engine}]`, { skip: await suiteSkip(engine) }, () => {
    const suite = useDemoBrowser(engine);
    let tracking = '';
    let code = '';
    let requestId = 0;

    /** Runs `fn` in a fresh context (no JavaScript), signed in as `login` unless null. */
    const as = <T,>(login: string | null, fn: (page: Page) => Promise<T>, options: BrowserContextOptions = {}) => asUser(suite.browser, suite.demo, login, fn, { ...NO_JS, ...options });

    const checkA11y = (page: Page, label: string) => assertNoJsPageAccessible(suite.browser, suite.demo, page, label);

    /** Business days move the server's clock (10:00 Beijing time on that day). */
    const onDay = (day: string) => suite.demo.tdb.clock.set(`${day}T02:00:00.000Z`);

    test('a citizen applies on a phone without JavaScript; mistakes are shown beside the fields', async () => {
      onDay('2026-11-26');
      await as(
        null,
        async (page) => {
          await open(page, '/requests');
          await checkA11y(page, '/requests');
          await open(page, '/requests/new?agency=ljs');
          await checkA11y(page, 'application form');
          await assertFitsWidth(page, PHONE.width, 'application form at 360px');
          assert.equal(await page.inputValue('#f-agency'), 'ljs');

          await page.check('#f-applicantType-natural');
          await page.fill('#f-applicantName', '王小红');
          await page.selectOption('#f-idDocType', 'resident-id');
          // A wrong check digit (the right one is X): refused with the field named.
          await page.fill('#f-idDocNumber', '110105194912310021');
          await page.fill('#f-phone', '13912345678');
          await page.fill('#f-email', 'wangxh@example.cn');
          await page.fill('#f-title', '关于城市更新的文件');
          await page.fill('#f-description', '需要相关文件');
          await page.check('#f-deliveryForm-electronic');
          await page.check('#f-deliveryMethod-email');
          await page.check('#f-oneMatter');
          assert.equal(await submit(page, 'main form button[type="submit"]'), 400);
          assert.match(await page.textContent('.error-summary') ?? '', /校验位/);
          assert.equal(await page.inputValue('#f-applicantName'), '王小红', 'input kept');
          await checkA11y(page, 'application form with errors');

          await page.fill('#f-idDocNumber', '11010519491231002X');
          assert.equal(await submit(page, 'main form button[type="submit"]'), 201);
          tracking = (await page.textContent('#rq-tracking-number'))?.trim() ?? '';
          code = (await page.textContent('#rq-query-code'))?.trim() ?? '';
          assert.match(tracking, /^YSQ-ljs-2026-\d{5}$/);
          assert.match(code, /^[A-Z2-9]{10}$/);
          const text = await mainText(page);
          // Received Thu 11-26; 20 working days: 11-27 is 1 … 12-24 is 20 (no holiday in December).
          assert.match(text, /2026-12-24/);
          await checkA11y(page, 'confirmation');
        },
        { viewport: PHONE },
      );
    });

    test('the officer sends a 补正 notice, then registers the corrected request: the clock restarts', async () => {
      await as('chensy', async (page) => {
        await open(page, '/staff/requests');
        await checkA11y(page, 'staff request list');
        await page.click(`a:text("${tracking}")`);
        requestId = Number(/\/staff\/requests\/(\d+)/.exec(page.url())?.[1]);
        assert.ok(requestId > 0);
        const text = await mainText(page);
        assert.ok(text.includes('王小红'), 'the handling officer sees the applicant');
        assert.ok(!text.includes('11010519491231002X'), 'the ID number is masked');
        await checkA11y(page, 'staff request page');
        await page.fill('#correction-whatToCorrect', '请写明所需文件的名称或文号、制作机关和年份。');
        await page.fill('#correction-respondBy', '2026-12-10');
        assert.equal(await submit(page, actionButton('correction')), 200);
        assert.match(await mainText(page), /待申请人补正/);
      });

      onDay('2026-11-30');
      await as('chensy', async (page) => {
        await open(page, `/staff/requests/${requestId}`);
        await page.fill('#correction-received-on', '2026-11-30');
        await page.fill('#correction-received-correctedTitle', '岚江市城市更新专项规划（2026—2035年）及其起草说明');
        assert.equal(await submit(page, actionButton('correction-received')), 200);
        const text = await mainText(page);
        // Restarted on Mon 11-30: 12-01 is day 1 … 12-28 is day 20.
        assert.match(text, /2026-12-28/);
        assert.match(text, /补正/);

        await page.fill('#extension-workingDays', '10');
        await page.fill('#extension-reason', '涉及规划文本及附图，需与自然资源和规划局核对');
        assert.equal(await submit(page, actionButton('extension')), 200);
        assert.match(await mainText(page), /待.*审批|负责人审批/);
      });
    });

    test('only the head of the office approves the extension; the due date moves and is provisional in 2027', async () => {
      await as('zhoumin', async (page) => {
        await open(page, `/staff/requests/${requestId}`);
        await page.fill('#extension-decision-comment', '同意延期10个工作日');
        assert.equal(await submit(page, '#act-extension-decision button[value="1"], #act-extension-decision button[type="submit"]'), 200);
        const text = await mainText(page);
        // 20 + 10 working days from 11-30: 12-28 is 20, 12-29 … 12-31 are 21–23; 2027 has no
        // schedule yet, so Fri 01-01 counts as 24 (provisional), 01-04 … 01-08 are 25–29, 01-11 is 30.
        assert.match(text, /2027-01-11/);
        assert.match(text, /暂定|尚未公布/);
      });
    });

    test('the officer decides 部分公开; the letter cites 第三十七条 and says 复议 comes first', async () => {
      onDay('2026-12-03');
      await as('chensy', async (page) => {
        await open(page, `/staff/requests/${requestId}`);
        await page.selectOption('#decide-outcome', 'partial');
        await page.fill('#decide-reasons', '规划附图中涉及军事设施的部分属于国家秘密，已作区分处理。');
        await page.fill('#decide-provided', '规划文本及起草说明（PDF），已通过电子邮件发送');
        await page.fill('#decide-publicSummary', '岚江市城市更新专项规划及起草说明');
        assert.equal(await submit(page, actionButton('decide')), 200);
        assert.match(await mainText(page), /已答复/);
      });
    });

    test('the citizen reads the explained due date, the timeline and the letters', async () => {
      await as(null, async (page) => {
        await open(page, `/requests/track`);
        await checkA11y(page, 'track form');
        await page.fill('#f-trackingNumber', tracking);
        await page.fill('#f-queryCode', 'WRONGCODE2');
        assert.equal(await submit(page, 'main form button[type="submit"]'), 404);
        assert.match(await mainText(page), /申请编号或查询码不正确/);

        await page.fill('#f-trackingNumber', tracking);
        await page.fill('#f-queryCode', code.toLowerCase());
        assert.equal(await submit(page, 'main form button[type="submit"]'), 200);
        const text = await mainText(page);
        assert.match(text, /部分公开/);
        assert.match(text, /答复期限是怎样计算的/);
        assert.match(text, /第三十一条/, 'the receipt rule');
        assert.match(text, /第三十条/, 'the 补正 restart');
        assert.match(text, /第三十三条/, 'the 20 days and the extension');
        assert.ok(!text.includes('同意延期10个工作日'), 'internal approval comments stay internal');
        await checkA11y(page, 'status page');
        await assertFitsWidth(page, 1280, 'status page');

        const letters = await page.$$eval('main a[href*="/letters/"]', (as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
        const titles = letters.map((l) => l.text).join(' ');
        for (const kind of ['受理回执', '补正告知书', '延期答复告知书', '答复书']) assert.ok(titles.includes(kind), `letter ${kind} in ${titles}`);
        const reply = letters.find((l) => l.text.includes('答复书') && !l.text.includes('延期'));
        assert.ok(reply);
        await open(page, reply.href);
        const letter = (await page.textContent('body')) ?? '';
        assert.match(letter, /第三十七条/);
        assert.match(letter, /应当先在收到本答复书之日起60日内向.*申请行政复议/);
        assert.match(letter, /王小红/);
      });
    });

    test('the head of the office sees the workbench and the annual report pages, accessible', async () => {
      await as('zhoumin', async (page) => {
        await open(page, '/staff');
        assert.match(await mainText(page), /依申请公开/);
        await checkA11y(page, 'workbench home');
        await open(page, '/staff/reports?year=2026');
        await checkA11y(page, 'annual report list');
        await open(page, '/staff/reports/ljs/2026?scope=consolidated');
        const text = await mainText(page);
        assert.match(text, /三、收到和处理政府信息公开申请情况/);
        assert.match(text, /全部校验通过/);
        await checkA11y(page, 'consolidated annual report');
      });
    });

    test('the public register lists the answer without the applicant', async () => {
      await as(null, async (page) => {
        await open(page, '/agencies/ljs/requests');
        const text = await mainText(page);
        assert.ok(text.includes('岚江市城市更新专项规划及起草说明'));
        assert.ok(text.includes(tracking));
        for (const secret of ['王小红', '11010519491231002X', '13912345678', 'wangxh@example.cn']) assert.ok(!text.includes(secret), secret);
        await checkA11y(page, 'public register');
      });
    });
  });
}
