/**
 * 留言/投诉, the public side: the board of published answers with per-agency counts, the form (and
 * its API), the author's look-up by tracking number + query code, and one published message.
 * Names and contacts never reach these pages; texts are masked (queries.ts presentPublic).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../../agencies/service.js';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate } from '../../platform/clock.js';
import { AppError, errors } from '../../platform/errors.js';
import { pageOf, type ApiDocs } from '../../platform/http/openapi.js';
import { parseLookupForm } from '../../platform/http/lookup.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { formFields, parseQuery } from '../../platform/http/validate.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { addressHash } from '../../platform/privacy/address.js';
import { supervisionSettings } from '../settings.js';
import { MESSAGE_KINDS } from './model.js';
import { agencyTallies, findForAuthor, publicBoard, publishedMessage } from './queries.js';
import { messageInputSchema, submitMessage } from './service.js';
import { FiledPage, MessageFormPage, MessageTrackPage, splitProblems } from './views/form.js';
import { authorView } from './views/outcome.js';
import { BoardPage, MessagePage } from './views/public.js';

/** Per IP: filings (form and API alike) and look-ups, which each cost a scrypt hash. */
const SUBMIT_LIMIT = { rateLimit: { max: 5, timeWindow: '10 minutes' } };
const LOOKUP_LIMIT = { rateLimit: { max: 10, timeWindow: '10 minutes' } };
const PAGE_SIZE = 20;

const blank = (v: unknown) => (v === '' ? undefined : v);
const boardQuery = z.object({
  agency: z.string().max(40).default(''),
  kind: z.preprocess(blank, z.enum(MESSAGE_KINDS, { message: '类型无效 / invalid kind' }).optional()),
  page: z.coerce.number({ message: '页码无效 / invalid page' }).int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
});
const tnParam = z.object({ tn: z.string().max(80) });

const publicMessageSchema = z.object({
  trackingNumber: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  kindLabel: z.string(),
  groundLabel: z.string().nullable(),
  status: z.enum(['answered', 'rejected']).describe('已答复 / 不予受理'),
  statusLabel: z.string(),
  subject: z.string().describe('个人信息已遮盖 / personal data masked'),
  body: z.string().describe('个人信息已遮盖 / personal data masked'),
  answer: z.string().nullable().describe('答复（个人信息已遮盖）/ the answer, masked'),
  rejectReason: z.string().nullable().describe('不予受理的理由（个人信息已遮盖）/ why it was not accepted, masked'),
  receivedOn: z.string(),
  dueOn: z.string(),
  answeredOn: z.string().nullable(),
  workingDaysTaken: z.number().int().nullable(),
  onTime: z.boolean().nullable(),
});
const filedSchema = z.object({ trackingNumber: z.string(), queryCode: z.string(), receivedOn: z.string(), dueOn: z.string(), trackUrl: z.string() });

export function messagePublicRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  const today = () => chinaDate(web.clock.now());

  app.get('/messages', async (request, reply) => {
    const q = parseQuery(boardQuery, request.query);
    const cal = await loadCalendar(web.db);
    const board = await publicBoard(web.db, cal, { agency: q.agency, kind: q.kind, page: q.page, pageSize: PAGE_SIZE });
    const page = (
      <BoardPage
        ctx={pageContext(web, request, reply)}
        agencies={await listAgencies(web.db)}
        filter={{ agency: q.agency, kind: q.kind ?? '', page: q.page, pageSize: PAGE_SIZE }}
        total={board.total}
        items={board.items}
        tallies={await agencyTallies(web.db, today())}
      />
    );
    return sendPage(request, reply, page);
  });

  app.get('/messages/new', async (request, reply) => {
    const agency = z.object({ agency: z.string().max(40).default('') }).safeParse(request.query);
    const values = { agency: agency.success ? agency.data.agency : '', kind: 'consult' };
    const settings = await supervisionSettings(web.db);
    const page = <MessageFormPage ctx={pageContext(web, request, reply)} agencies={await listAgencies(web.db)} values={values} answerDays={settings.messageAnswerWorkingDays} />;
    return sendPage(request, reply, page);
  });

  app.post('/messages', { config: SUBMIT_LIMIT }, async (request, reply) => {
    // Both answers carry personal data (the visitor's input, or the query code): never cached.
    reply.header('cache-control', 'no-store');
    try {
      const filed = await submitMessage(web, request.body, { ipHash: addressHash(web.appSecret, request.ip) });
      const agencies = await listAgencies(web.db);
      const m = filed.message;
      const data = {
        trackingNumber: m.trackingNumber,
        queryCode: filed.queryCode,
        agencyName: agencies.find((a) => a.id === m.agencyId)?.name ?? '',
        receivedOn: m.receivedOn,
        dueOn: m.dueOn,
      };
      return sendPage(request, reply, <FiledPage ctx={pageContext(web, request, reply)} data={data} />, 201);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      const settings = await supervisionSettings(web.db);
      const page = (
        <MessageFormPage
          ctx={pageContext(web, request, reply)}
          agencies={await listAgencies(web.db)}
          values={formFields(request.body)}
          problems={splitProblems(e.details ?? [e.publicMessage])}
          answerDays={settings.messageAnswerWorkingDays}
        />
      );
      return sendPage(request, reply, page, 400);
    }
  });

  app.get('/messages/track', async (request, reply) => {
    const tn = z.object({ tn: z.string().max(80).default('') }).safeParse(request.query);
    const page = <MessageTrackPage ctx={pageContext(web, request, reply)} values={{ trackingNumber: tn.success ? tn.data.tn : '' }} />;
    return sendPage(request, reply, page);
  });

  app.post('/messages/track', { config: LOOKUP_LIMIT }, async (request, reply) => {
    const form = parseLookupForm(request.body, '请填写留言编号 / enter the tracking number');
    const ctx = pageContext(web, request, reply);
    reply.header('cache-control', 'no-store');
    if (!form.ok) return sendPage(request, reply, <MessageTrackPage ctx={ctx} values={{ trackingNumber: form.trackingNumber }} problems={form.problems} />, 400);
    const found = await findForAuthor(web.db, form.trackingNumber, form.queryCode);
    if (!found) return sendPage(request, reply, <MessageTrackPage ctx={ctx} values={{ trackingNumber: form.trackingNumber }} failed />, 404);
    return sendPage(request, reply, <MessageTrackPage ctx={ctx} values={{}} found={authorView(found)} />);
  });

  app.get('/messages/:tn', async (request, reply) => {
    const { tn } = tnParam.parse(request.params);
    const m = await publishedMessage(web.db, await loadCalendar(web.db), tn);
    if (!m) throw errors.notFound('留言');
    return sendPage(request, reply, <MessagePage ctx={pageContext(web, request, reply)} m={m} />);
  });

  // ---- JSON API
  docs.describe({
    method: 'post',
    path: '/api/v1/messages',
    tag: '监督保障',
    summary: '提交留言、建议或投诉 / file a message, suggestion or complaint',
    description:
      '投诉须选择事由（条例 第四十七条第二款）。姓名和联系方式不会公开。成功时返回留言编号、查询码（只返回这一次）和答复期限。每个 IP 每10分钟最多5次。',
    body: messageInputSchema,
    response: filedSchema,
    errors: [400, 429],
  });
  app.post('/api/v1/messages', { config: SUBMIT_LIMIT }, async (request, reply) => {
    const filed = await submitMessage(web, request.body, { ipHash: addressHash(web.appSecret, request.ip) });
    const m = filed.message;
    return reply
      .status(201)
      .header('cache-control', 'no-store')
      .send({
        trackingNumber: m.trackingNumber,
        queryCode: filed.queryCode,
        receivedOn: m.receivedOn,
        dueOn: m.dueOn,
        trackUrl: `/messages/track?tn=${encodeURIComponent(m.trackingNumber)}`,
      } satisfies z.infer<typeof filedSchema>);
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/messages',
    tag: '监督保障',
    summary: '已公开的留言和答复或不予受理的理由（个人信息已遮盖）/ published messages with their answer or refusal reason, masked',
    query: boardQuery,
    response: pageOf(publicMessageSchema),
    errors: [400],
  });
  app.get('/api/v1/messages', async (request) => {
    const q = parseQuery(boardQuery, request.query);
    const board = await publicBoard(web.db, await loadCalendar(web.db), { agency: q.agency, kind: q.kind, page: q.page, pageSize: q.pageSize });
    return { total: board.total, page: q.page, pageSize: q.pageSize, items: board.items };
  });
}
