import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { makeHierarchy } from '../../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';

for (const engine of ENGINES) {
  describe(`HTTP shell [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    before(async () => {
      // A route that fails unexpectedly, to see what a visitor gets for a bug.
      const broken = (app: FastifyInstance) => {
        app.get('/broken', () => {
          throw new Error('secret internal detail at /srv/app/db.ts:42');
        });
        app.get('/api/v1/broken', () => {
          throw new TypeError('secret internal detail');
        });
      };
      t = await createTestApp(engine, {}, [broken]);
      await makeHierarchy(t.tdb.ctx);
    });
    after(async () => t?.close());

    test('public pages answer 200 with the layout: nav, language switch, elderly mode, footer', async () => {
      for (const url of ['/', '/disclosure', '/requests', '/services', '/participation', '/help', '/agencies', '/agencies/city', '/api/docs', '/staff/login']) {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 200, url);
        assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
        for (const label of ['政府信息公开', '依申请公开', '办事服务', '互动交流', '帮助', '繁體', '长者模式']) assert.ok(res.body.includes(label), `${url} has ${label}`);
      }
    });

    test('a pasted paragraph in a search URL reaches the app over real HTTP and gets a clear 400, not a bare 431', async () => {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const q = encodeURIComponent('政务公开'.repeat(2560)); // 10 KB of Chinese, ~90 KB encoded
      const page = await fetch(`${address}/search?q=${q}`);
      assert.equal(page.status, 400);
      assert.match(await page.text(), /检索词过长/);
      const api = await fetch(`${address}/api/v1/search?q=${q}`);
      assert.equal(api.status, 400);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'QUERY_TOO_LONG');
    });

    test('security headers: strict CSP without inline scripts or styles, no sniffing, no framing', async () => {
      const res = await t.app.inject({ url: '/' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['strict-transport-security']);
      assert.doesNotMatch(res.body, /<script|style="/, 'pages need no inline script or style');
    });

    test('?lang=zh-Hant converts the whole page by phrase and a cookie remembers it', async () => {
      const v = new Visitor(t.app);
      const hant = await v.get('/agencies/city?lang=zh-Hant');
      assert.match(hant.body, /<html lang="zh-Hant"/);
      assert.ok(hant.body.includes('政府信息公開指南'));
      assert.ok(hant.body.includes('測試市教育局'));
      assert.ok(!hant.body.includes('政府信息公开指南'));
      const remembered = await v.get('/agencies/city');
      assert.match(remembered.body, /<html lang="zh-Hant"/);
      const back = await v.get('/agencies/city?lang=zh-Hans');
      assert.match(back.body, /<html lang="zh-Hans"/);
      assert.ok(back.body.includes('政府信息公开指南'));
    });

    test('elderly mode is a switch remembered by cookie', async () => {
      const v = new Visitor(t.app);
      assert.match((await v.get('/?elder=1')).body, /<html lang="zh-Hans" class="elder"/);
      assert.match((await v.get('/help')).body, /class="elder"/);
      assert.doesNotMatch((await v.get('/help?elder=0')).body, /class="elder"/);
    });

    test('unknown pages get a friendly Chinese 404 page; the API gets a JSON error', async () => {
      const page = await t.app.inject({ url: '/no/such/page' });
      assert.equal(page.statusCode, 404);
      assert.ok(page.body.includes('您访问的页面不存在'));
      assert.ok(page.body.includes('返回首页'));
      const api = await t.app.inject({ url: '/api/v1/nothing' });
      assert.equal(api.statusCode, 404);
      assert.deepEqual(api.json(), { error: { code: 'NOT_FOUND', message: '您访问的页面不存在 / Not found' } });
      const agency = await t.app.inject({ url: '/api/v1/agencies/nope' });
      assert.equal(agency.json().error.code, 'NOT_FOUND');
    });

    test('an unexpected error is a friendly 500 page (or JSON error) without internals', async () => {
      const page = await t.app.inject({ url: '/broken' });
      assert.equal(page.statusCode, 500);
      assert.ok(page.body.includes('系统暂时无法处理您的请求'));
      assert.doesNotMatch(page.body, /secret internal detail|db\.ts/);
      const api = await t.app.inject({ url: '/api/v1/broken' });
      assert.equal(api.statusCode, 500);
      assert.deepEqual(api.json(), { error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试 / Internal error; please try again later' } });
    });

    test('bad API input is a 400 with every problem, in Chinese and English', async () => {
      const res = await t.app.inject({ url: '/api/v1/calendar/working-days?from=2026-02-30&days=-1' });
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.match(body.error.message, /提交的内容有误.*\/ The input is invalid/);
      assert.equal(body.error.details.length, 2);
    });

    test('oversized bodies are refused with 413 and no stack trace', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `login=${'x'.repeat(300 * 1024)}`,
      });
      assert.equal(res.statusCode, 413);
      assert.doesNotMatch(res.body, /at .*\.(ts|js):\d+/);
    });

    test('a form posted without a valid CSRF token is refused with 403', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'login=a&password=b',
      });
      assert.equal(res.statusCode, 403);
      assert.ok(res.body.includes('页面已过期或来源无效'));
      const v = new Visitor(t.app);
      await v.get('/staff/login');
      assert.equal((await v.post('/staff/login', { login: 'a', password: 'b', _csrf: 'forged' })).statusCode, 403);
    });

    test('/healthz reports the database; /metrics serves Prometheus text to loopback only', async () => {
      const health = await t.app.inject({ url: '/healthz' });
      assert.deepEqual(health.json(), { status: 'ok', database: engine });
      const metrics = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
      assert.equal(metrics.statusCode, 200);
      assert.match(metrics.body, /# TYPE http_request_duration_seconds histogram/);
      assert.match(metrics.body, /route="\/healthz"/);
      const outside = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
      assert.equal(outside.statusCode, 403);
    });

    test('the OpenAPI document describes the API routes and their parameters', async () => {
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      assert.equal(doc.openapi, '3.0.3');
      assert.ok(doc.paths['/api/v1/agencies'].get);
      assert.deepEqual(
        doc.paths['/api/v1/agencies/{code}'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
        ['path:code'],
      );
      assert.ok(doc.paths['/api/v1/calendar/working-days'].get.parameters.some((p: { name: string; required: boolean }) => p.name === 'days' && p.required));
    });

    test('the due-date calculator explains a period that crosses 国庆 2026', async () => {
      // Received Fri 2026-09-18: 20 working days. Counting from 09-19: 09-20 (Sun, 调休上班) counts;
      // 09-21..09-24 (4), 09-25..09-27 中秋 off, 09-28..09-30 (3) → 8 so far; 10-01..10-07 国庆 off,
      // 10-08, 10-09 (2) → 10, 10-10 (Sat, 调休上班) → 11, 10-12..10-16 → 16, 10-19..10-22 → 20: 2026-10-22.
      const res = await t.app.inject({ url: '/requests?received=2026-09-18' });
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('2026-10-22'));
      assert.ok(res.body.includes('调休上班'));
      const api = (await t.app.inject({ url: '/api/v1/calendar/working-days?from=2026-09-18&days=20' })).json();
      assert.equal(api.due, '2026-10-22');
      assert.equal(api.provisional, false);
      assert.equal((await t.app.inject({ url: '/requests?received=bad' })).statusCode, 400);
    });
  });
}
