import type { Executor } from '../db/database.js';
import type { AppUserRow, SessionRow } from '../db/schema.js';
import { isRole, type Role, type StaffIdentity } from './model.js';

/** The only code that queries users, roles and sessions. */
export async function findUserByLogin(db: Executor, login: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('appUser').selectAll().where('login', '=', login).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number): Promise<AppUserRow | undefined> {
  return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Executor, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('userRole').select('role').where('userId', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role).filter(isRole);
}

export async function insertUser(
  db: Executor,
  values: { login: string; displayName: string; agencyId: number; passwordHash: string; now: string },
  roles: readonly Role[],
): Promise<AppUserRow> {
  const user = await db
    .insertInto('appUser')
    .values({
      login: values.login,
      displayName: values.displayName,
      agencyId: values.agencyId,
      passwordHash: values.passwordHash,
      passwordChangedAt: values.now,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceRoles(db, user.id, roles);
  return user;
}

export async function replaceRoles(db: Executor, userId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('userRole').where('userId', '=', userId).execute();
  if (roles.length > 0) {
    await db.insertInto('userRole').values(roles.map((role) => ({ userId, role }))).execute();
  }
}

export async function updateUser(
  db: Executor,
  id: number,
  changes: Partial<Pick<AppUserRow, 'displayName' | 'agencyId' | 'passwordHash' | 'disabled' | 'failedLogins' | 'lockedUntil' | 'lastLoginAt' | 'passwordChangedAt' | 'email'>> & { updatedAt: string },
): Promise<void> {
  await db.updateTable('appUser').set(changes).where('id', '=', id).execute();
}

export async function listUsers(db: Executor, agencyIds: readonly number[] | null) {
  let q = db
    .selectFrom('appUser')
    .innerJoin('agency', 'agency.id', 'appUser.agencyId')
    .select([
      'appUser.id',
      'appUser.login',
      'appUser.displayName',
      'appUser.agencyId',
      'appUser.disabled',
      'appUser.lockedUntil',
      'appUser.lastLoginAt',
      'agency.name as agencyName',
    ]);
  if (agencyIds !== null) {
    if (agencyIds.length === 0) return [];
    q = q.where('appUser.agencyId', 'in', [...agencyIds]);
  }
  const users = await q.orderBy('agency.code').orderBy('appUser.login').execute();
  const roleRows = users.length
    ? await db.selectFrom('userRole').selectAll().where('userId', 'in', users.map((u) => u.id)).execute()
    : [];
  return users.map((u) => ({ ...u, roles: roleRows.filter((r) => r.userId === u.id).map((r) => r.role).filter(isRole) }));
}

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

/** The session and its (enabled) user, or undefined when either is gone, expired or disabled. */
export async function findLiveSession(
  db: Executor,
  id: string,
  nowIso: string,
): Promise<{ session: SessionRow; user: StaffIdentity } | undefined> {
  const row = await db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .selectAll('session')
    .select(['appUser.login', 'appUser.displayName', 'appUser.agencyId', 'appUser.disabled'])
    .where('session.id', '=', id)
    .where('session.expiresAt', '>', nowIso)
    .executeTakeFirst();
  if (!row || row.disabled) return undefined;
  const { login, displayName, agencyId, disabled: _d, ...session } = row;
  return { session, user: { id: session.userId, login, displayName, agencyId, roles: await rolesOf(db, session.userId) } };
}

export async function touchSession(db: Executor, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('session').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('session').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Executor, nowIso: string): Promise<number> {
  const r = await db.deleteFrom('session').where('expiresAt', '<=', nowIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends every session of the user except the one making the request. */
export async function deleteOtherSessions(db: Executor, userId: number, keepSessionId: string): Promise<void> {
  await db.deleteFrom('session').where('userId', '=', userId).where('id', '!=', keepSessionId).execute();
}
