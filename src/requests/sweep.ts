/**
 * The periodic pass over open requests (run by `gongkai serve` every hour and by
 * `gongkai requests sweep`): ends requests whose 补正 or fee deadline passed (条例 第三十条;
 * 国办函〔2020〕109号), records reminders 5 and 1 working days before the due date, and flags
 * overdue ones for escalation. Idempotent: running it twice a day changes nothing the second time.
 */
import { onScheduleEntered } from '../platform/calendar/service.js';
import { chinaDate } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import { correctionOverdue, feeOverdue, workingDaysLeft } from './clock.js';
import { clockEventsOf, readClock, refreshRequest } from './lifecycle.js';
import * as store from './store.js';
import { closeAsAbandoned } from './workflow.js';
import { SYSTEM } from './workflow-support.js';

/** Reminder kinds and the working days left at which they are raised. */
export const REMINDERS = [
  { kind: 'due-5', daysLeft: 5 },
  { kind: 'due-1', daysLeft: 1 },
] as const;

export interface SweepResult {
  readonly checked: number;
  readonly abandoned: number;
  readonly reminders: number;
  readonly overdue: number;
}

export async function sweepRequests(deps: ServiceDeps): Promise<SweepResult> {
  const today = chinaDate(deps.clock.now());
  let abandoned = 0;
  let reminders = 0;
  let overdue = 0;
  const open = await store.openRequests(deps.db);
  for (const row of open) {
    await deps.db.transaction().execute(async (tx) => {
      // Re-read inside the transaction: an officer may have acted since the list was taken.
      const request = await store.findRequest(tx, row.id);
      if (!request || request.state === 'closed') return;
      const { clock, events, calendar } = await readClock(tx, request);
      if (correctionOverdue(clock, today)) {
        await closeAsAbandoned(tx, deps, SYSTEM, request, 'other.correction-overdue');
        abandoned++;
        return;
      }
      if (feeOverdue(clockEventsOf(events), today)) {
        await closeAsAbandoned(tx, deps, SYSTEM, request, 'other.fee-unpaid');
        abandoned++;
        return;
      }
      if (!clock.dueDate) return;
      const left = workingDaysLeft(calendar, today, clock.dueDate);
      const at = deps.clock.now().toISOString();
      const add = (kind: string) => store.addReminder(tx, { requestId: request.id, agencyId: request.agencyId, kind, dueOn: clock.dueDate ?? '', at });
      // Late as soon as the due day has passed, even on a weekend (workingDaysLeft is 0 then).
      if (today > clock.dueDate) {
        if (await add('overdue')) overdue++;
        return;
      }
      for (const r of REMINDERS) {
        if (left <= r.daysLeft && (await add(r.kind))) reminders++;
      }
    });
  }
  return { checked: open.length, abandoned, reminders, overdue };
}

/** A newly entered holiday schedule can move provisional due dates: recompute the open ones. */
export async function recomputeOpenRequests(deps: ServiceDeps): Promise<number> {
  const open = await store.openRequests(deps.db);
  for (const row of open) {
    await deps.db.transaction().execute((tx) => refreshRequest(tx, row, deps.clock.now().toISOString()));
  }
  return open.length;
}

onScheduleEntered(async (deps) => {
  await recomputeOpenRequests(deps);
});
