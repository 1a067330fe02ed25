/**
 * 工作考核 use cases: the ranking of the agencies in a user's scope, one agency with its monthly
 * trend, the items behind a figure, the public summary, and the settings (weights and the
 * interpretation lag) — the only write, audited in its own transaction.
 */
import { appendAudit } from '../../platform/audit/store.js';
import type { AuditActor } from '../../platform/audit/model.js';
import { inScope, type StaffIdentity } from '../../platform/auth/model.js';
import { loadCalendar } from '../../platform/calendar/service.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { ancestryIds, subtreeIds } from '../../platform/hierarchy.js';
import { saveSupervisionSettings, supervisionSettings, type SupervisionSettings } from '../settings.js';
import { countsByAgency, countsFor, itemsOf, type Item, type YearFacts } from './indicators.js';
import { monthPeriod, rank, rollUp, weightedScore, yearPeriod, type AgencyCounts, type IndicatorKey, type Period, type Scored, type Weights } from './model.js';
import * as store from './store.js';

export interface Assessed {
  readonly agency: store.AgencyBrief;
  readonly counts: AgencyCounts;
  readonly scored: Scored;
}
export type Ranked = Assessed & { readonly name: string; readonly score: number | null; readonly rank: number | null };

export interface Assessment {
  readonly year: number;
  readonly today: string;
  readonly weights: Weights;
  /** own figures of every agency in scope, ranked */
  readonly ranking: readonly Ranked[];
}

/** The years a page may ask for: from 2008 (条例 in force) to the current one. */
export function yearOf(raw: unknown, today: string): number {
  const current = Number(today.slice(0, 4));
  if (raw === undefined || raw === '') return current;
  const y = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(y) || y < 2008 || y > current) throw errors.badRequest(`年份应为2008至${current}之间 / year must be 2008–${current}`, 'bad year');
  return y;
}

/** Agencies the user reads: their own and those below; a system admin all (null). */
export async function scopeOf(deps: ServiceDeps, staff: StaffIdentity): Promise<number[] | null> {
  return staff.roles.includes('system_admin') ? null : subtreeIds(deps.db, staff.agencyId);
}

async function assertInScope(deps: ServiceDeps, staff: StaffIdentity, agencyId: number): Promise<void> {
  if (!inScope(staff, await ancestryIds(deps.db, agencyId))) throw errors.forbidden();
}

interface Loaded {
  readonly today: string;
  readonly weights: Weights;
  readonly facts: YearFacts;
  readonly items: (p: Period) => Item[];
}

async function load(deps: ServiceDeps, year: number, ids: readonly number[] | null): Promise<Loaded> {
  const today = chinaDate(deps.clock.now());
  const [settings, cal, facts] = await Promise.all([supervisionSettings(deps.db), loadCalendar(deps.db), store.yearFacts(deps.db, yearPeriod(year), ids)]);
  return { today, weights: settings.assessmentWeights, facts, items: (p) => itemsOf(cal, p, today, settings, facts) };
}

function assessAll(list: readonly store.AgencyBrief[], byAgency: Map<number, AgencyCounts>, weights: Weights): Ranked[] {
  return rank(
    list.map((agency) => {
      const counts = countsFor(byAgency, agency.id);
      const scored = weightedScore(counts, weights);
      return { agency, counts, scored, name: agency.name, score: scored.score };
    }),
  );
}

/** The ids of the agency and every agency below it among `list`. */
function subtreeWithin(list: readonly store.AgencyBrief[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const a of list) if (a.parentId === out[i]) out.push(a.id);
  return out;
}

/** A government's roll-up: the sums over it and every agency below it, scored from the sums. */
function rolledUp(list: readonly store.AgencyBrief[], byAgency: Map<number, AgencyCounts>, rootId: number, weights: Weights): { counts: AgencyCounts; scored: Scored; agencies: number } {
  const ids = subtreeWithin(list, rootId);
  const counts = rollUp(ids.map((id) => countsFor(byAgency, id)));
  return { counts, scored: weightedScore(counts, weights), agencies: ids.length };
}

export type RollUp = ReturnType<typeof rolledUp>;

export interface Dashboard extends Assessment {
  readonly selected: store.AgencyBrief | null;
  readonly rollup: RollUp | null;
}

/** The ranking of the agencies in the user's scope, and the roll-up of the chosen (or own) government. */
export async function dashboard(deps: ServiceDeps, staff: StaffIdentity, year: number, agencyCode: string | undefined): Promise<Dashboard> {
  const ids = await scopeOf(deps, staff);
  const list = await store.agencies(deps.db, ids);
  const l = await load(deps, year, ids);
  const p = yearPeriod(year);
  const byAgency = countsByAgency(l.items(p), p, l.facts);
  let selected: store.AgencyBrief | null = null;
  if (agencyCode) {
    selected = (await store.agencyByCode(deps.db, agencyCode)) ?? null;
    if (!selected) throw errors.notFound('机构');
    await assertInScope(deps, staff, selected.id);
  } else {
    selected = list.find((a) => a.id === staff.agencyId) ?? list.find((a) => a.parentId === null) ?? null;
  }
  const rollup = selected && selected.kind === 'government' ? rolledUp(list, byAgency, selected.id, l.weights) : null;
  return { year, today: l.today, weights: l.weights, ranking: assessAll(list, byAgency, l.weights), selected, rollup };
}

export interface MonthFigures {
  readonly month: number;
  readonly counts: AgencyCounts;
  readonly scored: Scored;
}

export interface AgencyReport {
  readonly year: number;
  readonly agency: store.AgencyBrief;
  readonly weights: Weights;
  readonly own: Assessed;
  readonly rollup: RollUp | null;
  readonly months: readonly MonthFigures[];
}

async function agencyInScope(deps: ServiceDeps, staff: StaffIdentity, code: string): Promise<store.AgencyBrief> {
  const agency = await store.agencyByCode(deps.db, code);
  if (!agency) throw errors.notFound('机构');
  await assertInScope(deps, staff, agency.id);
  return agency;
}

/** One agency: its own figures, its roll-up if it is a government, and each month of the year. */
export async function agencyReport(deps: ServiceDeps, staff: StaffIdentity, code: string, year: number): Promise<AgencyReport> {
  const agency = await agencyInScope(deps, staff, code);
  const ids = await subtreeIds(deps.db, agency.id);
  const list = await store.agencies(deps.db, ids);
  const l = await load(deps, year, ids);
  const p = yearPeriod(year);
  const byAgency = countsByAgency(l.items(p), p, l.facts);
  const own = countsFor(byAgency, agency.id);
  const months = Array.from({ length: 12 }, (_, i) => {
    const mp = monthPeriod(year, i + 1);
    const counts = countsFor(countsByAgency(l.items(mp).filter((it) => it.agencyId === agency.id), mp, l.facts), agency.id);
    return { month: i + 1, counts, scored: weightedScore(counts, l.weights) };
  });
  return {
    year,
    agency,
    weights: l.weights,
    own: { agency, counts: own, scored: weightedScore(own, l.weights) },
    rollup: agency.kind === 'government' ? rolledUp(list, byAgency, agency.id, l.weights) : null,
    months,
  };
}

export interface Drill {
  readonly agency: store.AgencyBrief;
  readonly indicator: IndicatorKey;
  readonly year: number;
  readonly month: number | null;
  readonly subtree: boolean;
  readonly items: readonly (Item & { agencyName: string })[];
}

/** The items behind one figure: an indicator of an agency (or its whole subtree) in a year or a month. */
export async function drill(deps: ServiceDeps, staff: StaffIdentity, q: { code: string; indicator: IndicatorKey; year: number; month: number | null; subtree: boolean }): Promise<Drill> {
  const agency = await agencyInScope(deps, staff, q.code);
  const ids = q.subtree ? await subtreeIds(deps.db, agency.id) : [agency.id];
  const list = await store.agencies(deps.db, ids);
  const names = new Map(list.map((a) => [a.id, a.name]));
  const l = await load(deps, q.year, ids);
  const p = q.month === null ? yearPeriod(q.year) : monthPeriod(q.year, q.month);
  const items = l
    .items(p)
    .filter((i) => i.indicator === q.indicator && names.has(i.agencyId))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.objectId - b.objectId))
    .map((i) => ({ ...i, agencyName: names.get(i.agencyId) ?? '' }));
  return { agency, indicator: q.indicator, year: q.year, month: q.month, subtree: q.subtree, items };
}

/** The public summary: every agency's own figures and rank. */
export async function publicSummary(deps: ServiceDeps, year: number): Promise<Assessment> {
  const list = await store.agencies(deps.db, null);
  const l = await load(deps, year, null);
  const p = yearPeriod(year);
  const byAgency = countsByAgency(l.items(p), p, l.facts);
  return { year, today: l.today, weights: l.weights, ranking: assessAll(list, byAgency, l.weights) };
}

/** Saves the supervision settings (validated by settings.ts), audited in the same transaction. */
export async function saveSettings(deps: ServiceDeps, by: { actor: AuditActor; ip?: string }, input: unknown): Promise<SupervisionSettings> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await supervisionSettings(tx);
    const after = await saveSupervisionSettings(tx, input);
    await appendAudit(tx, deps.clock.now(), { actor: by.actor, agencyId: null, action: 'supervision.settings', objectType: 'settings', objectId: 'supervision', summary: '修改监督保障设置（含考核权重）', before, after, ip: by.ip });
    return after;
  });
}
