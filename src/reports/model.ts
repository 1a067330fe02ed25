/**
 * The national annual-report template (政府信息公开工作年度报告格式, 国办公开办函〔2021〕30号;
 * reference §2) as data, and its consistency rules as pure functions. Row and column labels are the
 * template's own text, so exports can use them as keys.
 */
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOME_GROUP_LABELS, OUTCOME_REASONS, type ApplicantType, type OutcomeGroup } from '../requests/model.js';

// ---------------------------------------------------------------- table 二 (reference §2.1)

/** 第二十条第（一）项: documents made, repealed and in force this year. */
export interface DocumentCounts {
  readonly made: number;
  readonly repealed: number;
  readonly inForce: number;
}

export interface Table2 {
  /** 第二十条第（一）项 */
  readonly rules: DocumentCounts; // 规章
  readonly normativeDocuments: DocumentCounts; // 行政规范性文件
  /** 第二十条第（五）项: 本年处理决定数量 */
  readonly licensing: number; // 行政许可
  /** 第二十条第（六）项: 本年处理决定数量 */
  readonly penalties: number; // 行政处罚
  readonly enforcement: number; // 行政强制
  /** 第二十条第（八）项: 本年收费金额（单位：万元）, to 4 decimals at most (1 yuan) */
  readonly feesTenThousandYuan: number; // 行政事业性收费
}

/** The four blocks of table 二 as the template lays them out: header row, column heads, data rows. */
export const TABLE2_BLOCKS = [
  { item: '第二十条第（一）项', columns: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], rows: [{ key: 'rules', label: '规章' }, { key: 'normativeDocuments', label: '行政规范性文件' }] },
  { item: '第二十条第（五）项', columns: ['信息内容', '本年处理决定数量'], rows: [{ key: 'licensing', label: '行政许可' }] },
  { item: '第二十条第（六）项', columns: ['信息内容', '本年处理决定数量'], rows: [{ key: 'penalties', label: '行政处罚' }, { key: 'enforcement', label: '行政强制' }] },
  { item: '第二十条第（八）项', columns: ['信息内容', '本年收费金额（单位：万元）'], rows: [{ key: 'feesTenThousandYuan', label: '行政事业性收费' }] },
] as const;

export const emptyTable2 = (): Table2 => ({
  rules: { made: 0, repealed: 0, inForce: 0 },
  normativeDocuments: { made: 0, repealed: 0, inForce: 0 },
  licensing: 0,
  penalties: 0,
  enforcement: 0,
  feesTenThousandYuan: 0,
});

// ---------------------------------------------------------------- table 三 (reference §2.3)

/** The 7 numeric columns: 自然人, the five kinds of 法人或其他组织, 总计. */
export const TABLE3_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];
export const TABLE3_COLUMN_LABELS: Readonly<Record<Table3Column, string>> = { ...APPLICANT_TYPE_LABELS, total: '总计' };

export interface Table3Row {
  /** 'new', 'carried-in', a result key ('disclosed', 'partial', or an OUTCOME_REASONS code of a group with sub-rows), 'results-total', 'carried-out' */
  readonly key: string;
  /** the template's label cell(s), outermost first */
  readonly labels: readonly string[];
  /** the result group the row belongs to (三、本年度办理结果 rows only) */
  readonly group?: OutcomeGroup;
}

const GROUP_NUMBERS: Readonly<Record<OutcomeGroup, string>> = {
  disclosed: '（一）',
  partial: '（二）',
  withheld: '（三）',
  unavailable: '（四）',
  'not-processed': '（五）',
  other: '（六）',
};
const RESULTS = '三、本年度办理结果';

/** Result rows in template order: groups without sub-rows are one row, the others one per reason. */
function resultRows(): Table3Row[] {
  const rows: Table3Row[] = [];
  for (const group of ['disclosed', 'partial', 'withheld', 'unavailable', 'not-processed', 'other'] as const) {
    const groupLabel = group === 'partial' ? `${GROUP_NUMBERS[group]}部分公开（区分处理的，只计这一情形，不计其他情形）` : `${GROUP_NUMBERS[group]}${OUTCOME_GROUP_LABELS[group]}`;
    if (group === 'disclosed' || group === 'partial') {
      rows.push({ key: group, labels: [RESULTS, groupLabel], group });
      continue;
    }
    OUTCOME_REASONS.filter((o) => o.group === group).forEach((o, i) => rows.push({ key: o.code, labels: [RESULTS, groupLabel, `${i + 1}.${o.label}`], group }));
  }
  return rows;
}

export const TABLE3_ROWS: readonly Table3Row[] = [
  { key: 'new', labels: ['一、本年新收政府信息公开申请数量'] },
  { key: 'carried-in', labels: ['二、上年结转政府信息公开申请数量'] },
  ...resultRows(),
  { key: 'results-total', labels: [RESULTS, '（七）总计'] },
  { key: 'carried-out', labels: ['四、结转下年度继续办理'] },
];

/** The row a stored outcome code is counted in: both 予以公开 codes share one row (§2.3). */
export function table3RowOf(outcome: string): string | undefined {
  if (outcome.startsWith('disclosed.')) return 'disclosed';
  if (outcome === 'partial') return 'partial';
  return OUTCOME_REASONS.some((o) => o.code === outcome) ? outcome : undefined;
}

export type Table3 = Record<string, Record<Table3Column, number>>;

export const emptyRow = (): Record<Table3Column, number> => Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])) as Record<Table3Column, number>;

/**
 * Fills table 三 from counts per (row, applicant type): the 总计 column and the （七）总计 row are
 * derived here, never entered, so a computed table is consistent by construction; checks catch
 * manual or imported figures that are not.
 */
export function buildTable3(counts: readonly { row: string; applicantType: ApplicantType; n: number }[]): Table3 {
  const table: Table3 = Object.fromEntries(TABLE3_ROWS.map((r) => [r.key, emptyRow()]));
  for (const c of counts) {
    const row = table[c.row];
    if (!row) throw new RangeError(`unknown table 三 row: ${c.row}`);
    row[c.applicantType] += c.n;
  }
  for (const col of APPLICANT_TYPES) {
    table['results-total']![col] = TABLE3_ROWS.filter((r) => r.group).reduce((sum, r) => sum + table[r.key]![col], 0);
  }
  for (const r of TABLE3_ROWS) table[r.key]!.total = APPLICANT_TYPES.reduce((sum, col) => sum + table[r.key]![col], 0);
  return table;
}

// ---------------------------------------------------------------- table 四 (reference §2.5)

export const TABLE4_GROUPS = ['reconsideration', 'litigation-direct', 'litigation-after-reconsideration'] as const;
export type Table4Group = (typeof TABLE4_GROUPS)[number];
export const TABLE4_GROUP_LABELS: Readonly<Record<Table4Group, readonly string[]>> = {
  reconsideration: ['行政复议'],
  'litigation-direct': ['行政诉讼', '未经复议直接起诉'],
  'litigation-after-reconsideration': ['行政诉讼', '复议后起诉'],
};
export const TABLE4_CELLS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type Table4Cell = (typeof TABLE4_CELLS)[number];
export const TABLE4_CELL_LABELS: Readonly<Record<Table4Cell, string>> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };
export type Table4 = Record<Table4Group, Record<Table4Cell, number>>;

export function buildTable4(counts: readonly { group: Table4Group; result: Exclude<Table4Cell, 'total'>; n: number }[]): Table4 {
  const table = Object.fromEntries(TABLE4_GROUPS.map((g) => [g, Object.fromEntries(TABLE4_CELLS.map((c) => [c, 0]))])) as Table4;
  for (const c of counts) table[c.group][c.result] += c.n;
  for (const g of TABLE4_GROUPS) table[g].total = table[g].upheld + table[g].corrected + table[g].other + table[g].pending;
  return table;
}

// ---------------------------------------------------------------- consistency checks (reference §2.3, §2.5)

export interface CheckProblem {
  /** where: the table and the cell, in the template's words */
  readonly cell: string;
  readonly expected: number;
  readonly actual: number;
  readonly rule: string;
}

const rowName = (key: string) => TABLE3_ROWS.find((r) => r.key === key)?.labels.at(-1) ?? key;

/** Every rule of table 三; a table that breaks one cannot be published. */
export function checkTable3(t: Table3): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const cell = (row: string, col: Table3Column) => t[row]?.[col] ?? 0;
  for (const r of TABLE3_ROWS) {
    for (const col of TABLE3_COLUMNS) {
      const v = cell(r.key, col);
      if (!Number.isInteger(v) || v < 0) problems.push({ cell: `表三 ${rowName(r.key)} × ${TABLE3_COLUMN_LABELS[col]}`, expected: Math.max(0, Math.trunc(v)), actual: v, rule: '应为非负整数' });
    }
    // Horizontal: 总计 = 自然人 + the five kinds of 法人或其他组织.
    const sum = APPLICANT_TYPES.reduce((s, col) => s + cell(r.key, col), 0);
    if (cell(r.key, 'total') !== sum) problems.push({ cell: `表三 ${rowName(r.key)} × 总计`, expected: sum, actual: cell(r.key, 'total'), rule: '总计 = 自然人 + 法人或其他组织各列之和' });
  }
  for (const col of TABLE3_COLUMNS) {
    // （七）总计 = the sum of every result row (partial disclosure counted once, in its own row).
    const results = TABLE3_ROWS.filter((r) => r.group).reduce((s, r) => s + cell(r.key, col), 0);
    if (cell('results-total', col) !== results) {
      problems.push({ cell: `表三 （七）总计 × ${TABLE3_COLUMN_LABELS[col]}`, expected: results, actual: cell('results-total', col), rule: '（七）总计 = （一）至（六）各项之和' });
    }
    // The caption's rule: 一 + 二 = 三（七）总计 + 四.
    const incoming = cell('new', col) + cell('carried-in', col);
    const outgoing = cell('results-total', col) + cell('carried-out', col);
    if (incoming !== outgoing) {
      problems.push({ cell: `表三 ${TABLE3_COLUMN_LABELS[col]}列`, expected: incoming, actual: outgoing, rule: '第一项加第二项之和，等于第三项加第四项之和' });
    }
  }
  return problems;
}

/** Table 四: each group's 总计 is the sum of its four results (inferred, reference §2.5). */
export function checkTable4(t: Table4): CheckProblem[] {
  const problems: CheckProblem[] = [];
  for (const g of TABLE4_GROUPS) {
    const label = TABLE4_GROUP_LABELS[g].join('·');
    for (const c of TABLE4_CELLS) {
      const v = t[g][c];
      if (!Number.isInteger(v) || v < 0) problems.push({ cell: `表四 ${label} × ${TABLE4_CELL_LABELS[c]}`, expected: Math.max(0, Math.trunc(v)), actual: v, rule: '应为非负整数' });
    }
    const sum = t[g].upheld + t[g].corrected + t[g].other + t[g].pending;
    if (t[g].total !== sum) problems.push({ cell: `表四 ${label} × 总计`, expected: sum, actual: t[g].total, rule: '总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结' });
  }
  return problems;
}
