/** Shared steps of every request action: who may act, loading in scope, recording the event. */
import { appendAudit } from '../platform/audit/store.js';
import type { AuditActor } from '../platform/audit/model.js';
import type { StaffIdentity } from '../platform/auth/model.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor, Tx } from '../platform/db/database.js';
import type { RequestRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { ancestryIds } from '../platform/hierarchy.js';
import { canApproveForAgency, canHandleRequest, canReadRequest } from './access.js';
import { refreshRequest } from './lifecycle.js';
import * as store from './store.js';

export interface RequestActor {
  readonly actor: AuditActor;
  /** null when the system acts (CLI import, scheduled sweep). */
  readonly staff: StaffIdentity | null;
  readonly ip?: string;
}

export const SYSTEM: RequestActor = { actor: { id: null, login: 'system' }, staff: null };

export function assertHandler(by: RequestActor, agencyId: number): void {
  if (by.staff && !canHandleRequest(by.staff, agencyId)) throw errors.forbidden();
}

export function assertApprover(by: RequestActor, agencyId: number): void {
  if (by.staff && !canApproveForAgency(by.staff, agencyId)) throw errors.forbidden();
}

/** The request, if the staff member may read it (404 when it does not exist, 403 when out of scope). */
export async function loadReadable(db: Executor, by: RequestActor, id: number): Promise<RequestRow> {
  const request = await store.findRequest(db, id);
  if (!request) throw errors.notFound('申请');
  if (by.staff && !canReadRequest(by.staff, await ancestryIds(db, request.agencyId))) throw errors.forbidden();
  return request;
}

export function assertOpen(request: RequestRow): void {
  if (request.state === 'closed') throw errors.conflict('该申请已办结', 'The request is already closed');
}

/** Records an event, recomputes the clock and writes the audit entry (no applicant data in it). */
export async function recordEvent(
  tx: Tx,
  deps: ServiceDeps,
  by: RequestActor,
  request: RequestRow,
  e: { kind: string; onDate: string; data?: object; comment?: string; internal?: boolean; summary: string },
) {
  const now = deps.clock.now();
  await store.insertEvent(tx, {
    requestId: request.id,
    at: now.toISOString(),
    onDate: e.onDate,
    kind: e.kind,
    actorLogin: by.actor.login,
    ...(e.data ? { data: e.data } : {}),
    ...(e.comment ? { comment: e.comment } : {}),
    internal: e.internal ?? false,
  });
  const refreshed = await refreshRequest(tx, request, now.toISOString());
  await appendAudit(tx, now, {
    actor: by.actor,
    agencyId: request.agencyId,
    action: `request.${e.kind}`,
    objectType: 'request',
    objectId: request.trackingNumber,
    summary: e.summary,
    before: { state: request.state, dueOn: request.dueOn },
    after: { state: refreshed.request.state, dueOn: refreshed.request.dueOn, outcome: refreshed.request.outcome },
    ...(by.ip ? { ip: by.ip } : {}),
  });
  return refreshed;
}
