/**
 * A small XLSX (SpreadsheetML) reader: the cell values of the first worksheet, for imports.
 *
 * Reads only what an import needs: the workbook's sheet order (xl/workbook.xml and its rels),
 * shared strings (plain and rich-text runs, phonetic guides skipped), inline strings, numbers,
 * booleans, formula results, and which numeric cells carry a date number format (xl/styles.xml),
 * so a caller can turn Excel date serials into dates. Parts are inflated through the capped zip
 * reader (`zip.ts`), so a zip bomb is refused instead of exhausting memory. No formulas are
 * evaluated; merged cells are not spread (a merged range keeps its value in its top-left cell).
 */
import { decodeXmlEntities } from './text.js';
import { isZip, listZipEntries, readZip } from './zip.js';

export type CellValue = string | number | boolean | null;

export interface SheetRow {
  /** 1-based row number, as Excel shows it (rows with no value are left out, so numbers may skip). */
  number: number;
  /** Values by 0-based column index (A = 0); a gap between cells is `null`. */
  cells: CellValue[];
  /** 0-based column indexes of numeric cells formatted as dates (their value is a date serial). */
  dateColumns: ReadonlySet<number>;
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
  /** The workbook counts serials from 1904-01-01 (old Mac Excel) instead of 1900. */
  date1904: boolean;
  /** Reading stopped after `maxRows` rows with values: there are more. */
  rowLimitHit: boolean;
}

export interface ReadSheetOptions {
  /** Uncompressed bytes read across the parts; more means the file is refused. Default 200 MiB. */
  maxBytes?: number;
  /** Stop after this many rows with values and set `rowLimitHit`. Default: no limit. */
  maxRows?: number;
}

export class XlsxError extends Error {
  constructor(
    readonly code: 'NOT_XLSX' | 'NO_SHEET' | 'TOO_LARGE',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'XlsxError';
  }
}

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
/** Excel's last column, XFD. */
const MAX_COLUMNS = 16_384;

/** 0-based column index of a cell reference ("A1" → 0, "AB7" → 27), or -1 when there is none. */
export function columnIndex(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})/.exec(ref);
  if (!m?.[1]) return -1;
  let n = 0;
  for (const ch of m[1].toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Column letters of a 0-based index (0 → "A", 27 → "AB"). */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The calendar date of an Excel serial ('YYYY-MM-DD'), or null when it is no date Excel can show.
 * The time of day (fraction) is dropped. In the 1900 system Excel counts the non-existent
 * 1900-02-29 (serial 60, the Lotus 1-2-3 bug), so serials from 61 on are one day ahead.
 */
export function serialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial >= 2_958_466) return null;
  const day = Math.floor(serial);
  let epoch: number; // days since 1970-01-01 of serial 0
  if (date1904) epoch = Date.UTC(1904, 0, 1) / 86_400_000;
  else if (day === 60) return null;
  else epoch = Date.UTC(1899, 11, day > 60 ? 30 : 31) / 86_400_000;
  const t = new Date((epoch + day) * 86_400_000);
  const pad = (v: number): string => String(v).padStart(2, '0');
  const year = t.getUTCFullYear();
  if (year > 9999) return null;
  return `${year}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

// Built-in number formats that show dates: 14–22 (all locales), 27–36 and 50–58 (East Asian
// locales, e.g. 'yyyy"年"m"月"d"日"'), 45–47 (times, which are serials too).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a number format shows a date or time: a date built-in, or a code with y/m/d/h/s placeholders. */
export function isDateFormat(numFmtId: number, formatCode?: string): boolean {
  if (formatCode === undefined) return BUILTIN_DATE_FORMATS.has(numFmtId);
  // Drop what is shown literally or is not a placeholder: "quoted text", \x escapes, _x spacing,
  // *x fill, and [..] sections (colours, conditions, locale tags like [$-804]).
  const code = formatCode
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  if (code.trim().toLowerCase() === 'general') return false;
  return /[ymdhs]/i.test(code.replace(/general/gi, ''));
}

// ---------------------------------------------------------------- XML helpers

const ATTR_RES = new Map<string, RegExp>();

/** The value of attribute `name` in an element's attribute text, entities decoded. */
function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_RES.set(name, re);
  }
  const m = re.exec(attrs);
  if (!m) return undefined;
  return decodeXmlEntities(m[1] ?? m[2] ?? '');
}

// SpreadsheetML escapes characters XML cannot hold as _xHHHH_ (ECMA-376 Part 1 §22.9.2.19).
function xlsxString(raw: string): string {
  return decodeXmlEntities(raw).replace(/_x([0-9a-fA-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of an <si> or <is>: its <t> elements in order, phonetic guides (<rPh>) skipped. */
function tRuns(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '').matchAll(/<(?:\w+:)?t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g)) {
    out += xlsxString(m[1] ?? '');
  }
  return out;
}

// ---------------------------------------------------------------- parts

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(tRuns(m[1] ?? ''));
  return out;
}

/** For each cell style index (the `s` attribute of a cell), whether it formats numbers as dates. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId'));
    const code = attr(m[1] ?? '', 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId') ?? 0);
    out.push(Number.isInteger(id) && isDateFormat(id, custom.get(id)));
  }
  return out;
}

/** Resolves a relationship target against the folder of the part that refers to it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

interface SheetRef {
  name: string;
  path: string;
}

/** The first worksheet in the workbook's tab order (chart sheets skipped). */
function firstSheet(workbook: string | undefined, rels: string | undefined, names: string[]): SheetRef | undefined {
  const targets = new Map<string, { path: string; worksheet: boolean }>();
  for (const m of (rels ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    const type = attr(m[1] ?? '', 'Type') ?? '';
    if (id === undefined || target === undefined) continue;
    const path = resolveTarget('xl/workbook.xml', target);
    targets.set(id, { path, worksheet: /\/worksheet$/.test(type) || /(^|\/)worksheets\//i.test(path) });
  }
  const available = new Set(names);
  for (const m of (workbook ?? '').matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? '';
    const name = attr(attrs, 'name') ?? '';
    const rid = /(?:^|\s)[\w]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
    const target = targets.get(rid?.[1] ?? rid?.[2] ?? '');
    if (target?.worksheet && available.has(target.path)) return { name, path: target.path };
  }
  // No usable workbook/rels (some generators omit them): the lowest-numbered worksheet part.
  const fallback = names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))[0];
  if (fallback === undefined) return undefined;
  const firstName = /<(?:\w+:)?sheet\b[^>]*?\sname\s*=\s*"([^"]*)"/.exec(workbook ?? '')?.[1];
  return { name: firstName !== undefined ? decodeXmlEntities(firstName) : '', path: fallback };
}

// ---------------------------------------------------------------- the sheet

function readRows(xml: string, shared: string[], dates: boolean[], maxRows: number): { rows: SheetRow[]; rowLimitHit: boolean } {
  const rows: SheetRow[] = [];
  const data = /<(?:\w+:)?sheetData\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheetData>/.exec(xml)?.[1] ?? '';
  let lastRow = 0;
  for (const row of data.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = Number(attr(row[1] ?? '', 'r'));
    const number = Number.isInteger(r) && r > lastRow ? r : lastRow + 1;
    lastRow = number;
    const cells: CellValue[] = [];
    const dateColumns = new Set<number>();
    let col = -1;
    for (const c of (row[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attrs = c[1] ?? '';
      const ref = attr(attrs, 'r');
      const at = ref !== undefined ? columnIndex(ref) : -1;
      col = at > col ? at : col + 1;
      if (col >= MAX_COLUMNS) break;
      const inner = c[2] ?? '';
      const type = attr(attrs, 't') ?? 'n';
      const rawV = /<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?v>/.exec(inner)?.[1];
      let value: CellValue = null;
      if (type === 'inlineStr') value = tRuns(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1] ?? '');
      else if (rawV === undefined) value = null;
      else if (type === 's') value = shared[Number(rawV)] ?? null;
      else if (type === 'b') value = rawV.trim() === '1';
      else if (type === 'n') {
        const n = Number(rawV);
        value = rawV.trim() === '' || !Number.isFinite(n) ? null : n;
        if (value !== null && dates[Number(attr(attrs, 's') ?? 0)] === true) dateColumns.add(col);
      } else if (type === 'd') {
        // ISO 8601 date cell (strict OOXML): keep the date part.
        const s = xlsxString(rawV).trim();
        value = /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : s;
      } else value = xlsxString(rawV); // str (formula string result), e (error such as #N/A)
      if (value === null || value === '') continue;
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    if (cells.length === 0) continue;
    if (rows.length >= maxRows) return { rows, rowLimitHit: true };
    rows.push({ number, cells, dateColumns });
  }
  return { rows, rowLimitHit: false };
}

/**
 * The values of the first worksheet. Throws XlsxError when the bytes are not an XLSX workbook,
 * it has no worksheet, or its parts inflate beyond `maxBytes`.
 */
export function readFirstSheet(bytes: Uint8Array, options: ReadSheetOptions = {}): Sheet {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  if (!isZip(bytes)) throw new XlsxError('NOT_XLSX', '不是 XLSX 文件', 'The file is not an XLSX workbook');
  const limits = { maxTotalBytes: maxBytes, maxEntries: 10_000 };
  const meta = readZip(bytes, (n) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml)$/i.test(n), limits);
  if (meta.truncated) throw tooLarge();
  const utf8 = new TextDecoder('utf-8');
  const part = (re: RegExp): string | undefined => {
    for (const [name, data] of meta.files) if (re.test(name)) return utf8.decode(data);
    return undefined;
  };
  const workbook = part(/^xl\/workbook\.xml$/i);
  const names = listZipEntries(bytes, limits.maxEntries).map((e) => e.name);
  const ref = firstSheet(workbook, part(/^xl\/_rels\/workbook\.xml\.rels$/i), names);
  if (!ref) throw new XlsxError('NO_SHEET', '工作簿中没有工作表', 'The workbook has no worksheet');
  const sheetPart = readZip(bytes, (n) => n === ref.path, { ...limits, maxTotalBytes: Math.max(0, maxBytes - meta.totalBytes) });
  const sheetBytes = sheetPart.files.get(ref.path);
  if (sheetPart.truncated || !sheetBytes) throw sheetPart.truncated ? tooLarge() : new XlsxError('NO_SHEET', '工作表无法读取', 'The worksheet cannot be read');
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*?\sdate1904\s*=\s*["'](?:1|true)["']/.test(workbook ?? '');
  const { rows, rowLimitHit } = readRows(utf8.decode(sheetBytes), sharedStrings(part(/^xl\/sharedStrings\.xml$/i) ?? ''), dateStyles(part(/^xl\/styles\.xml$/i) ?? ''), maxRows);
  return { name: ref.name, rows, date1904, rowLimitHit };
}

function tooLarge(): XlsxError {
  return new XlsxError('TOO_LARGE', '表格解压后过大或已损坏', 'The workbook is too large when unpacked, or damaged');
}
