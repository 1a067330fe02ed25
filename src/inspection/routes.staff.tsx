/**
 * 网站检查 on the workbench (issue #8 part 5): the ranking of the sites in the user's scope, each
 * site's page (settings, "inspect now", history and trend), and the stored reports. Reading needs
 * inspection.view, every write inspection.manage; a site is reachable only inside the user's
 * agency scope (its agency and those below; a system admin everywhere).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../agencies/service.js';
import { byStaff, requirePermission, staffOf } from '../platform/auth/guard.js';
import { can, inScope, type StaffIdentity } from '../platform/auth/model.js';
import { AppError, errors } from '../platform/errors.js';
import { contentDisposition } from '../platform/files/disposition.js';
import { ancestryIds, subtreeIds } from '../platform/hierarchy.js';
import type { ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { formFields } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { reportHtml } from './report.js';
import { deleteSite, nextDue, optionsOf, queueRun, rankSites, registerSite, runInBackground, updateSite } from './service.js';
import * as store from './store.js';
import { InspectionHomePage } from './views/home.js';
import { dayOf, siteHref } from './views/labels.js';
import { RunPage } from './views/run.js';
import { blankSiteValues, siteValues } from './views/site-form.js';
import { SitePage, type SiteForm } from './views/site.js';

const idParams = z.object({ id: z.string().regex(/^\d{1,9}$/) });

/**
 * The standalone report keeps its own inline stylesheet (report.tsx): this page alone may use
 * inline styles; it loads nothing, runs no script and cannot be framed.
 */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const NOTICES: Readonly<Record<string, string>> = {
  registered: '网站已登记。可在下方修改设置或立即检查。',
  saved: '设置已保存。',
  queued: '检查已开始，在后台进行。完成后刷新本页查看结果。',
  deleted: '网站及其检查记录已删除。',
};

/** The problems a refused form shows (validation, conflicts); anything else goes to the error handler. */
function refusal(e: unknown): { status: number; problems: string[] } {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
  return { status: e.status, problems: e.code === 'VALIDATION_FAILED' ? [...(e.details ?? [e.zh])] : [e.publicMessage, ...(e.details ?? [])] };
}

/** A form's fields as the service reads them: a checkbox left unticked is sent by no browser, so absent means no. */
function siteInput(values: Record<string, string>) {
  return { ...values, ignoreRobots: values.ignoreRobots === '1', checkExternal: values.checkExternal === '1' };
}

const noticeOf = (request: FastifyRequest) => {
  const key = new URL(request.url, 'http://local').searchParams.get('done') ?? '';
  return NOTICES[key];
};

export function inspectionStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  /** The agencies whose sites the user sees: theirs and those below (null: all, for a system admin). */
  const scopeIds = async (staff: StaffIdentity): Promise<number[] | null> => (staff.roles.includes('system_admin') ? null : subtreeIds(web.db, staff.agencyId));

  async function scopeAgencies(staff: StaffIdentity): Promise<{ code: string; name: string }[]> {
    const ids = await scopeIds(staff);
    const set = ids === null ? null : new Set(ids);
    return (await listAgencies(web.db)).filter((a) => set === null || set.has(a.id)).map((a) => ({ code: a.code, name: a.name }));
  }

  /** The site a URL names, after the agency-scope check (404 unknown, 403 outside the scope). */
  async function siteOf(request: FastifyRequest): Promise<store.SiteWithAgency> {
    const params = idParams.safeParse(request.params);
    if (!params.success) throw errors.notFound('检查网站');
    const site = await store.findSite(web.db, Number(params.data.id));
    if (!site) throw errors.notFound('检查网站');
    if (!inScope(staffOf(request), await ancestryIds(web.db, site.agencyId))) throw errors.forbidden();
    return site;
  }

  async function runOf(request: FastifyRequest) {
    const params = idParams.safeParse(request.params);
    if (!params.success) throw errors.notFound('检查记录');
    const run = await store.findRun(web.db, Number(params.data.id));
    const site = run ? await store.findSite(web.db, run.siteId) : undefined;
    if (!run || !site) throw errors.notFound('检查记录');
    if (!inScope(staffOf(request), await ancestryIds(web.db, site.agencyId))) throw errors.forbidden();
    return { run, site };
  }

  async function showHome(request: FastifyRequest, reply: FastifyReply, form?: { values: Record<string, string>; problems: string[] }, status = 200) {
    const staff = staffOf(request);
    const page = (
      <InspectionHomePage
        ctx={pageContext(web, request, reply)}
        ranking={await rankSites(web.db, await scopeIds(staff))}
        agencies={await scopeAgencies(staff)}
        mayManage={can(staff, 'inspection.manage')}
        values={form?.values ?? blankSiteValues()}
        problems={form?.problems}
        notice={form ? undefined : noticeOf(request)}
      />
    );
    return sendPage(request, reply, page, status);
  }

  async function showSite(request: FastifyRequest, reply: FastifyReply, site: store.SiteWithAgency, refused?: { form: SiteForm; problems: string[]; values?: Record<string, string> }, status = 200) {
    const staff = staffOf(request);
    const options = optionsOf(site);
    const runs = await store.runsOfSite(web.db, site.id);
    const lastQueued = runs[0]?.queuedAt ?? null;
    const page = (
      <SitePage
        ctx={pageContext(web, request, reply)}
        site={site}
        options={options}
        runs={runs}
        nextDue={nextDue(site, lastQueued, web.clock.now())}
        agencies={await scopeAgencies(staff)}
        mayManage={can(staff, 'inspection.manage')}
        values={refused?.values ?? siteValues(site, site.agencyCode, options)}
        error={refused}
        notice={refused ? undefined : noticeOf(request)}
      />
    );
    return sendPage(request, reply, page, status);
  }

  app.get('/staff/inspection', { preHandler: requirePermission('inspection.view') }, (request, reply) => showHome(request, reply));

  app.post('/staff/inspection/sites', { preHandler: requirePermission('inspection.manage') }, async (request, reply) => {
    const values = formFields(request.body);
    try {
      const site = await registerSite(web, byStaff(request), siteInput(values));
      return reply.redirect(`${siteHref(site.id)}?done=registered`, 303);
    } catch (e) {
      const { status, problems } = refusal(e);
      return showHome(request, reply, { values, problems }, status);
    }
  });

  app.get('/staff/inspection/sites/:id', { preHandler: requirePermission('inspection.view') }, async (request, reply) => showSite(request, reply, await siteOf(request)));

  app.post('/staff/inspection/sites/:id', { preHandler: requirePermission('inspection.manage') }, async (request, reply) => {
    const site = await siteOf(request);
    const values = formFields(request.body);
    try {
      await updateSite(web, byStaff(request), site.id, siteInput(values));
      return reply.redirect(`${siteHref(site.id)}?done=saved`, 303);
    } catch (e) {
      const { status, problems } = refusal(e);
      return showSite(request, reply, site, { form: 'settings', problems, values }, status);
    }
  });

  // Queued, then run in the background: the answer does not wait for the crawl (minutes on a big site).
  app.post('/staff/inspection/sites/:id/run', { preHandler: requirePermission('inspection.manage') }, async (request, reply) => {
    const site = await siteOf(request);
    try {
      const run = await queueRun(web, staffOf(request).login, site.id);
      runInBackground(web, run.id, (err) => app.log.error({ err, run: run.id }, 'inspection run failed outside its own error handling'));
      return reply.redirect(`${siteHref(site.id)}?done=queued`, 303);
    } catch (e) {
      const { status, problems } = refusal(e);
      return showSite(request, reply, site, { form: 'run', problems }, status);
    }
  });

  app.post('/staff/inspection/sites/:id/delete', { preHandler: requirePermission('inspection.manage') }, async (request, reply) => {
    const site = await siteOf(request);
    if (formFields(request.body).confirm !== '1') {
      return showSite(request, reply, site, { form: 'delete', problems: ['confirm: 请勾选确认删除 / tick the box to confirm'] }, 400);
    }
    await deleteSite(web, byStaff(request), site.id);
    return reply.redirect('/staff/inspection?done=deleted', 303);
  });

  // A finished run's address is its report (report.tsx's standalone page); any other run's, where it stands.
  app.get('/staff/inspection/runs/:id', { preHandler: requirePermission('inspection.view') }, async (request, reply) => {
    const { run, site } = await runOf(request);
    const report = store.storedReport(run);
    if (run.status === 'done' && report) {
      return reply.type('text/html; charset=utf-8').header('content-security-policy', REPORT_CSP).send(reportHtml(report));
    }
    const { report: _report, ...summary } = run;
    return sendPage(request, reply, <RunPage ctx={pageContext(web, request, reply)} site={site} run={summary} />);
  });

  app.get('/staff/inspection/runs/:id/report.json', { preHandler: requirePermission('inspection.view') }, async (request, reply) => {
    const { run, site } = await runOf(request);
    const report = store.storedReport(run);
    if (!report) throw errors.notFound('检查报告');
    const name = `网站检查-${site.name}-${dayOf(run.finishedAt ?? run.queuedAt)}.json`;
    return reply.type('application/json; charset=utf-8').header('content-disposition', contentDisposition(name)).send(`${JSON.stringify(report, null, 2)}\n`);
  });
}
