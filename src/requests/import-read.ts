/** Reading a register file (CSV or XLSX) into rows of cells, before any column is known, and the row limits. */
import { chooseDelimiter, decodeText, parseCsv } from '../platform/files/csv.js';
import { readFirstSheet, XlsxError } from '../platform/files/xlsx.js';
import type { ImportProblem } from './import-file.js';

export const MAX_IMPORT_ROWS = 100_000;
/** Title rows (e.g. "XX局2024年依申请公开登记台账") that may stand above the header row. */
export const MAX_TITLE_ROWS = 10;

/** A cell as read: its text, and for XLSX numbers the number itself. */
export interface Cell {
  text: string;
  num?: number;
}

export interface TableRow {
  line: number;
  cells: Cell[];
}

export interface Table {
  rows: TableRow[];
  date1904: boolean;
}

const numberText = (n: number): string => String(Number(n.toPrecision(15)));

export type Read = { table: Table } | { problem: ImportProblem };

export const fileProblem = (zh: string, en: string): { problem: ImportProblem } => ({ problem: { line: 0, column: '', reason: `${zh} / ${en}` } });
export const tooManyRows = (): { problem: ImportProblem } =>
  fileProblem(`数据行超过 ${MAX_IMPORT_ROWS.toLocaleString('en')} 行，请拆分后分批导入`, `more than ${MAX_IMPORT_ROWS.toLocaleString('en')} data rows: split the file`);

export function readCsv(bytes: Uint8Array, fileName: string): Read {
  const text = decodeText(bytes);
  const { records, unterminatedAt } = parseCsv(text, chooseDelimiter(text, fileName, MAX_TITLE_ROWS + 1));
  if (unterminatedAt !== undefined) {
    return { problem: { line: unterminatedAt, column: '', reason: '引号未闭合：从这一行起的单元格缺少结束的双引号 / unterminated quoted field starting on this line' } };
  }
  return { table: { rows: records.map((r) => ({ line: r.line, cells: r.fields.map((text) => ({ text })) })), date1904: false } };
}

export function readXlsx(bytes: Uint8Array): Read {
  try {
    const sheet = readFirstSheet(bytes, { maxRows: MAX_IMPORT_ROWS + MAX_TITLE_ROWS + 1 });
    if (sheet.rowLimitHit) return tooManyRows();
    const rows = sheet.rows.map((r) => ({
      line: r.number,
      cells: r.cells.map((v): Cell => {
        if (typeof v === 'number') return { text: numberText(v), num: v };
        if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
        return { text: v ?? '' };
      }),
    }));
    return { table: { rows, date1904: sheet.date1904 } };
  } catch (e) {
    if (e instanceof XlsxError) return fileProblem(e.zh, e.en);
    throw e;
  }
}

export const isOle2 = (b: Uint8Array): boolean => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
