import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { byStaff, requirePermission } from '../platform/auth/guard.js';
import type { HelpPageRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { formFields } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import * as help from './service.js';
import { HelpArticlePage, HelpFormPage, HelpIndexPage, StaffHelpListPage, type HelpFormValues } from './views.js';

const slugParam = z.object({ slug: z.string().regex(help.HELP_SLUG_PATTERN) });

/** The page named in the URL, or a friendly 404 (also for a malformed slug: no such page can exist). */
async function pageOf(web: WebContext, request: FastifyRequest): Promise<HelpPageRow> {
  const parsed = slugParam.safeParse(request.params);
  const page = parsed.success ? await help.findHelpPage(web.db, parsed.data.slug) : undefined;
  if (!page) throw errors.notFound('帮助页面');
  return page;
}

const valuesOf = (p: HelpPageRow): HelpFormValues => ({ slug: p.slug, title: p.title, summary: p.summary, bodyHtml: p.bodyHtml, sortOrder: String(p.sortOrder) });

/** Public help centre (/help, /help/:slug) and its staff editor (/staff/help, help.manage). */
export function helpRoutes(app: FastifyInstance, web: WebContext): void {
  // ---- public pages
  app.get('/help', async (request, reply) =>
    sendPage(request, reply, <HelpIndexPage ctx={pageContext(web, request, reply)} pages={await help.listHelpPages(web.db)} />),
  );

  app.get('/help/:slug', async (request, reply) => {
    const page = await pageOf(web, request);
    return sendPage(request, reply, <HelpArticlePage ctx={pageContext(web, request, reply)} page={page} pages={await help.listHelpPages(web.db)} />);
  });

  // ---- staff editor
  const guard = { preHandler: requirePermission('help.manage') };

  const renderForm = (request: FastifyRequest, reply: FastifyReply, values: HelpFormValues, slug?: string, error?: AppError) => {
    const page = (
      <HelpFormPage
        ctx={pageContext(web, request, reply)}
        values={values}
        {...(slug ? { slug } : {})}
        {...(error ? { problems: error.details ?? [error.publicMessage] } : {})}
      />
    );
    return sendPage(request, reply, page, error?.status ?? 200);
  };

  app.get('/staff/help', guard, async (request, reply) =>
    sendPage(request, reply, <StaffHelpListPage ctx={pageContext(web, request, reply)} pages={await help.listHelpPages(web.db)} />),
  );

  app.get('/staff/help/new', guard, async (request, reply) => {
    // A new page goes to the end of the list unless the editor says otherwise.
    const last = (await help.listHelpPages(web.db)).at(-1);
    return renderForm(request, reply, { sortOrder: String(Math.min(9999, (last?.sortOrder ?? 0) + 1)) });
  });

  app.post('/staff/help', guard, async (request, reply) => {
    try {
      const row = await help.createHelpPage(web, byStaff(request), request.body);
      return reply.redirect(`/staff/help/${row.slug}/edit?saved=1`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.status === 400 || e.status === 409)) return renderForm(request, reply, formFields(request.body), undefined, e);
      throw e;
    }
  });

  app.get('/staff/help/:slug/edit', guard, async (request, reply) => {
    const page = await pageOf(web, request);
    return renderForm(request, reply, valuesOf(page), page.slug);
  });

  app.post('/staff/help/:slug', guard, async (request, reply) => {
    const page = await pageOf(web, request);
    try {
      await help.updateHelpPage(web, byStaff(request), page.slug, request.body);
      return reply.redirect(`/staff/help/${page.slug}/edit?saved=1`, 303);
    } catch (e) {
      if (e instanceof AppError && e.status === 400) return renderForm(request, reply, formFields(request.body), page.slug, e);
      throw e;
    }
  });
}
