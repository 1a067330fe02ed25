/**
 * Database access for 工作考核: the rows of one year that the indicators count, for a set of
 * agencies (null = every agency), in one query per table whatever the number of agencies. The
 * rules that judge the rows are indicators.ts; nothing here decides "on time".
 */
import type { Executor } from '../../platform/db/database.js';
import { chinaDate } from '../../platform/clock.js';
import type { Period } from './model.js';
import type { YearFacts } from './indicators.js';

/** The UTC instants bounding a period of Beijing days (timestamps are stored in UTC). */
const utcBounds = (p: Period) => ({ from: new Date(`${p.from}T00:00:00+08:00`).toISOString(), to: new Date(`${p.to}T23:59:59.999+08:00`).toISOString() });

const num = (v: unknown): number => Number(v);

export async function yearFacts(db: Executor, p: Period, agencyIds: readonly number[] | null): Promise<YearFacts> {
  if (agencyIds !== null && agencyIds.length === 0) {
    return { records: [], interpretations: [], requests: [], runs: [], messages: [], ratings: [], decisions: [], itemChanges: [], openCases: [], consultations: [] };
  }
  const ids = agencyIds === null ? null : [...agencyIds];

  // 主动公开 records first published in the period (published or since withdrawn: both were public).
  let records = db
    .selectFrom('record')
    .select(['id', 'agencyId', 'title', 'formedOn', 'publishedOn', 'needsInterpretation'])
    .where('mode', '=', '主动公开')
    .where('status', 'in', ['published', 'withdrawn'])
    .where('publishedOn', '>=', p.from)
    .where('publishedOn', '<=', p.to);
  if (ids) records = records.where('agencyId', 'in', ids);

  // The published interpretations of those of them that need one.
  let policies = db
    .selectFrom('record')
    .select('id')
    .where('needsInterpretation', '=', 1)
    .where('mode', '=', '主动公开')
    .where('status', 'in', ['published', 'withdrawn'])
    .where('publishedOn', '>=', p.from)
    .where('publishedOn', '<=', p.to);
  if (ids) policies = policies.where('agencyId', 'in', ids);
  const interpretations = db
    .selectFrom('record')
    .select(['id', 'interpretsId', 'title', 'publishedOn'])
    .where('status', '=', 'published')
    .where('publishedOn', 'is not', null)
    .where('interpretsId', 'in', policies);

  // Requests decided in the period, and those still open with a due date before its end.
  let requests = db
    .selectFrom('request')
    .select(['id', 'agencyId', 'trackingNumber', 'title', 'receivedOn', 'state', 'dueOn', 'closedOn', 'outcome'])
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'closed'), eb('closedOn', '>=', p.from), eb('closedOn', '<=', p.to)]),
        eb.and([eb('state', '!=', 'closed'), eb('dueOn', 'is not', null), eb('dueOn', '<', p.to)]),
      ]),
    );
  if (ids) requests = requests.where('agencyId', 'in', ids);

  const b = utcBounds(p);
  let runs = db
    .selectFrom('inspectionRun as r')
    .innerJoin('inspectionSite as s', 's.id', 'r.siteId')
    .select(['r.id', 'r.siteId', 's.name as siteName', 's.agencyId', 'r.finishedAt', 'r.score'])
    .where('r.status', '=', 'done')
    .where('r.finishedAt', '>=', b.from)
    .where('r.finishedAt', '<=', b.to);
  if (ids) runs = runs.where('s.agencyId', 'in', ids);

  let messages = db
    .selectFrom('message')
    .select(['id', 'agencyId', 'trackingNumber', 'subject', 'status', 'receivedOn', 'dueOn', 'answeredOn'])
    .where('status', '!=', 'rejected')
    .where('dueOn', '>=', p.from)
    .where('dueOn', '<=', p.to);
  if (ids) messages = messages.where('agencyId', 'in', ids);

  let ratings = db.selectFrom('rating').select(['id', 'agencyId', 'objectType', 'objectId', 'score', 'createdOn']).where('createdOn', '>=', p.from).where('createdOn', '<=', p.to);
  if (ids) ratings = ratings.where('agencyId', 'in', ids);

  let decisions = db.selectFrom('resultDecision').select(['id', 'agencyId', 'kind', 'decisionNumber', 'decidedOn', 'publishedOn']).where('decidedOn', '>=', p.from).where('decidedOn', '<=', p.to);
  if (ids) decisions = decisions.where('agencyId', 'in', ids);

  // Service-item list changes that took effect (or were decided) in the period; the agency is the item's.
  let itemChanges = db
    .selectFrom('serviceItemChange as c')
    .innerJoin('serviceItem as i', 'i.id', 'c.itemId')
    .select(['c.id', 'i.agencyId', 'i.code as itemCode', 'i.name as itemName', 'c.kind', 'c.onDate', 'c.createdAt'])
    .where('c.onDate', '>=', p.from)
    .where('c.onDate', '<=', p.to);
  if (ids) itemChanges = itemChanges.where('i.agencyId', 'in', ids);

  let cases = db.selectFrom('accountabilityCase').select('agencyId').where('status', '=', 'open');
  if (ids) cases = cases.where('agencyId', 'in', ids);

  let consultations = db.selectFrom('consultation').select(['agencyId', 'opensOn']).where('status', '=', 'published').where('opensOn', '>=', p.from).where('opensOn', '<=', p.to);
  if (ids) consultations = consultations.where('agencyId', 'in', ids);

  const [rRows, iRows, qRows, runRows, mRows, raRows, dRows, chRows, cRows, coRows] = await Promise.all([
    records.execute(),
    interpretations.execute(),
    requests.execute(),
    runs.execute(),
    messages.execute(),
    ratings.execute(),
    decisions.execute(),
    itemChanges.execute(),
    cases.execute(),
    consultations.execute(),
  ]);
  return {
    records: rRows.map((r) => ({ id: num(r.id), agencyId: num(r.agencyId), title: r.title, formedOn: r.formedOn, publishedOn: r.publishedOn ?? r.formedOn, needsInterpretation: num(r.needsInterpretation) })),
    interpretations: iRows.map((r) => ({ id: num(r.id), interpretsId: num(r.interpretsId), title: r.title, publishedOn: r.publishedOn ?? '' })),
    requests: qRows.map((r) => ({ ...r, id: num(r.id), agencyId: num(r.agencyId) })),
    runs: runRows.map((r) => ({
      id: num(r.id),
      siteId: num(r.siteId),
      siteName: r.siteName,
      agencyId: num(r.agencyId),
      finishedAt: r.finishedAt ?? '',
      finishedOn: chinaDate(new Date(r.finishedAt ?? 0)),
      score: r.score === null ? null : Number(r.score),
    })),
    messages: mRows.map((r) => ({ ...r, id: num(r.id), agencyId: num(r.agencyId) })),
    ratings: raRows.map((r) => ({ ...r, id: num(r.id), agencyId: num(r.agencyId), objectId: num(r.objectId), score: num(r.score) })),
    decisions: dRows.map((r) => ({ ...r, id: num(r.id), agencyId: num(r.agencyId) })),
    itemChanges: chRows.map((r) => ({ id: num(r.id), agencyId: num(r.agencyId), itemCode: r.itemCode, itemName: r.itemName, kind: r.kind, onDate: r.onDate, recordedOn: chinaDate(new Date(r.createdAt)) })),
    openCases: cRows.map((r) => ({ agencyId: num(r.agencyId) })),
    consultations: coRows.map((r) => ({ agencyId: num(r.agencyId), opensOn: r.opensOn })),
  };
}

export interface AgencyBrief {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parentId: number | null;
}

/** The agencies (null = all), in code order. */
export async function agencies(db: Executor, ids: readonly number[] | null): Promise<AgencyBrief[]> {
  if (ids !== null && ids.length === 0) return [];
  let q = db.selectFrom('agency').select(['id', 'code', 'name', 'kind', 'parentId']).orderBy('code');
  if (ids !== null) q = q.where('id', 'in', [...ids]);
  return (await q.execute()).map((a) => ({ ...a, id: num(a.id), parentId: a.parentId === null ? null : num(a.parentId) }));
}

export async function agencyByCode(db: Executor, code: string): Promise<AgencyBrief | undefined> {
  const a = await db.selectFrom('agency').select(['id', 'code', 'name', 'kind', 'parentId']).where('code', '=', code).executeTakeFirst();
  return a ? { ...a, id: num(a.id), parentId: a.parentId === null ? null : num(a.parentId) } : undefined;
}
