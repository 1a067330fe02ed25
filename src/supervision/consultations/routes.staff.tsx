/**
 * 意见征集 on the workbench. Reading needs participation.view, every write consultation.manage;
 * a consultation is reachable only inside the user's agency scope (checked here and again in the
 * services, for every caller).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../../agencies/service.js';
import { byStaff, requirePermission, staffOf } from '../../platform/auth/guard.js';
import { can, type StaffIdentity } from '../../platform/auth/model.js';
import { AppError, errors } from '../../platform/errors.js';
import { subtreeIds } from '../../platform/hierarchy.js';
import type { ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { formFields } from '../../platform/http/validate.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { supervisionSettings } from '../settings.js';
import { commentOfConsultation, moderateComment, recordAdoption } from './comment.service.js';
import { addDays, articlesOf, articlesToText } from './model.js';
import { listSummaries, staffConsultation } from './queries.js';
import { createConsultation, linkFinalPolicy, loadForStaff, publishConsultation, publishFeedback, todayOf, updateConsultation, withdrawConsultation, type By } from './service.js';
import { StaffConsultationPage } from './views/staff-detail.js';
import { ConsultationFormPage, staffHref, StaffConsultationsPage } from './views/staff-list.js';

const idParams = z.object({ id: z.string().regex(/^\d{1,9}$/) });
const commentParams = z.object({ id: z.string().regex(/^\d{1,9}$/), commentId: z.string().regex(/^\d{1,9}$/) });

const NOTICES: Readonly<Record<string, string>> = {
  created: '草稿已保存。检查无误后可发布。',
  saved: '草稿已保存。',
  published: '已发布，公众可以在征求意见期间提出意见。',
  withdrawn: '已撤回。',
  moderated: '审核结果已保存。',
  adoption: '采纳情况已保存。',
  feedback: '采纳情况反馈已公开。',
  linked: '已关联正式文件，正式文件页面将显示本次征求意见。',
};

/** The problems a refused form shows (validation, conflicts); anything else goes to the error handler. */
function refusal(e: unknown): { status: number; problems: string[] } {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
  return { status: e.status, problems: e.code === 'VALIDATION_FAILED' ? [...(e.details ?? [e.zh])] : [e.publicMessage] };
}

const noticeOf = (request: FastifyRequest) => NOTICES[new URL(request.url, 'http://local').searchParams.get('done') ?? ''];

export function consultationStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  const scopeIds = async (staff: StaffIdentity): Promise<number[] | null> => (staff.roles.includes('system_admin') ? null : subtreeIds(web.db, staff.agencyId));

  async function scopeAgencies(staff: StaffIdentity) {
    const ids = await scopeIds(staff);
    const set = ids === null ? null : new Set(ids);
    return (await listAgencies(web.db)).filter((a) => set === null || set.has(a.id)).map((a) => ({ code: a.code, name: a.name }));
  }

  const idOf = (request: FastifyRequest) => {
    const p = idParams.safeParse(request.params);
    if (!p.success) throw errors.notFound('意见征集');
    return Number(p.data.id);
  };
  const by = (request: FastifyRequest): By => byStaff(request);

  async function showDetail(request: FastifyRequest, reply: FastifyReply, id: number, problems?: string[], status = 200) {
    const c = await loadForStaff(web.db, by(request), id);
    const view = await staffConsultation(web, c);
    const page = <StaffConsultationPage ctx={pageContext(web, request, reply)} view={view} mayManage={can(staffOf(request), 'consultation.manage')} notice={problems ? undefined : noticeOf(request)} problems={problems} />;
    return sendPage(request, reply, page, status);
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, id: number | null, values: Record<string, string>, problems?: string[], status = 200) {
    const { consultationMinDays } = await supervisionSettings(web.db);
    const page = <ConsultationFormPage ctx={pageContext(web, request, reply)} id={id} agencies={await scopeAgencies(staffOf(request))} values={values} problems={problems} minDays={consultationMinDays} />;
    return sendPage(request, reply, page, status);
  }

  app.get('/staff/consultations', { preHandler: requirePermission('participation.view') }, async (request, reply) => {
    const staff = staffOf(request);
    const { items } = await listSummaries(web, { agencyIds: await scopeIds(staff), publicOnly: false, page: 1, pageSize: 500 });
    return sendPage(request, reply, <StaffConsultationsPage ctx={pageContext(web, request, reply)} items={items} mayManage={can(staff, 'consultation.manage')} notice={noticeOf(request)} />);
  });

  app.get('/staff/consultations/new', { preHandler: requirePermission('consultation.manage') }, async (request, reply) => {
    const today = todayOf(web);
    const { consultationMinDays } = await supervisionSettings(web.db);
    const own = (await listAgencies(web.db)).find((a) => a.id === staffOf(request).agencyId)?.code ?? '';
    return showForm(request, reply, null, { agency: own, opensOn: today, closesOn: addDays(today, consultationMinDays - 1) });
  });

  app.post('/staff/consultations', { preHandler: requirePermission('consultation.manage') }, async (request, reply) => {
    const values = formFields(request.body);
    try {
      const row = await createConsultation(web, by(request), values);
      return reply.redirect(`${staffHref(row.id)}?done=created`, 303);
    } catch (e) {
      const { status, problems } = refusal(e);
      return showForm(request, reply, null, values, problems, status);
    }
  });

  app.get('/staff/consultations/:id', { preHandler: requirePermission('participation.view') }, async (request, reply) => showDetail(request, reply, idOf(request)));

  app.get('/staff/consultations/:id/edit', { preHandler: requirePermission('consultation.manage') }, async (request, reply) => {
    const c = await loadForStaff(web.db, by(request), idOf(request));
    if (c.status !== 'draft') return reply.redirect(staffHref(c.id), 303);
    const draft = c.draftRecordId === null ? '' : String(c.draftRecordId);
    return showForm(request, reply, c.id, { title: c.title, agency: c.agencyCode, explanation: c.explanation, text: articlesToText(articlesOf(c.articles)), opensOn: c.opensOn, closesOn: c.closesOn, draftRecord: draft });
  });

  app.post('/staff/consultations/:id', { preHandler: requirePermission('consultation.manage') }, async (request, reply) => {
    const id = idOf(request);
    const values = formFields(request.body);
    try {
      await updateConsultation(web, by(request), id, values);
      return reply.redirect(`${staffHref(id)}?done=saved`, 303);
    } catch (e) {
      const { status, problems } = refusal(e);
      return showForm(request, reply, id, values, problems, status);
    }
  });

  /** A write on the detail page: done → back with a notice; refused → the page with the problems. */
  function action(path: string, run: (request: FastifyRequest, id: number) => Promise<unknown>, done: string) {
    app.post(path, { preHandler: requirePermission('consultation.manage') }, async (request, reply) => {
      const id = idOf(request);
      try {
        await run(request, id);
        return reply.redirect(`${staffHref(id)}?done=${done}`, 303);
      } catch (e) {
        const { status, problems } = refusal(e);
        return showDetail(request, reply, id, problems, status);
      }
    });
  }

  /** A comment named in the URL must belong to the consultation named in it. */
  async function commentOf(request: FastifyRequest, id: number): Promise<number> {
    const p = commentParams.safeParse(request.params);
    if (!p.success) throw errors.notFound('意见');
    return commentOfConsultation(web.db, id, Number(p.data.commentId));
  }

  action('/staff/consultations/:id/publish', (request, id) => publishConsultation(web, by(request), id), 'published');
  action('/staff/consultations/:id/withdraw', (request, id) => withdrawConsultation(web, by(request), id, request.body), 'withdrawn');
  action('/staff/consultations/:id/comments/:commentId/moderate', async (request, id) => moderateComment(web, by(request), await commentOf(request, id), request.body), 'moderated');
  action('/staff/consultations/:id/comments/:commentId/adoption', async (request, id) => recordAdoption(web, by(request), await commentOf(request, id), request.body), 'adoption');
  action('/staff/consultations/:id/feedback', (request, id) => publishFeedback(web, by(request), id, request.body), 'feedback');
  action('/staff/consultations/:id/final-policy', (request, id) => linkFinalPolicy(web, by(request), id, request.body), 'linked');
}
