import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission, staffOf } from '../auth/guard.js';
import { isIsoDate } from '../calendar/model.js';
import { beijingTime } from '../clock.js';
import { subtreeIds } from '../hierarchy.js';
import { pageContext, sendPage } from '../http/render.js';
import { parseQuery } from '../http/validate.js';
import type { WebContext } from '../http/web-context.js';
import { Pager, TableWrap } from '../views/forms.js';
import { StaffLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import type { AuditEntryRow } from '../db/schema.js';
import { listAudit } from './store.js';

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .refine((v) => v === undefined || isIsoDate(v), '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
const optionalText = z
  .string()
  .max(64)
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const auditQuery = z.object({
  actor: optionalText,
  action: optionalText,
  objectType: optionalText,
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(100000).default(1),
});

/** The changed field names recorded with an entry (the detail is written by appendAudit). */
function changedOf(entry: AuditEntryRow): string[] {
  try {
    const detail = JSON.parse(entry.detail) as { changed?: unknown };
    return Array.isArray(detail.changed) ? detail.changed.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

function AuditPage({ ctx, items, total, page, filter }: { ctx: PageContext; items: AuditEntryRow[]; total: number; page: number; filter: Record<string, string> }) {
  return (
    <StaffLayout ctx={ctx} title="审计日志">
      <h1>审计日志</h1>
      <p>所有工作人员的写操作都记录在此，只能追加，任何人都不能修改或删除。摘要值（SHA-256）可用于核对操作前后的内容。</p>
      <form method="get" action="/staff/audit" class="filters">
        <label>
          操作人 <input name="actor" value={filter.actor ?? ''} />
        </label>
        <label>
          操作 <input name="action" value={filter.action ?? ''} placeholder="如 agency." />
        </label>
        <label>
          对象类型 <input name="objectType" value={filter.objectType ?? ''} />
        </label>
        <label>
          起 <input type="date" name="from" value={filter.from ?? ''} />
        </label>
        <label>
          止 <input type="date" name="to" value={filter.to ?? ''} />
        </label>
        <button type="submit">筛选</button>
      </form>
      <TableWrap label="审计日志记录">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">时间（北京时间）</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">摘要</th>
              <th scope="col">前后摘要值</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr>
                <td>{beijingTime(e.at, true)}</td>
                <td>{e.actorLogin}</td>
                <td>{e.action}</td>
                <td>
                  {e.objectType} {e.objectId}
                </td>
                <td>
                  {e.summary}
                  {changedOf(e).length > 0 ? <span class="muted">（变更字段：{changedOf(e).join('、')}）</span> : null}
                </td>
                <td class="digest">
                  {e.beforeDigest ? `前 ${e.beforeDigest.slice(7, 19)}` : ''} {e.afterDigest ? `后 ${e.afterDigest.slice(7, 19)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {items.length === 0 ? <p>没有符合条件的记录。</p> : null}
      <Pager base="/staff/audit" query={filter} page={page} pageSize={50} total={total} />
    </StaffLayout>
  );
}

export function auditRoutes(app: FastifyInstance, web: WebContext): void {
  app.get('/staff/audit', { preHandler: requirePermission('audit.read') }, async (request, reply) => {
    const q = parseQuery(auditQuery, request.query);
    const staff = staffOf(request);
    // Agency admins and supervisors read their own agency and everything below it.
    const agencyIds = staff.roles.includes('system_admin') ? null : await subtreeIds(web.db, staff.agencyId);
    const { total, items } = await listAudit(web.db, {
      agencyIds,
      actorLogin: q.actor,
      action: q.action,
      objectType: q.objectType,
      from: q.from,
      to: q.to,
      page: q.page,
      pageSize: 50,
    });
    const filter = Object.fromEntries(
      Object.entries({ actor: q.actor, action: q.action, objectType: q.objectType, from: q.from, to: q.to }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    );
    return sendPage(request, reply, <AuditPage ctx={pageContext(web, request, reply)} items={items} total={total} page={q.page} filter={filter} />);
  });
}
