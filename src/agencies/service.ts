import { can, inScope, type StaffIdentity } from '../platform/auth/model.js';
import type { AuditActor } from '../platform/audit/model.js';
import { appendAudit } from '../platform/audit/store.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { resyncAgencySubtree } from '../search/sync.js';
import { agencyInputSchema, placementProblems, type AgencyInput } from './model.js';
import * as store from './store.js';

export { ancestryIds, findAgencyByCode, findAgencyById, listAgencies, subtreeIds, countAgencies } from './store.js';

/** Parses raw input (a form or JSON) into a valid agency, or throws VALIDATION_FAILED with every problem. */
export function parseAgencyInput(raw: unknown): AgencyInput {
  const parsed = agencyInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw errors.validation(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

async function resolveParent(db: Executor, input: AgencyInput): Promise<AgencyRow | null> {
  if (input.parentCode === null) return null;
  const parent = await store.findAgencyByCode(db, input.parentCode);
  if (!parent) throw errors.validation([`parentCode: 上级机构“${input.parentCode}”不存在 / parent not found`]);
  return parent;
}

function rowValues(input: AgencyInput, parentId: number | null) {
  const { parentCode: _ignored, ...rest } = input;
  return { ...rest, shortName: input.shortName || input.name, parentId };
}

/**
 * Creates an agency. Staff may only create below an agency in their scope; only a system admin
 * may create a root government. The audit entry is written in the same transaction.
 */
export async function createAgency(
  deps: ServiceDeps,
  by: { actor: AuditActor; staff: StaffIdentity | null; ip?: string },
  raw: unknown,
): Promise<AgencyRow> {
  const input = parseAgencyInput(raw);
  return deps.db.transaction().execute(async (tx) => {
    if (await store.findAgencyByCode(tx, input.code)) {
      throw errors.conflict(`机构代码“${input.code}”已被使用`, 'That agency code is already in use');
    }
    const parent = await resolveParent(tx, input);
    const problems = placementProblems(input, parent);
    if (problems.length > 0) throw errors.validation(problems);
    if (by.staff) {
      const allowed = parent === null ? by.staff.roles.includes('system_admin') : inScope(by.staff, await store.ancestryIds(tx, parent.id));
      if (!allowed || !can(by.staff, 'agency.manage')) throw errors.forbidden();
    }
    const now = deps.clock.now().toISOString();
    const row = await store.insertAgency(tx, { ...rowValues(input, parent?.id ?? null), createdAt: now, updatedAt: now });
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: row.id,
      action: 'agency.create',
      objectType: 'agency',
      objectId: row.code,
      summary: `新建机构 ${row.name}`,
      after: row,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}

/** Updates an agency's fields. The code is permanent (it appears in URLs, feeds and 索引号). */
export async function updateAgency(
  deps: ServiceDeps,
  by: { actor: AuditActor; staff: StaffIdentity | null; ip?: string },
  code: string,
  raw: unknown,
): Promise<AgencyRow> {
  const input = parseAgencyInput({ ...(raw as object), code });
  return deps.db.transaction().execute(async (tx) => {
    const before = await store.findAgencyByCode(tx, code);
    if (!before) throw errors.notFound('机构');
    if (by.staff && (!can(by.staff, 'agency.manage') || !inScope(by.staff, await store.ancestryIds(tx, before.id)))) {
      throw errors.forbidden();
    }
    const parent = await resolveParent(tx, input);
    if (parent && (await store.ancestryIds(tx, parent.id)).includes(before.id)) {
      throw errors.validation(['parentCode: 不能把机构移到它自己的下级之下 / an agency cannot move below itself']);
    }
    const problems = placementProblems(input, parent);
    if (problems.length > 0) throw errors.validation(problems);
    if (by.staff && parent?.id !== before.parentId) {
      // Moving an agency is a change to both places: the staff member must hold the new parent too.
      const allowed = parent === null ? by.staff.roles.includes('system_admin') : inScope(by.staff, await store.ancestryIds(tx, parent.id));
      if (!allowed) throw errors.forbidden();
    }
    const after = await store.updateAgencyRow(tx, before.id, {
      ...rowValues(input, parent?.id ?? null),
      updatedAt: deps.clock.now().toISOString(),
    });
    // The search index knows each record's agency path; a move changes it for the whole subtree.
    if (after.parentId !== before.parentId) await resyncAgencySubtree(tx, deps.engine, after.id);
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: after.id,
      action: 'agency.update',
      objectType: 'agency',
      objectId: after.code,
      summary: `修改机构 ${after.name}`,
      before,
      after,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return after;
  });
}
