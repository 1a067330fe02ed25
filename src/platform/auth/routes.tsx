import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, errors } from '../errors.js';
import { cookieOptions, SESSION_COOKIE } from '../http/cookies.js';
import { pageContext, sendPage } from '../http/render.js';
import type { WebContext } from '../http/web-context.js';
import { agencyNames, subtreeIds } from '../hierarchy.js';
import { byStaff, requirePermission, staffOf } from './guard.js';
import { grantableRoles } from './model.js';
import { changeOwnPassword, changeUser, createUser, login, logout } from './service.js';
import { findUserByLogin, listUsers, rolesOf } from './store.js';
import { LoginPage, PasswordPage, UserFormPage, UserListPage } from './views.js';

/** Only local workbench paths are valid login targets (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/staff(\/[^/\\]|$|\?)/.test(next) && !next.includes('//') ? next : '/staff';
}

const loginBody = z.object({ login: z.string().trim().max(64), password: z.string().max(200), next: z.string().max(500).optional() });

export function authRoutes(app: FastifyInstance, web: WebContext): void {
  const limit = { rateLimit: { max: web.config.publicPostLimitPerMinute, timeWindow: '1 minute' } };

  app.get('/staff/login', async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (request.staff) return reply.redirect(next, 302);
    return sendPage(request, reply, <LoginPage ctx={pageContext(web, request, reply)} next={next} />);
  });

  app.post('/staff/login', { config: limit }, async (request, reply) => {
    const parsed = loginBody.safeParse(request.body);
    const next = safeNext(parsed.success ? parsed.data.next : undefined);
    if (!parsed.success) {
      return sendPage(request, reply, <LoginPage ctx={pageContext(web, request, reply)} next={next} problems={['请填写登录名和密码']} />, 400);
    }
    try {
      const result = await login(web, { ...web.config.login, sessionTtlHours: web.config.sessionTtlHours }, {
        login: parsed.data.login,
        password: parsed.data.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(web.config.cookieSecure, request, { sameSite: 'lax' }));
      return reply.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'LOGIN_FAILED' && e.code !== 'ACCOUNT_LOCKED')) throw e;
      const page = <LoginPage ctx={pageContext(web, request, reply)} next={next} login={parsed.data.login} problems={[e.zh]} />;
      return sendPage(request, reply, page, e.status);
    }
  });

  app.post('/staff/logout', { preHandler: requirePermission('workbench.view') }, async (request, reply) => {
    await logout(web, request.sessionToken ?? '', staffOf(request), request.ip);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(web.config.cookieSecure, request));
    return reply.redirect('/', 303);
  });

  app.get('/staff/account', { preHandler: requirePermission('workbench.view') }, async (request, reply) => {
    const done = (request.query as Record<string, unknown>).saved === '1';
    return sendPage(request, reply, <PasswordPage ctx={pageContext(web, request, reply)} done={done} />);
  });

  app.post('/staff/account', { preHandler: requirePermission('workbench.view') }, async (request, reply) => {
    try {
      await changeOwnPassword(web, staffOf(request), request.sessionToken ?? '', request.body, request.ip);
      return reply.redirect('/staff/account?saved=1', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      return sendPage(request, reply, <PasswordPage ctx={pageContext(web, request, reply)} problems={e.details ?? [e.zh]} />, 400);
    }
  });

  // ---- account management (agency admins: their agency and below; system admins: everyone)
  const scopeIds = async (request: FastifyRequest) => {
    const staff = staffOf(request);
    return staff.roles.includes('system_admin') ? null : subtreeIds(web.db, staff.agencyId);
  };
  const agencyOptions = async (request: FastifyRequest) => agencyNames(web.db, await scopeIds(request));

  app.get('/staff/users', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const users = await listUsers(web.db, await scopeIds(request));
    const page = <UserListPage ctx={pageContext(web, request, reply)} users={users} now={web.clock.now().toISOString()} />;
    return sendPage(request, reply, page);
  });

  const newForm = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string | string[] | undefined>, error?: AppError) => {
    const page = (
      <UserFormPage
        ctx={pageContext(web, request, reply)}
        agencies={await agencyOptions(request)}
        grantable={grantableRoles(staffOf(request))}
        values={values}
        {...(error ? { problems: error.details ?? [error.zh] } : {})}
      />
    );
    return sendPage(request, reply, page, error?.status ?? 200);
  };

  app.get('/staff/users/new', { preHandler: requirePermission('user.manage') }, async (request, reply) =>
    newForm(request, reply, { agencyId: String(staffOf(request).agencyId) }),
  );

  app.post('/staff/users', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    try {
      const user = await createUser(web, byStaff(request), request.body);
      return reply.redirect(`/staff/users/${user.login}?saved=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 400 && e.status !== 409)) throw e;
      const { password: _p, ...values } = (request.body ?? {}) as Record<string, string | string[]>;
      return newForm(request, reply, values, e);
    }
  });

  const loadManaged = async (request: FastifyRequest) => {
    const parsed = z.object({ login: z.string().max(64) }).safeParse(request.params);
    const user = parsed.success ? await findUserByLogin(web.db, parsed.data.login) : undefined;
    const ids = await scopeIds(request);
    if (!user) throw errors.notFound('账号');
    if (ids !== null && !ids.includes(user.agencyId)) throw errors.forbidden();
    return user;
  };

  const editForm = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string | string[] | undefined>, error?: AppError) => {
    const user = await loadManaged(request);
    const page = (
      <UserFormPage
        ctx={pageContext(web, request, reply)}
        agencies={[]}
        grantable={grantableRoles(staffOf(request))}
        values={values}
        existing={{ login: user.login, locked: user.lockedUntil !== null && user.lockedUntil > web.clock.now().toISOString() }}
        {...(error ? { problems: error.details ?? [error.zh] } : {})}
      />
    );
    return sendPage(request, reply, page, error?.status ?? 200);
  };

  app.get('/staff/users/:login', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const user = await loadManaged(request);
    return editForm(request, reply, { displayName: user.displayName, email: user.email, roles: await rolesOf(web.db, user.id), disabled: String(user.disabled) });
  });

  app.post('/staff/users/:login', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const user = await loadManaged(request);
    try {
      await changeUser(web, byStaff(request), user.login, request.body);
      return reply.redirect(`/staff/users/${user.login}?saved=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      const { newPassword: _p, ...values } = (request.body ?? {}) as Record<string, string | string[]>;
      return editForm(request, reply, values, e);
    }
  });
}
