import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { LocalDiskBlobStore } from '../platform/files/store.js';
import { buildApp } from '../platform/http/app.js';
import { portalRoutes } from '../portal/routes.js';
import { ROUTE_MODULES } from '../routes.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';
import { ACCESS_COOKIE } from './applicant-access.js';
import { addRequestAttachment, decide, submitOnline } from './service.js';
import { SYSTEM } from './workflow-support.js';
import { APPLICANT_SECRETS, sampleApplication } from '../test-support/requests.js';

const application = sampleApplication('city-edu', { address: '测试市和平路1号', postcode: '100000', title: '2026年义务教育学校招生划片方案', description: '测试市教育局2026年制定的小学和初中招生划片范围。' });
const SECRETS = APPLICANT_SECRETS;
const NEUTRAL = '申请编号或查询码不正确';

const trackingOf = (html: string) => /YSQ-city-edu-2026-\d{5}/.exec(html)?.[0] ?? '';
const queryCodeOf = (html: string) => /id="rq-query-code"[^>]*>([A-Z2-9]{10})</.exec(html)?.[1] ?? '';

for (const engine of ENGINES) {
  describe(`public 依申请公开 pages and API [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let tn = '';
    let code = '';

    before(async () => {
      t = await createTestApp(engine);
      await makeHierarchy(t.tdb.ctx);
    });
    after(async () => t?.close());

    test('the form renders every field with labels, help texts and the agency tree', async () => {
      const res = await t.app.inject({ url: '/requests/new?agency=city-edu' });
      assert.equal(res.statusCode, 200);
      const html = res.body;
      assert.match(html, /<optgroup label="测试市人民政府">/);
      assert.match(html, /<optgroup label="\u3000测试市东区人民政府">/);
      assert.match(html, /<option value="city-edu" selected>\u3000测试市教育局<\/option>/);
      assert.ok(html.includes('请向制作或保存该信息的机关申请'));
      for (const t of ['business', 'research', 'public-interest', 'legal-services', 'other-org', 'natural']) assert.ok(html.includes(`id="f-applicantType-${t}"`), t);
      assert.match(html, /<legend>法人或其他组织<\/legend>/);
      assert.match(html, /<label for="f-idDocNumber">/);
      assert.match(html, /aria-describedby="f-idDocNumber-hint"/);
      assert.match(html, /autocomplete="tel"/);
      assert.match(html, /autocomplete="postal-code"/);
      assert.match(html, /name="oneMatter"/);
      assert.ok(html.includes('个人信息保护说明'));
      assert.ok(html.includes('第二十九条'));
      assert.match(html, /name="_csrf"/);
    });

    test('a refused application comes back with 400, the messages beside the fields and the input kept', async () => {
      const v = new Visitor(t.app);
      await v.get('/requests/new');
      const res = await v.post('/requests', { ...application, title: '', email: '', oneMatter: '' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.headers['cache-control'], 'no-store');
      const html = res.body;
      assert.ok(html.includes('申请未能提交'));
      for (const field of ['title', 'email', 'oneMatter']) assert.ok(html.includes(`href="#f-${field}"`), `the summary links to ${field}`);
      assert.match(html, /id="f-title-error"[^>]*>[\s\S]*?请填写所需信息的名称/);
      assert.match(html, /id="f-email-error"[^>]*>[\s\S]*?选择电子邮件时请填写电子邮箱/);
      assert.match(html, /<input id="f-title"[^>]*aria-invalid="true"[^>]*aria-describedby="f-title-hint f-title-error"/);
      assert.ok(html.includes('value="张晓明"'), 'the visitor keeps their input');
      assert.ok(html.includes('value="测试市和平路1号"'));
      assert.match(html, /<option value="city-edu" selected>/);
      assert.match(html, /value="email" checked/);
      assert.ok(!html.includes('id="rq-query-code"'));
      // The identity document is checked once the form itself is complete.
      const badId = await v.post('/requests', { ...application, idDocNumber: '110105194912310021' });
      assert.equal(badId.statusCode, 400);
      assert.ok(badId.body.includes('href="#f-idDocNumber"'));
      assert.match(badId.body, /id="f-idDocNumber-error"[^>]*>[\s\S]*?校验位不正确/);
      assert.ok(badId.body.includes('value="110105194912310021"'));
    });

    test('a valid application answers 201 with the tracking number and the query code, once', async () => {
      const v = new Visitor(t.app);
      await v.get('/requests/new?agency=city-edu');
      const res = await v.post('/requests', application);
      assert.equal(res.statusCode, 201);
      assert.equal(res.headers['cache-control'], 'no-store');
      tn = trackingOf(res.body);
      code = queryCodeOf(res.body);
      assert.ok(tn, 'tracking number shown');
      assert.equal(code.length, 10);
      assert.ok(res.body.includes('请立即记录查询码，本系统不保存明文，遗失后无法找回'));
      assert.ok(res.body.includes('2026-11-26'), 'receipt date');
      assert.ok(res.body.includes('2026-12-24'), '20 working days after 2026-11-26');
      assert.ok(res.body.includes('Ctrl+P'));
      // The submitter may look at once; the acknowledgement letter opens.
      const ack = /href="(\/requests\/status\/[^"]+\/letters\/\d+)"/.exec(res.body)?.[1];
      assert.ok(ack);
      const letter = await v.get(ack);
      assert.equal(letter.statusCode, 200);
      assert.ok(letter.body.includes('受理回执'));
    });

    test('a wrong code or a wrong number gets the same neutral answer and no cookie', async () => {
      const v = new Visitor(t.app);
      assert.equal((await v.get(`/requests/track?tn=${tn}`)).statusCode, 200);
      const wrongCode = await v.post('/requests/track', { trackingNumber: tn, queryCode: 'AAAAAAAAAA' });
      const wrongNumber = await v.post('/requests/track', { trackingNumber: 'YSQ-city-edu-2026-99999', queryCode: code });
      for (const res of [wrongCode, wrongNumber]) {
        assert.equal(res.statusCode, 404);
        assert.ok(res.body.includes(NEUTRAL));
        assert.ok(!res.cookies.some((c) => c.name === ACCESS_COOKIE));
      }
      assert.ok(!v.cookies.has(ACCESS_COOKIE));
      const empty = await v.post('/requests/track', { trackingNumber: tn, queryCode: '' });
      assert.equal(empty.statusCode, 400);
      assert.ok(empty.body.includes('请填写查询码'));
      // Without the cookie the status page sends the visitor to the look-up form.
      const status = await v.get(`/requests/status/${tn}`);
      assert.equal(status.statusCode, 303);
      assert.equal(status.headers.location, `/requests/track?tn=${tn}`);
    });

    test('the right code opens the status page through a signed cookie, with the due date explained', async () => {
      const v = new Visitor(t.app);
      await v.get('/requests/track');
      const res = await v.post('/requests/track', { trackingNumber: tn.toLowerCase(), queryCode: code.toLowerCase() });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/requests/status/${tn}`);
      const cookie = res.cookies.find((c) => c.name === ACCESS_COOKIE);
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.maxAge, 1800);
      assert.ok(cookie.value.startsWith(`${tn}.`));
      const page = await v.get(`/requests/status/${tn}`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      const html = page.body;
      assert.ok(html.includes('答复期限是怎样计算的'));
      assert.match(html, /<ol class="rqs-steps">/);
      assert.ok(html.includes('条例 第三十三条'));
      assert.ok(html.includes('2026-12-24'));
      assert.match(html, /<details class="rqs-days">[\s\S]*周末，不计入/);
      assert.ok(html.includes('收到申请'), 'timeline');
      assert.ok(html.includes('办理中'), 'state label');
      assert.ok(html.includes(application.title ?? '(no title)'));
      const ack = /href="(\/requests\/status\/[^"]+\/letters\/(\d+))"/.exec(html);
      assert.ok(ack?.[1]);
      const letter = await v.get(ack[1]);
      assert.equal(letter.statusCode, 200);
      assert.equal(letter.headers['cache-control'], 'no-store');
      assert.match(String(letter.headers['content-type']), /^text\/html/);
      assert.ok(letter.body.includes('受理回执'));
      assert.equal((await v.get(`/requests/status/${tn}/letters/999999`)).statusCode, 404);
      assert.equal((await v.get(`/requests/status/${tn}/files/999999`)).statusCode, 404);
    });

    test('a forged, borrowed or expired cookie is refused', async () => {
      const v = new Visitor(t.app);
      await v.get('/requests/track');
      await v.post('/requests/track', { trackingNumber: tn, queryCode: code });
      const real = v.cookies.get(ACCESS_COOKIE) ?? '';
      const [, exp] = real.split('.');
      const forged = new Visitor(t.app);
      forged.cookies.set(ACCESS_COOKIE, `${tn}.${exp}.${'A'.repeat(43)}`);
      const refused = await forged.get(`/requests/status/${tn}`);
      assert.equal(refused.statusCode, 303);
      assert.equal(refused.headers.location, `/requests/track?tn=${tn}&expired=1`);
      const longer = new Visitor(t.app);
      longer.cookies.set(ACCESS_COOKIE, `${tn}.${Number(exp) + 3600}.${real.split('.')[2]}`);
      assert.equal((await longer.get(`/requests/status/${tn}`)).statusCode, 303, 'the expiry is signed');
      // A genuine cookie for one request does not open another.
      const other = await submitOnline(t.tdb.ctx, { ...application, title: '另一项信息' });
      const borrowed = await v.get(`/requests/status/${other.request.trackingNumber}`);
      assert.equal(borrowed.statusCode, 303);
      assert.equal((await v.get(`/requests/status/${other.request.trackingNumber}/letters/1`)).statusCode, 303);
      assert.equal((await v.get(`/requests/status/${tn}`)).statusCode, 200);
      t.tdb.clock.advanceMinutes(31);
      try {
        const expired = await v.get(`/requests/status/${tn}`);
        assert.equal(expired.statusCode, 303);
        assert.match(String(expired.headers.location), /expired=1/);
      } finally {
        t.tdb.clock.set('2026-11-26T02:00:00.000Z');
      }
    });

    test('the JSON API submits and looks up a request; a wrong number or code is a 404 alike', async () => {
      const post = await t.app.inject({ method: 'POST', url: '/api/v1/requests', payload: { ...application, oneMatter: true, title: '2026年校车采购合同' } });
      assert.equal(post.statusCode, 201);
      const made = post.json<{ trackingNumber: string; queryCode: string; receivedOn: string; dueOn: string; statusUrl: string }>();
      assert.match(made.trackingNumber, /^YSQ-city-edu-2026-\d{5}$/);
      assert.match(made.queryCode, /^[A-Z2-9]{10}$/);
      assert.equal(made.receivedOn, '2026-11-26');
      assert.equal(made.dueOn, '2026-12-24');
      assert.ok(made.statusUrl.includes(made.trackingNumber));
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/requests', payload: { ...application, oneMatter: false, email: 'not-an-address' } });
      assert.equal(bad.statusCode, 400);
      const err = bad.json<{ error: { code: string; details: string[] } }>();
      assert.equal(err.error.code, 'VALIDATION_FAILED');
      assert.ok(err.error.details.some((d) => d.startsWith('email:')));
      assert.ok(err.error.details.some((d) => d.startsWith('oneMatter:')));

      const get = await t.app.inject({ url: `/api/v1/requests/${made.trackingNumber}?code=${made.queryCode}` });
      assert.equal(get.statusCode, 200);
      const status = get.json();
      assert.equal(status.trackingNumber, made.trackingNumber);
      assert.deepEqual(status.agency, { code: 'city-edu', name: '测试市教育局' });
      assert.equal(status.state, 'received');
      assert.equal(status.stateLabel, '办理中');
      assert.equal(status.dueOn, '2026-12-24');
      assert.equal(status.dueProvisional, false);
      assert.ok(status.dueExplanation.some((s: { rule: string }) => s.rule.includes('第三十三条')));
      assert.deepEqual(status.timeline, [{ on: '2026-11-26', kind: 'received', label: '收到申请' }]);
      assert.equal(status.letters[0].kind, 'acknowledgement');
      assert.equal(status.letters[0].title, '受理回执');
      assert.ok(status.letters[0].text.includes(made.trackingNumber));
      assert.equal(status.outcome, null);
      assert.equal(status.onTime, null);
      const wrongCode = await t.app.inject({ url: `/api/v1/requests/${made.trackingNumber}?code=AAAAAAAAAA` });
      const wrongNumber = await t.app.inject({ url: `/api/v1/requests/YSQ-city-edu-2026-99999?code=${made.queryCode}` });
      assert.equal(wrongCode.statusCode, 404);
      assert.equal(wrongNumber.statusCode, 404);
      assert.equal(wrongCode.json().error.code, 'NOT_FOUND');
      assert.deepEqual(wrongCode.json(), wrongNumber.json());

      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      assert.ok(doc.paths['/api/v1/requests'].post.requestBody);
      assert.ok(doc.paths['/api/v1/requests/{trackingNumber}'].get);
      assert.ok(doc.paths['/api/v1/agencies/{code}/requests'].get);
    });

    test('a closed request shows its outcome and files; the register lists it without any applicant data', async () => {
      const { request, queryCode } = await submitOnline(t.tdb.ctx, { ...application, title: '测试市教育局2026年招生工作方案' });
      const blobs = new LocalDiskBlobStore(join(t.tdb.config.dataDir, 'storage'));
      const pdf = new TextEncoder().encode('%PDF-1.4\n% 招生工作方案\n%%EOF\n');
      const file = await addRequestAttachment(t.tdb.ctx, blobs, SYSTEM, request.id, { fileName: '招生工作方案.pdf', bytes: pdf, forApplicant: true });
      const internal = await addRequestAttachment(t.tdb.ctx, blobs, SYSTEM, request.id, { fileName: '内部审核意见.pdf', bytes: pdf, forApplicant: false });
      await decide(t.tdb.ctx, SYSTEM, request.id, { outcome: 'disclosed.provided', provided: '见附件。', publicSummary: '2026年招生工作方案', reasons: '' });
      const closedTn = request.trackingNumber;

      const page = await t.app.inject({ url: '/agencies/city-edu/requests' });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(closedTn));
      assert.ok(page.body.includes('2026年招生工作方案'));
      assert.ok(page.body.includes('予以公开'));
      assert.ok(page.body.includes('按期答复'));
      assert.ok(page.body.includes('已办结申请共 1 件，其中按期答复 1 件，按期答复率 100.0%'));
      assert.ok(!page.body.includes(tn), 'open requests are not in the register');
      const json = await t.app.inject({ url: '/api/v1/agencies/city-edu/requests?page=1&pageSize=10' });
      assert.equal(json.statusCode, 200);
      const list = json.json();
      assert.equal(list.total, 1);
      assert.equal(list.pageSize, 10);
      assert.deepEqual(Object.keys(list.items[0]).sort(), ['closedOn', 'onTime', 'outcome', 'outcomeLabel', 'receivedOn', 'releasedRecord', 'summary', 'trackingNumber']);
      assert.equal(list.items[0].onTime, true);
      for (const raw of [page.body, json.body]) for (const secret of SECRETS) assert.ok(!raw.includes(secret), `register leaks ${secret}`);
      assert.equal((await t.app.inject({ url: '/agencies/nope/requests' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/api/v1/agencies/nope/requests' })).json().error.code, 'NOT_FOUND');

      assert.equal((await t.app.inject({ url: `/api/v1/requests/${closedTn}?code=${queryCode}` })).json().outcomeLabel, '予以公开');
      // The applicant: the outcome, the reply letter and the file meant for them, not the internal one.
      const v = new Visitor(t.app);
      await v.get('/requests/track');
      assert.equal((await v.post('/requests/track', { trackingNumber: closedTn, queryCode })).statusCode, 303);
      const status = await v.get(`/requests/status/${closedTn}`);
      assert.equal(status.statusCode, 200);
      assert.ok(status.body.includes('已答复'));
      assert.ok(status.body.includes('予以公开'));
      assert.ok(status.body.includes('政府信息公开申请答复书'));
      assert.ok(status.body.includes('招生工作方案.pdf'));
      assert.ok(!status.body.includes('内部审核意见'));
      const download = await v.get(`/requests/status/${closedTn}/files/${file.id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.match(String(download.headers['content-disposition']), /^attachment;/);
      assert.equal(download.headers['cache-control'], 'no-store');
      assert.equal((await v.get(`/requests/status/${closedTn}/files/${internal.id}`)).statusCode, 404);
    });

    test('the form has its 繁體 twin', async () => {
      const res = await t.app.inject({ url: '/requests/new?lang=zh-Hant' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="zh-Hant"/);
      assert.ok(res.body.includes('政府信息公開申請'));
      assert.ok(res.body.includes('受理機關'));
      assert.ok(res.body.includes('個人信息保護說明'));
      assert.ok(!res.body.includes('个人信息保护说明'));
    });

    test('applications are rate-limited per IP', async () => {
      const send = () => t.app.inject({ method: 'POST', url: '/requests', remoteAddress: '10.9.9.9', payload: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      for (let i = 0; i < 5; i++) assert.equal((await send()).statusCode, 403, 'no CSRF token, but counted');
      assert.equal((await send()).statusCode, 429);
    });
  });

  describe(`依申请公开 landing page [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let app: FastifyInstance;
    before(async () => {
      tdb = await createTestDatabase(engine);
      await makeHierarchy(tdb.ctx);
      // The portal still answers /requests in the full app; without it this module serves the page.
      app = await buildApp(tdb.ctx, { routes: ROUTE_MODULES.filter((m) => m !== portalRoutes) });
    });
    after(async () => {
      await app?.close();
      await tdb?.drop();
    });

    test('explains 依申请公开 and links the form, the look-up and every register', async () => {
      const res = await app.inject({ url: '/requests' });
      assert.equal(res.statusCode, 200);
      for (const href of ['/requests/new', '/requests/track', '/requests/new?agency=city-edu', '/agencies/city-edu/requests', '/agencies/city-d1-cz/requests']) {
        assert.ok(res.body.includes(`href="${href}"`), href);
      }
      assert.ok(res.body.includes('20个工作日'));
      const calc = await app.inject({ url: '/requests?received=2026-09-18' });
      assert.ok(calc.body.includes('2026-10-22'));
      assert.equal((await app.inject({ url: '/requests?received=bad' })).statusCode, 400);
    });
  });
}
