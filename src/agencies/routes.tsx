import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission, byStaff, staffOf } from '../platform/auth/guard.js';
import { can } from '../platform/auth/model.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { pageOf, type ApiDocs } from '../platform/http/openapi.js';
import { formFields, parseQuery } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { AGENCY_KINDS, AGENCY_LEVELS, buildAgencyTree, presentAgency } from './model.js';
import * as agencies from './service.js';
import { AgencyGuidePage, AgencyTreePage } from './views/public.js';
import { AgencyFormPage, StaffAgencyListPage, type AgencyFormValues } from './views/staff.js';

const codeParam = z.object({ code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/).describe('机构代码 / agency code') });

const agencyJson = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  level: z.enum(AGENCY_LEVELS),
  kind: z.enum(AGENCY_KINDS),
  parentCode: z.string().nullable(),
  creditCode: z.string(),
  guide: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});

const listQuery = z.object({
  parent: z.string().max(40).optional().describe('只列出该机构的直接下级 / direct children of this agency code'),
  kind: z.enum(AGENCY_KINDS).optional(),
  level: z.enum(AGENCY_LEVELS).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

function codeOf(request: FastifyRequest): string {
  const parsed = codeParam.safeParse(request.params);
  if (!parsed.success) throw errors.notFound('机构');
  return parsed.data.code;
}

async function ancestorsOf(web: WebContext, agency: AgencyRow, all: readonly AgencyRow[]): Promise<AgencyRow[]> {
  const ids = (await agencies.ancestryIds(web.db, agency.id)).slice(1);
  return ids.map((id) => all.find((a) => a.id === id)).filter((a): a is AgencyRow => a !== undefined);
}

export function agencyRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  // ---- public pages
  app.get('/agencies', async (request, reply) => {
    const tree = buildAgencyTree(await agencies.listAgencies(web.db));
    return sendPage(request, reply, <AgencyTreePage ctx={pageContext(web, request, reply)} tree={tree} />);
  });

  app.get('/agencies/:code', async (request, reply) => {
    const all = await agencies.listAgencies(web.db);
    const agency = all.find((a) => a.code === codeOf(request));
    if (!agency) throw errors.notFound('机构');
    const page = (
      <AgencyGuidePage
        ctx={pageContext(web, request, reply)}
        agency={agency}
        ancestors={await ancestorsOf(web, agency, all)}
        children={all.filter((a) => a.parentId === agency.id)}
      />
    );
    return sendPage(request, reply, page);
  });

  // ---- JSON API
  docs.describe({
    method: 'get',
    path: '/api/v1/agencies',
    tag: '机构',
    summary: '机构列表 / list agencies',
    query: listQuery,
    response: pageOf(agencyJson),
    errors: [400],
  });
  app.get('/api/v1/agencies', async (request) => {
    const q = parseQuery(listQuery, request.query);
    const all = await agencies.listAgencies(web.db);
    const byId = new Map(all.map((a) => [a.id, a]));
    const parent = q.parent === undefined ? undefined : all.find((a) => a.code === q.parent);
    if (q.parent !== undefined && !parent) return { total: 0, page: q.page, pageSize: q.pageSize, items: [] };
    const matching = all.filter(
      (a) => (!parent || a.parentId === parent.id) && (!q.kind || a.kind === q.kind) && (!q.level || a.level === q.level),
    );
    const items = matching
      .slice((q.page - 1) * q.pageSize, q.page * q.pageSize)
      .map((a) => presentAgency(a, a.parentId === null ? null : (byId.get(a.parentId)?.code ?? null)));
    return { total: matching.length, page: q.page, pageSize: q.pageSize, items };
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/agencies/{code}',
    tag: '机构',
    summary: '机构详情与公开指南字段 / one agency with its disclosure-guide fields',
    params: codeParam,
    response: agencyJson,
    errors: [404],
  });
  app.get('/api/v1/agencies/:code', async (request) => {
    const agency = await agencies.findAgencyByCode(web.db, codeOf(request));
    if (!agency) throw errors.notFound('机构');
    const parent = agency.parentId === null ? undefined : await agencies.findAgencyById(web.db, agency.parentId);
    return presentAgency(agency, parent?.code ?? null);
  });

  // ---- staff workbench
  const inScopeAgencies = async (request: FastifyRequest) => {
    const staff = staffOf(request);
    const all = await agencies.listAgencies(web.db);
    if (staff.roles.includes('system_admin')) return all;
    const ids = new Set(await agencies.subtreeIds(web.db, staff.agencyId));
    return all.filter((a) => ids.has(a.id));
  };

  app.get('/staff/agencies', { preHandler: requirePermission('agency.view') }, async (request, reply) => {
    const visible = await inScopeAgencies(request);
    // Within the staff member's scope their own agency is the root of the tree.
    const tree = buildAgencyTree(visible.map((a) => (visible.some((p) => p.id === a.parentId) ? a : { ...a, parentId: null })));
    const ctx = pageContext(web, request, reply);
    return sendPage(request, reply, <StaffAgencyListPage ctx={ctx} tree={tree} canManage={can(staffOf(request), 'agency.manage')} />);
  });

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, values: AgencyFormValues, editing: boolean, error?: AppError) => {
    const page = (
      <AgencyFormPage
        ctx={pageContext(web, request, reply)}
        values={values}
        parents={await inScopeAgencies(request)}
        editing={editing}
        {...(error ? { problems: error.details ?? [error.publicMessage] } : {})}
      />
    );
    return sendPage(request, reply, page, error?.status ?? 200);
  };

  app.get('/staff/agencies/new', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const own = await agencies.findAgencyById(web.db, staffOf(request).agencyId);
    return renderForm(request, reply, { kind: 'department', level: own?.level ?? '市', parentCode: own?.code ?? '' }, false);
  });

  app.post('/staff/agencies', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    try {
      const row = await agencies.createAgency(web, byStaff(request), request.body);
      return reply.redirect(`/staff/agencies/${row.code}/edit?saved=1`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.status === 400 || e.status === 409)) return renderForm(request, reply, formFields(request.body), false, e);
      throw e;
    }
  });

  const editable = async (request: FastifyRequest) => {
    const agency = await agencies.findAgencyByCode(web.db, codeOf(request));
    if (!agency) throw errors.notFound('机构');
    if (!(await inScopeAgencies(request)).some((a) => a.id === agency.id)) throw errors.forbidden();
    return agency;
  };

  app.get('/staff/agencies/:code/edit', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const agency = await editable(request);
    const parent = agency.parentId === null ? undefined : await agencies.findAgencyById(web.db, agency.parentId);
    return renderForm(request, reply, { ...agency, parentCode: parent?.code ?? '' }, true);
  });

  app.post('/staff/agencies/:code', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const agency = await editable(request);
    try {
      await agencies.updateAgency(web, byStaff(request), agency.code, request.body);
      return reply.redirect(`/staff/agencies/${agency.code}/edit?saved=1`, 303);
    } catch (e) {
      if (e instanceof AppError && e.status === 400) return renderForm(request, reply, { ...formFields(request.body), code: agency.code }, true, e);
      throw e;
    }
  });
}
