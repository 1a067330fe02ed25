/**
 * Demo 责任追究: the sweep runs over the demo city's overdue requests, late records, unanswered
 * messages and vetoed websites; the city supervisor (zhaozq) has already followed up two cases
 * (one rectified after an order, one criticised) so the pages show a history. Returns the cases.
 */
import type { StaffIdentity } from '../../platform/auth/model.js';
import { isRole } from '../../platform/auth/model.js';
import { addCalendarDays } from '../../platform/calendar/model.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import { detectAccountabilityCases, recordCaseAction } from './service.js';

const SUPERVISOR = 'zhaozq';

export async function seedDemoAccountability(deps: ServiceDeps): Promise<number> {
  await detectAccountabilityCases(deps);
  const cases = await deps.db.selectFrom('accountabilityCase').select(['id', 'kind']).where('status', '=', 'open').orderBy('id').execute();
  const user = await deps.db.selectFrom('appUser').select(['id', 'login', 'displayName', 'agencyId']).where('login', '=', SUPERVISOR).executeTakeFirst();
  if (user && cases.length >= 3) {
    const roles = (await deps.db.selectFrom('userRole').select('role').where('userId', '=', user.id).execute()).map((r) => r.role).filter(isRole);
    const staff: StaffIdentity = { ...user, roles };
    const by = { actor: { id: user.id, login: user.login }, staff };
    const today = chinaDate(deps.clock.now());
    // Prefer different kinds for the two examples, and leave the rest open.
    const first = cases[0]!;
    const second = cases.find((c) => c.kind !== first.kind) ?? cases[1]!;
    await recordCaseAction(deps, by, first.id, { action: 'rectification_ordered', actedOn: today, dueOn: addCalendarDays(today, 14), note: '请于期限内整改并报送整改情况' });
    await recordCaseAction(deps, by, first.id, { action: 'rectified', actedOn: today, note: '已完成整改，报送了整改报告' });
    await recordCaseAction(deps, by, second.id, { action: 'criticised', actedOn: today, note: '在全市政务公开工作通报中予以通报批评' });
  }
  const { n } = await deps.db.selectFrom('accountabilityCase').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}
