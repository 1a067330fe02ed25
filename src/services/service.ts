/**
 * 便民服务 use cases: items with their guides and list history, the 清理 rounds of a government,
 * and results disclosure (双公示) with natural persons masked on every public answer.
 */
import { findAgencyByCode } from '../agencies/service.js';
import { appendAudit } from '../platform/audit/store.js';
import type { AuditActor } from '../platform/audit/model.js';
import { countWorkingDays, type WorkingDayCalendar } from '../platform/calendar/model.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import type { AgencyRow, ResultDecisionRow, ServiceItemRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { toSimplified } from '../platform/i18n/chinese.js';
import { maskPersonName, maskPublicIdNumber, maskVehiclePlates } from './mask.js';
import { escapeLike, itemQueryTokens, itemSearchColumns, likeEscaped, tokenPattern } from './search.js';
import { resultProblems } from './result-rules.js';
import { BUSINESS_EVENTS, changeSchema, CITIZEN_EVENTS, cleanupRounds, ITEM_TYPES, serviceItemSchema, STAYS_ON_LIST, type ChangeKind, type CleanupRound, type ItemChange, type ServiceItemInput } from './model.js';
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { isIsoDate } from '../platform/calendar/model.js';

export interface By {
  readonly actor: AuditActor;
  readonly ip?: string;
}

const eventsColumn = (events: readonly string[]) => (events.length > 0 ? `|${events.join('|')}|` : '');

async function historyOf(db: Executor, itemId: number): Promise<ItemChange[]> {
  const rows = await db.selectFrom('serviceItemChange').selectAll().where('itemId', '=', itemId).orderBy('onDate').orderBy('id').execute();
  return rows.map((r) => ({ kind: r.kind as ChangeKind, on: r.onDate, reason: r.reason, document: r.document, target: r.target }));
}

/**
 * Creates or updates an item (by code) and records a list change with it: a new item needs its
 * `added` entry; later saves record what changed. Whether the item is on the list follows from
 * its latest change, never set by hand.
 */
export async function saveItem(deps: ServiceDeps, by: By, raw: unknown, rawChange: unknown): Promise<ServiceItemRow> {
  const input = parseInput(serviceItemSchema, raw);
  const change = parseInput(changeSchema, rawChange);
  return deps.db.transaction().execute((tx) => saveItemIn(tx, deps.clock.now(), by, input, change));
}

/** saveItem inside the caller's transaction, for input already checked (the import saves many in one). */
export async function saveItemIn(tx: Executor, now: Date, by: By, input: ServiceItemInput, change: ItemChange): Promise<ServiceItemRow> {
  const agency = await findAgencyByCode(tx, input.agency);
  if (!agency) throw errors.validation([`agency: 机构“${input.agency}”不存在 / unknown agency`]);
  const existing = await tx.selectFrom('serviceItem').selectAll().where('code', '=', input.code).executeTakeFirst();
  if (!existing && change.kind !== 'added') throw errors.validation(['kind: 新事项的第一条记录应为“新增” / a new item starts with an “added” change']);
  const at = now.toISOString();
  const columns = {
    agencyId: agency.id,
    name: input.name,
    type: input.type,
    guide: JSON.stringify(input),
    events: eventsColumn(input.events),
    visits: input.visits,
    promisedDays: input.promisedDays,
    ...itemSearchColumns(input, agency.name),
    updatedAt: at,
  };
  const row = existing
    ? await tx.updateTable('serviceItem').set(columns).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
    : await tx.insertInto('serviceItem').values({ ...columns, code: input.code, createdAt: at }).returningAll().executeTakeFirstOrThrow();
  await tx
    .insertInto('serviceItemChange')
    .values({ itemId: row.id, kind: change.kind, onDate: change.on, reason: change.reason, document: change.document, target: change.target, createdBy: by.actor.login, createdAt: at })
    .execute();
  const last = (await historyOf(tx, row.id)).at(-1);
  const updated = await tx.updateTable('serviceItem').set({ onList: last && STAYS_ON_LIST.has(last.kind) ? 1 : 0 }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  await appendAudit(tx, now, {
    actor: by.actor,
    agencyId: agency.id,
    action: `service-item.${change.kind}`,
    objectType: 'service_item',
    objectId: input.code,
    summary: `${input.name}：${change.reason}`,
    after: { code: input.code, name: input.name, change },
    ...(by.ip ? { ip: by.ip } : {}),
  });
  return updated;
}

export interface ItemView {
  readonly row: ServiceItemRow;
  readonly guide: ServiceItemInput;
  readonly agency: AgencyRow;
  readonly history: readonly ItemChange[];
}

export async function getItem(db: Executor, code: string): Promise<ItemView> {
  const row = await db.selectFrom('serviceItem').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw errors.notFound('办事事项');
  const agency = await db.selectFrom('agency').selectAll().where('id', '=', row.agencyId).executeTakeFirstOrThrow();
  return { row, guide: serviceItemSchema.parse(JSON.parse(row.guide)), agency, history: await historyOf(db, row.id) };
}

const blankOr = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.union([z.literal(''), z.enum(values, { message })]).default('');

export const itemQuerySchema = z.object({
  agency: z.string().trim().max(60).default(''),
  event: blankOr([...CITIZEN_EVENTS, ...BUSINESS_EVENTS], '未知的主题 / unknown life event'),
  type: blankOr(ITEM_TYPES, '未知的事项类型 / unknown item type'),
  q: z.string().trim().max(100).default(''),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ItemQuery = z.infer<typeof itemQuerySchema>;

/**
 * Items on the list, filtered by agency (with its lower levels), life event, type or words. Words
 * are analysed like the site search's (繁體 folds to 简体): every token must be among the item's
 * (name, agency, type, events, materials, conditions); items whose name has them all come first.
 */
export async function listItems(db: Executor, q: ItemQuery): Promise<{ total: number; items: (ServiceItemRow & { agencyName: string; agencyCode: string })[] }> {
  let query = db.selectFrom('serviceItem as i').innerJoin('agency as a', 'a.id', 'i.agencyId').where('i.onList', '=', 1);
  if (q.agency) {
    const agency = await findAgencyByCode(db, q.agency);
    if (!agency) throw errors.notFound('机构');
    // The agency and its own departments, as the 清理 page counts; lower governments list their own.
    query = query.where((eb) => eb.or([eb('a.id', '=', agency.id), eb.and([eb('a.parentId', '=', agency.id), eb('a.kind', '=', 'department')])]));
  }
  if (q.event) query = query.where('i.events', 'like', `%|${q.event.replace(/[%_|]/g, '')}|%`);
  if (q.type) query = query.where('i.type', '=', q.type);
  const tokens = q.q ? itemQueryTokens(q.q) : null;
  // A part of a name that is no token (婚, 资) still finds the name, as before the analysis.
  const namePart = `%${escapeLike(toSimplified(q.q))}%`;
  if (q.q) {
    query = query.where((eb) => {
      const has = (t: string) => likeEscaped(eb.ref('i.searchText'), tokenPattern(t));
      const found = likeEscaped(eb.ref('i.name'), namePart);
      if (!tokens) return found;
      return eb.and([eb.or([found, eb.and(tokens.all.map(has))]), ...tokens.none.map((group) => eb.not(eb.and(group.map(has))))]);
    });
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let ordered = query.selectAll('i').select(['a.name as agencyName', 'a.code as agencyCode']);
  if (q.q) {
    ordered = ordered.orderBy((eb) => {
      const inName = likeEscaped(eb.ref('i.name'), namePart);
      const nameHasAll = tokens ? [eb.and(tokens.all.map((t) => likeEscaped(eb.ref('i.nameTokens'), tokenPattern(t))))] : [];
      return eb.case().when(eb.or([inName, ...nameHasAll])).then(0).else(1).end();
    });
  }
  const items = await ordered
    .orderBy('a.code')
    .orderBy('i.code')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, items };
}

/** Every item's agency, type, life events and list state: what the service hall counts (a few thousand rows). */
export async function itemListStates(db: Executor) {
  return db.selectFrom('serviceItem').select(['agencyId', 'type', 'events', 'onList']).execute();
}

/** The 清理 rounds of a government's list: its own items and its departments', from their histories. */
export async function cleanupOf(db: Executor, governmentCode: string): Promise<{ agency: AgencyRow; rounds: CleanupRound[] }> {
  const agency = await findAgencyByCode(db, governmentCode);
  if (!agency || agency.kind !== 'government') throw errors.notFound('人民政府');
  const rows = await db
    .selectFrom('serviceItem as i')
    .innerJoin('agency as a', 'a.id', 'i.agencyId')
    .select(['i.id', 'i.code', 'i.name'])
    .where((eb) => eb.or([eb('a.id', '=', agency.id), eb.and([eb('a.parentId', '=', agency.id), eb('a.kind', '=', 'department')])]))
    .execute();
  const changes = rows.length
    ? await db.selectFrom('serviceItemChange').selectAll().where('itemId', 'in', rows.map((r) => r.id)).orderBy('onDate').orderBy('id').execute()
    : [];
  const items = rows.map((r) => ({
    code: r.code,
    name: r.name,
    history: changes.filter((c) => c.itemId === r.id).map((c) => ({ kind: c.kind as ChangeKind, on: c.onDate, reason: c.reason, document: c.document, target: c.target })),
  }));
  return { agency, rounds: cleanupRounds(items) };
}

// ---------------------------------------------------------------- 双公示

export const resultSchema = z.object({
  kind: z.enum(['许可', '处罚']),
  agency: z.string().trim().min(1),
  decisionNumber: z.string().trim().min(1).max(100),
  subjectType: z.enum(['natural', 'legal']),
  subjectName: z.string().trim().min(1).max(200),
  subjectId: z.string().trim().max(40).default(''),
  legalBasis: z.string().trim().min(1).max(4000),
  content: z.string().trim().min(1).max(4000),
  decidedOn: z.string().refine(isIsoDate),
  publishedOn: z.string().refine(isIsoDate),
  publicUntil: z.string().refine(isIsoDate).nullable().default(null),
});

export async function addResult(deps: ServiceDeps, by: By, raw: unknown): Promise<ResultDecisionRow> {
  const input = parseInput(resultSchema, raw);
  const problems = resultProblems(input);
  if (problems.length > 0) throw errors.validation(problems);
  return deps.db.transaction().execute(async (tx) => {
    const agency = await findAgencyByCode(tx, input.agency);
    if (!agency) throw errors.validation([`agency: 机构“${input.agency}”不存在 / unknown agency`]);
    const { agency: _code, ...fields } = input;
    const row = await tx
      .insertInto('resultDecision')
      .values({ ...fields, agencyId: agency.id, createdBy: by.actor.login, createdAt: deps.clock.now().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: agency.id,
      action: 'result.publish',
      objectType: 'result_decision',
      objectId: input.decisionNumber,
      summary: `公示行政${input.kind}决定 ${input.decisionNumber}`,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}

/** What the public sees of a decision: a natural person's name and ID masked, never in full. */
export function publicResult(r: ResultDecisionRow & { agencyName: string }) {
  const natural = r.subjectType === 'natural';
  // The decision text names the person too (当事人张晓明…): every mention is masked the same way.
  const hide = (text: string) => {
    if (!natural) return text;
    let out = r.subjectName ? text.split(r.subjectName).join(maskPersonName(r.subjectName)) : text;
    if (r.subjectId) out = out.split(r.subjectId).join(maskPublicIdNumber(r.subjectId));
    return maskVehiclePlates(out);
  };
  return {
    id: r.id,
    kind: r.kind,
    subjectType: r.subjectType,
    agency: r.agencyName,
    decisionNumber: r.decisionNumber,
    subject: natural ? maskPersonName(r.subjectName) : r.subjectName,
    subjectId: natural ? (r.subjectId ? maskPublicIdNumber(r.subjectId) : '') : r.subjectId,
    legalBasis: hide(r.legalBasis),
    content: hide(r.content),
    decidedOn: r.decidedOn,
    publishedOn: r.publishedOn,
    publicUntil: r.publicUntil,
  };
}

/** Decisions on public view today: penalties leave the list after their publicity period. */
export async function listPublicResults(
  db: Executor,
  q: { kind?: string | undefined; q?: string | undefined; agencyIds?: readonly number[] | undefined; year?: number | undefined; today: string; page: number; pageSize: number },
) {
  let query = onPublicView(db, q.today);
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.agencyIds) query = q.agencyIds.length > 0 ? query.where('r.agencyId', 'in', [...q.agencyIds]) : query.where(sql<SqlBool>`1 = 0`);
  if (q.year) query = query.where('r.decidedOn', '>=', `${q.year}-01-01`).where('r.decidedOn', '<=', `${q.year}-12-31`);
  // Searching by a natural person's name would reveal it: only organisations and numbers are matched.
  if (q.q) {
    const like = `%${q.q.replace(/[%_]/g, '')}%`;
    query = query.where((eb) => eb.or([eb('r.decisionNumber', 'like', like), eb.and([eb('r.subjectType', '=', 'legal'), eb('r.subjectName', 'like', like)])]));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query.selectAll('r').select('a.name as agencyName').orderBy('r.decidedOn', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, items: rows.map(publicResult) };
}

/** Decisions the public may see today: published, and (penalties) within their publicity period. */
function onPublicView(db: Executor, today: string) {
  return db
    .selectFrom('resultDecision as r')
    .innerJoin('agency as a', 'a.id', 'r.agencyId')
    .where((eb) => eb.or([eb('r.publicUntil', 'is', null), eb('r.publicUntil', '>=', today)]))
    .where('r.publishedOn', '<=', today);
}

/** The agencies and years that have decisions on public view: the choices of the /results filters. */
export async function resultFilterChoices(db: Executor, today: string) {
  const agencies = await onPublicView(db, today).select(['a.code', 'a.name']).distinct().orderBy('a.code').execute();
  const years = await onPublicView(db, today).select('r.decidedOn').execute();
  return { agencies, years: [...new Set(years.map((y) => Number(y.decidedOn.slice(0, 4))))].sort((a, b) => b - a) };
}
export type ResultFilterChoices = Awaited<ReturnType<typeof resultFilterChoices>>;

/** 7 working days from decision to publication (双公示); later ones are flagged for the agency. */
export const RESULT_PUBLICATION_DAYS = 7;
export function publicationDelayDays(cal: WorkingDayCalendar, r: Pick<ResultDecisionRow, 'decidedOn' | 'publishedOn'>): number {
  return countWorkingDays(cal, r.decidedOn, r.publishedOn).days;
}

/** Decisions of the agencies (null = all) since a date that were published later than the rule allows. */
export async function lateResults(db: Executor, cal: WorkingDayCalendar, agencyIds: readonly number[] | null, since: string) {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = db.selectFrom('resultDecision as r').innerJoin('agency as a', 'a.id', 'r.agencyId').where('r.decidedOn', '>=', since);
  if (agencyIds !== null) q = q.where('r.agencyId', 'in', [...agencyIds]);
  const rows = await q.select(['r.decisionNumber', 'r.kind', 'r.decidedOn', 'r.publishedOn', 'a.name as agencyName']).orderBy('r.decidedOn').execute();
  return rows
    .map((r) => ({ ...r, workingDays: publicationDelayDays(cal, r) }))
    .filter((r) => r.workingDays > RESULT_PUBLICATION_DAYS);
}
