import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/store.js';
import type { AuditActor } from '../audit/model.js';
import type { ServiceDeps } from '../context.js';
import { sha256Hex } from '../digest.js';
import { errors } from '../errors.js';
import { agencyExists, ancestryIds } from '../hierarchy.js';
import { grantableRoles, inScope, isRole, passwordProblems, ROLES, type Role, type StaffIdentity } from './model.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
import * as store from './store.js';

export interface LoginPolicy {
  readonly maxFailures: number;
  readonly lockMinutes: number;
  readonly sessionTtlHours: number;
}

export interface LoginResult {
  /** The cookie value; only its SHA-256 is stored. */
  readonly token: string;
  readonly user: StaffIdentity;
}

const minutes = (m: number) => m * 60_000;

/**
 * Checks a login and opens a session. After `maxFailures` wrong passwords in a row the account is
 * locked for `lockMinutes` (等级保护 requires 登录失败处理); the lock and its end are audited.
 */
export async function login(
  deps: ServiceDeps,
  policy: LoginPolicy,
  attempt: { login: string; password: string; ip: string; userAgent: string },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const user = await store.findUserByLogin(deps.db, attempt.login);
  if (!user || user.disabled) {
    await burnPasswordCheck(attempt.password);
    throw errors.loginFailed();
  }
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
    throw errors.accountLocked(Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 60_000));
  }
  const actor: AuditActor = { id: user.id, login: user.login };
  if (!(await verifyPassword(attempt.password, user.passwordHash))) {
    const failures = user.failedLogins + 1;
    const lock = failures >= policy.maxFailures;
    await deps.db.transaction().execute(async (tx) => {
      await store.updateUser(tx, user.id, {
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + minutes(policy.lockMinutes)).toISOString() : user.lockedUntil,
        updatedAt: now.toISOString(),
      });
      if (lock) {
        await appendAudit(tx, now, {
          actor,
          agencyId: user.agencyId,
          action: 'auth.lockout',
          objectType: 'user',
          objectId: user.login,
          summary: `连续${failures}次登录失败，账号锁定${policy.lockMinutes}分钟`,
          ip: attempt.ip,
        });
      }
    });
    if (lock) throw errors.accountLocked(policy.lockMinutes);
    throw errors.loginFailed();
  }

  const token = randomBytes(32).toString('base64url');
  const nowIso = now.toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await store.updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: nowIso, updatedAt: nowIso });
    await store.insertSession(tx, {
      id: sha256Hex(token),
      userId: user.id,
      csrfSecret: randomBytes(24).toString('base64url'),
      createdAt: nowIso,
      lastSeenAt: nowIso,
      expiresAt: new Date(now.getTime() + policy.sessionTtlHours * 3600_000).toISOString(),
      ip: attempt.ip,
      userAgent: attempt.userAgent.slice(0, 300),
    });
    await appendAudit(tx, now, {
      actor,
      agencyId: user.agencyId,
      action: 'auth.login',
      objectType: 'user',
      objectId: user.login,
      summary: '登录',
      ip: attempt.ip,
    });
  });
  const roles = await store.rolesOf(deps.db, user.id);
  return { token, user: { id: user.id, login: user.login, displayName: user.displayName, agencyId: user.agencyId, roles } };
}

/** Resolves a session cookie; extends an idle session at most every 5 minutes to spare writes. */
export async function resolveSession(deps: ServiceDeps, policy: Pick<LoginPolicy, 'sessionTtlHours'>, token: string) {
  const now = deps.clock.now();
  const found = await store.findLiveSession(deps.db, sha256Hex(token), now.toISOString());
  if (!found) return undefined;
  if (now.getTime() - Date.parse(found.session.lastSeenAt) > minutes(5)) {
    await store.touchSession(
      deps.db,
      found.session.id,
      now.toISOString(),
      new Date(now.getTime() + policy.sessionTtlHours * 3600_000).toISOString(),
    );
  }
  return found;
}

/** Removes sessions past their expiry (run periodically; expired ones are already refused). */
export async function purgeExpiredSessions(deps: ServiceDeps): Promise<number> {
  return store.deleteExpiredSessions(deps.db, deps.clock.now().toISOString());
}

export async function logout(deps: ServiceDeps, token: string, user: StaffIdentity, ip: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await store.deleteSession(tx, sha256Hex(token));
    await appendAudit(tx, deps.clock.now(), {
      actor: { id: user.id, login: user.login },
      agencyId: user.agencyId,
      action: 'auth.logout',
      objectType: 'user',
      objectId: user.login,
      summary: '退出登录',
      ip,
    });
  });
}

export const newUserSchema = z.object({
  login: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/, '登录名为3–32位小写字母、数字或 . _ -，以字母开头 / login: 3–32 lower-case letters, digits, . _ -'),
  displayName: z.string().trim().min(1, '请填写姓名 / name is required').max(40),
  agencyId: z.coerce.number().int().positive('请选择所属单位 / choose an agency'),
  roles: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(ROLES, { message: '角色无效 / invalid role' })).min(1, '至少选择一个角色 / choose at least one role')),
  password: z.string().superRefine((p, ctx) => passwordProblems(p).forEach((message) => ctx.addIssue({ code: 'custom', message }))),
});

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw errors.validation(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  return r.data;
}

/** Checks that a staff member may manage accounts of that agency and grant those roles. */
async function assertCanManage(deps: ServiceDeps, staff: StaffIdentity | null, agencyId: number, roles: readonly Role[]) {
  if (!staff) return;
  const allowed = grantableRoles(staff);
  if (allowed.length === 0 || !inScope(staff, await ancestryIds(deps.db, agencyId))) throw errors.forbidden();
  if (roles.some((r) => !allowed.includes(r))) throw errors.forbidden();
}

export async function createUser(
  deps: ServiceDeps,
  by: { actor: AuditActor; staff: StaffIdentity | null; ip?: string },
  raw: unknown,
): Promise<StaffIdentity> {
  const input = parse(newUserSchema, raw);
  await assertCanManage(deps, by.staff, input.agencyId, input.roles);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (tx) => {
    if (await store.findUserByLogin(tx, input.login)) throw errors.conflict('该登录名已被使用', 'That login is already taken');
    if (!(await agencyExists(tx, input.agencyId))) throw errors.validation(['agencyId: 单位不存在 / agency not found']);
    const now = deps.clock.now();
    const user = await store.insertUser(tx, { ...input, passwordHash, now: now.toISOString() }, input.roles);
    await appendAudit(tx, now, {
      actor: by.actor,
      agencyId: input.agencyId,
      action: 'user.create',
      objectType: 'user',
      objectId: user.login,
      summary: `新建账号 ${user.login}（${input.roles.join('、')}）`,
      after: { login: user.login, displayName: user.displayName, agencyId: user.agencyId, roles: input.roles, passwordHash },
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return { id: user.id, login: user.login, displayName: user.displayName, agencyId: user.agencyId, roles: input.roles };
  });
}

export const userChangeSchema = z.object({
  displayName: z.string().trim().min(1).max(40),
  roles: newUserSchema.shape.roles,
  disabled: z.union([z.literal('1'), z.literal('0'), z.literal('on'), z.boolean()]).optional().transform((v) => v === '1' || v === 'on' || v === true),
  unlock: z.union([z.literal('1'), z.literal('on')]).optional().transform((v) => v !== undefined),
  // for the notification digests (supervision/notify); absent = unchanged, '' = none
  email: z
    .string()
    .trim()
    .max(200, '电子邮箱过长 / the e-mail address is too long')
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '电子邮箱格式不正确 / not a valid e-mail address')
    .optional(),
  newPassword: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .superRefine((p, ctx) => {
      if (p !== undefined) passwordProblems(p).forEach((message) => ctx.addIssue({ code: 'custom', message }));
    }),
});

/** Changes an account's name, roles, enabled state or password. Disabling or a new password ends its sessions. */
export async function changeUser(
  deps: ServiceDeps,
  by: { actor: AuditActor; staff: StaffIdentity | null; ip?: string },
  login: string,
  raw: unknown,
): Promise<void> {
  const input = parse(userChangeSchema, raw);
  const target = await store.findUserByLogin(deps.db, login);
  if (!target) throw errors.notFound('账号');
  const beforeRoles = await store.rolesOf(deps.db, target.id);
  // Managing an account needs the right to grant both its old and its new roles.
  await assertCanManage(deps, by.staff, target.agencyId, [...new Set([...beforeRoles, ...input.roles])]);
  if (by.staff && by.staff.id === target.id && (input.disabled || !input.roles.every((r) => beforeRoles.includes(r)))) {
    throw errors.badRequest('不能停用自己的账号或给自己增加角色', 'You cannot disable your own account or add roles to it');
  }
  const passwordHash = input.newPassword ? await hashPassword(input.newPassword) : undefined;
  await deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now().toISOString();
    await store.updateUser(tx, target.id, {
      displayName: input.displayName,
      disabled: input.disabled ? 1 : 0,
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
      ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
      updatedAt: now,
    });
    await store.replaceRoles(tx, target.id, input.roles);
    if (input.disabled || passwordHash) await store.deleteSessionsOfUser(tx, target.id);
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: target.agencyId,
      action: 'user.update',
      objectType: 'user',
      objectId: target.login,
      summary: `修改账号 ${target.login}`,
      before: { displayName: target.displayName, email: target.email, roles: beforeRoles, disabled: target.disabled, passwordHash: target.passwordHash, lockedUntil: target.lockedUntil },
      after: {
        displayName: input.displayName,
        email: input.email ?? target.email,
        roles: input.roles,
        disabled: input.disabled ? 1 : 0,
        passwordHash: passwordHash ?? target.passwordHash,
        lockedUntil: input.unlock ? null : target.lockedUntil,
      },
      ...(by.ip ? { ip: by.ip } : {}),
    });
  });
}

/** A staff member changes their own password; the current one is required and other sessions end. */
export async function changeOwnPassword(
  deps: ServiceDeps,
  user: StaffIdentity,
  currentSessionToken: string,
  raw: unknown,
  ip: string,
): Promise<void> {
  const input = parse(
    z.object({ currentPassword: z.string().min(1, '请输入当前密码 / enter your current password'), newPassword: newUserSchema.shape.password }),
    raw,
  );
  const row = await store.findUserById(deps.db, user.id);
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw errors.badRequest('当前密码不正确', 'The current password is wrong');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now().toISOString();
    await store.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
    await store.deleteOtherSessions(tx, user.id, sha256Hex(currentSessionToken));
    await appendAudit(tx, deps.clock.now(), {
      actor: { id: user.id, login: user.login },
      agencyId: user.agencyId,
      action: 'user.password',
      objectType: 'user',
      objectId: user.login,
      summary: '修改本人密码',
      before: { passwordHash: row.passwordHash },
      after: { passwordHash },
      ip,
    });
  });
}

export { isRole };
