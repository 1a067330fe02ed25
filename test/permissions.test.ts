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
import { detectAccountabilityCases } from '../src/supervision/accountability/service.js';
import { submitComment } from '../src/supervision/consultations/comment.service.js';
import { createConsultation, publishConsultation } from '../src/supervision/consultations/service.js';
import { submitMessage } from '../src/supervision/messages/service.js';
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
// 监督保障 (GRANTS in src/platform/auth/model.ts): oversight reads; its only grants are views.
const PARTICIPATION_VIEWERS: Role[] = ['editor', 'reviewer', 'request_officer', 'agency_admin', 'supervisor', 'oversight', 'system_admin'];
const CONSULTATION_MANAGERS: Role[] = ['editor', 'reviewer', 'agency_admin'];
const MESSAGE_ANSWERERS: Role[] = ['request_officer', 'agency_admin'];
const SUPERVISION_VIEWERS: Role[] = ['agency_admin', 'supervisor', 'oversight', 'system_admin'];
/** Writes on an open consultation's page: each refuses an empty form (400) before changing anything. */
const CONSULTATION_ACTIONS = ['withdraw', 'feedback', 'final-policy'];
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
  // 意见征集: {draftConsultation} is a district draft whose window (2 days) is too short to publish, so
  // publishing it is refused (400) and it stays editable; {consultation} is open with one pending
  // {comment}. Withdraw, moderate, adoption and final-policy refuse an empty form field by field;
  // the feedback is refused (400) because the window has not closed.
  { method: 'GET', url: '/staff/consultations', pattern: '/staff/consultations', allowed: PARTICIPATION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/consultations/new', pattern: '/staff/consultations/new', allowed: CONSULTATION_MANAGERS, okStatus: 200 },
  { method: 'POST', url: '/staff/consultations', pattern: '/staff/consultations', allowed: CONSULTATION_MANAGERS, okStatus: 400 },
  { method: 'GET', url: '/staff/consultations/{consultation}', pattern: '/staff/consultations/:id', allowed: PARTICIPATION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/consultations/{draftConsultation}', pattern: '/staff/consultations/:id', allowed: PARTICIPATION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/consultations/{draftConsultation}/edit', pattern: '/staff/consultations/:id/edit', allowed: CONSULTATION_MANAGERS, okStatus: 200 },
  { method: 'POST', url: '/staff/consultations/{draftConsultation}', pattern: '/staff/consultations/:id', allowed: CONSULTATION_MANAGERS, okStatus: 400 },
  { method: 'POST', url: '/staff/consultations/{draftConsultation}/publish', pattern: '/staff/consultations/:id/publish', allowed: CONSULTATION_MANAGERS, okStatus: 400 },
  ...CONSULTATION_ACTIONS.map(
    (a): RouteCase => ({ method: 'POST', url: `/staff/consultations/{consultation}/${a}`, pattern: `/staff/consultations/:id/${a}`, allowed: CONSULTATION_MANAGERS, okStatus: 400 }),
  ),
  { method: 'POST', url: '/staff/consultations/{consultation}/comments/{comment}/moderate', pattern: '/staff/consultations/:id/comments/:commentId/moderate', allowed: CONSULTATION_MANAGERS, okStatus: 400 },
  { method: 'POST', url: '/staff/consultations/{consultation}/comments/{comment}/adoption', pattern: '/staff/consultations/:id/comments/:commentId/adoption', allowed: CONSULTATION_MANAGERS, okStatus: 400 },
  // 留言投诉: {message} is a pending complaint to the district finance bureau, past its due date.
  { method: 'GET', url: '/staff/messages', pattern: '/staff/messages', allowed: PARTICIPATION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/messages/{message}', pattern: '/staff/messages/:id', allowed: PARTICIPATION_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/messages/{message}/answer', pattern: '/staff/messages/:id/answer', allowed: MESSAGE_ANSWERERS, okStatus: 400 },
  { method: 'POST', url: '/staff/messages/{message}/reject', pattern: '/staff/messages/:id/reject', allowed: MESSAGE_ANSWERERS, okStatus: 400 },
  { method: 'POST', url: '/staff/messages/{message}/finding', pattern: '/staff/messages/:id/finding', allowed: ['supervisor'], okStatus: 400 },
  // 工作考核 of the district government, and the settings (system admins only).
  { method: 'GET', url: '/staff/assessment', pattern: '/staff/assessment', allowed: SUPERVISION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/assessment/city-d1', pattern: '/staff/assessment/:agencyCode', allowed: SUPERVISION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/assessment/city-d1/messages?scope=subtree', pattern: '/staff/assessment/:agencyCode/:indicator', allowed: SUPERVISION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/supervision/settings', pattern: '/staff/supervision/settings', allowed: ['system_admin'], okStatus: 200 },
  { method: 'POST', url: '/staff/supervision/settings', pattern: '/staff/supervision/settings', allowed: ['system_admin'], okStatus: 400 },
  // 责任追究: {case} is the unanswered-message case the sweep opened for {message}.
  { method: 'GET', url: '/staff/accountability', pattern: '/staff/accountability', allowed: SUPERVISION_VIEWERS, okStatus: 200 },
  { method: 'GET', url: '/staff/accountability/{case}', pattern: '/staff/accountability/:id', allowed: SUPERVISION_VIEWERS, okStatus: 200 },
  { method: 'POST', url: '/staff/accountability/{case}/actions', pattern: '/staff/accountability/:id/actions', allowed: ['supervisor'], okStatus: 400 },
  { method: 'GET', url: '/staff/notifications', pattern: '/staff/notifications', allowed: 'all', okStatus: 200 },
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
      // 意见征集 of the district government: a draft with a 2-day window, and an open one with a comment.
      const text = '第一条 为了规范管理，制定本办法。\n第二条 本办法自发布之日起施行。';
      const consultation = { agency: 'city-d1', title: '东区老旧小区改造管理办法（征求意见稿）', text, opensOn: '2026-11-26' };
      records.draftConsultation = (await createConsultation(tdb.ctx, seed, { ...consultation, closesOn: '2026-11-27' })).id;
      const open = await createConsultation(tdb.ctx, seed, { ...consultation, title: '东区停车管理办法（征求意见稿）', closesOn: '2026-12-25' });
      await publishConsultation(tdb.ctx, seed, open.id);
      records.consultation = open.id;
      records.comment = (await submitComment(tdb.ctx, open.id, { article: '1', body: '建议明确改造资金的来源。' }, 'ip-hash')).id;
      // A complaint filed on 2026-11-02 to the district finance bureau, still unanswered on 11-26:
      // the sweep opens an accountability case for it.
      tdb.clock.set('2026-11-02T02:00:00.000Z');
      // The same for the city education bureau, outside the district users' scope.
      tdb.clock.set('2026-11-02T02:00:00.000Z');
      const complaint = { kind: 'complaint', ground: 'not_disclosed', body: '2026年部门预算未按时公开。', authorName: '李四', contact: '13900139000' };
      const filed = await submitMessage(tdb.ctx, { ...complaint, agency: 'city-d1-cz', subject: '东区财政局预算未公开' }, { ipHash: 'ip-hash' });
      const cityFiled = await submitMessage(tdb.ctx, { ...complaint, agency: 'city-edu', subject: '市教育局预算未公开' }, { ipHash: 'ip-hash' });
      tdb.clock.set('2026-11-26T02:00:00.000Z');
      records.message = filed.message.id;
      records.cityMessage = cityFiled.message.id;
      records.cityConsultation = (await createConsultation(tdb.ctx, seed, { ...consultation, agency: 'city-edu', title: '市校外培训管理办法（征求意见稿）', closesOn: '2026-11-27' })).id;
      await detectAccountabilityCases(tdb.ctx);
      const caseOf = async (messageId: number) =>
        (await tdb.ctx.db.selectFrom('accountabilityCase').select('id').where('objectType', '=', 'message').where('objectId', '=', messageId).executeTakeFirstOrThrow()).id;
      records.case = await caseOf(filed.message.id);
      records.cityCase = await caseOf(cityFiled.message.id);
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

    test('监督保障: the 400s of the matrix are the refusals meant, not some other failure', async () => {
      const editor = new Visitor(app);
      await editor.login('u.editor', TEST_PASSWORD);
      const refusal = async (url: string) => {
        const res = await editor.post(url, {});
        assert.equal(res.statusCode, 400, url);
        return res.body;
      };
      assert.match(await refusal(`/staff/consultations/${records.draftConsultation}/publish`), /征求意见期限为 2 日，不得少于 30 日/);
      assert.match(await refusal(`/staff/consultations/${records.consultation}/feedback`), /征求意见截止后才能公开采纳情况/);
      assert.match(await refusal(`/staff/consultations/${records.consultation}/withdraw`), /请填写原因/);
      assert.match(await refusal(`/staff/consultations/${records.consultation}/comments/${records.comment}/moderate`), /请选择公开或不予公开/);
      const officer = new Visitor(app);
      await officer.login('u.request-officer', TEST_PASSWORD);
      assert.match((await officer.post(`/staff/messages/${records.message}/answer`, {})).body, /请填写答复内容/);
      const supervisor = new Visitor(app);
      await supervisor.login('u.supervisor', TEST_PASSWORD);
      assert.match((await supervisor.post(`/staff/messages/${records.message}/finding`, {})).body, /请选择核查结论/);
      assert.match((await supervisor.post(`/staff/accountability/${records.case}/actions`, {})).body, /请选择处理方式/);
      // Nothing changed: the consultations are as they were, the complaint still pending, the case open.
      const draft = await tdb.ctx.db.selectFrom('consultation').select('status').where('id', '=', records.draftConsultation!).executeTakeFirstOrThrow();
      assert.equal(draft.status, 'draft');
      const message = await tdb.ctx.db.selectFrom('message').select(['status', 'finding']).where('id', '=', records.message!).executeTakeFirstOrThrow();
      assert.deepEqual(message, { status: 'pending', finding: null });
      const found = await tdb.ctx.db.selectFrom('accountabilityCase').select('status').where('id', '=', records.case!).executeTakeFirstOrThrow();
      assert.equal(found.status, 'open');
    });

    test('监督保障 scope: district staff cannot reach the city bureau consultation, complaint or case', async () => {
      const as = async (who: Role) => {
        const v = new Visitor(app);
        await v.login(`u.${who.replace('_', '-')}`, TEST_PASSWORD);
        return v;
      };
      const admin = await as('agency_admin');
      assert.equal((await admin.get(`/staff/consultations/${records.cityConsultation}`)).statusCode, 403);
      assert.equal((await admin.get(`/staff/consultations/${records.cityConsultation}/edit`)).statusCode, 403);
      assert.equal((await admin.post(`/staff/consultations/${records.cityConsultation}/publish`, {})).statusCode, 403);
      assert.equal((await admin.post(`/staff/consultations/${records.cityConsultation}/withdraw`, { reason: '不再需要' })).statusCode, 403);
      assert.equal((await admin.get(`/staff/messages/${records.cityMessage}`)).statusCode, 403);
      assert.equal((await admin.post(`/staff/messages/${records.cityMessage}/answer`, { answer: '已公开。' })).statusCode, 403);
      assert.equal((await admin.get(`/staff/accountability/${records.cityCase}`)).statusCode, 403);
      assert.equal((await admin.get('/staff/assessment/city-edu')).statusCode, 403);
      const lists = [await admin.get('/staff/consultations'), await admin.get('/staff/messages'), await admin.get('/staff/accountability')];
      assert.deepEqual(lists.map((r) => r.statusCode), [200, 200, 200]);
      assert.match(lists[0]!.body, /东区停车管理办法/);
      assert.doesNotMatch(lists[0]!.body, /市校外培训管理办法/);
      assert.match(lists[1]!.body, /东区财政局预算未公开/);
      assert.doesNotMatch(lists[1]!.body, /市教育局预算未公开/);
      const supervisor = await as('supervisor');
      assert.equal((await supervisor.post(`/staff/messages/${records.cityMessage}/finding`, { finding: 'verified', note: '属实。' })).statusCode, 403);
      assert.equal((await supervisor.post(`/staff/accountability/${records.cityCase}/actions`, { action: 'note', actedOn: '2026-11-26', note: '已督促。' })).statusCode, 403);
      const oversight = await as('oversight');
      assert.equal((await oversight.get(`/staff/messages/${records.cityMessage}`)).statusCode, 403);
      const own = await oversight.get(`/staff/messages/${records.message}`); // read-only: the author masked
      assert.equal(own.statusCode, 200);
      assert.doesNotMatch(own.body, /13900139000|李四/);
      assert.equal((await oversight.get('/staff/assessment/city-edu')).statusCode, 403);
      // Still untouched.
      const city = await tdb.ctx.db.selectFrom('message').select(['status', 'finding']).where('id', '=', records.cityMessage!).executeTakeFirstOrThrow();
      assert.deepEqual(city, { status: 'pending', finding: null });
      const cityCase = await tdb.ctx.db.selectFrom('accountabilityCase').select('status').where('id', '=', records.cityCase!).executeTakeFirstOrThrow();
      assert.equal(cityCase.status, 'open');
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
