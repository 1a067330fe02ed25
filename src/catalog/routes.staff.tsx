import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../agencies/service.js';
import { byStaff, requirePermission, staffOf } from '../platform/auth/guard.js';
import { can } from '../platform/auth/model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { chinaDate } from '../platform/clock.js';
import type { AgencyRow, RecordRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { contentDisposition } from '../platform/files/disposition.js';
import { subtreeIds } from '../platform/hierarchy.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { formFields } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import type { ScanHit } from '../platform/privacy/scanner.js';
import { addAttachment } from './attachments.js';
import { isPubliclyVisible, publicationDelay } from './model.js';
import * as catalog from './service.js';
import { RecordFormPage, type RecordFormValues } from './views/staff-form.js';
import { StaffRecordListPage, StaffRecordPage } from './views/staff.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });

function valuesOf(r: RecordRow, issuers: readonly { code: string }[], interpretsIndex: string, replacedByIndex: string): RecordFormValues {
  return {
    title: r.title,
    docNumber: r.docNumber,
    issuers: issuers.slice(1).map((i) => i.code).join(','),
    writtenOn: r.writtenOn,
    formedOn: r.formedOn,
    topic: r.topic,
    genre: r.genre,
    category: r.category,
    statutoryItem: r.statutoryItem === null ? '' : String(r.statutoryItem),
    validity: r.validity,
    replacedBy: replacedByIndex,
    keywords: r.keywords,
    mode: r.mode,
    ground: r.ground ?? '',
    groundReason: r.groundReason,
    needsInterpretation: r.needsInterpretation ? '1' : '',
    interprets: interpretsIndex,
    interpretationKind: r.interpretationKind ?? '',
    videoUrl: r.videoUrl,
    bodyHtml: r.bodyHtml,
  };
}

/** "2026-12-01 09:00" in Beijing time → ISO UTC, or undefined when blank; anything else is a 400. */
function parsePublishAt(raw: string | undefined): string | undefined {
  if (!raw || raw.trim() === '') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(raw.trim());
  const at = m ? new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw errors.validation(['publishAt: 格式应为 2026-12-01 09:00 / use YYYY-MM-DD HH:MM']);
  return at.toISOString();
}

export function catalogStaffRoutes(app: FastifyInstance, web: WebContext): void {
  const scope = async (request: FastifyRequest) => {
    const staff = staffOf(request);
    return staff.roles.includes('system_admin') ? null : subtreeIds(web.db, staff.agencyId);
  };
  const agencyNames = async () => new Map((await listAgencies(web.db)).map((a) => [a.id, a]));

  async function loadInScope(request: FastifyRequest): Promise<RecordRow> {
    const { id } = idParam.parse(request.params);
    const record = await catalog.findRecord(web.db, id);
    const ids = await scope(request);
    if (!record) throw errors.notFound('信息');
    if (ids !== null && !ids.includes(record.agencyId)) throw errors.forbidden();
    return record;
  }

  /** A function giving each record's 第二十六条 delay, with the calendar loaded once. */
  async function lateness() {
    const cal = await loadCalendar(web.db);
    return (r: RecordRow) => (r.publishedOn ? publicationDelay(cal, r.formedOn, r.publishedOn) : null);
  }

  app.get('/staff/records', { preHandler: requirePermission('record.view') }, async (request, reply) => {
    const q = z.object({ status: z.string().max(20).optional().transform((v) => v || undefined), page: z.coerce.number().int().min(1).max(10000).default(1) }).parse(request.query);
    const { total, items } = await catalog.listStaffRecords(web.db, await scope(request), q.status, q.page, 30);
    const names = await agencyNames();
    const delay = await lateness();
    const rows = items.map((r) => ({ ...r, agencyName: names.get(r.agencyId)?.name ?? '', late: delay(r)?.late ?? false }));
    const page = <StaffRecordListPage ctx={pageContext(web, request, reply)} items={rows} total={total} page={q.page} status={q.status} canCreate={can(staffOf(request), 'record.edit')} />;
    return sendPage(request, reply, page);
  });

  const editableAgencies = async (request: FastifyRequest): Promise<AgencyRow[]> => {
    const ids = await scope(request);
    return (await listAgencies(web.db)).filter((a) => ids === null || ids.includes(a.id));
  };

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, props: { title: string; action: string; values: RecordFormValues; create?: boolean; revision?: boolean }, error?: AppError) => {
    const page = (
      <RecordFormPage
        ctx={pageContext(web, request, reply)}
        title={props.title}
        action={props.action}
        values={props.values}
        {...(props.create ? { agencies: await editableAgencies(request) } : {})}
        {...(props.revision ? { revision: true } : {})}
        {...(error ? { problems: error.code === 'VALIDATION_FAILED' ? (error.details ?? [error.zh]) : [error.zh, ...(error.details ?? [])] } : {})}
      />
    );
    return sendPage(request, reply, page, error?.status ?? 200);
  };

  /** Known input problems re-render the form; anything else goes to the error handler. */
  const formError = (e: unknown): AppError => {
    if (e instanceof AppError && [400, 403, 409].includes(e.status) && e.code !== 'FORBIDDEN') return e;
    throw e;
  };

  app.get('/staff/records/new', { preHandler: requirePermission('record.edit') }, async (request, reply) => {
    const today = chinaDate(web.clock.now());
    return renderForm(request, reply, { title: '新建信息', action: '/staff/records', create: true, values: { writtenOn: today, formedOn: today, mode: '主动公开', validity: '有效' } });
  });

  app.post('/staff/records', { preHandler: requirePermission('record.edit') }, async (request, reply) => {
    const values = formFields(request.body);
    try {
      const record = await catalog.createDraft(web, byStaff(request), values.agency ?? '', values);
      return reply.redirect(`/staff/records/${record.id}`, 303);
    } catch (e) {
      return renderForm(request, reply, { title: '新建信息', action: '/staff/records', create: true, values }, formError(e));
    }
  });

  const showRecord = async (request: FastifyRequest, reply: FastifyReply, record: RecordRow, error?: AppError) => {
    const staff = staffOf(request);
    const names = await agencyNames();
    const delay = await lateness();
    const page = (
      <StaffRecordPage
        ctx={pageContext(web, request, reply)}
        record={record}
        agencyName={names.get(record.agencyId)?.name ?? ''}
        events={await catalog.eventsOf(web.db, record.id)}
        attachments={await catalog.currentAttachments(web.db, record.id)}
        hits={JSON.parse(record.scanHits) as ScanHit[]}
        late={delay(record)}
        may={{ edit: can(staff, 'record.edit'), review: can(staff, 'record.review') }}
        {...(error ? { problems: [error.zh, ...(error.details ?? [])] } : {})}
      />
    );
    return sendPage(request, reply, page, error?.status ?? 200);
  };

  app.get('/staff/records/:id', { preHandler: requirePermission('record.view') }, async (request, reply) => showRecord(request, reply, await loadInScope(request)));

  const interpretsIndexOf = async (r: RecordRow) => (r.interpretsId ? ((await catalog.findRecord(web.db, r.interpretsId))?.indexNumber ?? '') : '');
  const replacedIndexOf = async (r: RecordRow) => (r.replacedById ? ((await catalog.findRecord(web.db, r.replacedById))?.indexNumber ?? '') : '');
  const currentValues = async (r: RecordRow) => valuesOf(r, (await catalog.issuersOf(web.db, [r.id])).get(r.id) ?? [], await interpretsIndexOf(r), await replacedIndexOf(r));

  app.get('/staff/records/:id/edit', { preHandler: requirePermission('record.edit') }, async (request, reply) => {
    const r = await loadInScope(request);
    return renderForm(request, reply, { title: `编辑：${r.title}`, action: `/staff/records/${r.id}`, values: await currentValues(r) });
  });

  app.post('/staff/records/:id', { preHandler: requirePermission('record.edit') }, async (request, reply) => {
    const r = await loadInScope(request);
    const values = formFields(request.body);
    try {
      await catalog.updateDraft(web, byStaff(request), r.id, values);
      return reply.redirect(`/staff/records/${r.id}`, 303);
    } catch (e) {
      return renderForm(request, reply, { title: `编辑：${r.title}`, action: `/staff/records/${r.id}`, values }, formError(e));
    }
  });

  /** Runs a workflow step; a refused step shows the record page with the reason. */
  const step = (run: (r: RecordRow, form: RecordFormValues, request: FastifyRequest) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const r = await loadInScope(request);
      try {
        await run(r, formFields(request.body), request);
        return reply.redirect(`/staff/records/${r.id}`, 303);
      } catch (e) {
        return showRecord(request, reply, (await catalog.findRecord(web.db, r.id))!, formError(e));
      }
    };

  app.post('/staff/records/:id/submit', { preHandler: requirePermission('record.edit') }, step((r, _f, request) => catalog.submitForReview(web, byStaff(request), r.id)));
  app.post(
    '/staff/records/:id/approve',
    { preHandler: requirePermission('record.review') },
    step((r, f, request) =>
      catalog.approve(web, byStaff(request), r.id, { overrideReason: f.overrideReason, confirmGround: f.confirmGround === '1', publishAt: parsePublishAt(f.publishAt) }),
    ),
  );
  app.post('/staff/records/:id/return', { preHandler: requirePermission('record.review') }, step((r, f, request) => catalog.returnToEditor(web, byStaff(request), r.id, f.comment ?? '')));
  app.post('/staff/records/:id/withdraw', { preHandler: requirePermission('record.review') }, step((r, f, request) => catalog.withdraw(web, byStaff(request), r.id, f.reason ?? '')));

  app.get('/staff/records/:id/revise', { preHandler: requirePermission('record.review') }, async (request, reply) => {
    const r = await loadInScope(request);
    return renderForm(request, reply, { title: `修订：${r.title}`, action: `/staff/records/${r.id}/revise`, revision: true, values: await currentValues(r) });
  });

  app.post('/staff/records/:id/revise', { preHandler: requirePermission('record.review') }, async (request, reply) => {
    const r = await loadInScope(request);
    const values = formFields(request.body);
    try {
      await catalog.revise(web, byStaff(request), r.id, { ...values, mode: r.mode, ground: r.ground ?? '', groundReason: r.groundReason }, values.reason ?? '', values.overrideReason ?? '');
      return reply.redirect(`/staff/records/${r.id}`, 303);
    } catch (e) {
      return renderForm(request, reply, { title: `修订：${r.title}`, action: `/staff/records/${r.id}/revise`, revision: true, values }, formError(e));
    }
  });

  app.post('/staff/records/:id/attachments', { preHandler: requirePermission('record.edit') }, async (request, reply) => {
    const r = await loadInScope(request);
    const file = (request.body as Record<string, unknown> | undefined)?.file as MultipartFile | undefined;
    try {
      if (!file || typeof file.toBuffer !== 'function') throw errors.validation(['file: 请选择要上传的文件 / choose a file']);
      const bytes = await file.toBuffer();
      if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 413, '附件不能超过20 MB', 'The attachment is too large');
      await addAttachment(web, web.blobs, byStaff(request), r.id, { fileName: file.filename, bytes });
      return reply.redirect(`/staff/records/${r.id}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.status >= 400 && e.status < 500 && e.code !== 'FORBIDDEN') return showRecord(request, reply, r, e);
      throw e;
    }
  });

  // Downloads: public when the record is public; staff may fetch attachments of records in scope.
  app.get('/attachments/:id', async (request, reply) => {
    const { id } = idParam.parse(request.params);
    const attachment = await catalog.findAttachment(web.db, id);
    const record = attachment ? await catalog.findRecord(web.db, attachment.recordId) : undefined;
    if (!attachment || !record) throw errors.notFound('附件');
    const isPublic = isPubliclyVisible(record, web.clock.now().toISOString()) && record.status !== 'withdrawn' && attachment.removedInVersion === null;
    let allowed = isPublic;
    if (!allowed && request.staff && can(request.staff, 'record.view')) {
      const ids = request.staff.roles.includes('system_admin') ? null : await subtreeIds(web.db, request.staff.agencyId);
      allowed = ids === null || ids.includes(record.agencyId);
    }
    if (!allowed) throw errors.notFound('附件');
    const bytes = await web.blobs.get(attachment.storageKey);
    return reply
      .type(attachment.mediaType)
      .header('content-disposition', contentDisposition(attachment.fileName))
      .header('x-content-sha256', attachment.sha256)
      .header('cache-control', isPublic ? 'public, max-age=86400, immutable' : 'no-store')
      .send(bytes);
  });
}
