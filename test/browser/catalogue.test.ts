/// <reference lib="dom" />
// The catalogue in a real Chromium, once per database engine: the editor → reviewer workflow
// without JavaScript (pre-publication scan, override, revision, withdrawal), the 同步发布 rule for
// policy interpretations, 繁體 conversion, WCAG 2.1 AA (axe-core) and 360px layouts.
// Run: node --import tsx --test test/browser/catalogue.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { Engine } from '../../src/platform/db/database.js';
import { ENGINES } from '../../src/test-support/db.js';
import { assertFitsWidth, assertNoViolations, browserSuiteSkip, submitAndWait, DEMO_PASSWORD as PASSWORD, launchChromium, open, startDemoApp, type DemoApp } from './support.js';

// ---------- helpers ----------

const NO_JS: BrowserContextOptions = { javaScriptEnabled: false };
const PHONE = { width: 360, height: 740 };
/** A pinyin annotation such as "(jìn)" after a character. */
const PINYIN = /\((?:[a-zü]+[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/;
const APPROVE = 'form[action$="/approve"] button[type="submit"]';

const suiteSkip = browserSuiteSkip;
const submit = submitAndWait;

const mainText = async (page: Page) => (await page.textContent('main')) ?? '';
const errorText = async (page: Page) => ((await page.locator('.error-summary').count()) ? ((await page.textContent('.error-summary')) ?? '') : '(no error summary)');
const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** 索引号, status label and version from the header line of a staff record page. */
async function staffState(page: Page): Promise<{ index: string; status: string; version: number }> {
  const m = /索引号 (\S+) · 状态：(.+?) · 第 (\d+) 版/.exec(await mainText(page));
  assert.ok(m, `not a staff record page: ${page.url()}`);
  return { index: m[1]!, status: m[2]!, version: Number(m[3]) };
}

/** The value of one row of the public metadata table. */
const metaValue = async (page: Page, key: string) => (await page.textContent(`table.meta tr:has(th:text-is("${key}")) td`))?.trim();

interface RecordFields {
  title: string;
  genre: string;
  body: string;
  docNumber?: string;
  needsInterpretation?: boolean;
  interprets?: string;
  interpretationKind?: string;
}

/** Fills /staff/records/new for 岚江市教育局 and saves; returns the new record's id. */
async function createDraft(page: Page, f: RecordFields): Promise<number> {
  await open(page, '/staff/records/new');
  await page.selectOption('#f-agency', 'ljs-jyj');
  await page.fill('#f-title', f.title);
  await page.fill('#f-docNumber', f.docNumber ?? '');
  await page.fill('#f-writtenOn', '2026-11-20');
  await page.fill('#f-formedOn', '2026-11-24');
  await page.selectOption('#f-topic', '科技、教育\\教育');
  await page.selectOption('#f-genre', f.genre);
  await page.selectOption('#f-category', '执行公开');
  if (f.needsInterpretation) await page.check('#f-needsInterpretation');
  if (f.interprets) await page.fill('#f-interprets', f.interprets);
  if (f.interpretationKind) await page.selectOption('#f-interpretationKind', f.interpretationKind);
  await page.fill('#f-bodyHtml', f.body);
  assert.equal(await submit(page, 'form[action="/staff/records"] button[type="submit"]'), 200, await errorText(page));
  const m = /\/staff\/records\/(\d+)$/.exec(page.url());
  assert.ok(m, `saving the draft did not lead to its page but to ${page.url()}: ${await errorText(page)}`);
  return Number(m[1]);
}

interface ApiRecord {
  id: number;
  title: string;
  versions: unknown[];
  attachments: unknown[];
  interprets: unknown;
  interpretations: unknown[];
}

/** One engine's seeded database, app on a random port and browser. */
class Env {
  demo: DemoApp | undefined;
  browser: Browser | undefined;
  baseURL = '';
  /** Seeded records found through the public API (and the database for the withdrawn one). */
  seeded = { plain: 0, revised: 0, withdrawn: 0, tuijin: 0 };

  async start(engine: Engine): Promise<void> {
    this.browser = await launchChromium();
    this.demo = await startDemoApp(engine);
    this.baseURL = this.demo.baseURL;

    const list = await this.api<{ items: { id: number }[] }>('/api/v1/records?pageSize=100');
    const details = await Promise.all(list.items.map((r) => this.api<ApiRecord>(`/api/v1/records/${r.id}`)));
    const find = (what: string, ok: (r: ApiRecord) => boolean) => details.find(ok)?.id ?? assert.fail(`no seeded record ${what}`);
    this.seeded.plain = find('without attachments or history', (r) => r.versions.length === 1 && r.attachments.length === 0 && !r.interprets && r.interpretations.length === 0);
    this.seeded.revised = find('with 版本记录', (r) => r.versions.length > 1);
    this.seeded.tuijin = find('titled 推进', (r) => r.title.includes('推进'));
    this.seeded.withdrawn = (await this.demo.tdb.ctx.db.selectFrom('record').select('id').where('status', '=', 'withdrawn').executeTakeFirstOrThrow()).id;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.demo?.close();
  }

  async api<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseURL}${path}`);
    assert.equal(response.status, 200, `GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  /**
   * Runs `fn` with one page per user, each in a context (cookies) of its own, logged in through
   * the real login form; `null` is an anonymous visitor. Closes the contexts afterwards.
   */
  async withUsers<const L extends readonly (string | null)[], T>(options: BrowserContextOptions, logins: L, fn: (pages: { [K in keyof L]: Page }) => Promise<T>): Promise<T> {
    assert.ok(this.browser, 'browser not started');
    const contexts = await Promise.all(logins.map(() => this.browser!.newContext({ baseURL: this.baseURL, locale: 'zh-CN', ...options })));
    try {
      const pages = await Promise.all(contexts.map((c) => c.newPage()));
      for (const [i, login] of logins.entries()) {
        if (login === null) continue;
        const page = pages[i]!;
        await open(page, '/staff/login');
        await page.fill('#f-login', login);
        await page.fill('#f-password', PASSWORD);
        await Promise.all([page.waitForURL(`${this.baseURL}/staff`), page.click('main form button[type="submit"]')]);
      }
      return await fn(pages as { [K in keyof L]: Page });
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  }

  withPage<T>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>): Promise<T> {
    return this.withUsers(options, [null], ([page]) => fn(page));
  }
}

const NOTICE = {
  title: '岚江市教育局关于推进课后服务提质增效的通知',
  docNumber: '岚教发〔2026〕30号',
  genre: '通知',
  body: '<p>各中小学：课后服务时间为每天16:30至18:00。联系人手机13800138000。</p>',
};

// ---------- the suites, once per engine ----------

for (const engine of ENGINES) {
  describe(`browser: catalogue in Chromium [${engine}]`, { skip: await suiteSkip(engine) }, () => {
    const env = new Env();
    before(() => env.start(engine));
    after(() => env.stop());

    describe('workflow without JavaScript', () => {
      test('draft → scan hit → refused and proper override → public → revision → withdrawal', () =>
        env.withUsers(NO_JS, ['wangxm', 'lijg', null], async ([editor, reviewer, visitor]) => {
          const id = await createDraft(editor, NOTICE);
          const { index, status } = await staffState(editor);
          assert.equal(status, '草稿');
          assert.equal(await submit(editor, 'form[action$="/submit"] button[type="submit"]'), 200);
          assert.equal((await staffState(editor)).status, '待审核');
          const scan = (await editor.textContent('section[aria-labelledby="scan-title"]')) ?? '';
          assert.match(scan, /发布前检查发现 1 处/);
          assert.match(scan, /手机号码/);

          // The override reason is required by HTML; a too-short one reaches the server and is refused.
          await open(reviewer, `/staff/records/${id}`);
          assert.notEqual(await reviewer.getAttribute('#f-overrideReason', 'required'), null);
          await reviewer.fill('#f-overrideReason', '可以');
          assert.equal(await submit(reviewer, APPROVE), 409);
          const refusal = await errorText(reviewer);
          assert.match(refusal, /须处理或由审核人员填写理由后放行/);
          assert.match(refusal, /正文: 138\*+8000/, 'the refusal names the hit, masked');
          assert.equal((await staffState(reviewer)).status, '待审核');
          await reviewer.fill('#f-overrideReason', '联系人手机为学校公开的咨询电话，经核实可以公开');
          assert.equal(await submit(reviewer, APPROVE), 200, await errorText(reviewer));
          assert.equal((await staffState(reviewer)).status, '已发布');

          await open(visitor, `/records/${id}`);
          assert.equal(await metaValue(visitor, '索引号'), index);
          assert.equal(await metaValue(visitor, '文号'), NOTICE.docNumber);
          assert.match((await visitor.textContent('.record-body')) ?? '', /课后服务时间为每天16:30至18:00/);
          const search = `/catalogue?docNumber=${encodeURIComponent(NOTICE.docNumber)}`;
          await open(visitor, search);
          assert.equal(await visitor.locator(`main a[href="/records/${id}"]`).count(), 1, 'the published record is listed');

          await open(reviewer, `/staff/records/${id}/revise`);
          await reviewer.fill('#f-bodyHtml', '<p>各中小学：课后服务时间调整为每天16:00至17:30。</p>');
          await reviewer.fill('#f-reason', '更正课后服务时间');
          assert.equal(await submit(reviewer, 'form[action$="/revise"] button[type="submit"]'), 200, await errorText(reviewer));
          assert.deepEqual(await staffState(reviewer), { index, status: '已发布', version: 2 });

          await open(visitor, `/records/${id}`);
          assert.match((await visitor.textContent('.record-body')) ?? '', /16:00至17:30/);
          assert.match((await visitor.textContent('section[aria-labelledby="versions-title"]')) ?? '', /版本记录[\s\S]*更正课后服务时间/);
          await Promise.all([visitor.waitForURL(`${env.baseURL}/records/${id}/versions/1`), visitor.click('a:text-is("第 1 版")')]);
          assert.match(await mainText(visitor), /您正在查看第 1 版/);
          assert.match((await visitor.textContent('.record-body')) ?? '', /16:30至18:00/);

          await open(reviewer, `/staff/records/${id}`);
          await reviewer.fill('#f-reason', '课后服务安排已统一调整，本通知停止执行');
          assert.equal(await submit(reviewer, 'form[action$="/withdraw"] button[type="submit"]'), 200, await errorText(reviewer));
          assert.equal((await staffState(reviewer)).status, '已撤回');
          await open(visitor, `/records/${id}`);
          const withdrawn = await mainText(visitor);
          assert.match(withdrawn, /本信息已于 \d{4}-\d{2}-\d{2} 撤回。/);
          assert.match(withdrawn, /课后服务安排已统一调整，本通知停止执行/);
          assert.equal(await visitor.locator('.record-body').count(), 0, 'the withdrawn body is not shown');
          for (const path of [search, '/catalogue']) {
            await open(visitor, path);
            assert.equal(await visitor.locator(`main a[href="/records/${id}"]`).count(), 0, `${path} still lists the withdrawn record`);
          }
        }));

      test('a policy needing interpretation waits for an approved interpretation; both go live together', () =>
        env.withUsers(NO_JS, ['wangxm', 'lijg', null], async ([editor, reviewer, visitor]) => {
          const policyId = await createDraft(editor, { title: '岚江市中小学课后服务提质增效三年行动方案', genre: '方案', needsInterpretation: true, body: '<p>到2028年，课后服务实现义务教育学校全覆盖。</p>' });
          const policyIndex = (await staffState(editor)).index;
          assert.equal(await submit(editor, 'form[action$="/submit"] button[type="submit"]'), 200);

          await open(reviewer, `/staff/records/${policyId}`);
          assert.equal(await submit(reviewer, APPROVE), 409);
          assert.match(await errorText(reviewer), /须与至少一篇已审核的解读同步发布/);
          assert.equal((await staffState(reviewer)).status, '待审核');

          const interpretationId = await createDraft(editor, {
            title: '《岚江市中小学课后服务提质增效三年行动方案》政策解读',
            genre: '解读',
            interprets: policyIndex,
            interpretationKind: '文字解读',
            body: '<p>一、制定背景。二、主要内容。</p>',
          });
          assert.equal(await submit(editor, 'form[action$="/submit"] button[type="submit"]'), 200);
          await open(reviewer, `/staff/records/${interpretationId}`);
          assert.equal(await submit(reviewer, APPROVE), 200, await errorText(reviewer));
          assert.equal((await staffState(reviewer)).status, '已审核，待与政策同步发布');

          await open(reviewer, `/staff/records/${policyId}`);
          assert.equal(await submit(reviewer, APPROVE), 200, await errorText(reviewer));
          assert.equal((await staffState(reviewer)).status, '已发布');
          await open(reviewer, `/staff/records/${interpretationId}`);
          assert.equal((await staffState(reviewer)).status, '已发布');

          await open(visitor, `/records/${policyId}`);
          const links = visitor.locator(`section[aria-labelledby="interpretations-title"] a[href="/records/${interpretationId}"]`);
          assert.equal(await links.count(), 1, 'the policy links its interpretation under 政策解读');
          await Promise.all([visitor.waitForURL(`${env.baseURL}/records/${interpretationId}`), links.click()]);
          assert.match(await mainText(visitor), /解读对象：/);
          assert.equal(await visitor.locator(`main p:has-text("解读对象") a[href="/records/${policyId}"]`).count(), 1, 'the interpretation links back');
        }));
    });

    describe('繁體', () => {
      test('a record page converts 推进 to 推進 by phrase, without pinyin', () =>
        env.withPage(NO_JS, async (page) => {
          await open(page, `/records/${env.seeded.tuijin}?lang=zh-Hant`);
          assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
          const text = (await page.textContent('body')) ?? '';
          assert.ok(text.includes('推進'), 'the 繁體 page shows 推進');
          assert.ok(!text.includes('推进'), 'no Simplified 推进 left');
          assert.doesNotMatch(text, PINYIN);
          assert.ok(!text.includes('(jìn)'));
        }));
    });

    describe('WCAG 2.1 AA (axe-core)', () => {
      const pages: [string, () => string][] = [
        ['/catalogue', () => '/catalogue'],
        ['/catalogue?topic=科技、教育', () => '/catalogue?topic=科技、教育'],
        ['a seeded record without attachments', () => `/records/${env.seeded.plain}`],
        ['a seeded record with 版本记录', () => `/records/${env.seeded.revised}`],
        ['a withdrawn seeded record', () => `/records/${env.seeded.withdrawn}`],
        ['/agencies/ljs/columns', () => '/agencies/ljs/columns'],
        ['/help', () => '/help'],
        ['/help/accessibility', () => '/help/accessibility'],
      ];
      for (const [label, path] of pages) {
        for (const lang of ['zh-Hans', 'zh-Hant']) {
          test(`no violations on ${label} (${lang})`, () =>
            env.withPage({ bypassCSP: true }, async (page) => {
              await open(page, withLang(path(), lang));
              await assertNoViolations(page, `${label} (${lang})`);
            }));
        }
      }

      test('no violations on the new-record form and a staff record page (editor)', () =>
        env.withUsers({ bypassCSP: true }, ['wangxm'], async ([editor]) => {
          await open(editor, '/staff/records/new');
          await assertNoViolations(editor, 'the new-record form');
          const id = await createDraft(editor, { title: '岚江市教育局关于课后服务无障碍检查的通知', genre: '通知', body: NOTICE.body });
          await assertNoViolations(editor, 'a draft staff record page');
          assert.equal(await submit(editor, 'form[action$="/submit"] button[type="submit"]'), 200);
          assert.equal(editor.url(), `${env.baseURL}/staff/records/${id}`);
          await assertNoViolations(editor, 'a submitted staff record page with scan hits');
        }));
    });

    describe('mobile: no horizontal scrolling at 360px', () => {
      const pages: [string, () => string][] = [
        ['/catalogue', () => '/catalogue'],
        ['a record page with 版本记录', () => `/records/${env.seeded.revised}`],
      ];
      for (const [label, path] of pages) {
        for (const elder of ['0', '1']) {
          test(`${label} fits 360px${elder === '1' ? ' in elderly mode' : ''}`, () =>
            env.withPage({ viewport: PHONE }, async (page) => {
              await open(page, `${path()}${path().includes('?') ? '&' : '?'}elder=${elder}`);
              await assertFitsWidth(page, PHONE.width, label);
            }));
        }
      }
    });
  });
}
