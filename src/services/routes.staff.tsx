/**
 * 便民服务 on the workbench: the service list of the agencies in the user's scope, its export and
 * import, list changes of one item, and 双公示 publication. Reading needs service.view; every write
 * needs service.manage and stays inside the user's agencies (the import refuses rows of others).
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../agencies/service.js';
import { byStaff, requirePermission, staffOf } from '../platform/auth/guard.js';
import { can, inScope, type StaffIdentity } from '../platform/auth/model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { chinaDate } from '../platform/clock.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { contentDisposition } from '../platform/files/disposition.js';
import { ancestryIds, subtreeIds } from '../platform/hierarchy.js';
import type { ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { formFields, parseInput } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { ITEM_COLUMNS, MAX_ITEM_IMPORT_BYTES, parseItemSheet } from './import-file.js';
import { addResult, getItem, saveItem } from './service.js';
import { staffItems, staffResults } from './staff-queries.js';
import { applyItemImport, itemsCsv, itemsForExport, itemsXlsx, planItemImport } from './transfer.js';
import { ImportHelpPage, StaffItemPage } from './views/staff/item.js';
import { StaffItemsPage, type ImportOutcomeView } from './views/staff/items.js';
import { StaffResultsPage } from './views/staff/results.js';

const listQuery = z.object({ agency: z.string().trim().max(100).default('') });
const codeParams = z.object({ code: z.string().min(1).max(60) });
const flagOf = (body: unknown, name: string) => ((body as Record<string, { value?: unknown } | undefined> | undefined)?.[name]?.value ?? '') === '1';
const problemsOf = (e: unknown): string[] => {
  if (!(e instanceof AppError) || e.status >= 500) throw e;
  return e.code === 'VALIDATION_FAILED' ? [...(e.details ?? [e.zh])] : [e.zh, ...(e.details ?? [])];
};

export function serviceStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  /** The agencies the user acts for: their own and those below it (all for a system admin). */
  async function scopeOf(staff: StaffIdentity): Promise<AgencyRow[]> {
    const all = await listAgencies(web.db);
    if (staff.roles.includes('system_admin')) return all;
    const ids = new Set(await subtreeIds(web.db, staff.agencyId));
    return all.filter((a) => ids.has(a.id));
  }

  /** The agency ids a list or export covers: the chosen agency (in scope) or the whole scope. */
  async function chosen(request: FastifyRequest): Promise<{ scope: AgencyRow[]; agency: string; ids: number[] }> {
    const scope = await scopeOf(staffOf(request));
    const { agency } = parseInput(listQuery, request.query);
    if (!agency) return { scope, agency, ids: scope.map((a) => a.id) };
    const one = scope.find((a) => a.code === agency);
    if (!one) throw errors.forbidden();
    return { scope, agency, ids: [one.id] };
  }

  async function showList(request: FastifyRequest, reply: FastifyReply, outcome?: ImportOutcomeView, problems?: string[], status = 200) {
    const { scope, agency, ids } = await chosen(request);
    const page = (
      <StaffItemsPage
        ctx={pageContext(web, request, reply)}
        agencies={scope.map((a) => ({ code: a.code, name: a.name }))}
        agency={agency}
        items={await staffItems(web.db, ids)}
        mayManage={can(staffOf(request), 'service.manage')}
        outcome={outcome}
        problems={problems}
      />
    );
    return sendPage(request, reply, page, status);
  }

  app.get('/staff/services', { preHandler: requirePermission('service.view') }, (request, reply) => showList(request, reply));

  app.get('/staff/services/import-help', { preHandler: requirePermission('service.view') }, (request, reply) =>
    sendPage(request, reply, <ImportHelpPage ctx={pageContext(web, request, reply)} columns={ITEM_COLUMNS} />),
  );

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(`/staff/services/export.${format}`, { preHandler: requirePermission('service.view') }, async (request, reply) => {
      const { ids } = await chosen(request);
      const items = await itemsForExport(web.db, ids);
      const name = `办事事项清单-${chinaDate(web.clock.now())}.${format}`;
      const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply
        .type(type)
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'no-store')
        .send(format === 'csv' ? itemsCsv(items) : await itemsXlsx(items));
    });
  }

  app.post('/staff/services/import', { preHandler: requirePermission('service.manage') }, async (request, reply) => {
    const file = (request.body as Record<string, unknown> | undefined)?.file as MultipartFile | undefined;
    if (!file || typeof file.toBuffer !== 'function') return showList(request, reply, undefined, ['file: 请选择要上传的文件 / choose a file'], 400);
    const bytes = await file.toBuffer();
    if (file.file.truncated || bytes.length > MAX_ITEM_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 413, '文件不能超过20 MB', 'The file is too large');
    const dryRun = flagOf(request.body, 'dryRun');
    const skipInvalid = flagOf(request.body, 'skipInvalid');
    const parsed = parseItemSheet(bytes, file.filename);
    const staff = staffOf(request);
    const allowed = staff.roles.includes('system_admin') ? null : new Set(await subtreeIds(web.db, staff.agencyId));
    const plan = await planItemImport(web.db, parsed.rows, { today: chinaDate(web.clock.now()), allowedAgencyIds: allowed });
    const problems = [...parsed.problems, ...plan.problems].sort((a, b) => a.line - b.line);
    const base = { fileName: file.filename, dryRun, problems, wouldSave: plan.items.length, unchanged: plan.unchanged.length };
    if ((problems.length > 0 && !skipInvalid) || dryRun) return showList(request, reply, { ...base, saved: null }, undefined, problems.length > 0 && !skipInvalid ? 400 : 200);
    const saved = await applyItemImport(web, byStaff(request), plan);
    return showList(request, reply, { ...base, saved });
  });

  /** The item a URL names, after the agency-scope check. */
  async function itemOf(request: FastifyRequest) {
    const params = codeParams.safeParse(request.params);
    if (!params.success) throw errors.notFound('办事事项');
    const view = await getItem(web.db, params.data.code);
    if (!inScope(staffOf(request), await ancestryIds(web.db, view.agency.id))) throw errors.forbidden();
    return view;
  }

  app.get('/staff/services/items/:code', { preHandler: requirePermission('service.view') }, async (request, reply) => {
    const view = await itemOf(request);
    const saved = new URL(request.url, 'http://local').searchParams.get('saved') === '1';
    const page = <StaffItemPage ctx={pageContext(web, request, reply)} view={view} mayManage={can(staffOf(request), 'service.manage')} today={chinaDate(web.clock.now())} saved={saved} />;
    return sendPage(request, reply, page);
  });

  app.post('/staff/services/items/:code/change', { preHandler: requirePermission('service.manage') }, async (request, reply) => {
    const view = await itemOf(request);
    const values = formFields(request.body);
    const today = chinaDate(web.clock.now());
    const onList = view.row.onList === 1;
    const kind = values.kind ?? '';
    const problems: string[] = [];
    // What may follow the item's state: off the list only from it, back onto it only after leaving.
    if (onList ? !['cancelled', 'merged', 'delegated'].includes(kind) : kind !== 'added') problems.push('kind: 这一变更不适用于事项当前的清单状态 / this change does not fit the item’s state');
    if ((values.on ?? '') > today) problems.push('on: 变更日期不能晚于今天 / the date is in the future');
    if (kind === 'merged' && !(await getItem(web.db, values.target ?? '').catch(() => null))) problems.push('target: 合并须填写并入的事项编码 / a merge names an existing item');
    if (kind === 'delegated' && !(await listAgencies(web.db)).some((a) => a.code === values.target)) problems.push('target: 下放须填写承接机构代码 / a delegation names an existing agency');
    try {
      if (problems.length > 0) throw errors.validation(problems);
      await saveItem(web, byStaff(request), view.guide, { kind, on: values.on ?? '', reason: values.reason ?? '', document: values.document ?? '', target: values.target ?? '' });
      return reply.redirect(`/staff/services/items/${encodeURIComponent(view.row.code)}?saved=1`, 303);
    } catch (e) {
      const page = <StaffItemPage ctx={pageContext(web, request, reply)} view={view} mayManage today={today} values={values} problems={problemsOf(e)} />;
      return sendPage(request, reply, page, 400);
    }
  });

  async function showResults(request: FastifyRequest, reply: FastifyReply, form?: { values: Record<string, string>; problems: string[] }, saved = false) {
    const staff = staffOf(request);
    const scope = await scopeOf(staff);
    const rows = await staffResults(web.db, await loadCalendar(web.db), staff.roles.includes('system_admin') ? null : scope.map((a) => a.id));
    const page = (
      <StaffResultsPage
        ctx={pageContext(web, request, reply)}
        rows={rows}
        agencies={scope.map((a) => ({ code: a.code, name: a.name }))}
        mayManage={can(staff, 'service.manage')}
        today={chinaDate(web.clock.now())}
        values={form?.values}
        problems={form?.problems}
        saved={saved}
      />
    );
    return sendPage(request, reply, page, form ? 400 : 200);
  }

  app.get('/staff/services/results', { preHandler: requirePermission('service.view') }, (request, reply) =>
    showResults(request, reply, undefined, new URL(request.url, 'http://local').searchParams.get('saved') === '1'),
  );

  app.post('/staff/services/results', { preHandler: requirePermission('service.manage') }, async (request, reply) => {
    const values = formFields(request.body);
    const staff = staffOf(request);
    try {
      const scope = await scopeOf(staff);
      if (!scope.some((a) => a.code === values.agency)) throw errors.validation(['agency: 只能公示本机关及下级机关的决定 / only for agencies in your scope']);
      // Published through the platform: the publication day is today.
      await addResult(web, byStaff(request), { ...values, publishedOn: chinaDate(web.clock.now()), publicUntil: values.publicUntil || null, subjectId: values.subjectId ?? '' });
      return reply.redirect('/staff/services/results?saved=1', 303);
    } catch (e) {
      return showResults(request, reply, { values, problems: problemsOf(e) });
    }
  });
}
