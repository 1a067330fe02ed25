/**
 * Spreadsheet imports (CSV or XLSX) with a documented column layout, shared by every feature that
 * imports a register: reading the file into rows of cells, finding the header row below any title
 * rows, matching headers to columns (Chinese name, key or alias, ignoring width, case, spaces and
 * 必填 marks), and reporting each problem with its line and the column's header as written.
 * Pure: bytes in, cells and problems out. What a column's values mean is the feature's business.
 */
import { isIsoDate, type IsoDate } from '../calendar/model.js';
import { chooseDelimiter, decodeText, parseCsv } from './csv.js';
import { readFirstSheet, serialToIsoDate, XlsxError } from './xlsx.js';
import { isZip } from './zip.js';

/** `line` 0 is the file as a whole; `column` is the header text as written ('' for the file). */
export interface ImportProblem {
  line: number;
  column: string;
  /** "中文 / English" */
  reason: string;
}

/** A cell as read: its text, and for XLSX numbers the number itself. */
export interface Cell {
  text: string;
  num?: number;
}

export interface TableRow {
  /** 1-based line (CSV; where a multi-line record starts) or row number (XLSX) */
  line: number;
  cells: Cell[];
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** the header as the template writes it */
  zh: string;
  /** other headers accepted for this column */
  aliases: readonly string[];
  /** the header must be present (a value may still be optional in a row) */
  required: boolean;
  help: string;
}

export interface TableLimits {
  maxBytes: number;
  maxRows: number;
}

/** Title rows (e.g. "XX局2024年依申请公开登记台账") that may stand above the header row. */
export const MAX_TITLE_ROWS = 10;

export type ImportFormat = 'csv' | 'xlsx';

export const fileProblem = (zh: string, en: string): ImportProblem => ({ line: 0, column: '', reason: `${zh} / ${en}` });
const tooManyRows = (max: number): ImportProblem =>
  fileProblem(`数据行超过 ${max.toLocaleString('en')} 行，请拆分后分批导入`, `more than ${max.toLocaleString('en')} data rows: split the file`);

const numberText = (n: number): string => String(Number(n.toPrecision(15)));
export const isOle2 = (b: Uint8Array): boolean => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
const isBlank = (row: TableRow): boolean => row.cells.every((c) => c.text.trim() === '');

type Read = { rows: TableRow[]; date1904: boolean } | { problem: ImportProblem };

function readCsv(bytes: Uint8Array, fileName: string): Read {
  const text = decodeText(bytes);
  const { records, unterminatedAt } = parseCsv(text, chooseDelimiter(text, fileName, MAX_TITLE_ROWS + 1));
  if (unterminatedAt !== undefined) {
    return { problem: { line: unterminatedAt, column: '', reason: '引号未闭合：从这一行起的单元格缺少结束的双引号 / unterminated quoted field starting on this line' } };
  }
  return { rows: records.map((r) => ({ line: r.line, cells: r.fields.map((text) => ({ text })) })), date1904: false };
}

function readXlsx(bytes: Uint8Array, maxRows: number): Read {
  try {
    const sheet = readFirstSheet(bytes, { maxRows: maxRows + MAX_TITLE_ROWS + 1 });
    if (sheet.rowLimitHit) return { problem: tooManyRows(maxRows) };
    const rows = sheet.rows.map((r) => ({
      line: r.number,
      cells: r.cells.map((v): Cell => {
        if (typeof v === 'number') return { text: numberText(v), num: v };
        if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
        return { text: v ?? '' };
      }),
    }));
    return { rows, date1904: sheet.date1904 };
  } catch (e) {
    if (e instanceof XlsxError) return { problem: fileProblem(e.zh, e.en) };
    throw e;
  }
}

/** Header text folded for matching: NFKC, no spaces, lower case, required/optional marks dropped. */
export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\((必填|选填|可选|必填项|可空)\)$/, '')
    .replace(/^\*+|\*+$/g, '');
}

/** Values folded for matching a vocabulary: NFKC, lower case, no spaces or quotation marks. */
export function valueKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s"'“”‘’「」『』]/g, '');
}

/** Where each known column sits, and the header text it was found under. */
export interface Layout<K extends string> {
  columnAt: Map<K, number>;
  headerText: Map<K, string>;
  /** zh names of the layout's columns, for problems about a column absent from the file */
  zhOf: Map<K, string>;
  date1904: boolean;
  /** cells in these columns are ignored (unknown or duplicate headers, reported once) */
  ignored: Set<number>;
  /** required columns missing from the header: every row is then refused */
  missing: readonly ColumnSpec<K>[];
}

export type TableRead<K extends string> =
  | { format: ImportFormat; layout: Layout<K>; header: TableRow; data: TableRow[]; problems: ImportProblem[] }
  | { format: ImportFormat; problem: ImportProblem };

/**
 * Reads a register file against a column layout. `fileName` picks the format (.csv/.tsv/.txt or
 * .xlsx); the bytes decide when they disagree (a workbook saved as .csv is still a workbook). The
 * header row is the first non-empty row, unless one of the first ten names at least two columns.
 * Header problems (unknown, duplicate, missing required columns) are returned with the rows.
 */
export function readTable<K extends string>(bytes: Uint8Array, fileName: string, columns: readonly ColumnSpec<K>[], limits: TableLimits): TableRead<K> {
  const spreadsheet = isZip(bytes) || isOle2(bytes) || /\.xls[xm]$/i.test(fileName);
  const format: ImportFormat = spreadsheet ? 'xlsx' : 'csv';
  const fail = (problem: ImportProblem): TableRead<K> => ({ format, problem });
  if (bytes.length > limits.maxBytes) {
    const mb = Math.round(limits.maxBytes / 1024 / 1024);
    return fail(fileProblem(`文件超过 ${mb} MB，请拆分后分批导入`, `the file is larger than ${mb} MB: split it`));
  }
  if (isOle2(bytes)) {
    return fail(fileProblem('不支持 Excel 97-2003 工作簿（.xls），请在 Excel 或 WPS 中另存为 .xlsx 或 CSV', 'Excel 97-2003 workbooks (.xls) are not supported: save as .xlsx or CSV'));
  }
  const read = spreadsheet ? readXlsx(bytes, limits.maxRows) : readCsv(bytes, fileName);
  if ('problem' in read) return fail(read.problem);
  const rows = read.rows.filter((r) => !isBlank(r));
  if (rows.length === 0) return fail({ line: 1, column: '', reason: '文件中没有表头行 / the file has no header row' });

  const byHeader = new Map<string, ColumnSpec<K>>();
  for (const c of columns) for (const h of [c.key, c.zh, ...c.aliases]) byHeader.set(headerKey(h), c);
  const recognised = (r: TableRow): number => r.cells.filter((c) => byHeader.has(headerKey(c.text))).length;
  const headerAt = Math.max(0, rows.slice(0, MAX_TITLE_ROWS).findIndex((r) => recognised(r) >= 2));
  const header = rows[headerAt] as TableRow;
  const data = rows.slice(headerAt + 1);
  if (data.length > limits.maxRows) return fail(tooManyRows(limits.maxRows));

  const problems: ImportProblem[] = [];
  const columnAt = new Map<K, number>();
  const headerText = new Map<K, string>();
  const ignored = new Set<number>();
  header.cells.forEach((cell, i) => {
    const text = cell.text.trim();
    if (text === '') return;
    const col = byHeader.get(headerKey(text));
    if (!col) {
      problems.push({ line: header.line, column: text, reason: '未知列 / unknown column' });
      ignored.add(i);
    } else if (columnAt.has(col.key)) {
      const first = headerText.get(col.key) ?? col.zh;
      problems.push({ line: header.line, column: text, reason: `重复的列：与“${first}”是同一列 / duplicate column: same as "${first}"` });
      ignored.add(i);
    } else {
      columnAt.set(col.key, i);
      headerText.set(col.key, text);
    }
  });
  const missing = columns.filter((c) => c.required && !columnAt.has(c.key));
  for (const c of missing) problems.push({ line: header.line, column: c.zh, reason: '缺少必填列 / required column missing' });
  const layout: Layout<K> = { columnAt, headerText, zhOf: new Map(columns.map((c) => [c.key, c.zh])), date1904: read.date1904, ignored, missing };
  return { format, layout, header, data, problems };
}

const DATE_PARTS_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DATE_CJK_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;

export type Resolved<T> = { value: T } | { zh: string; en: string };

/** A date cell: an Excel serial (styled as a date or not), 2024-03-15, 2024/3/15, 2024.3.15 or 2024年3月15日. */
export function parseDate(cell: Cell, date1904: boolean): Resolved<IsoDate> {
  if (cell.num !== undefined) {
    const d = serialToIsoDate(cell.num, date1904);
    return d !== null ? { value: d } : { zh: `“${cell.text}”不是有效的 Excel 日期`, en: 'not a valid Excel date serial' };
  }
  const t = cell.text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const m = DATE_PARTS_RE.exec(t) ?? DATE_CJK_RE.exec(t.replace(/ /g, ''));
  if (!m) {
    return { zh: `日期格式无法识别“${cell.text}”，请写成 2024-03-15、2024/3/15、2024.3.15 或 2024年3月15日`, en: 'unrecognised date: write 2024-03-15, 2024/3/15, 2024.3.15 or 2024年3月15日' };
  }
  const [y, mo, d] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
  const iso = `${y ?? ''}-${(mo ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? { value: iso } : { zh: `“${cell.text}”不是真实存在的日期`, en: 'no such calendar date' };
}

/** One data row being checked: cell access and problem reporting for its line. */
export class RowCheck<K extends string> {
  problems = 0;
  constructor(
    readonly row: TableRow,
    private readonly layout: Layout<K>,
    private readonly out: ImportProblem[],
  ) {
    // Values in columns without a header would be silently lost.
    const mapped = new Set(layout.columnAt.values());
    row.cells.forEach((cell, i) => {
      if (cell.text.trim() === '' || layout.ignored.has(i) || mapped.has(i)) return;
      this.problems++;
      out.push({ line: row.line, column: `第 ${i + 1} 列 / column ${i + 1}`, reason: '这一列没有表头，内容无法导入 / this column has no header, its value cannot be imported' });
    });
  }

  /** No problem in this row and every required column present: the row may be imported. */
  get ok(): boolean {
    return this.problems === 0 && this.layout.missing.length === 0;
  }

  cell(key: K): Cell {
    const i = this.layout.columnAt.get(key);
    return i === undefined ? { text: '' } : (this.row.cells[i] ?? { text: '' });
  }

  text(key: K): string {
    return this.cell(key).text.trim();
  }

  has(key: K): boolean {
    return this.text(key) !== '';
  }

  report(key: K, zh: string, en: string): void {
    this.problems++;
    this.out.push({ line: this.row.line, column: this.layout.headerText.get(key) ?? this.layout.zhOf.get(key) ?? key, reason: `${zh} / ${en}` });
  }

  /** True when the value is there; reports it as missing when its column is (a missing column is reported once, on the header). */
  required(key: K): boolean {
    if (this.has(key)) return true;
    if (this.layout.columnAt.has(key)) this.report(key, '必填', 'required');
    return false;
  }

  date(key: K): IsoDate | null {
    if (!this.has(key)) return null;
    const r = parseDate(this.cell(key), this.layout.date1904);
    if ('value' in r) return r.value;
    this.report(key, r.zh, r.en);
    return null;
  }

  lookup<T>(key: K, vocab: Map<string, T>, zh: string, en: string): T | null {
    const v = vocab.get(valueKey(this.text(key)));
    if (v === undefined) this.report(key, `无法识别“${this.text(key)}”；${zh}`, en);
    return v ?? null;
  }

  /** A whole number in [min, max], with a unit word allowed after it (天, 工作日, 份 …). */
  integer(key: K, min: number, max: number, zh: string, en: string): number | null {
    if (!this.has(key)) return null;
    const cell = this.cell(key);
    const digits = cell.text.normalize('NFKC').trim().replace(/\s*(个?工作日|天|日|份|次)$/, '');
    const n = cell.num ?? (/^\d{1,6}$/.test(digits) ? Number(digits) : NaN);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    this.report(key, zh, en);
    return null;
  }
}
