import type { Executor } from '../db/database.js';
import type { AuditEntryRow } from '../db/schema.js';
import { auditValues, type AuditInput } from './model.js';

/**
 * The only code that touches `audit_entry`. It can insert and read, nothing else; the database
 * triggers added by the foundation migration reject UPDATE and DELETE as well.
 */
export async function appendAudit(db: Executor, at: Date, input: AuditInput): Promise<void> {
  await db
    .insertInto('auditEntry')
    .values({
      at: at.toISOString(),
      actorId: input.actor.id,
      actorLogin: input.actor.login,
      agencyId: input.agencyId,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      summary: input.summary,
      ip: input.ip ?? '',
      ...auditValues(input),
    })
    .execute();
}

export interface AuditFilter {
  /** `null` = every agency (system admin); otherwise entries of these agencies only. */
  readonly agencyIds: readonly number[] | null;
  readonly actorLogin?: string | undefined;
  readonly action?: string | undefined;
  readonly objectType?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export async function listAudit(db: Executor, f: AuditFilter): Promise<{ total: number; items: AuditEntryRow[] }> {
  let q = db.selectFrom('auditEntry');
  if (f.agencyIds !== null) {
    if (f.agencyIds.length === 0) return { total: 0, items: [] };
    q = q.where('agencyId', 'in', [...f.agencyIds]);
  }
  if (f.actorLogin) q = q.where('actorLogin', '=', f.actorLogin);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '')}%`);
  if (f.objectType) q = q.where('objectType', '=', f.objectType);
  // The filter's dates are Beijing days; entries are stored in UTC.
  if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00+08:00`).toISOString());
  if (f.to) q = q.where('at', '<=', new Date(`${f.to}T23:59:59.999+08:00`).toISOString());
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total), items };
}
