/**
 * 留言投诉 on the workbench. participation.view reads; message.answer answers or refuses;
 * message.supervise records the finding on a complaint. A message is reachable when its agency or
 * its supervising government is the user's agency or below it (checked again in the service).
 * Only those who may answer see the author's contact in full; oversight and supervisors see it masked.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAgencyById } from '../../agencies/service.js';
import { byStaff, requirePermission, staffOf } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/model.js';
import { chinaDate } from '../../platform/clock.js';
import { AppError, errors } from '../../platform/errors.js';
import type { ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { formFields, parseQuery } from '../../platform/http/validate.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { isOverdue, maskContact, maskName, MESSAGE_KINDS, MESSAGE_STATES } from './model.js';
import { staffList, type MessageWithAgency } from './queries.js';
import { answerMessage, loadForStaff, recordFinding, rejectMessage } from './service.js';
import { StaffMessageListPage, StaffMessagePage, staffMessagePath } from './views/staff.js';

const PAGE_SIZE = 30;
const blank = (v: unknown) => (v === '' ? undefined : v);
const listQuery = z.object({
  status: z.preprocess(blank, z.enum(MESSAGE_STATES).optional()),
  kind: z.preprocess(blank, z.enum(MESSAGE_KINDS).optional()),
  overdue: z.preprocess((v) => v === '1' || v === 'on', z.boolean()).default(false),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
const idParams = z.object({ id: z.string().regex(/^\d{1,9}$/) });

const NOTICES: Readonly<Record<string, string>> = {
  answered: '答复已保存。',
  rejected: '已不予受理，理由已告知留言人。',
  finding: '核查结论已保存。',
};

/** The problems a refused form shows; anything else goes to the error handler. */
function refusal(e: unknown): { status: number; problems: string[] } {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
  return { status: e.status, problems: e.code === 'VALIDATION_FAILED' ? [...(e.details ?? [e.zh])] : [e.publicMessage] };
}

export function messageStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  const idOf = (request: FastifyRequest) => {
    const p = idParams.safeParse(request.params);
    if (!p.success) throw errors.notFound('留言');
    return Number(p.data.id);
  };

  async function show(request: FastifyRequest, reply: FastifyReply, m: MessageWithAgency, form?: { values: Record<string, string>; problems: string[] }, status = 200) {
    const staff = staffOf(request);
    const mayAnswer = can(staff, 'message.answer');
    const supervisor = m.supervisorAgencyId === null ? undefined : await findAgencyById(web.db, m.supervisorAgencyId);
    const done = new URL(request.url, 'http://local').searchParams.get('done') ?? '';
    const page = (
      <StaffMessagePage
        ctx={pageContext(web, request, reply)}
        m={m}
        supervisorName={supervisor?.name ?? null}
        overdue={isOverdue(m, chinaDate(web.clock.now()))}
        author={mayAnswer ? { name: m.authorName, contact: m.contact, masked: false } : { name: maskName(m.authorName), contact: maskContact(m.contact), masked: true }}
        mayAnswer={mayAnswer}
        maySupervise={can(staff, 'message.supervise')}
        values={form?.values ?? {}}
        problems={form?.problems}
        notice={form ? undefined : NOTICES[done]}
      />
    );
    return sendPage(request, reply, page, status);
  }

  app.get('/staff/messages', { preHandler: requirePermission('participation.view') }, async (request, reply) => {
    const q = parseQuery(listQuery, request.query);
    const list = await staffList(web.db, staffOf(request), chinaDate(web.clock.now()), { ...q, pageSize: PAGE_SIZE });
    const page = (
      <StaffMessageListPage
        ctx={pageContext(web, request, reply)}
        filter={{ status: q.status ?? '', kind: q.kind ?? '', overdue: q.overdue, page: q.page, pageSize: PAGE_SIZE }}
        total={list.total}
        items={list.items}
      />
    );
    return sendPage(request, reply, page);
  });

  app.get('/staff/messages/:id', { preHandler: requirePermission('participation.view') }, async (request, reply) => {
    return show(request, reply, await loadForStaff(web.db, byStaff(request), idOf(request)));
  });

  const write = (path: string, permission: 'message.answer' | 'message.supervise', done: string, act: typeof answerMessage) =>
    app.post(path, { preHandler: requirePermission(permission) }, async (request, reply) => {
      const by = byStaff(request);
      const id = idOf(request);
      const values = formFields(request.body);
      try {
        await act(web, by, id, values);
        return reply.redirect(`${staffMessagePath(id)}?done=${done}`, 303);
      } catch (e) {
        const { status, problems } = refusal(e);
        return show(request, reply, await loadForStaff(web.db, by, id), { values, problems }, status);
      }
    });

  write('/staff/messages/:id/answer', 'message.answer', 'answered', answerMessage);
  write('/staff/messages/:id/reject', 'message.answer', 'rejected', rejectMessage);
  write('/staff/messages/:id/finding', 'message.supervise', 'finding', recordFinding);
}
