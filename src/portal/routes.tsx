import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countAgencies, listAgencies } from '../agencies/service.js';
import { listPublicRecords } from '../catalog/service.js';
import { workingDayAnswer } from '../platform/calendar/routes.js';
import { addWorkingDays, isIsoDate } from '../platform/calendar/model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import type { ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import type { WebContext } from '../platform/http/web-context.js';
import { ApiDocsPage } from './api-docs.js';
import { ContactsPage, DisclosurePage, HomePage, RequestsPage, type DueDateAnswer } from './views.js';

const receivedQuery = z.object({ received: z.string().optional() });

/** The public portal's own pages: home, section landing pages, help and the API browser. */
export function portalRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  app.get('/', async (request, reply) => {
    const all = await listAgencies(web.db);
    const governments = all.filter((a) => a.kind === 'government');
    const latest = (await listPublicRecords(web.db, web.clock.now().toISOString(), {}, 1, 8)).items.map((r) => ({
      id: r.id,
      title: r.title,
      publishedOn: r.publishedOn ?? '',
      agency: all.find((a) => a.id === r.agencyId)?.shortName ?? '',
    }));
    const page = <HomePage ctx={pageContext(web, request, reply)} governments={governments} agencyCount={await countAgencies(web.db)} latest={latest} />;
    return sendPage(request, reply, page);
  });

  app.get('/disclosure', async (request, reply) => sendPage(request, reply, <DisclosurePage ctx={pageContext(web, request, reply)} />));

  app.get('/requests', async (request, reply) => {
    const ctx = pageContext(web, request, reply);
    const received = receivedQuery.safeParse(request.query).data?.received;
    if (received === undefined || received === '') return sendPage(request, reply, <RequestsPage ctx={ctx} />);
    if (!isIsoDate(received)) {
      return sendPage(request, reply, <RequestsPage ctx={ctx} problem="请输入有效日期（YYYY-MM-DD）" />, 400);
    }
    const cal = await loadCalendar(web.db);
    // 条例 第三十条 (补正: 7 working days), 第三十三条 (20 working days, extension at most 20 more).
    const base = workingDayAnswer(cal, received, 40);
    const pick = (n: number) => {
      const r = addWorkingDays(cal, received, n);
      return { date: r.date, provisional: r.provisional };
    };
    const answer: DueDateAnswer = {
      received,
      correction: pick(7),
      due: pick(20),
      extended: { date: base.due, provisional: base.provisional },
      skipped: base.skipped.filter((s) => s.reason !== 'weekend').map((s) => s.text),
      provisionalYears: base.provisionalYears,
    };
    return sendPage(request, reply, <RequestsPage ctx={ctx} answer={answer} />);
  });

  for (const kind of ['services', 'participation'] as const) {
    app.get(`/${kind}`, async (request, reply) => {
      const page = <ContactsPage ctx={pageContext(web, request, reply)} agencies={await listAgencies(web.db)} kind={kind} />;
      return sendPage(request, reply, page);
    });
  }

  app.get('/api/docs', async (request, reply) => {
    const page = <ApiDocsPage ctx={pageContext(web, request, reply)} routes={docs.routes} document={docs.document()} />;
    return sendPage(request, reply, page);
  });
}
