/**
 * What the workbench lists of 便民服务 for the agencies in a user's scope: items with their last
 * list change, and 双公示 decisions with their publication delay. Reads only.
 */
import type { WorkingDayCalendar } from '../platform/calendar/model.js';
import type { Executor } from '../platform/db/database.js';
import type { ChangeKind } from './model.js';
import { publicationDelayDays, publicResult, RESULT_PUBLICATION_DAYS } from './service.js';

/** Items of the agencies (null = all), by agency then code, each with its latest list change. */
export async function staffItems(db: Executor, agencyIds: readonly number[] | null) {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db.selectFrom('serviceItem as i').innerJoin('agency as a', 'a.id', 'i.agencyId').select(['i.id', 'i.code', 'i.name', 'i.type', 'i.onList', 'a.name as agencyName']);
  if (agencyIds !== null) q = q.where('i.agencyId', 'in', [...agencyIds]);
  const items = await q.orderBy('a.code').orderBy('i.code').execute();
  const last = new Map<number, { kind: ChangeKind; on: string }>();
  for (let i = 0; i < items.length; i += 500) {
    const ids = items.slice(i, i + 500).map((x) => x.id);
    const changes = await db.selectFrom('serviceItemChange').select(['itemId', 'kind', 'onDate']).where('itemId', 'in', ids).orderBy('onDate').orderBy('id').execute();
    for (const c of changes) last.set(c.itemId, { kind: c.kind as ChangeKind, on: c.onDate });
  }
  return items.map((x) => ({ code: x.code, name: x.name, type: x.type, agencyName: x.agencyName, onList: x.onList === 1, lastChange: last.get(x.id) ?? null }));
}

/** 双公示 decisions of the agencies (null = all), newest first, as the public sees them plus the delay. */
export async function staffResults(db: Executor, cal: WorkingDayCalendar, agencyIds: readonly number[] | null, limit = 200) {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db.selectFrom('resultDecision as r').innerJoin('agency as a', 'a.id', 'r.agencyId').selectAll('r').select('a.name as agencyName');
  if (agencyIds !== null) q = q.where('r.agencyId', 'in', [...agencyIds]);
  const rows = await q.orderBy('r.decidedOn', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  return rows.map((r) => {
    const workingDays = publicationDelayDays(cal, r);
    return { ...publicResult(r), workingDays, late: workingDays > RESULT_PUBLICATION_DAYS };
  });
}
