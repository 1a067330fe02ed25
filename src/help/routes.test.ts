import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeAgency, makeUser, TEST_PASSWORD } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';
import { listHelpPages, seedHelpPages, SHIPPED_HELP_PAGES } from './service.js';

const shipped = JSON.parse(readFileSync(SHIPPED_HELP_PAGES, 'utf8')) as { slug: string; title: string; summary: string }[];

/** A complete, valid edit form for a page; tests override single fields. */
const form = (overrides: Record<string, string> = {}) => ({
  title: '如何查找政府信息（修订）',
  summary: '新的摘要。',
  sortOrder: '1',
  bodyHtml: '<h2>新的说明</h2><p>先看主动公开目录。</p>',
  ...overrides,
});

for (const engine of ENGINES) {
  describe(`help centre [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
      assert.equal(await seedHelpPages(t.tdb.ctx), shipped.length);
      const city = await makeAgency(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'help.reviewer', agencyId: city.id, roles: ['reviewer'] });
      await makeUser(t.tdb.ctx, { login: 'help.editor', agencyId: city.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'root.admin', agencyId: city.id, roles: ['system_admin'] });
    });
    after(async () => t?.close());

    test('the public index lists every shipped page with its summary, in order, and links to the pages', async () => {
      assert.equal(shipped.length, 6);
      const res = await t.app.inject({ url: '/help' });
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('<title>帮助 - '));
      let last = -1;
      for (const p of shipped) {
        const at = res.body.indexOf(`<a href="/help/${p.slug}">${p.title}</a>`);
        assert.ok(at > last, `${p.slug} listed after the previous page`);
        last = at;
        assert.ok(res.body.includes(p.summary), `${p.slug} summary shown`);
      }
    });

    test('a page renders its sanitised body, breadcrumbs and links to the other pages', async () => {
      const res = await t.app.inject({ url: '/help/find-information' });
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('<h1>如何查找政府信息</h1>'));
      assert.ok(res.body.includes('<h2>先查主动公开目录</h2>'));
      assert.match(res.body, /<nav aria-label="当前位置"[^]*?<a href="\/help">帮助<\/a>[^]*?aria-current="page">如何查找政府信息</, 'breadcrumbs');
      assert.ok(res.body.includes('<a href="/help/privacy">'), 'the other pages are linked');
    });

    test('an unknown or malformed slug is a friendly 404', async () => {
      for (const url of ['/help/no-such-page', '/help/Bad_Slug']) {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 404, url);
        assert.ok(res.body.includes('您访问的帮助页面不存在'), url);
      }
    });

    test('?lang=zh-Hant shows the help centre in 繁體', async () => {
      const index = await t.app.inject({ url: '/help?lang=zh-Hant' });
      assert.equal(index.statusCode, 200);
      assert.ok(index.body.includes('幫助中心'));
      assert.ok(!index.body.includes('帮助中心'));
      const page = await t.app.inject({ url: '/help/request-information?lang=zh-Hant' });
      assert.ok(page.body.includes('如何申請政府信息公開'));
    });

    test('a reviewer edits a page: scripts are stripped, the page changes at once and the edit is audited', async () => {
      const reviewer = new Visitor(t.app);
      await reviewer.login('help.reviewer', TEST_PASSWORD);
      const list = await reviewer.get('/staff/help');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes('href="/staff/help/find-information/edit"'));
      const edit = await reviewer.get('/staff/help/find-information/edit');
      assert.equal(edit.statusCode, 200);
      assert.ok(edit.body.includes('name="bodyHtml"'));
      const res = await reviewer.post('/staff/help/find-information', form({ bodyHtml: '<p onclick="x()">先看目录。</p><script>alert(1)</script><img src=x onerror=alert(2)>' }));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/staff/help/find-information/edit?saved=1');
      const page = await t.app.inject({ url: '/help/find-information' });
      assert.ok(page.body.includes('<h1>如何查找政府信息（修订）</h1>'));
      assert.ok(page.body.includes('<p>先看目录。</p>'));
      assert.ok(!/<script>alert|onerror|onclick|<img/.test(page.body));
      const admin = new Visitor(t.app);
      await admin.login('root.admin', TEST_PASSWORD);
      const audit = await admin.get('/staff/audit?action=help.');
      assert.ok(audit.body.includes('help.update'));
      assert.ok(audit.body.includes('修改帮助页面“如何查找政府信息（修订）”'));
      assert.ok(audit.body.includes('help.reviewer'));
    });

    test('invalid input is shown again with the problems and a 400; nothing is saved', async () => {
      const reviewer = new Visitor(t.app);
      await reviewer.login('help.reviewer', TEST_PASSWORD);
      await reviewer.get('/staff/help/privacy/edit');
      const bad = await reviewer.post('/staff/help/privacy', form({ title: '短', sortOrder: 'abc', bodyHtml: '<script>only()</script>', summary: '长'.repeat(201) }));
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('请修改以下问题'));
      for (const text of ['标题应为 2–60 个字', '排序应为整数', '摘要不超过 200 个字', 'body is empty after sanitising']) assert.ok(bad.body.includes(text), text);
      assert.ok(bad.body.includes('value="短"'), "the visitor's input is kept");
      const tooBig = await reviewer.post('/staff/help/privacy', form({ bodyHtml: `<p>${'a'.repeat(100 * 1024)}</p>` }));
      assert.equal(tooBig.statusCode, 400);
      assert.ok(tooBig.body.includes('正文不超过 100 KB'));
      const page = await t.app.inject({ url: '/help/privacy' });
      assert.ok(page.body.includes('<h1>个人信息保护</h1>'));
      assert.equal((await reviewer.post('/staff/help/no-such-page', form())).statusCode, 404);
    });

    test('an editor may not manage help pages; anonymous visitors are sent to the login', async () => {
      const editor = new Visitor(t.app);
      await editor.login('help.editor', TEST_PASSWORD);
      assert.equal((await editor.get('/staff/help')).statusCode, 403);
      assert.equal((await editor.get('/staff/help/privacy/edit')).statusCode, 403);
      assert.equal((await editor.post('/staff/help/privacy', form())).statusCode, 403);
      const anonymous = await t.app.inject({ url: '/staff/help' });
      assert.equal(anonymous.statusCode, 302);
      assert.match(String(anonymous.headers.location), /^\/staff\/login\?next=%2Fstaff%2Fhelp/);
    });

    test('a system admin creates a page that then appears in the public index; a taken slug is a conflict', async () => {
      const admin = new Visitor(t.app);
      await admin.login('root.admin', TEST_PASSWORD);
      const blank = await admin.get('/staff/help/new');
      assert.equal(blank.statusCode, 200);
      assert.ok(blank.body.includes('name="slug"'));
      const created = await admin.post('/staff/help', form({ slug: 'request-fees', title: '信息处理费怎么收', summary: '收费标准与免收情形。', sortOrder: '7' }));
      assert.equal(created.statusCode, 303);
      assert.equal(created.headers.location, '/staff/help/request-fees/edit?saved=1');
      const index = await t.app.inject({ url: '/help' });
      assert.ok(index.body.includes('<a href="/help/request-fees">信息处理费怎么收</a>'));
      assert.ok(index.body.includes('收费标准与免收情形。'));
      assert.equal((await t.app.inject({ url: '/help/request-fees' })).statusCode, 200);
      const taken = await admin.post('/staff/help', form({ slug: 'privacy' }));
      assert.equal(taken.statusCode, 409);
      assert.ok(taken.body.includes('地址“privacy”已被使用'));
      const badSlug = await admin.post('/staff/help', form({ slug: 'Bad Slug' }));
      assert.equal(badSlug.statusCode, 400);
      assert.equal((await admin.post('/staff/help', form({ slug: 'new' }))).statusCode, 400, 'reserved');
      const audit = await admin.get('/staff/audit?action=help.create');
      assert.ok(audit.body.includes('新建帮助页面“信息处理费怎么收”'));
    });

    test('seeding again adds nothing and keeps the staff edits', async () => {
      const beforeSeed = await listHelpPages(t.tdb.ctx.db);
      assert.equal(await seedHelpPages(t.tdb.ctx), 0);
      const afterSeed = await listHelpPages(t.tdb.ctx.db);
      assert.deepEqual(afterSeed, beforeSeed);
      assert.equal(new Set(afterSeed.map((p) => p.slug)).size, afterSeed.length);
      assert.equal(afterSeed.find((p) => p.slug === 'find-information')?.title, '如何查找政府信息（修订）');
    });
  });
}
