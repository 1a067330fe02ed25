/**
 * The permission matrix: every staff route, driven with every role and anonymously, on every
 * engine, through the real application. A new staff route that is not listed here fails the
 * coverage test, so nobody can add a route without deciding who may use it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../src/platform/auth/model.js';
import { buildApp } from '../src/platform/http/app.js';
import { join } from 'node:path';
import * as catalog from '../src/catalog/service.js';
import { LocalDiskBlobStore } from '../src/platform/files/store.js';
import { makePdf } from '../src/platform/files/fixtures/make.js';
import * as requests from '../src/requests/service.js';
import { saveItem } from '../src/services/service.js';
import * as requestStore from '../src/requests/store.js';
import { seedHelpPages } from '../src/help/service.js';
import { storeActiveRun, storeDoneRun } from '../src/inspection/fixtures/runs.js';
import { registerSite } from '../src/inspection/service.js';
import { ROUTE_MODULES } from '../src/routes.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../src/test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../src/test-support/factories.js';
import { Visitor } from '../src/test-support/http.js';

type Who = Role | 'anonymous';

interface RouteCase {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** The registered route pattern this case covers. */
  readonly pattern: string;
  /** Roles allowed; everyone else (signed in) gets 403, anonymous 302 (GET) or 401 (POST). */
  readonly allowed: readonly Role[] | 'all';
  /** Status for allowed roles: GET pages answer 200; POSTs here send an empty form and get 400. */
  readonly okStatus: number;
  /** Status for anonymous visitors when not the usual (JSON routes answer 401 rather than redirect). */
  readonly anonymous?: number;
}

const ADMINS: Role[] = ['agency_admin', 'system_admin'];
const RECORD_VIEWERS: Role[] = ['editor', 'reviewer', 'agency_admin', 'supervisor', 'system_admin'];
const REQUEST_VIEWERS: Role[] = ['request_officer', 'agency_admin', 'supervisor', 'system_admin'];
const REQUEST_HANDLERS: Role[] = ['request_officer'];
const REPORT_VIEWERS: Role[] = ['editor', 'reviewer', 'agency_admin', 'supervisor', 'system_admin'];
const REPORT_EDITORS: Role[] = ['editor', 'agency_admin'];
const SERVICE_VIEWERS: Role[] = ['editor', 'reviewer', 'agency_admin', 'supervisor', 'system_admin'];
const SERVICE_MANAGERS: Role[] = ['editor', 'agency_admin'];
const INSPECTION_VIEWERS: Role[] = ['inspector', 'supervisor', 'agency_admin', 'system_admin'];
const INSPECTION_MANAGERS: Role[] = ['inspector', 'system_admin'];
/** 依申请公开 steps posted with an empty form: each is refused field by field (400) for an officer. */
const REQUEST_STEPS = ['correction', 'correction-received', 'consultation', 'consultation-end', 'extension', 'fee', 'fee-paid', 'decide', 'appeals', 'attachments', 'release'];
/** Record ids created in `before`, substituted into the `{name}` placeholders of the URLs. */
const records: Record<string, number> = {};
const urlOf = (c: RouteCase) => c.url.replace(/\{(\w+)\}/g, (_m, name: string) => String(records[name]));

// Every signed-in user works in the district government (city-d1); the targets below are in its scope.
const CASES: RouteCase[] = [
  { method: 'GET', url: '/staff', pattern: '/staff', allowed: 'all', okStatus: 200 },
  { method: 'GET', url: '/staff/account', pattern: '/staff/account', allowed: 'all', okStatus: 200 },
  { method: 'POST', url: '/staff/account', pattern: '/staff/account', allowed: 'all', okStatus: 400 },
  { method: 'GET', url: '/staff/agencies', pattern: '/staff/agencies', allowed: 'all', okStatus: 200 },
  { method: 'GET', url: '/staff/agencies/new', pattern: '/staff/agencies/new', allowed: ADMINS, okStatus: 200 },
  { method: 'POST', url: '/staff/agencies', pattern: '/staff/agencies', allowed: ADMINS, okStatus: 400 },
  { method: 'GET', url: '/staff/agencies/city-d1-cz/edit', pattern: '/staff/agencies/:code/edit', allowed: ADMINS, okStatus: 200 },
  { method: 'POST', url: '/staff/agencies/city-d1-cz', pattern: '/staff/agencies/:code', allowed: ADMINS, okStatus: 400 },
  { method: 'GET', url: '/staff/users', pattern: '/staff/users', allowed: ADMINS, okStatus: 200 },
  { method: 'GET', url: '/staff/users/new', pattern: '/staff/users/new', allowed: ADMINS, okStatus: 200 },
  { method: 'POST', url: '/staff/users', pattern: '/staff/users', allowed: ADMINS, okStatus: 400 },
  { method: 'GET', url: '/staff/users/target.user', pattern: '/staff/users/:login', allowed: ADMINS, okStatus: 200 },
  { method: 'POST', url: '/staff/users/target.user', pattern: '/staff/users/:login', allowed: ADMINS, okStatus: 400 },
  { method: 'GET', url: '/staff/audit', pattern: '/staff/audit', allowed: ['agency_admin', 'supervisor', 'system_admin'], okStatus: 200 },
  { method: 'GET', url: '/staff/calendar', pattern: '/staff/calendar', allowed: ['system_admin'], okStatus: 200 },
  { method: 'POST', url: '/staff/calendar', pattern: '/staff/calendar', allowed: ['system_admin'], okStatus: 400 },
  { method: 'GET', url: '/staff/site', pattern: '/staff/site', allowed: ['system_admin'], okStatus: 200 },
  { method: 'POST', url: '/staff/site', pattern: '/staff/site', allowed: ['system_admin'], okStatus: 400 },
  { method: 'GET', url: '/staff/records', pattern: '/staff/records', allowed: RECORD_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/records/new', pattern: '/staff/records/new', allowed: ['editor'], okStatus: 200 },
  { method: 'POST', url: '/staff/records', pattern: '/staff/records', allowed: ['editor'], okStatus: 400 },
  { method: 'GET', url: '/staff/records/{draft}', pattern: '/staff/records/:id', allowed: RECORD_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/records/{draft}/edit', pattern: '/staff/records/:id/edit', allowed: ['editor'], okStatus: 200 },
  { method: 'POST', url: '/staff/records/{draft}', pattern: '/staff/records/:id', allowed: ['editor'], okStatus: 400 },
  { method: 'POST', url: '/staff/records/{draft}/attachments', pattern: '/staff/records/:id/attachments', allowed: ['editor'], okStatus: 400 },
  { method: 'POST', url: '/staff/records/{toSubmit}/submit', pattern: '/staff/records/:id/submit', allowed: ['editor'], okStatus: 303 },
  { method: 'POST', url: '/staff/records/{toApprove}/approve', pattern: '/staff/records/:id/approve', allowed: ['reviewer'], okStatus: 303 },
  { method: 'POST', url: '/staff/records/{toReturn}/return', pattern: '/staff/records/:id/return', allowed: ['reviewer'], okStatus: 400 },
  { method: 'GET', url: '/staff/records/{published}/revise', pattern: '/staff/records/:id/revise', allowed: ['reviewer'], okStatus: 200 },
  { method: 'POST', url: '/staff/records/{published}/revise', pattern: '/staff/records/:id/revise', allowed: ['reviewer'], okStatus: 400 },
  { method: 'POST', url: '/staff/records/{published}/withdraw', pattern: '/staff/records/:id/withdraw', allowed: ['reviewer'], okStatus: 400 },
  { method: 'GET', url: '/staff/help', pattern: '/staff/help', allowed: ['reviewer', 'system_admin'], okStatus: 200 },
  { method: 'GET', url: '/staff/help/new', pattern: '/staff/help/new', allowed: ['reviewer', 'system_admin'], okStatus: 200 },
  { method: 'POST', url: '/staff/help', pattern: '/staff/help', allowed: ['reviewer', 'system_admin'], okStatus: 400 },
  { method: 'GET', url: '/staff/help/privacy/edit', pattern: '/staff/help/:slug/edit', allowed: ['reviewer', 'system_admin'], okStatus: 200 },
  { method: 'POST', url: '/staff/help/privacy', pattern: '/staff/help/:slug', allowed: ['reviewer', 'system_admin'], okStatus: 400 },
  // 依申请公开: the request of the district government created in `before`.
  { method: 'GET', url: '/staff/requests', pattern: '/staff/requests', allowed: REQUEST_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/requests/new', pattern: '/staff/requests/new', allowed: REQUEST_HANDLERS, okStatus: 200 },
  { method: 'POST', url: '/staff/requests', pattern: '/staff/requests', allowed: REQUEST_HANDLERS, okStatus: 400 },
  { method: 'GET', url: '/staff/requests/{request}', pattern: '/staff/requests/:id', allowed: REQUEST_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/requests/{request}/assign', pattern: '/staff/requests/:id/assign', allowed: ['request_officer', 'agency_admin'], okStatus: 400 },
  { method: 'POST', url: '/staff/requests/{request}/note', pattern: '/staff/requests/:id/note', allowed: ['request_officer', 'agency_admin'], okStatus: 400 },
  ...REQUEST_STEPS.map((step): RouteCase => ({ method: 'POST', url: `/staff/requests/{request}/${step}`, pattern: `/staff/requests/:id/${step}`, allowed: REQUEST_HANDLERS, okStatus: 400 })),
  { method: 'POST', url: '/staff/requests/{request}/appeals/{appeal}', pattern: '/staff/requests/:id/appeals/:appealId', allowed: REQUEST_HANDLERS, okStatus: 400 },
  { method: 'POST', url: '/staff/requests/{request}/extension-decision', pattern: '/staff/requests/:id/extension-decision', allowed: ['agency_admin'], okStatus: 400 },
  { method: 'GET', url: '/staff/requests/{request}/letters/{letter}', pattern: '/staff/requests/:id/letters/:letterId', allowed: REQUEST_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/requests/{request}/attachments/{attachment}', pattern: '/staff/requests/:id/attachments/:attachmentId', allowed: REQUEST_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/api/requests', pattern: '/staff/api/requests', allowed: REQUEST_VIEWERS, okStatus: 200, anonymous: 401 },
  { method: 'GET', url: '/staff/api/requests/{request}', pattern: '/staff/api/requests/:id', allowed: REQUEST_VIEWERS, okStatus: 200, anonymous: 401 },
  { method: 'GET', url: '/staff/requests-settings', pattern: '/staff/requests-settings', allowed: ['system_admin'], okStatus: 200 },
  { method: 'POST', url: '/staff/requests-settings', pattern: '/staff/requests-settings', allowed: ['system_admin'], okStatus: 400 },
  // 年度报告 of the district government for 2025 (nothing counted: the request above is of 2026).
  // An empty figures or sections form is valid (blank = 0 / empty text), so the saves answer 303;
  // the tables add up, so the editor's catalogue draft is created (303) — once, by the one editor.
  { method: 'GET', url: '/staff/reports', pattern: '/staff/reports', allowed: REPORT_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/reports/city-d1/2025', pattern: '/staff/reports/:code/:year', allowed: REPORT_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/reports/city-d1/2025?scope=consolidated', pattern: '/staff/reports/:code/:year', allowed: REPORT_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/reports/city-d1/2025/report.csv', pattern: '/staff/reports/:code/:year/report.csv', allowed: REPORT_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/reports/city-d1/2025/figures', pattern: '/staff/reports/:code/:year/figures', allowed: REPORT_EDITORS, okStatus: 303 },
  { method: 'POST', url: '/staff/reports/city-d1/2025/sections', pattern: '/staff/reports/:code/:year/sections', allowed: REPORT_EDITORS, okStatus: 303 },
  { method: 'POST', url: '/staff/reports/city-d1/2025/record', pattern: '/staff/reports/:code/:year/record', allowed: ['editor'], okStatus: 303 },
  { method: 'GET', url: '/staff/services', pattern: '/staff/services', allowed: SERVICE_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/services/import-help', pattern: '/staff/services/import-help', allowed: SERVICE_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/services/export.xlsx', pattern: '/staff/services/export.xlsx', allowed: SERVICE_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/services/export.csv?agency=city-d1', pattern: '/staff/services/export.csv', allowed: SERVICE_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/services/import', pattern: '/staff/services/import', allowed: SERVICE_MANAGERS, okStatus: 400 },
  { method: 'GET', url: '/staff/services/items/D1-0001', pattern: '/staff/services/items/:code', allowed: SERVICE_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/services/items/D1-0001/change', pattern: '/staff/services/items/:code/change', allowed: SERVICE_MANAGERS, okStatus: 400 },
  { method: 'GET', url: '/staff/services/results', pattern: '/staff/services/results', allowed: SERVICE_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/services/results', pattern: '/staff/services/results', allowed: SERVICE_MANAGERS, okStatus: 400 },
  // 政府网站检查: the district's site with a finished run and one still queued, so "inspect now" is
  // refused (409) without anything being crawled; an empty settings or delete form is refused (400).
  { method: 'GET', url: '/staff/inspection', pattern: '/staff/inspection', allowed: INSPECTION_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/inspection/sites', pattern: '/staff/inspection/sites', allowed: INSPECTION_MANAGERS, okStatus: 400 },
  { method: 'GET', url: '/staff/inspection/sites/{site}', pattern: '/staff/inspection/sites/:id', allowed: INSPECTION_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/inspection/sites/{site}', pattern: '/staff/inspection/sites/:id', allowed: INSPECTION_MANAGERS, okStatus: 400 },
  { method: 'POST', url: '/staff/inspection/sites/{site}/run', pattern: '/staff/inspection/sites/:id/run', allowed: INSPECTION_MANAGERS, okStatus: 409 },
  { method: 'POST', url: '/staff/inspection/sites/{site}/delete', pattern: '/staff/inspection/sites/:id/delete', allowed: INSPECTION_MANAGERS, okStatus: 400 },
  { method: 'GET', url: '/staff/inspection/runs/{doneRun}', pattern: '/staff/inspection/runs/:id', allowed: INSPECTION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/inspection/runs/{queuedRun}', pattern: '/staff/inspection/runs/:id', allowed: INSPECTION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/inspection/runs/{doneRun}/report.json', pattern: '/staff/inspection/runs/:id/report.json', allowed: INSPECTION_VIEWERS, okStatus: 200 },
  // Logout is checked last for each role, since it ends the session.
  { method: 'POST', url: '/staff/logout', pattern: '/staff/logout', allowed: 'all', okStatus: 303 },
];

// Routes under /staff that are deliberately public: the login form itself.
const PUBLIC_STAFF_ROUTES = new Set(['GET /staff/login', 'POST /staff/login']);

function expected(c: RouteCase, who: Who): number {
  if (who === 'anonymous') return c.anonymous ?? (c.method === 'GET' ? 302 : 401);
  return c.allowed === 'all' || c.allowed.includes(who) ? c.okStatus : 403;
}

for (const engine of ENGINES) {
  describe(`permission matrix [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let app: FastifyInstance;
    const registered: string[] = [];

    before(async () => {
      tdb = await createTestDatabase(engine);
      const collect = (a: FastifyInstance) => {
        a.addHook('onRoute', (r) => {
          for (const m of [r.method].flat()) if (m !== 'HEAD' && r.url.startsWith('/staff')) registered.push(`${m} ${r.url}`);
        });
      };
      app = await buildApp(tdb.ctx, { routes: [collect, ...ROUTE_MODULES] });
      await app.ready();
      const h = await makeHierarchy(tdb.ctx);
      await seedHelpPages(tdb.ctx);
      for (const role of ROLES) await makeUser(tdb.ctx, { login: `u.${role.replace('_', '-')}`, agencyId: h.district.id, roles: [role] });
      await makeUser(tdb.ctx, { login: 'target.user', agencyId: h.districtBureau.id, roles: ['editor'] });
      // Records of the district finance bureau in each workflow state the routes need.
      const seed = { actor: { id: null, login: 'system' }, staff: null };
      const draft = (title: string) =>
        catalog.createDraft(tdb.ctx, seed, 'city-d1-cz', { title, writtenOn: '2026-11-20', formedOn: '2026-11-20', topic: '财政、金融、审计\\财政', genre: '公告', category: '管理公开', bodyHtml: '<p>正文。</p>' });
      records.draft = (await draft('草稿信息一')).id;
      records.toSubmit = (await draft('待提交信息')).id;
      for (const name of ['toApprove', 'toReturn', 'published']) {
        const r = await draft(`信息${name}`);
        await catalog.submitForReview(tdb.ctx, seed, r.id);
        records[name] = r.id;
      }
      await catalog.approve(tdb.ctx, seed, records.published!);
      // A request to the district government (the users' own agency), with a letter, a file and an appeal.
      const { request } = await requests.registerReceived(tdb.ctx, seed, {
        agency: 'city-d1',
        applicantType: 'natural',
        applicantName: '张晓明',
        idDocType: 'resident-id',
        idDocNumber: '11010519491231002X',
        phone: '13800138000',
        title: '东区2026年老旧小区改造计划',
        deliveryForm: 'paper',
        deliveryMethod: 'pickup',
        oneMatter: '1',
        channel: 'in-person',
        submittedOn: '2026-11-26',
      });
      records.request = request.id;
      records.letter = (await requestStore.lettersOf(tdb.ctx.db, request.id))[0]!.id;
      const blobs = new LocalDiskBlobStore(join(tdb.config.dataDir, 'storage'));
      records.attachment = (await requests.addRequestAttachment(tdb.ctx, blobs, seed, request.id, { fileName: '材料.pdf', bytes: makePdf('BT ET'), forApplicant: false })).id;
      await saveItem(tdb.ctx, seed, { code: 'D1-0001', name: '东区公共文化场馆预约', type: '公共服务', agency: 'city-d1', legalBasis: '《公共文化服务保障法》第三十一条' }, { kind: 'added', on: '2026-03-01', reason: '公布' });
      records.appeal = (await requests.addAppeal(tdb.ctx, seed, request.id, { kind: 'reconsideration', filedOn: '2026-11-26', result: 'pending' })).id;
      const site = await registerSite(tdb.ctx, seed, { agency: 'city-d1', name: '东区政府网站', url: 'http://127.0.0.1:9/' });
      records.site = site.id;
      records.doneRun = (await storeDoneRun(tdb.ctx.db, site, '2026-11-20T02:00:00.000Z', 88.5)).id;
      records.queuedRun = (await storeActiveRun(tdb.ctx.db, site.id, tdb.clock.now().toISOString())).id;
    });
    after(async () => {
      await app?.close();
      await tdb?.drop();
    });

    test('every registered staff route is in the matrix', () => {
      const covered = new Set(CASES.map((c) => `${c.method} ${c.pattern}`));
      const missing = registered.filter((r) => !covered.has(r) && !PUBLIC_STAFF_ROUTES.has(r));
      assert.deepEqual(missing, [], `staff routes without a permission-matrix entry: ${missing.join(', ')}`);
    });

    for (const who of ['anonymous', ...ROLES] as const) {
      test(`${who}: every staff route answers as the matrix says`, async () => {
        const visitor = new Visitor(app);
        if (who === 'anonymous') {
          await visitor.get('/staff/login'); // a CSRF token for the anonymous POSTs
        } else {
          const res = await visitor.login(`u.${who.replace('_', '-')}`, TEST_PASSWORD);
          assert.equal(res.statusCode, 303, `${who} signs in`);
        }
        const failures: string[] = [];
        for (const c of CASES) {
          const url = urlOf(c);
          const res = c.method === 'GET' ? await visitor.get(url) : await visitor.post(url, {});
          const want = expected(c, who);
          if (res.statusCode !== want) failures.push(`${c.method} ${url}: expected ${want}, got ${res.statusCode}`);
          if (want === 302) assert.match(String(res.headers.location), /^\/staff\/login\?next=/);
        }
        assert.deepEqual(failures, []);
      });
    }

    test('agency scope: a district admin cannot touch the city government or its users', async () => {
      const visitor = new Visitor(app);
      await visitor.login('u.agency-admin', TEST_PASSWORD);
      assert.equal((await visitor.get('/staff/agencies/city/edit')).statusCode, 403);
      assert.equal((await visitor.get('/staff/agencies/other/edit')).statusCode, 403);
      assert.equal((await visitor.post('/staff/agencies/city', { name: 'x' })).statusCode, 403);
      const cityUser = await makeUser(tdb.ctx, { login: 'city.editor', agencyId: 1, roles: ['editor'] });
      assert.equal((await visitor.get(`/staff/users/${cityUser.login}`)).statusCode, 403);
      // A system admin in the district reaches everything.
      const admin = new Visitor(app);
      await admin.login('u.system-admin', TEST_PASSWORD);
      assert.equal((await admin.get('/staff/agencies/city/edit')).statusCode, 200);
      assert.equal((await admin.get(`/staff/users/${cityUser.login}`)).statusCode, 200);
    });

    test('a supervisor reads the audit log of its agency and below, not of others', async () => {
      const visitor = new Visitor(app);
      await visitor.login('u.supervisor', TEST_PASSWORD);
      const page = await visitor.get('/staff/audit?action=agency.create');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /city-d1-cz/);
      assert.doesNotMatch(page.body, /city-edu/, 'the city bureau is outside the district supervisor scope');
    });
  });
}
