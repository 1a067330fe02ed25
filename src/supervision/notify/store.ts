/** Database access for the notification digests: the facts per agency and the per-day send log. */
import type { Executor } from '../../platform/db/database.js';
import type { NotificationDigestRow } from '../../platform/db/schema.js';
import type { OpenCaseFact, OpenRequestFact, PendingCommentFact, PendingMessageFact } from './model.js';

const LIMIT = 500;

export async function openRequestsOf(db: Executor, agencyId: number): Promise<OpenRequestFact[]> {
  return db
    .selectFrom('request')
    .select(['id', 'agencyId', 'trackingNumber', 'title', 'dueOn', 'assignedTo'])
    .where('agencyId', '=', agencyId)
    .where('state', '!=', 'closed')
    .where('dueOn', 'is not', null)
    .orderBy('dueOn')
    .limit(LIMIT)
    .execute();
}

export async function pendingMessagesOf(db: Executor, agencyId: number): Promise<PendingMessageFact[]> {
  return db.selectFrom('message').select(['id', 'agencyId', 'trackingNumber', 'subject', 'dueOn']).where('agencyId', '=', agencyId).where('status', '=', 'pending').orderBy('dueOn').limit(LIMIT).execute();
}

/** Complaints without a finding whose agency or supervising government is in the subtree (null = everywhere). */
export async function unreviewedComplaintsIn(db: Executor, agencyIds: readonly number[] | null): Promise<PendingMessageFact[]> {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db.selectFrom('message').select(['id', 'agencyId', 'trackingNumber', 'subject', 'dueOn']).where('kind', '=', 'complaint').where('finding', 'is', null).where('status', '!=', 'rejected');
  if (agencyIds !== null) q = q.where((eb) => eb.or([eb('agencyId', 'in', [...agencyIds]), eb('supervisorAgencyId', 'in', [...agencyIds])]));
  return q.orderBy('dueOn').orderBy('id').limit(LIMIT).execute();
}

export async function pendingCommentsOf(db: Executor, agencyId: number): Promise<PendingCommentFact[]> {
  return db
    .selectFrom('consultationComment as k')
    .innerJoin('consultation as c', 'c.id', 'k.consultationId')
    .select(['k.id', 'k.consultationId', 'c.title as consultationTitle', 'k.submittedAt'])
    .where('c.agencyId', '=', agencyId)
    .where('k.status', '=', 'pending')
    .orderBy('k.submittedAt')
    .limit(LIMIT)
    .execute();
}

export async function openCasesIn(db: Executor, agencyIds: readonly number[] | null): Promise<OpenCaseFact[]> {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db.selectFrom('accountabilityCase').select(['id', 'summary', 'detectedOn']).where('status', '=', 'open');
  if (agencyIds !== null) q = q.where('agencyId', 'in', [...agencyIds]);
  return q.orderBy('detectedOn').orderBy('id').limit(LIMIT).execute();
}

export interface Recipient {
  readonly id: number;
  readonly login: string;
  readonly displayName: string;
  readonly agencyId: number;
  readonly email: string;
  readonly roles: string[];
}

/** Enabled staff accounts with their roles. */
export async function enabledUsers(db: Executor): Promise<Recipient[]> {
  const users = await db.selectFrom('appUser').select(['id', 'login', 'displayName', 'agencyId', 'email']).where('disabled', '=', 0).orderBy('id').execute();
  const roles = await db.selectFrom('userRole').select(['userId', 'role']).execute();
  const byUser = new Map<number, string[]>();
  for (const r of roles) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.role]);
  return users.map((u) => ({ ...u, roles: byUser.get(u.id) ?? [] }));
}

/** Claims the user's digest of the day: true for the one process that inserted the row. */
export async function claimDigest(db: Executor, userId: number, digestOn: string, items: number, outcome: string, at: string): Promise<boolean> {
  const row = await db
    .insertInto('notificationDigest')
    .values({ userId, digestOn, items, outcome, error: null, createdAt: at })
    .onConflict((oc) => oc.columns(['userId', 'digestOn']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setDigestOutcome(db: Executor, userId: number, digestOn: string, outcome: string, error: string | null): Promise<void> {
  await db.updateTable('notificationDigest').set({ outcome, error }).where('userId', '=', userId).where('digestOn', '=', digestOn).execute();
}

export async function digestsOf(db: Executor, userId: number): Promise<NotificationDigestRow[]> {
  return db.selectFrom('notificationDigest').selectAll().where('userId', '=', userId).orderBy('digestOn', 'desc').limit(30).execute();
}

export async function accountEmail(db: Executor, userId: number): Promise<string> {
  return (await db.selectFrom('appUser').select('email').where('id', '=', userId).executeTakeFirst())?.email ?? '';
}
