import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAgencyByCode, listAgencies } from '../agencies/service.js';
import * as catalog from '../catalog/service.js';
import { byStaff, requirePermission, staffOf } from '../platform/auth/guard.js';
import { can, inScope } from '../platform/auth/model.js';
import { chinaDate } from '../platform/clock.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { contentDisposition } from '../platform/files/disposition.js';
import { ancestryIds, subtreeIds } from '../platform/hierarchy.js';
import type { ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { formFields, parseInput } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { reportCsv } from './export.js';
import { saveInputs, SECTION_KEYS, type SectionKey } from './inputs.js';
import { computeAnnualReport, draftReportRecord, draftSections, FIRST_REPORT_YEAR, type ReportScope } from './service.js';
import { ReportPage } from './views/staff/detail.js';
import { FIGURE_NAMES, figureValues, splitProblems, type FormError, type FormValues } from './views/staff/forms.js';
import { ReportListPage, type ReportListItem } from './views/staff/list.js';
import { reportHref, reportState } from './views/staff/status.js';

const SCOPES = ['agency', 'consolidated'] as const;

const reportParams = z.object({ code: z.string().min(1).max(100), year: z.string().regex(/^\d{4}$/) });
const reportQuery = z.object({
  scope: z.enum(SCOPES, { message: 'scope: 应为 agency 或 consolidated / agency or consolidated' }).default('agency'),
  saved: z.enum(['figures', 'sections']).optional().catch(undefined),
});
const listQuery = (currentYear: number) =>
  z.object({
    year: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number({ message: '年度无效 / invalid year' }).int('年度无效 / invalid year').min(FIRST_REPORT_YEAR, `年度不能早于${FIRST_REPORT_YEAR}年 / too early`).max(currentYear, '年度不能晚于今年 / not after this year').optional(),
    ),
  });

interface Target {
  readonly agency: AgencyRow;
  readonly year: number;
  readonly scope: ReportScope;
  readonly saved: 'figures' | 'sections' | undefined;
}

/** A problem a form shows again (400 refusals, the 409 of a second draft); the rest go to the error handler. */
function formError(form: FormError['form'], e: unknown, values: FormValues): FormError {
  if (!(e instanceof AppError) || ![400, 409].includes(e.status)) throw e;
  const problems = e.code === 'VALIDATION_FAILED' ? (e.details ?? [e.zh]) : [e.zh, ...(e.details ?? [])];
  const fields: readonly string[] = form === 'figures' ? FIGURE_NAMES : form === 'sections' ? SECTION_KEYS : [];
  return { form, values, ...splitProblems(problems, fields) };
}

/** Staff annual-report pages (条例 第四十九条、第五十条). */
export function reportStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  /** The report a URL names, after the agency-scope check (403 outside the user's agencies). */
  async function targetOf(request: FastifyRequest): Promise<Target> {
    const params = reportParams.safeParse(request.params);
    if (!params.success) throw errors.notFound('年度报告');
    const query = parseInput(reportQuery, request.query);
    const agency = await findAgencyByCode(web.db, params.data.code);
    if (!agency) throw errors.notFound('机关');
    if (!inScope(staffOf(request), await ancestryIds(web.db, agency.id))) throw errors.forbidden();
    return { agency, year: Number(params.data.year), scope: query.scope, saved: query.saved };
  }

  const computed = (t: Target) => computeAnnualReport(web, t.agency.code, t.year, t.scope, { draft: true });
  const inputTarget = (t: Target) => ({ agencyId: t.agency.id, agencyCode: t.agency.code, year: t.year, scope: t.scope });

  async function showReport(request: FastifyRequest, reply: FastifyReply, t: Target, error?: FormError, status = 200) {
    const staff = staffOf(request);
    const report = await computed(t);
    const draft = draftSections(report);
    const drafted = new Set<SectionKey>();
    const storedOrDraft = Object.fromEntries(
      SECTION_KEYS.map((k) => {
        const stored = report.sections[k];
        if (stored) return [k, stored];
        if (draft[k]) drafted.add(k);
        return [k, draft[k]];
      }),
    );
    const record = report.recordId === null ? undefined : await catalog.findRecord(web.db, report.recordId);
    const page = (
      <ReportPage
        ctx={pageContext(web, request, reply)}
        report={report}
        figures={error?.form === 'figures' ? error.values : figureValues(report.manual)}
        sections={error?.form === 'sections' ? error.values : storedOrDraft}
        drafted={error?.form === 'sections' ? new Set() : drafted}
        record={record ? { id: record.id, title: record.title, status: record.status } : null}
        may={{ edit: can(staff, 'report.edit'), draft: can(staff, 'record.edit') }}
        saved={error ? undefined : t.saved}
        error={error}
      />
    );
    return sendPage(request, reply, page, status);
  }

  app.get('/staff/reports', { preHandler: requirePermission('report.view') }, async (request, reply) => {
    const staff = staffOf(request);
    const today = chinaDate(web.clock.now());
    const currentYear = Number(today.slice(0, 4));
    const year = parseInput(listQuery(currentYear), request.query).year ?? currentYear - 1;
    const ids = staff.roles.includes('system_admin') ? null : new Set(await subtreeIds(web.db, staff.agencyId));
    const agencies = (await listAgencies(web.db)).filter((a) => ids === null || ids.has(a.id));
    const wanted = agencies.flatMap((agency) => (agency.kind === 'government' ? SCOPES : (['agency'] as const)).map((scope) => ({ agency, scope })));
    const items: ReportListItem[] = await Promise.all(wanted.map(async (w) => ({ ...w, state: await reportState(web.db, w.agency.id, year, w.scope) })));
    const oldest = Math.max(FIRST_REPORT_YEAR, Math.min(year, currentYear - 6));
    const years = Array.from({ length: currentYear - oldest + 1 }, (_v, i) => currentYear - i);
    return sendPage(request, reply, <ReportListPage ctx={pageContext(web, request, reply)} year={year} years={years} today={today} items={items} />);
  });

  app.get('/staff/reports/:code/:year', { preHandler: requirePermission('report.view') }, async (request, reply) => showReport(request, reply, await targetOf(request)));

  app.post('/staff/reports/:code/:year/figures', { preHandler: requirePermission('report.edit') }, async (request, reply) => {
    const t = await targetOf(request);
    await computed(t); // refuses a year or scope the report cannot have before anything is stored
    const values = formFields(request.body);
    // As a browser sends the form: every field, a blank one meaning the platform's count where it counts one, else 0.
    const manual = Object.fromEntries(FIGURE_NAMES.map((n) => [n, values[n] ?? '']));
    try {
      await saveInputs(web, byStaff(request), inputTarget(t), { manual });
      return reply.redirect(reportHref(t.agency.code, t.year, t.scope, { saved: 'figures' }), 303);
    } catch (e) {
      const error = formError('figures', e, manual);
      return showReport(request, reply, t, error, 400);
    }
  });

  app.post('/staff/reports/:code/:year/sections', { preHandler: requirePermission('report.edit') }, async (request, reply) => {
    const t = await targetOf(request);
    await computed(t);
    const values = formFields(request.body);
    const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, values[k] ?? '']));
    try {
      await saveInputs(web, byStaff(request), inputTarget(t), { sections });
      return reply.redirect(reportHref(t.agency.code, t.year, t.scope, { saved: 'sections' }), 303);
    } catch (e) {
      return showReport(request, reply, t, formError('sections', e, sections), 400);
    }
  });

  // Publication: the report becomes a catalogue draft (genre 报告) that follows the review workflow.
  app.post('/staff/reports/:code/:year/record', { preHandler: requirePermission('record.edit') }, async (request, reply) => {
    const t = await targetOf(request);
    const report = await computed(t);
    if (report.recordId !== null) {
      const exists = errors.conflict('该年度报告已生成年度报告信息（见下方链接），不再重复生成', 'The report already has its catalogue record');
      return showReport(request, reply, t, formError('record', exists, {}), 409);
    }
    try {
      const record = await draftReportRecord(web, byStaff(request), t.agency.code, t.year, t.scope);
      return reply.redirect(`/staff/records/${record.id}`, 303);
    } catch (e) {
      const error = formError('record', e, {});
      return showReport(request, reply, t, error, e instanceof AppError ? e.status : 400);
    }
  });

  app.get('/staff/reports/:code/:year/report.csv', { preHandler: requirePermission('report.view') }, async (request, reply) => {
    const t = await targetOf(request);
    const report = await computed(t);
    const name = `${t.agency.name}-${t.year}-年度报告${t.scope === 'consolidated' ? '（汇总）' : ''}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', contentDisposition(name)).header('cache-control', 'no-store').send(reportCsv(report));
  });
}
