/**
 * 意见征集 for the public: the list, one consultation with its comment form, the comment POST
 * (CSRF through the app's hook, rate limited per IP, only while open) and the JSON API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAgencyByCode, listAgencies } from '../../agencies/service.js';
import { AppError, errors } from '../../platform/errors.js';
import { subtreeIds } from '../../platform/hierarchy.js';
import { pageOf, type ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { formFields, parseQuery } from '../../platform/http/validate.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { addressHash } from '../../platform/privacy/address.js';
import { ADOPTIONS } from './model.js';
import { submitComment } from './comment.service.js';
import { listSummaries, publicConsultation, type PublicConsultation } from './queries.js';
import { CommentThanksPage, ConsultationListPage } from './views/public-list.js';
import { ConsultationPage, type CommentForm } from './views/public-page.js';

/** Per IP: comments on any consultation. */
const COMMENT_LIMIT = { rateLimit: { max: 10, timeWindow: '10 minutes' } };

const listQuery = z.object({
  agency: z.string().trim().max(60).default('').describe('发布机关代码，含其下级机关 / agency code, with the agencies below it'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const idParams = z.object({ id: z.string().regex(/^\d{1,9}$/).describe('意见征集编号') });

// ---- JSON shapes (no contact, names masked)
const countsSchema = z.object({
  received: z.number().int(),
  pending: z.number().int(),
  approved: z.number().int().describe('已公开'),
  rejected: z.number().int().describe('未公开'),
  adopted: z.number().int(),
  partly: z.number().int(),
  notAdopted: z.number().int(),
  undecided: z.number().int(),
});
const summarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  opensOn: z.string(),
  closesOn: z.string(),
  days: z.number().int().describe('征求意见天数（含首尾）'),
  phase: z.enum(['draft', 'upcoming', 'open', 'closed', 'feedback', 'withdrawn']),
  phaseLabel: z.string(),
  counts: countsSchema,
  url: z.string(),
});
const detailSchema = summarySchema.extend({
  explanation: z.string().describe('起草说明'),
  articles: z.array(z.object({ no: z.number().int().describe('条号；0 为章节标题或序言'), heading: z.string(), text: z.string() })),
  comments: z.array(
    z.object({
      id: z.number().int(),
      article: z.number().int().nullable().describe('针对的条号；null 为全文'),
      author: z.string().describe('姓名已部分隐去；匿名为“匿名”'),
      body: z.string(),
      submittedOn: z.string(),
      adoption: z.enum(ADOPTIONS).nullable(),
      adoptionLabel: z.string().nullable(),
      adoptionReason: z.string().nullable(),
    }),
  ),
  rejections: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  feedback: z.string().nullable().describe('采纳情况反馈（公布后）'),
  feedbackPublishedOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  draftRecord: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  finalRecord: z.object({ id: z.number().int(), title: z.string() }).nullable(),
});

export function consultationPublicRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  async function list(q: z.infer<typeof listQuery>) {
    let agencyIds: number[] | null = null;
    if (q.agency) {
      const agency = await findAgencyByCode(web.db, q.agency);
      agencyIds = agency ? await subtreeIds(web.db, agency.id) : [];
    }
    return listSummaries(web, { agencyIds, publicOnly: true, page: q.page, pageSize: q.pageSize });
  }

  const idOf = (request: FastifyRequest) => {
    const p = idParams.safeParse(request.params);
    if (!p.success) throw errors.notFound('意见征集');
    return Number(p.data.id);
  };

  app.get('/consultations', async (request, reply) => {
    const q = { ...parseQuery(listQuery, request.query), pageSize: 20 };
    const { total, items } = await list(q);
    const agencies = (await listAgencies(web.db)).map((a) => ({ code: a.code, name: a.name }));
    const page = <ConsultationListPage ctx={pageContext(web, request, reply)} agencies={agencies} agency={q.agency} items={items} total={total} page={q.page} pageSize={q.pageSize} />;
    return sendPage(request, reply, page);
  });

  function showPage(request: FastifyRequest, reply: FastifyReply, c: PublicConsultation, form: CommentForm, status = 200) {
    return sendPage(request, reply, <ConsultationPage ctx={pageContext(web, request, reply)} c={c} form={form} />, status);
  }

  app.get('/consultations/:id', async (request, reply) => {
    const c = await publicConsultation(web, idOf(request));
    const article = new URL(request.url, 'http://local').searchParams.get('article') ?? '';
    return showPage(request, reply, c, { values: { article: /^\d{1,4}$/.test(article) ? article : '' }, problems: [] });
  });

  app.post('/consultations/:id/comments', { config: COMMENT_LIMIT }, async (request, reply) => {
    const id = idOf(request);
    // The answer may echo the visitor's own contact back into the form: never cached.
    reply.header('cache-control', 'no-store');
    try {
      await submitComment(web, id, request.body, addressHash(web.appSecret, request.ip));
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
      const problems = e.code === 'VALIDATION_FAILED' ? (e.details ?? [e.publicMessage]).map((p) => p.replace(/^[a-z]+: /, '')) : [e.publicMessage];
      return showPage(request, reply, await publicConsultation(web, id), { values: formFields(request.body), problems }, e.status);
    }
    const c = await publicConsultation(web, id);
    return sendPage(request, reply, <CommentThanksPage ctx={pageContext(web, request, reply)} consultation={{ id: c.id, title: c.title, url: c.url }} />, 201);
  });

  // ---- JSON API
  docs.describe({
    method: 'get',
    path: '/api/v1/consultations',
    tag: '意见征集',
    summary: '公开征求意见的政策文件草案 / drafts published for public comment',
    description: '正在征求意见的排在前面，其余按截止日期倒序。不含意见人的联系方式。',
    query: listQuery,
    response: pageOf(summarySchema),
    errors: [400],
  });
  app.get('/api/v1/consultations', async (request) => {
    const q = parseQuery(listQuery, request.query);
    const { total, items } = await list(q);
    return { total, page: q.page, pageSize: q.pageSize, items };
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/consultations/{id}',
    tag: '意见征集',
    summary: '一次意见征集：草案条文、公开的意见、采纳情况反馈 / one consultation',
    description: '意见人姓名部分隐去，联系方式从不返回；采纳情况在起草机关公布反馈后返回。',
    params: idParams,
    response: detailSchema,
    errors: [404],
  });
  app.get('/api/v1/consultations/:id', async (request) => publicConsultation(web, idOf(request)));
}
