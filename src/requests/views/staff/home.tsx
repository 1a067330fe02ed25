/**
 * The 依申请公开 section of the workbench home: open requests in the user's scope, how many are
 * due within 5 working days or overdue, and the reminders the hourly sweep raised. Reminders
 * escalate: officers and admins of the handling agency see due-5/due-1/overdue; overdue ones also
 * reach supervisors of the agencies above (their readable scope).
 */
import type { StaffIdentity } from '../../../platform/auth/model.js';
import { addWorkingDays } from '../../../platform/calendar/model.js';
import { loadCalendar } from '../../../platform/calendar/service.js';
import { chinaDate } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/database.js';
import type { Clock } from '../../../platform/clock.js';
import { readableAgencyIds } from '../../service.js';
import * as store from '../../store.js';

const REMINDER_LABELS: Readonly<Record<string, string>> = {
  'due-5': '5个工作日内到期',
  'due-1': '1个工作日内到期',
  overdue: '已超过答复期限',
};

export interface RequestHomeSummary {
  readonly open: number;
  readonly dueSoon: number;
  readonly overdue: number;
  readonly reminders: readonly { id: number; requestId: number; kind: string; dueOn: string; trackingNumber: string; title: string }[];
}

export async function requestHomeSummary(db: Executor, clock: Clock, staff: StaffIdentity): Promise<RequestHomeSummary> {
  const readable = await readableAgencyIds(db, staff);
  const today = chinaDate(clock.now());
  // "Due within 5 working days": due today up to the 5th working day after today.
  const soonUntil = addWorkingDays(await loadCalendar(db), today, 5).date;
  const { open, dueSoon, overdue } = await store.openCounts(db, readable, today, soonUntil);
  const handles = staff.roles.includes('request_officer') || staff.roles.includes('agency_admin');
  const handling = handles ? await store.activeReminders(db, [staff.agencyId], ['due-5', 'due-1', 'overdue']) : [];
  const escalated = await store.activeReminders(db, readable, ['overdue']);
  const seen = new Set<number>();
  const reminders = [...handling, ...escalated]
    .filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true)))
    .map((m) => ({ id: m.id, requestId: m.requestId, kind: m.kind, dueOn: m.dueOn, trackingNumber: m.trackingNumber, title: m.title }));
  return { open, dueSoon, overdue, reminders };
}

export function RequestHomeSection({ summary, canRegister }: { summary: RequestHomeSummary; canRegister: boolean }) {
  const { reminders } = summary;
  return (
    <section aria-labelledby="rqs-home" class="rqs-home">
      <h2 id="rqs-home">依申请公开</h2>
      <p>
        <a href="/staff/requests?status=open">办理中 {summary.open} 件</a> · 5个工作日内到期 {summary.dueSoon} 件 ·{' '}
        {summary.overdue > 0 ? <strong class="rqs-overdue">已超期 {summary.overdue} 件</strong> : '已超期 0 件'}
        {canRegister ? (
          <>
            {' '}
            · <a href="/staff/requests/new">登记申请</a>
          </>
        ) : null}
      </p>
      {reminders.length > 0 ? (
        <div class="notice warn">
          <p>
            <strong>期限提醒 {reminders.length} 条：</strong>
          </p>
          <ul>
            {reminders.slice(0, 20).map((m) => (
              <li class={m.kind === 'overdue' ? 'rqs-overdue' : undefined}>
                {REMINDER_LABELS[m.kind] ?? m.kind}：<a href={`/staff/requests/${m.requestId}`}>{m.trackingNumber}</a> {m.title}（答复期限 {m.dueOn}）
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>没有期限提醒。</p>
      )}
    </section>
  );
}
