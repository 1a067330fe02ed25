/**
 * 社会评议: POST /ratings (records and service items, one rating per `gk_v` visitor cookie), POST
 * /requests/status/:tn/rating (the applicant of a decided request: the access cookie only travels
 * under /requests/status), and the per-agency roll-up GET /api/v1/ratings/summary?agency=CODE.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { cookieOptions } from '../../platform/http/cookies.js';
import type { ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { parseQuery } from '../../platform/http/validate.js';
import { addressHash } from '../../platform/privacy/address.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { ACCESS_COOKIE, accessAllowed } from '../../requests/applicant-access.js';
import { normalizeTrackingNumber, TRACKING_NUMBER_RE } from '../../requests/model.js';
import { RATING_OBJECTS } from './model.js';
import { agencyRatingSummary, rate, resolveObject, visitorHash, type RatedObject } from './service.js';
import { RatingRefusedPage } from './views/panel.js';

/** The long-lived visitor cookie: a random token, only its hash is stored. */
export const VISITOR_COOKIE = 'gk_v';
const VISITOR_MAX_AGE = 2 * 365 * 24 * 3600;
const RATE_LIMIT = { rateLimit: { max: 20, timeWindow: '10 minutes' } };

const objectFields = z.object({
  objectType: z.enum(RATING_OBJECTS, { message: '评价对象无效 / invalid object' }),
  objectRef: z.string().trim().min(1).max(80),
});
const summaryQuery = z.object({ agency: z.string({ message: '请指定机关代码 / give the agency code' }).trim().min(1, '请指定机关代码 / give the agency code').max(40) });
const tnParam = z.object({ tn: z.string().max(80) });

const summarySchema = z.object({
  count: z.number().int(),
  mean: z.number().nullable().describe('平均分，保留一位小数 / mean, one decimal'),
  distribution: z.array(z.number().int()).describe('1–5分各自的人数 / counts of scores 1..5'),
  satisfaction: z.number().nullable().describe('满意率（4–5分占比）/ share of 4–5 stars'),
});
const agencySummarySchema = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  overall: summarySchema,
  byObjectType: z.object({ record: summarySchema, service_item: summarySchema, request: summarySchema }),
});

export function ratingRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  const nowIso = () => web.clock.now().toISOString();

  async function refused(request: FastifyRequest, reply: FastifyReply, e: unknown, back: string | null) {
    if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
    const page = <RatingRefusedPage ctx={pageContext(web, request, reply)} message={e.publicMessage} back={back} details={e.details ?? []} />;
    return sendPage(request, reply, page, e.status);
  }

  async function submit(request: FastifyRequest, reply: FastifyReply, object: RatedObject, visitor: string) {
    try {
      await rate(web, object, request.body, { visitorHash: visitor, ipHash: addressHash(web.appSecret, request.ip) });
    } catch (e) {
      return refused(request, reply, e, object.path);
    }
    return reply.header('cache-control', 'no-store').redirect(`${object.path}?rated=1#rating`, 303);
  }

  app.post('/ratings', { config: RATE_LIMIT }, async (request, reply) => {
    const fields = objectFields.safeParse(request.body ?? {});
    if (!fields.success) return refused(request, reply, errors.badRequest('评价对象无效', 'Invalid object to rate'), null);
    if (fields.data.objectType === 'request') {
      return refused(request, reply, errors.badRequest('请在申请办理情况页面评价', 'Rate a request from its status page'), '/requests/track');
    }
    let object: RatedObject;
    try {
      object = await resolveObject(web.db, fields.data.objectType, fields.data.objectRef, nowIso());
    } catch (e) {
      return refused(request, reply, e, null);
    }
    let token = request.cookies[VISITOR_COOKIE];
    if (!token || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) {
      token = randomBytes(24).toString('base64url');
      reply.setCookie(VISITOR_COOKIE, token, cookieOptions(web.config.cookieSecure, request, { sameSite: 'lax', maxAge: VISITOR_MAX_AGE }));
    }
    return submit(request, reply, object, visitorHash(web.appSecret, 'cookie', token));
  });

  app.post('/requests/status/:tn/rating', { config: RATE_LIMIT }, async (request, reply) => {
    const tn = normalizeTrackingNumber(tnParam.parse(request.params).tn);
    const nowSeconds = Math.floor(web.clock.now().getTime() / 1000);
    // The applicant only: the signed, short-lived cookie the look-up grants (requests/applicant-access).
    const cookie = request.cookies[ACCESS_COOKIE];
    if (!TRACKING_NUMBER_RE.test(tn) || !accessAllowed(web.appSecret, cookie, tn, nowSeconds)) {
      // As the status page does: back to the look-up form, saying so when a cookie had expired.
      return reply.header('cache-control', 'no-store').redirect(`/requests/track?tn=${encodeURIComponent(tn)}${cookie ? '&expired=1' : ''}`, 303);
    }
    let object: RatedObject;
    try {
      object = await resolveObject(web.db, 'request', tn, nowIso());
    } catch (e) {
      return refused(request, reply, e, `/requests/status/${encodeURIComponent(tn)}`);
    }
    return submit(request, reply, object, visitorHash(web.appSecret, 'request', object.ref));
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/ratings/summary',
    tag: '监督保障',
    summary: '机关社会评议汇总 / public ratings rolled up per agency',
    description: '评价人数、平均分（一位小数）、1–5分分布和满意率（4–5分占比），合计及按政府信息、办事指南、申请办理分列。',
    query: summaryQuery,
    response: agencySummarySchema,
    errors: [400, 404],
  });
  app.get('/api/v1/ratings/summary', async (request) => {
    const { agency } = parseQuery(summaryQuery, request.query);
    return agencyRatingSummary(web.db, agency);
  });
}
