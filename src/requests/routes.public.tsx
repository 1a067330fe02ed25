/**
 * The citizen's side of 依申请公开 (条例 第二十七条–第四十五条): the landing page, the application
 * form and its API, the status look-up (tracking number + query code → a short-lived signed cookie),
 * the letters and files sent to the applicant, and each agency's anonymised public register.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../agencies/service.js';
import { workingDayAnswer } from '../platform/calendar/routes.js';
import { addWorkingDays, isIsoDate } from '../platform/calendar/model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { AppError, errors } from '../platform/errors.js';
import { contentDisposition } from '../platform/files/disposition.js';
import { cookieOptions } from '../platform/http/cookies.js';
import { parseLookupForm } from '../platform/http/lookup.js';
import { pageOf, type ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { formFields, parseQuery } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import type { RequestRow } from '../platform/db/schema.js';
import { ratingPanel } from '../supervision/ratings/service.js';
import { ACCESS_COOKIE, ACCESS_PATH, ACCESS_SECONDS, accessAllowed, accessToken } from './applicant-access.js';
import { normalizeTrackingNumber, TRACKING_NUMBER_RE } from './model.js';
import { applicationSchema } from './schemas.js';
import { applicantView, findForApplicant, publicRegister, requestForVerifiedApplicant, submitOnline } from './service.js';
import { agencyGroups } from './views/public/agency-options.js';
import * as api from './views/public/api.js';
import { ApplicationFormPage } from './views/public/form.js';
import { RequestsLandingPage, type DueDateAnswer } from './views/public/landing.js';
import { formProblems, NO_PROBLEMS } from './views/public/problems.js';
import { RegisterPage, type RegisterStats } from './views/public/register.js';
import { letterPath, StatusPage } from './views/public/status.js';
import { statusPath, SubmittedPage } from './views/public/submitted.js';
import { TrackPage } from './views/public/track.js';

// ---------------------------------------------------------------- limits and inputs

/** Per IP: applications (form and API alike) and look-ups, which each cost a scrypt check. */
const SUBMIT_LIMIT = { rateLimit: { max: 5, timeWindow: '10 minutes' } };
const LOOKUP_LIMIT = { rateLimit: { max: 10, timeWindow: '10 minutes' } };

const tnParam = z.object({ tn: z.string().max(80) });
const idParam = z.object({ id: z.coerce.number().int().positive() });
const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function requestPublicRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  const nowSeconds = () => Math.floor(web.clock.now().getTime() / 1000);

  function grantAccess(request: FastifyRequest, reply: FastifyReply, tn: string): void {
    const options = cookieOptions(web.config.cookieSecure, request, { path: ACCESS_PATH, sameSite: 'lax', maxAge: ACCESS_SECONDS });
    reply.setCookie(ACCESS_COOKIE, accessToken(web.appSecret, tn, nowSeconds()), options);
  }

  /** The request the cookie opens, or a redirect to the look-up form (null). */
  async function applicantRequest(request: FastifyRequest, reply: FastifyReply): Promise<RequestRow | null> {
    const tn = normalizeTrackingNumber(tnParam.parse(request.params).tn);
    const cookie = request.cookies[ACCESS_COOKIE];
    const row = TRACKING_NUMBER_RE.test(tn) && accessAllowed(web.appSecret, cookie, tn, nowSeconds()) ? await requestForVerifiedApplicant(web.db, tn) : undefined;
    if (row) return row;
    const again = cookie ? '&expired=1' : '';
    await reply.header('cache-control', 'no-store').redirect(`/requests/track?tn=${encodeURIComponent(tn)}${again}`, 303);
    return null;
  }

  // ---- landing page
  {
    app.get('/requests', async (request, reply) => {
      const ctx = pageContext(web, request, reply);
      const groups = agencyGroups(await listAgencies(web.db));
      const received = text((request.query as Record<string, unknown>).received);
      if (received === '') return sendPage(request, reply, <RequestsLandingPage ctx={ctx} groups={groups} />);
      if (!isIsoDate(received)) return sendPage(request, reply, <RequestsLandingPage ctx={ctx} groups={groups} problem="请输入有效日期（YYYY-MM-DD）" />, 400);
      const cal = await loadCalendar(web.db);
      const longest = workingDayAnswer(cal, received, 40); // 条例 第三十条 (7), 第三十三条 (20 + 20)
      const answer: DueDateAnswer = {
        received,
        correction: addWorkingDays(cal, received, 7).date,
        due: addWorkingDays(cal, received, 20).date,
        extended: longest.due,
        skipped: longest.skipped.filter((s) => s.reason !== 'weekend').map((s) => s.text),
        provisionalYears: longest.provisionalYears,
      };
      return sendPage(request, reply, <RequestsLandingPage ctx={ctx} groups={groups} answer={answer} />);
    });
  }

  // ---- the application form
  app.get('/requests/new', async (request, reply) => {
    const agency = text((request.query as Record<string, unknown>).agency);
    const values = { agency, applicantType: 'natural', idDocType: 'resident-id', deliveryForm: 'electronic', deliveryMethod: 'online' };
    const page = <ApplicationFormPage ctx={pageContext(web, request, reply)} agencies={await listAgencies(web.db)} values={values} problems={NO_PROBLEMS} />;
    return sendPage(request, reply, page);
  });

  app.post('/requests', { config: SUBMIT_LIMIT }, async (request, reply) => {
    // Both answers carry personal data (the visitor's input, or the query code): never cached.
    reply.header('cache-control', 'no-store');
    let submitted;
    try {
      submitted = await submitOnline(web, request.body);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      const problems = formProblems(e.details ?? [e.publicMessage]);
      const page = <ApplicationFormPage ctx={pageContext(web, request, reply)} agencies={await listAgencies(web.db)} values={formFields(request.body)} problems={problems} />;
      return sendPage(request, reply, page, 400);
    }
    const view = await applicantView(web.db, submitted.request);
    const ack = view.letters.find((l) => l.kind === 'acknowledgement');
    const r = view.request;
    grantAccess(request, reply, r.trackingNumber);
    const data = {
      trackingNumber: r.trackingNumber,
      queryCode: submitted.queryCode,
      agencyName: view.agency.name,
      title: r.title,
      receivedOn: r.receivedOn,
      dueOn: view.clock.dueDate,
      dueProvisional: view.clock.provisional,
      acknowledgementUrl: ack ? letterPath(r.trackingNumber, ack.id) : null,
    };
    return sendPage(request, reply, <SubmittedPage ctx={pageContext(web, request, reply)} data={data} />, 201);
  });

  // ---- status look-up
  app.get('/requests/track', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const page = <TrackPage ctx={pageContext(web, request, reply)} values={{ trackingNumber: text(q.tn) }} expired={q.expired === '1'} />;
    return sendPage(request, reply, page);
  });

  app.post('/requests/track', { config: LOOKUP_LIMIT }, async (request, reply) => {
    const form = parseLookupForm(request.body, '请填写申请编号 / enter the tracking number');
    const ctx = pageContext(web, request, reply);
    reply.header('cache-control', 'no-store');
    if (!form.ok) return sendPage(request, reply, <TrackPage ctx={ctx} values={{ trackingNumber: form.trackingNumber }} problems={form.problems} />, 400);
    const found = await findForApplicant(web.db, form.trackingNumber, form.queryCode);
    if (!found) return sendPage(request, reply, <TrackPage ctx={ctx} values={{ trackingNumber: form.trackingNumber }} failed />, 404);
    grantAccess(request, reply, found.trackingNumber);
    return reply.redirect(statusPath(found.trackingNumber), 303);
  });

  app.get('/requests/status/:tn', async (request, reply) => {
    const row = await applicantRequest(request, reply);
    if (!row) return reply;
    const view = await applicantView(web.db, row);
    reply.header('cache-control', 'no-store');
    // 社会评议 (supervision/ratings): a decided request can be rated by its applicant.
    const rating = row.state === 'closed' ? await ratingPanel(web.db, { type: 'request', id: row.id, ref: row.trackingNumber }, request.url) : undefined;
    return sendPage(request, reply, <StatusPage ctx={pageContext(web, request, reply)} view={view} rating={rating} />);
  });

  app.post('/requests/status/leave', async (request, reply) => {
    reply.clearCookie(ACCESS_COOKIE, cookieOptions(web.config.cookieSecure, request, { path: ACCESS_PATH }));
    return reply.redirect('/requests', 303);
  });

  app.get('/requests/status/:tn/letters/:id', async (request, reply) => {
    const row = await applicantRequest(request, reply);
    if (!row) return reply;
    const { id } = idParam.parse(request.params);
    const letter = (await applicantView(web.db, row)).letters.find((l) => l.id === id);
    if (!letter) throw errors.notFound('文书');
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(letter.html);
  });

  app.get('/requests/status/:tn/files/:id', async (request, reply) => {
    const row = await applicantRequest(request, reply);
    if (!row) return reply;
    const { id } = idParam.parse(request.params);
    const file = (await applicantView(web.db, row)).attachments.find((a) => a.id === id);
    if (!file) throw errors.notFound('材料');
    const bytes = await web.blobs.get(file.storageKey);
    return reply
      .type(file.mediaType)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-sha256', file.sha256)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  // ---- public register (anonymised)

  app.get('/agencies/:code/requests', async (request, reply) => {
    const { code } = api.agencyParamSchema.parse(request.params);
    const q = parseQuery(api.registerQuerySchema, request.query);
    const reg = await publicRegister(web.db, code, q.page, 20);
    const stats: RegisterStats = { counted: reg.total, onTime: reg.onTime };
    const page = <RegisterPage ctx={pageContext(web, request, reply)} agency={reg.agency} total={reg.total} page={q.page} pageSize={20} items={reg.items} stats={stats} />;
    return sendPage(request, reply, page);
  });

  // ---- JSON API
  docs.describe({
    method: 'post',
    path: '/api/v1/requests',
    tag: '依申请公开',
    summary: '提交政府信息公开申请 / submit a disclosure request',
    description: '字段与网页申请表相同（条例 第二十九条），oneMatter 须为 true。成功时返回申请编号、查询码（只返回这一次）和答复期限。每个 IP 每10分钟最多5次。',
    body: applicationSchema,
    response: api.submitResponseSchema,
    errors: [400, 429],
  });
  app.post('/api/v1/requests', { config: SUBMIT_LIMIT }, async (request, reply) => {
    const { request: r, queryCode } = await submitOnline(web, request.body);
    return reply.status(201).header('cache-control', 'no-store').send({
      trackingNumber: r.trackingNumber,
      queryCode,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      dueProvisional: r.dueProvisional === 1,
      statusUrl: `/requests/track?tn=${encodeURIComponent(r.trackingNumber)}`,
      apiUrl: `/api/v1/requests/${encodeURIComponent(r.trackingNumber)}`,
    } satisfies z.infer<typeof api.submitResponseSchema>);
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/requests/{trackingNumber}',
    tag: '依申请公开',
    summary: '申请人查询办理情况 / the applicant looks up a request',
    description: '须提供查询码。申请编号或查询码不正确时一律返回 404。每个 IP 每10分钟最多10次。',
    params: api.trackingParamSchema,
    query: api.statusQuerySchema,
    response: api.statusResponseSchema,
    errors: [400, 404, 429],
  });
  app.get('/api/v1/requests/:trackingNumber', { config: LOOKUP_LIMIT }, async (request, reply) => {
    const { trackingNumber } = api.trackingParamSchema.parse(request.params);
    const { code } = parseQuery(api.statusQuerySchema, request.query);
    const found = await findForApplicant(web.db, trackingNumber, code);
    if (!found) throw errors.notFound('申请');
    reply.header('cache-control', 'no-store');
    return api.presentStatus(await applicantView(web.db, found));
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/agencies/{code}/requests',
    tag: '依申请公开',
    summary: '机关依申请公开办理情况公开登记（不含申请人信息）/ public register of closed requests',
    params: api.agencyParamSchema,
    query: api.registerQuerySchema,
    response: pageOf(api.registerItemSchema),
    errors: [400, 404],
  });
  app.get('/api/v1/agencies/:code/requests', async (request) => {
    const { code } = api.agencyParamSchema.parse(request.params);
    const q = parseQuery(api.registerQuerySchema, request.query);
    const reg = await publicRegister(web.db, code, q.page, q.pageSize);
    return { total: reg.total, page: q.page, pageSize: q.pageSize, items: reg.items.map(api.presentRegisterItem) };
  });

}
