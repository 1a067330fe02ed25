import type { FastifyInstance } from 'fastify';
import { countAgencies, listAgencies } from '../agencies/service.js';
import { listPublicRecords } from '../catalog/service.js';
import type { ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import type { WebContext } from '../platform/http/web-context.js';
import { openConsultations } from '../supervision/consultations/service.js';
import { ApiDocsPage } from './api-docs.js';
import { ContactsPage, DisclosurePage, HomePage } from './views.js';


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

  app.get('/participation', async (request, reply) => {
    const page = <ContactsPage ctx={pageContext(web, request, reply)} agencies={await listAgencies(web.db)} open={await openConsultations(web)} />;
    return sendPage(request, reply, page);
  });

  app.get('/api/docs', async (request, reply) => {
    const page = <ApiDocsPage ctx={pageContext(web, request, reply)} routes={docs.routes} document={docs.document()} />;
    return sendPage(request, reply, page);
  });
}
