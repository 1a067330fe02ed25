/**
 * 责任追究 on the workbench: the list of cases in the user's scope (accountability.view) and each
 * case's page; supervisors (accountability.manage) record the follow-ups. Scope is checked again in
 * the service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { byStaff, requirePermission, staffOf } from '../../platform/auth/guard.js';
import { chinaDate } from '../../platform/clock.js';
import { AppError, errors } from '../../platform/errors.js';
import { agencyNames } from '../../platform/hierarchy.js';
import type { ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { formFields } from '../../platform/http/validate.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { caseScope, caseView, listCasesFor, recordCaseAction } from './service.js';
import { AccountabilityCasePage } from './views/case.js';
import { AccountabilityListPage, caseHref } from './views/list.js';

const idParams = z.object({ id: z.string().regex(/^\d{1,9}$/) });

function caseId(request: FastifyRequest): number {
  const p = idParams.safeParse(request.params);
  if (!p.success) throw errors.notFound('问题线索');
  return Number(p.data.id);
}

/** The problems a refused form shows; anything else goes to the error handler. */
function refusal(e: unknown): { status: number; problems: string[] } {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
  return { status: e.status, problems: e.code === 'VALIDATION_FAILED' ? [...(e.details ?? [e.zh])] : [e.publicMessage] };
}

export function accountabilityStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  const today = () => chinaDate(web.clock.now());

  async function showCase(request: FastifyRequest, reply: FastifyReply, id: number, refused?: { values: Record<string, string>; problems: string[]; status: number }) {
    const view = await caseView(web.db, staffOf(request), id);
    const done = new URL(request.url, 'http://local').searchParams.get('done');
    const page = (
      <AccountabilityCasePage
        ctx={pageContext(web, request, reply)}
        view={view}
        today={today()}
        values={refused?.values}
        problems={refused?.problems}
        notice={!refused && done === 'recorded' ? '处理情况已记录。' : undefined}
      />
    );
    return sendPage(request, reply, page, refused?.status ?? 200);
  }

  app.get('/staff/accountability', { preHandler: requirePermission('accountability.view') }, async (request, reply) => {
    const staff = staffOf(request);
    const list = await listCasesFor(web.db, staff, request.query);
    const agencies = await agencyNames(web.db, await caseScope(web.db, staff));
    const year = Number(today().slice(0, 4));
    const years = [year, year - 1, year - 2];
    return sendPage(request, reply, <AccountabilityListPage ctx={pageContext(web, request, reply)} list={list} agencies={agencies} years={years} />);
  });

  app.get('/staff/accountability/:id', { preHandler: requirePermission('accountability.view') }, async (request, reply) => showCase(request, reply, caseId(request)));

  app.post('/staff/accountability/:id/actions', { preHandler: requirePermission('accountability.manage') }, async (request, reply) => {
    const id = caseId(request);
    const values = formFields(request.body);
    try {
      await recordCaseAction(web, byStaff(request), id, values);
      return reply.redirect(`${caseHref(id)}?done=recorded`, 303);
    } catch (e) {
      return showCase(request, reply, id, { values, ...refusal(e) });
    }
  });
}
