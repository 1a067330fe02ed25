/** The signed-in user's digest: the facts of their agencies, limited by what they may do. */
import { isRole, type StaffIdentity } from '../../platform/auth/model.js';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { subtreeIds } from '../../platform/hierarchy.js';
import { supervisionSettings } from '../settings.js';
import { buildDigest, digestGroupsFor, type Digest } from './model.js';
import * as store from './store.js';

export async function digestFor(db: Executor, staff: StaffIdentity, today: string): Promise<Digest> {
  const groups = new Set(digestGroupsFor(staff));
  if (groups.size === 0) return { sections: [], total: 0 };
  const [calendar, settings] = await Promise.all([loadCalendar(db), supervisionSettings(db)]);
  const subtree = staff.roles.includes('system_admin') ? null : await subtreeIds(db, staff.agencyId);
  const facts = {
    requests: groups.has('requests_overdue') ? await store.openRequestsOf(db, staff.agencyId) : [],
    messages: groups.has('messages_new') ? await store.pendingMessagesOf(db, staff.agencyId) : [],
    complaints: groups.has('complaints_unreviewed') ? await store.unreviewedComplaintsIn(db, subtree) : [],
    comments: groups.has('comments_pending') ? await store.pendingCommentsOf(db, staff.agencyId) : [],
    cases: groups.has('cases_open') ? await store.openCasesIn(db, subtree) : [],
  };
  return buildDigest(staff, facts, { today, calendar, dueSoonWorkingDays: settings.dueSoonWorkingDays });
}

/** Where the user's e-mailed digest goes ('' = workbench only). */
export async function digestEmailOf(db: Executor, userId: number): Promise<string> {
  return store.accountEmail(db, userId);
}

export async function digestToday(deps: ServiceDeps, staff: StaffIdentity): Promise<Digest> {
  return digestFor(deps.db, staff, chinaDate(deps.clock.now()));
}

/** A stored account as the identity the rules read. */
export function identityOf(u: store.Recipient): StaffIdentity {
  return { id: u.id, login: u.login, displayName: u.displayName, agencyId: u.agencyId, roles: u.roles.filter(isRole) };
}
