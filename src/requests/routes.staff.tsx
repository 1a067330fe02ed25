import type { MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, ZodError } from 'zod';
import { findAgencyById, listAgencies } from '../agencies/service.js';
import { byStaff, requirePermission, staffOf } from '../platform/auth/guard.js';
import { can, type Permission } from '../platform/auth/model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { chinaDate } from '../platform/clock.js';
import { AppError, errors } from '../platform/errors.js';
import { contentDisposition } from '../platform/files/disposition.js';
import { pageOf, type ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { formFields, parseInput } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { canApproveForAgency, canAssign, canHandleRequest } from './access.js';
import { workingDaysLeft } from './clock.js';
import { applicationSchema, dateOnlySchema, registrationSchema } from './schemas.js';
import * as service from './service.js';
import * as store from './store.js';
import { offeredActions, type May } from './views/staff/actions.js';
import { StaffRequestPage } from './views/staff/detail.js';
import type { FormError } from './views/staff/fields.js';
import { idParam, listItemJson, listQuery, presentDetail, presentListItem, requestDetailJson, type ListQuery } from './views/staff/json.js';
import { RequestListPage, type ListItem } from './views/staff/list.js';
import { RegisteredPage, RegisterRequestPage } from './views/staff/register.js';
import { loadReadable } from './workflow-support.js';

const PAGE_SIZE = 20;
const SESSION_NOTE = '需要工作人员登录会话（Cookie gk_session），权限 request.view，只返回本人可查看机关的申请 / needs a staff session cookie';

const extensionDecisionSchema = z.object({
  approve: z.enum(['1', '0'], { message: '请选择同意或不同意 / choose approve or refuse' }),
  comment: z.string().trim().max(1000, '最多1000字 / at most 1000 characters').default(''),
});
const releaseSchema = z.object({ indexNumber: z.string().trim().min(1, '请填写索引号 / give the index number').max(100) });
const appealParam = z.object({ id: z.coerce.number().int().positive(), appealId: z.coerce.number().int().positive() });
const letterParam = z.object({ id: z.coerce.number().int().positive(), letterId: z.coerce.number().int().positive() });
const attachmentParam = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });

/** Either permission will do (assignment: officers take work, the agency admin hands it out). */
function requireAny(...permissions: Permission[]) {
  return async function anyPermissionGuard(request: FastifyRequest): Promise<void> {
    if (!request.staff) throw errors.unauthenticated();
    const staff = request.staff;
    if (!permissions.some((p) => can(staff, p))) throw errors.forbidden();
  };
}

/** A bad id in the URL is a missing page. */
function paramsOf<T extends z.ZodObject>(schema: T, request: FastifyRequest): z.infer<T> {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw errors.notFound('申请');
  return parsed.data;
}

/** Problems a form can show; anything else (403, 404, 5xx) goes to the error handler. */
function formProblems(e: unknown): AppError {
  if (e instanceof AppError && e.status >= 400 && e.status < 500 && ![401, 403, 404].includes(e.status)) return e;
  throw e;
}
const problemsOf = (e: AppError) => (e.code === 'VALIDATION_FAILED' ? [...(e.details ?? [e.zh])] : [e.zh, ...(e.details ?? [])]);

/** JSON routes answer errors in JSON (the workbench's scripts call them), whatever the Accept header. */
function jsonErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let e = error instanceof AppError ? error : error instanceof ZodError ? errors.validation(error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)) : undefined;
  if (!e) {
    request.log.error({ err: error }, 'unhandled error');
    e = errors.internal();
  }
  void reply.status(e.status).send({ error: { code: e.code, message: e.publicMessage, ...(e.details ? { details: e.details } : {}) } });
}

/** Staff 依申请公开 workbench. */
export function requestStaffRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  /** One page of the list in the user's scope, with working days left and display names. */
  async function listPage(request: FastifyRequest, q: ListQuery) {
    const staff = staffOf(request);
    const readable = await service.readableAgencyIds(web.db, staff);
    const { total, rows } = await store.listRequests(web.db, {
      agencyIds: readable,
      ...(q.state ? { states: [q.state] } : {}),
      ...(q.status ? { open: q.status === 'open' } : {}),
      ...(q.mine ? { assignedTo: staff.id } : {}),
      ...(q.from ? { receivedFrom: q.from } : {}),
      ...(q.to ? { receivedTo: q.to } : {}),
      limit: PAGE_SIZE,
      offset: (q.page - 1) * PAGE_SIZE,
    });
    const today = chinaDate(web.clock.now());
    const cal = await loadCalendar(web.db);
    const agencies = new Map((await listAgencies(web.db)).map((a) => [a.id, a]));
    const userIds = [...new Set(rows.map((r) => r.assignedTo).filter((x): x is number => x !== null))];
    const users = userIds.length > 0 ? await web.db.selectFrom('appUser').select(['id', 'displayName']).where('id', 'in', userIds).execute() : [];
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const items: (ListItem & { agencyCode: string })[] = rows.map((r) => ({
      id: r.id,
      trackingNumber: r.trackingNumber,
      title: r.title,
      agencyCode: agencies.get(r.agencyId)?.code ?? '',
      agencyName: agencies.get(r.agencyId)?.name ?? '',
      applicantType: r.applicantType,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      dueProvisional: r.dueProvisional === 1,
      daysLeft: r.state !== 'closed' && r.dueOn ? workingDaysLeft(cal, today, r.dueOn) : null,
      state: r.state,
      outcome: r.outcome,
      assignee: r.assignedTo === null ? null : (names.get(r.assignedTo) ?? null),
    }));
    return { total, items, today, showAgency: readable === null || readable.length > 1 };
  }

  app.get('/staff/requests', { preHandler: requirePermission('request.view') }, async (request, reply) => {
    const q = parseInput(listQuery, request.query);
    const { total, items, today, showAgency } = await listPage(request, q);
    const filters = { state: q.state, status: q.status, mine: q.mine, from: q.from, to: q.to };
    const page = (
      <RequestListPage ctx={pageContext(web, request, reply)} items={items} total={total} page={q.page} pageSize={PAGE_SIZE} filters={filters} showAgency={showAgency} canRegister={can(staffOf(request), 'request.handle')} today={today} />
    );
    return sendPage(request, reply, page);
  });

  // ---- registration of a request received in person, by post, fax or e-mail
  const renderRegister = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, error?: AppError) => {
    const agency = await findAgencyById(web.db, staffOf(request).agencyId);
    if (!agency) throw errors.notFound('机关');
    const page = <RegisterRequestPage ctx={pageContext(web, request, reply)} agency={agency} values={values} problems={error ? problemsOf(error) : undefined} />;
    return sendPage(request, reply, page, error?.status ?? 200);
  };

  app.get('/staff/requests/new', { preHandler: requirePermission('request.handle') }, async (request, reply) => renderRegister(request, reply, { oneMatter: '1' }));

  app.post('/staff/requests', { preHandler: requirePermission('request.handle') }, async (request, reply) => {
    const values = formFields(request.body);
    try {
      // Both parts of the form at once, so the officer sees every problem in one pass.
      const issues = [registrationSchema, applicationSchema].flatMap((s) => s.safeParse(values).error?.issues ?? []);
      if (issues.length > 0) throw errors.validation(issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
      const { request: created, queryCode } = await service.registerReceived(web, byStaff(request), values);
      const ack = (await store.lettersOf(web.db, created.id)).find((l) => l.kind === 'acknowledgement');
      return sendPage(request, reply, <RegisteredPage ctx={pageContext(web, request, reply)} request={created} queryCode={queryCode} acknowledgementId={ack?.id ?? null} />, 201);
    } catch (e) {
      return renderRegister(request, reply, values, formProblems(e));
    }
  });

  // ---- the request page and its actions
  async function showRequest(request: FastifyRequest, reply: FastifyReply, id: number, opts: { done?: string; error?: FormError; status?: number } = {}) {
    const by = byStaff(request);
    const view = await service.staffRequestView(web.db, web.clock, by, id);
    const agencyId = view.request.agencyId;
    const may: May = { handle: canHandleRequest(by.staff, agencyId), approve: canApproveForAgency(by.staff, agencyId), assign: canAssign(by.staff, agencyId) };
    const today = chinaDate(web.clock.now());
    const suggested = offeredActions(view, today, may).correction ? await service.suggestedCorrectionDeadline(web) : null;
    const page = <StaffRequestPage ctx={pageContext(web, request, reply)} view={view} today={today} may={may} suggestedRespondBy={suggested} done={opts.done} error={opts.error} />;
    return sendPage(request, reply, page, opts.status ?? 200);
  }

  app.get('/staff/requests/:id', { preHandler: requirePermission('request.view') }, async (request, reply) => {
    const { id } = paramsOf(idParam, request);
    const { done } = z.object({ done: z.string().max(40).optional() }).catch({}).parse(request.query);
    return showRequest(request, reply, id, done ? { done } : {});
  });

  type Run = (id: number, fields: Record<string, string>, request: FastifyRequest) => Promise<string>;
  /**
   * A POST step: runs the service with the signed-in officer, then back to the request page with
   * a notice (303), or the page again with the problems next to the form that was refused.
   */
  function action(path: string, guard: ReturnType<typeof requirePermission>, formKey: (fields: Record<string, string>, request: FastifyRequest) => string, run: Run) {
    app.post(`/staff/requests/:id/${path}`, { preHandler: guard }, async (request, reply) => {
      const { id } = paramsOf(path.includes(':appealId') ? appealParam : idParam, request);
      const fields = formFields(request.body);
      try {
        const done = await run(id, fields, request);
        return reply.redirect(`/staff/requests/${id}?done=${done}`, 303);
      } catch (e) {
        const err = formProblems(e);
        return showRequest(request, reply, id, { error: { form: formKey(fields, request), problems: problemsOf(err), values: fields }, status: err.status });
      }
    });
  }
  const handle = requirePermission('request.handle');
  const key = (k: string) => () => k;
  const by = byStaff;

  action('assign', requireAny('request.handle', 'request.approve'), key('assign'), async (id, f, r) => (await service.assign(web, by(r), id, f), 'assign'));
  action('note', requireAny('request.handle', 'request.approve'), key('note'), async (id, f, r) => (await service.addNote(web, by(r), id, f), 'note'));
  action('correction', handle, key('correction'), async (id, f, r) => (await service.requestCorrection(web, by(r), id, f), 'correction'));
  action('correction-received', handle, key('correction-received'), async (id, f, r) => (await service.receiveCorrection(web, by(r), id, f), 'correction-received'));
  action('consultation', handle, key('consultation'), async (id, f, r) => (await service.startConsultation(web, by(r), id, f), 'consultation'));
  action('consultation-end', handle, (f) => `consultation-end-${f.consultation ?? ''}`, async (id, f, r) => (await service.endConsultation(web, by(r), id, f), 'consultation-end'));
  action('extension', handle, key('extension'), async (id, f, r) => (await service.proposeExtension(web, by(r), id, f), 'extension'));
  action('extension-decision', requirePermission('request.approve'), key('extension-decision'), async (id, f, r) => {
    const d = parseInput(extensionDecisionSchema, f);
    await service.decideExtension(web, by(r), id, d.approve === '1', d.comment);
    return d.approve === '1' ? 'extension-approved' : 'extension-refused';
  });
  action('fee', handle, key('fee'), async (id, f, r) => (await service.issueFeeNotice(web, by(r), id, f), 'fee'));
  action('fee-paid', handle, key('fee-paid'), async (id, f, r) => (await service.recordFeePaid(web, by(r), id, parseInput(dateOnlySchema, f).on), 'fee-paid'));
  action('decide', handle, key('decide'), async (id, f, r) => (await service.decide(web, by(r), id, f), 'decide'));
  action('appeals', handle, key('appeals'), async (id, f, r) => (await service.addAppeal(web, by(r), id, f), 'appeal'));
  action('appeals/:appealId', handle, (_f, r) => `appeal-${paramsOf(appealParam, r).appealId}`, async (id, f, r) => {
    const { appealId } = paramsOf(appealParam, r);
    await service.updateAppeal(web, by(r), id, appealId, f);
    return 'appeal-updated';
  });
  action('release', handle, key('release'), async (id, f, r) => (await service.linkReleasedRecord(web, by(r), id, parseInput(releaseSchema, f).indexNumber), 'release'));
  action('attachments', handle, key('attachments'), async (id, _f, r) => {
    const body = r.body as Record<string, unknown> | undefined;
    const file = body?.file as MultipartFile | undefined;
    if (!file || typeof file.toBuffer !== 'function') throw errors.validation(['file: 请选择要上传的文件 / choose a file']);
    const bytes = await file.toBuffer();
    if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 413, '附件不能超过20 MB', 'The attachment is too large');
    const flag = (body?.forApplicant as { value?: unknown } | undefined)?.value;
    await service.addRequestAttachment(web, web.blobs, by(r), id, { fileName: file.filename, bytes, forApplicant: flag === '1' });
    return 'attachment';
  });

  // ---- letters and files (in the request's scope)
  app.get('/staff/requests/:id/letters/:letterId', { preHandler: requirePermission('request.view') }, async (request, reply) => {
    const { id, letterId } = paramsOf(letterParam, request);
    await loadReadable(web.db, byStaff(request), id);
    const letter = await store.findLetter(web.db, id, letterId);
    if (!letter) throw errors.notFound('文书');
    return reply.type('text/html; charset=utf-8').send(letter.html);
  });

  app.get('/staff/requests/:id/attachments/:attachmentId', { preHandler: requirePermission('request.view') }, async (request, reply) => {
    const { id, attachmentId } = paramsOf(attachmentParam, request);
    await loadReadable(web.db, byStaff(request), id);
    const file = await store.findAttachment(web.db, id, attachmentId);
    if (!file) throw errors.notFound('材料');
    const bytes = await web.blobs.get(file.storageKey);
    return reply.type(file.mediaType).header('content-disposition', contentDisposition(file.fileName)).header('x-content-sha256', file.sha256).send(bytes);
  });

  // ---- JSON for the workbench (staff session, same scope as the pages)
  const tag = '依申请公开（工作台）';
  docs.describe({ method: 'get', path: '/staff/api/requests', tag, summary: '工作台申请列表（需工作人员登录）/ staff request list (staff session)', description: `${SESSION_NOTE}。不含申请人姓名和证件号码。`, query: listQuery, response: pageOf(listItemJson), errors: [400, 401, 403] });
  app.get('/staff/api/requests', { preHandler: requirePermission('request.view'), errorHandler: jsonErrorHandler }, async (request) => {
    const q = parseInput(listQuery, request.query);
    const { total, items } = await listPage(request, q);
    return { total, page: q.page, pageSize: PAGE_SIZE, items: items.map(presentListItem) };
  });

  docs.describe({ method: 'get', path: '/staff/api/requests/{id}', tag, summary: '工作台申请详情（需工作人员登录）/ one request with its clock, events and letters (staff session)', description: `${SESSION_NOTE}。证件号码已去标识化。`, params: idParam, response: requestDetailJson, errors: [401, 403, 404] });
  app.get('/staff/api/requests/:id', { preHandler: requirePermission('request.view'), errorHandler: jsonErrorHandler }, async (request) => {
    const { id } = paramsOf(idParam, request);
    return presentDetail(await service.staffRequestView(web.db, web.clock, byStaff(request), id));
  });
}
