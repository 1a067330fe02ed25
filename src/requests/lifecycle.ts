/**
 * The bridge between stored events and the pure clock: a request's state, due date and
 * timeliness are always derived from its dated events (never edited by hand), and stored on the
 * request row only so lists can sort and filter by them.
 */
import { loadCalendar } from '../platform/calendar/service.js';
import type { WorkingDayCalendar } from '../platform/calendar/model.js';
import type { Executor } from '../platform/db/database.js';
import type { RequestEventRow, RequestRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { getSetting, putSetting } from '../platform/settings/store.js';
import { computeClock, DEFAULT_CLOCK_OPTIONS, type ClockEvent, type ClockOptions, type ClockResult } from './clock.js';
import type { RequestState } from './model.js';
import * as store from './store.js';

/** Settings the reference leaves open (regulations.md §6: UNCONFIRMED), kept in app settings. */
export interface RequestSettings {
  /** Whether the time from a fee notice to payment is left out of the reply period. */
  readonly feeNoticePausesClock: boolean;
  /** Working days the applicant has to pay a fee notice. */
  readonly feePaymentWorkingDays: number;
  /** Working days offered by default to answer a 补正 notice ("合理的补正期限", 第三十条). */
  readonly correctionWorkingDays: number;
}

export const REQUEST_SETTING_KEYS = {
  feeNoticePausesClock: 'requests.fee_notice_pauses_clock',
  feePaymentWorkingDays: 'requests.fee_payment_working_days',
  correctionWorkingDays: 'requests.correction_working_days',
} as const;

export async function requestSettings(db: Executor): Promise<RequestSettings> {
  const int = async (key: string, fallback: number) => {
    const n = Number(await getSetting(db, key));
    return Number.isInteger(n) && n > 0 && n <= 60 ? n : fallback;
  };
  return {
    feeNoticePausesClock: (await getSetting(db, REQUEST_SETTING_KEYS.feeNoticePausesClock)) !== '0',
    feePaymentWorkingDays: await int(REQUEST_SETTING_KEYS.feePaymentWorkingDays, 20),
    correctionWorkingDays: await int(REQUEST_SETTING_KEYS.correctionWorkingDays, 15),
  };
}

export function clockOptions(settings: RequestSettings): ClockOptions {
  return { ...DEFAULT_CLOCK_OPTIONS, feeNoticePausesClock: settings.feeNoticePausesClock };
}

type EventData = Record<string, unknown>;
export function eventData(row: RequestEventRow): EventData {
  try {
    const parsed: unknown = JSON.parse(row.data);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as EventData) : {};
  } catch {
    return {};
  }
}
const str = (d: EventData, k: string): string => (typeof d[k] === 'string' ? d[k] : '');
const num = (d: EventData, k: string): number => (typeof d[k] === 'number' ? d[k] : 0);

/** The clock's view of the stored events; internal notes, letters and proposals do not count. */
export function clockEventsOf(rows: readonly RequestEventRow[]): ClockEvent[] {
  const out: ClockEvent[] = [];
  for (const row of rows) {
    const d = eventData(row);
    const on = row.onDate;
    switch (row.kind) {
      case 'received':
      case 'correction-received':
      case 'fee-paid':
      case 'closed':
        out.push({ kind: row.kind, on });
        break;
      case 'correction-requested':
        out.push({ kind: 'correction-requested', on, respondBy: str(d, 'respondBy') });
        break;
      case 'consultation-started': {
        const deliveredOn = str(d, 'deliveredOn');
        const party = str(d, 'party') === 'agency' ? 'agency' : 'third-party';
        out.push({ kind: 'consultation-started', on, id: str(d, 'id'), party, ...(deliveredOn ? { deliveredOn } : {}) });
        break;
      }
      case 'consultation-ended':
        out.push({ kind: 'consultation-ended', on, id: str(d, 'id') });
        break;
      case 'extended':
        out.push({ kind: 'extended', on, workingDays: num(d, 'workingDays') });
        break;
      case 'fee-notice':
        out.push({ kind: 'fee-notice', on, payBy: str(d, 'payBy') });
        break;
      case 'later-date-set':
        out.push({ kind: 'later-date-set', on, replyBy: str(d, 'replyBy') });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Stored state from the clock and the events: fee and consultation waits are states of their own. */
export function stateOf(clock: ClockResult, events: readonly ClockEvent[]): RequestState {
  if (clock.state === 'closed') return 'closed';
  if (clock.state === 'awaiting-correction') return 'awaiting-correction';
  const lastFee = events.filter((e) => e.kind === 'fee-notice' || e.kind === 'fee-paid').at(-1);
  if (lastFee?.kind === 'fee-notice') return 'awaiting-fee';
  if (clock.state === 'paused') return 'consulting';
  return 'received';
}

export interface RequestClock {
  readonly clock: ClockResult;
  readonly events: readonly RequestEventRow[];
  readonly calendar: WorkingDayCalendar;
  readonly settings: RequestSettings;
}

/** Computes the clock from the stored events (no writes). */
export async function readClock(db: Executor, request: RequestRow): Promise<RequestClock> {
  const [events, calendar, settings] = await Promise.all([store.eventsOf(db, request.id), loadCalendar(db), requestSettings(db)]);
  return { clock: computeClock(calendar, clockEventsOf(events), clockOptions(settings)), events, calendar, settings };
}

/** Recomputes and stores the derived columns after an event; returns the updated row. */
export async function refreshRequest(db: Executor, request: RequestRow, nowIso: string): Promise<{ request: RequestRow } & RequestClock> {
  const read = await readClock(db, request);
  const { clock } = read;
  const updated = await store.updateRequest(db, request.id, {
    state: stateOf(clock, clockEventsOf(read.events)),
    dueOn: clock.dueDate,
    dueProvisional: clock.provisional ? 1 : 0,
    closedOn: clock.closedOn,
    onTime: clock.onTime === null ? null : clock.onTime ? 1 : 0,
    updatedAt: nowIso,
  });
  return { request: updated, ...read };
}

/** Changes the request settings (system admins); the open requests' due dates follow at once. */
export async function saveRequestSettings(db: Executor, raw: { feeNoticePausesClock: boolean; feePaymentWorkingDays: number; correctionWorkingDays: number }): Promise<RequestSettings> {
  const problems: string[] = [];
  for (const key of ['feePaymentWorkingDays', 'correctionWorkingDays'] as const) {
    const n = raw[key];
    if (!Number.isInteger(n) || n < 1 || n > 60) problems.push(`${key}: 应为1到60之间的整数 / a whole number from 1 to 60`);
  }
  if (problems.length > 0) throw errors.validation(problems);
  await putSetting(db, REQUEST_SETTING_KEYS.feeNoticePausesClock, raw.feeNoticePausesClock ? '1' : '0');
  await putSetting(db, REQUEST_SETTING_KEYS.feePaymentWorkingDays, String(raw.feePaymentWorkingDays));
  await putSetting(db, REQUEST_SETTING_KEYS.correctionWorkingDays, String(raw.correctionWorkingDays));
  return requestSettings(db);
}
