/**
 * Service items in and out of spreadsheets. Import is two steps so that nothing is written from a
 * file with problems: `planItemImport` checks the parsed rows against the database (agencies,
 * existing items, merge targets, the importer's agencies) and decides each row's list change;
 * `applyItemImport` then saves the plan in one transaction. Export writes the import layout.
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { listAgencies } from '../agencies/service.js';
import { csvLine } from '../platform/files/csv.js';
import type { ImportProblem } from '../platform/files/table-import.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { CHANGE_LABELS, serviceItemSchema, STAYS_ON_LIST, type ChangeKind, type ItemChange, type ServiceItemInput } from './model.js';
import { ITEM_COLUMNS, itemCells, type ImportedItem } from './import-file.js';
import { saveItemIn, type By } from './service.js';

export interface PlannedItem {
  readonly line: number;
  readonly item: ServiceItemInput;
  readonly change: ItemChange;
  readonly isNew: boolean;
}

export interface ImportPlan {
  readonly items: readonly PlannedItem[];
  /** rows that match the stored item exactly and record no change: nothing to do */
  readonly unchanged: readonly { line: number; code: string }[];
  readonly problems: readonly ImportProblem[];
}

export interface PlanOptions {
  /** the day a change without a date is recorded on */
  readonly today: string;
  /** agencies the importer may change items of (null = any: the CLI run by the operator) */
  readonly allowedAgencyIds: ReadonlySet<number> | null;
}

const column = (key: string) => ITEM_COLUMNS.find((c) => c.key === key)?.zh ?? key;
const problem = (line: number, key: string, zh: string, en: string): ImportProblem => ({ line, column: column(key), reason: `${zh} / ${en}` });

/** The guide as stored, compared field by field after the schema's defaults (key order does not matter). */
const sameGuide = (a: ServiceItemInput, b: ServiceItemInput) => JSON.stringify(serviceItemSchema.parse(a)) === JSON.stringify(serviceItemSchema.parse(b));

export async function planItemImport(db: Executor, rows: readonly ImportedItem[], options: PlanOptions): Promise<ImportPlan> {
  const agencies = await listAgencies(db);
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const byName = new Map(agencies.map((a) => [a.name, a]));
  const resolveAgency = (text: string): AgencyRow | undefined => byCode.get(text) ?? byName.get(text);
  const codes = rows.map((r) => r.item.code);
  const stored = new Map<string, { agencyId: number; onList: number; guide: ServiceItemInput }>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    for (const s of await db.selectFrom('serviceItem').select(['code', 'agencyId', 'onList', 'guide']).where('code', 'in', chunk).execute()) {
      stored.set(s.code, { agencyId: s.agencyId, onList: s.onList, guide: serviceItemSchema.parse(JSON.parse(s.guide)) });
    }
  }
  const fileCodes = new Set(codes);
  const mayChange = (agencyId: number) => options.allowedAgencyIds === null || options.allowedAgencyIds.has(agencyId);

  const items: PlannedItem[] = [];
  const unchanged: { line: number; code: string }[] = [];
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    const found: ImportProblem[] = [];
    const agency = resolveAgency(row.item.agency);
    if (!agency) found.push(problem(row.line, 'agency', `机构“${row.item.agency}”不存在`, 'unknown agency: give its code or full name'));
    else if (!mayChange(agency.id)) found.push(problem(row.line, 'agency', `无权维护“${agency.name}”的事项`, 'you may not change the items of this agency'));
    const before = stored.get(row.item.code);
    if (before && !mayChange(before.agencyId)) found.push(problem(row.line, 'code', '该编码的事项属于其他机构，无权修改', 'this code belongs to an item of another agency'));
    const onList = before !== undefined && before.onList === 1;

    let kind: ChangeKind | null = row.change.kind;
    if (!before && kind !== null && kind !== 'added') found.push(problem(row.line, 'changeKind', `新事项（清单中没有编码 ${row.item.code}）的变更类型应为“新增”`, 'a new item starts with 新增'));
    if (before && kind === 'added' && onList) found.push(problem(row.line, 'changeKind', '事项已在清单中，不能再次新增（修改请填“调整”或留空）', 'the item is already on the list'));
    if (before && kind !== null && !STAYS_ON_LIST.has(kind) && !onList) found.push(problem(row.line, 'changeKind', `事项已不在清单中，不能再${CHANGE_LABELS[kind]}`, 'the item is no longer on the list'));
    if (kind === 'merged' && !stored.has(row.change.target) && !fileCodes.has(row.change.target)) found.push(problem(row.line, 'changeTarget', `并入的事项编码“${row.change.target}”不存在`, 'no item with that code'));
    if (kind === 'merged' && row.change.target === row.item.code) found.push(problem(row.line, 'changeTarget', '事项不能并入自身', 'an item cannot merge into itself'));
    if (kind === 'delegated' && !byCode.has(row.change.target)) found.push(problem(row.line, 'changeTarget', `承接机构代码“${row.change.target}”不存在`, 'no agency with that code'));
    const on = row.change.on ?? options.today;
    if (on > options.today) found.push(problem(row.line, 'changeOn', `变更日期（${on}）晚于今天`, 'the change date is in the future'));
    problems.push(...found);
    if (found.length > 0 || !agency) continue;

    // Taking an item off the list records the change; the guide stays as it was published.
    const item = before && kind !== null && !STAYS_ON_LIST.has(kind) ? before.guide : { ...row.item, agency: agency.code };
    if (kind === null) {
      if (before && sameGuide(before.guide, item)) {
        unchanged.push({ line: row.line, code: item.code });
        continue;
      }
      kind = before ? (onList ? 'changed' : 'added') : 'added';
    }
    items.push({ line: row.line, item, isNew: !before, change: { kind, on, reason: row.change.reason, document: row.change.document, target: row.change.target } });
  }
  return { items, unchanged, problems };
}

/** Saves a checked plan in one transaction: a failure half-way leaves nothing behind. */
export async function applyItemImport(deps: ServiceDeps, by: By, plan: ImportPlan, onProgress?: (done: number, total: number) => void): Promise<{ added: number; changed: number }> {
  return deps.db.transaction().execute(async (tx) => {
    let added = 0;
    for (const [i, p] of plan.items.entries()) {
      onProgress?.(i, plan.items.length);
      await saveItemIn(tx, deps.clock.now(), by, p.item, p.change);
      if (p.isNew) added++;
    }
    onProgress?.(plan.items.length, plan.items.length);
    return { added, changed: plan.items.length - added };
  });
}

// ---------------------------------------------------------------- export

/** The items on the list of the agencies given (in agency, then code order), as their guides. */
export async function itemsForExport(db: Executor, agencyIds: readonly number[] | null): Promise<ServiceItemInput[]> {
  let q = db.selectFrom('serviceItem as i').innerJoin('agency as a', 'a.id', 'i.agencyId').select(['i.guide', 'a.code as agencyCode']).where('i.onList', '=', 1);
  if (agencyIds !== null) {
    if (agencyIds.length === 0) return [];
    q = q.where('i.agencyId', 'in', [...agencyIds]);
  }
  const rows = await q.orderBy('a.code').orderBy('i.code').execute();
  return rows.map((r) => ({ ...serviceItemSchema.parse(JSON.parse(r.guide)), agency: r.agencyCode }));
}

const HEADER = ITEM_COLUMNS.map((c) => c.zh);

/** CSV (RFC 4180, CRLF, UTF-8 with a BOM so that Excel reads the Chinese). */
export function itemsCsv(items: readonly ServiceItemInput[]): string {
  return `\uFEFF${csvLine(HEADER)}${items.map((i) => csvLine(itemCells(i))).join('')}`;
}

/** XLSX with the header row frozen and wrapped multi-line cells; the same items give the same bytes. */
export async function itemsXlsx(items: readonly ServiceItemInput[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const stamp = new Date(Date.UTC(2000, 0, 1));
  wb.creator = 'gongkai';
  wb.created = stamp;
  wb.modified = stamp;
  const ws = wb.addWorksheet('办事事项', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ITEM_COLUMNS.map((c) => ({ width: ['materials', 'legalBasis', 'conditions', 'steps', 'faq'].includes(c.key) ? 48 : c.key === 'name' ? 30 : 14 }));
  ws.addRow(HEADER).font = { bold: true };
  for (const item of items) ws.addRow(itemCells(item)).alignment = { vertical: 'top', wrapText: true };
  const entries = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  return Buffer.from(zipSync(entries, { level: 6, mtime: new Date(2000, 0, 1) }));
}
