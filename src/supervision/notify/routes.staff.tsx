/** The signed-in user's digest of what needs action (workbench.view: every staff member). */
import type { FastifyInstance } from 'fastify';
import { requirePermission, staffOf } from '../../platform/auth/guard.js';
import { chinaDate } from '../../platform/clock.js';
import type { ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { digestEmailOf, digestFor } from './service.js';
import { NotificationsPage } from './views.js';

export function notificationStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  app.get('/staff/notifications', { preHandler: requirePermission('workbench.view') }, async (request, reply) => {
    const staff = staffOf(request);
    const today = chinaDate(web.clock.now());
    const digest = await digestFor(web.db, staff, today);
    const email = await digestEmailOf(web.db, staff.id);
    return sendPage(request, reply, <NotificationsPage ctx={pageContext(web, request, reply)} digest={digest} today={today} email={email} />);
  });
}
