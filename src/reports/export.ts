/**
 * Machine-readable exports of an annual report's tables 二, 三 and 四 (reference §2.1, §2.3, §2.5).
 * Pure: the keys, rows and columns are the template's own labels (model.ts), so a reader can match
 * every figure against the printed template without a code book.
 */
import { csvLine } from '../platform/files/csv.js';
import { APPLICANT_TYPES } from '../requests/model.js';
import {
  TABLE2_BLOCKS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_CELL_LABELS,
  TABLE4_CELLS,
  TABLE4_GROUP_LABELS,
  TABLE4_GROUPS,
  type Table2,
  type Table3,
  type Table3Column,
  type Table4,
} from './model.js';

// Template text that model.ts does not (yet) carry: the table titles and table 三's header cells.
export const TABLE2_TITLE = '二、主动公开政府信息情况';
export const TABLE3_TITLE = '三、收到和处理政府信息公开申请情况';
export const TABLE4_TITLE = '四、政府信息公开行政复议、行政诉讼情况';
export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_APPLICANTS = '申请人情况';
export const TABLE3_ORGANISATIONS = '法人或其他组织';

/** The 法人或其他组织 sub-columns, in template order. */
export const ORGANISATION_COLUMNS = APPLICANT_TYPES.filter((c) => c !== 'natural');

/** A table 三 column's header path under 申请人情况, outermost first. */
export function table3ColumnPath(col: Table3Column): readonly string[] {
  return col === 'natural' || col === 'total' ? [TABLE3_COLUMN_LABELS[col]] : [TABLE3_ORGANISATIONS, TABLE3_COLUMN_LABELS[col]];
}

type Table2RowKey = (typeof TABLE2_BLOCKS)[number]['rows'][number]['key'];

/** The figures of one table 二 data row, in the order of its block's value columns. */
export function table2Values(t: Table2, key: Table2RowKey): readonly number[] {
  switch (key) {
    case 'rules':
    case 'normativeDocuments':
      return [t[key].made, t[key].repealed, t[key].inForce];
    case 'licensing':
    case 'penalties':
    case 'enforcement':
    case 'feesTenThousandYuan':
      return [t[key]];
  }
}

/** 万元 to at most 4 decimals (1 yuan), without trailing zeros: 12.5, 0.0001, 0. */
export function formatWanYuan(v: number): string {
  const s = v.toFixed(4);
  const trimmed = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return trimmed === '-0' ? '0' : trimmed;
}

const roundWan = (v: number) => Number(formatWanYuan(v));

export interface ReportData {
  readonly agency: { readonly code: string; readonly name: string };
  readonly year: number;
  readonly table2: Table2;
  readonly table3: Table3;
  readonly table4: Table4;
}

type Tree = { [label: string]: number | string | Tree };

/** Sets tree[path[0]][path[1]]… = value, creating the levels on the way. */
function put(tree: Tree, path: readonly string[], value: number | Tree): void {
  let node = tree;
  path.slice(0, -1).forEach((label) => {
    const next = node[label];
    if (typeof next === 'object') node = next;
    else node = node[label] = {};
  });
  node[path.at(-1)!] = value;
}

const cell3 = (t: Table3, row: string, col: Table3Column) => t[row]?.[col] ?? 0;

/** The report as nested objects keyed by the template's labels (rows of 三 nested by their label cells). */
export function reportJson(r: ReportData): Tree {
  const t2: Tree = {};
  for (const block of TABLE2_BLOCKS) {
    for (const row of block.rows) {
      const values = table2Values(r.table2, row.key);
      const cols: Tree = {};
      values.forEach((v, i) => (cols[block.columns[i + 1]!] = row.key === 'feesTenThousandYuan' ? roundWan(v) : v));
      put(t2, [block.item, row.label], cols);
    }
  }
  const t3: Tree = {};
  for (const row of TABLE3_ROWS) put(t3, row.labels, Object.fromEntries(TABLE3_COLUMNS.map((c) => [TABLE3_COLUMN_LABELS[c], cell3(r.table3, row.key, c)])));
  const t4: Tree = {};
  for (const g of TABLE4_GROUPS) put(t4, TABLE4_GROUP_LABELS[g], Object.fromEntries(TABLE4_CELLS.map((c) => [TABLE4_CELL_LABELS[c], r.table4[g][c]])));
  return { 机关: r.agency.name, 年度: r.year, [TABLE2_TITLE]: t2, [TABLE3_TITLE]: t3, [TABLE4_TITLE]: t4 };
}

/** One data cell of the report: which table, its row and column header paths, and the figure as shown. */
export interface ReportCell {
  readonly table: '表二' | '表三' | '表四';
  readonly row: readonly string[];
  readonly column: readonly string[];
  readonly value: string;
}

/** Every data cell in template order: 10 of 表二, 25 × 7 of 表三, 15 of 表四. */
export function reportCells(r: Pick<ReportData, 'table2' | 'table3' | 'table4'>): ReportCell[] {
  const cells: ReportCell[] = [];
  for (const block of TABLE2_BLOCKS) {
    for (const row of block.rows) {
      table2Values(r.table2, row.key).forEach((v, i) =>
        cells.push({ table: '表二', row: [block.item, row.label], column: [block.columns[i + 1]!], value: row.key === 'feesTenThousandYuan' ? formatWanYuan(v) : String(v) }),
      );
    }
  }
  for (const row of TABLE3_ROWS) {
    for (const c of TABLE3_COLUMNS) cells.push({ table: '表三', row: row.labels, column: table3ColumnPath(c), value: String(cell3(r.table3, row.key, c)) });
  }
  // Table 四 has one data row; all its labels are column headers.
  for (const g of TABLE4_GROUPS) {
    for (const c of TABLE4_CELLS) cells.push({ table: '表四', row: [], column: [...TABLE4_GROUP_LABELS[g], TABLE4_CELL_LABELS[c]], value: String(r.table4[g][c]) });
  }
  return cells;
}

/** CSV (RFC 4180, CRLF, UTF-8 with a BOM for Excel): 表,行,列,数值, one line per data cell. */
export function reportCsv(r: Pick<ReportData, 'table2' | 'table3' | 'table4'>): string {
  const lines = reportCells(r).map((c) => csvLine([c.table, c.row.join(' / '), c.column.join(' / '), c.value]));
  return `\uFEFF${csvLine(['表', '行', '列', '数值'])}${lines.join('')}`;
}
