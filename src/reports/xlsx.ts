/**
 * An annual report's tables 二, 三 and 四 as an XLSX workbook laid out exactly as the national
 * template (reference §2.1, §2.3, §2.5): one worksheet per table, the template's header cells with
 * every colspan and rowspan as a merged range, the figures as numeric cells. Deterministic: the
 * workbook dates and the ZIP entry times derive from the report year, never from the clock.
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { ORGANISATION_COLUMNS, TABLE2_TITLE, TABLE3_APPLICANTS, TABLE3_NOTE, TABLE3_ORGANISATIONS, TABLE3_TITLE, TABLE4_TITLE, formatWanYuan, table2Values } from './export.js';
import { TABLE2_BLOCKS, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_CELL_LABELS, TABLE4_CELLS, TABLE4_GROUP_LABELS, TABLE4_GROUPS, type Table3Row } from './model.js';
import type { AnnualReport } from './service.js';

/** What the workbook shows of a report (an AnnualReport is one). */
export type XlsxReport = Pick<AnnualReport, 'agency' | 'year' | 'scope' | 'table2' | 'table3' | 'table4'>;

/** Worksheet names: ≤ 31 characters, none of : \ / ? * [ ] (Excel's limits). */
export const XLSX_SHEET_NAMES = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、行政复议、行政诉讼情况'] as const;

const FONT: Partial<ExcelJS.Font> = { name: '宋体', charset: 134, size: 11 };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const CENTRE: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const LEFT: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };

/** Writes a value at (row, col) and merges it down to lastRow and across to lastCol when larger than one cell. */
function put(ws: ExcelJS.Worksheet, row: number, col: number, value: string | number, lastRow = row, lastCol = col): ExcelJS.Cell {
  const cell = ws.getCell(row, col);
  cell.value = value;
  if (lastRow > row || lastCol > col) ws.mergeCells(row, col, lastRow, lastCol);
  return cell;
}

/** Thin borders and the font on every cell of the grid (merged cells included, so borders print). */
function grid(ws: ExcelJS.Worksheet, firstRow: number, lastRow: number, width: number): void {
  for (let r = firstRow; r <= lastRow; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.border = THIN;
      cell.font = FONT;
      cell.alignment ??= CENTRE;
    }
  }
}

/** Row 1: agency, year and table title across the full width; sets the widths and print layout. */
function sheet(wb: ExcelJS.Workbook, name: string, report: XlsxReport, title: string, widths: readonly number[], headerRows: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
    views: [{ state: 'frozen', ySplit: 1 + headerRows }],
  });
  ws.columns = widths.map((width) => ({ width }));
  const scope = report.scope === 'consolidated' ? '（汇总）' : '';
  const cell = put(ws, 1, 1, `${report.agency.name}${report.year}年度政府信息公开工作年度报告${scope}\n${title}`, 1, widths.length);
  cell.font = { ...FONT, size: 14, bold: true };
  cell.alignment = CENTRE;
  ws.getRow(1).height = 40;
  return ws;
}

// ---------------------------------------------------------------- table 二 (reference §2.1)

function table2Sheet(wb: ExcelJS.Workbook, report: XlsxReport): void {
  const ws = sheet(wb, XLSX_SHEET_NAMES[0], report, TABLE2_TITLE, [28, 18, 18, 18], 0);
  let row = 2;
  for (const block of TABLE2_BLOCKS) {
    // The item heads a row across the table; a single value column spans the three grid columns.
    put(ws, row, 1, block.item, row, 4).font = { ...FONT, bold: true };
    row++;
    const heads: readonly string[] = block.columns;
    if (heads.length === 4) heads.forEach((h, i) => put(ws, row, i + 1, h));
    else {
      put(ws, row, 1, heads[0]!);
      put(ws, row, 2, heads[1]!, row, 4);
    }
    row++;
    for (const r of block.rows) {
      put(ws, row, 1, r.label).alignment = LEFT;
      const values = table2Values(report.table2, r.key);
      if (values.length === 3) values.forEach((v, i) => (put(ws, row, i + 2, v).numFmt = '0'));
      else {
        const fee = r.key === 'feesTenThousandYuan';
        // 万元 to 4 decimals (1 yuan); an integer amount shows without a trailing decimal point.
        const v = fee ? Number(formatWanYuan(values[0]!)) : values[0]!;
        put(ws, row, 2, v, row, 4).numFmt = !fee || Number.isInteger(v) ? '0' : '0.####';
      }
      row++;
    }
  }
  grid(ws, 2, row - 1, 4);
}

// ---------------------------------------------------------------- table 三 (reference §2.3)

const prefix = (r: Table3Row | undefined, depth: number) => r?.labels.slice(0, depth).join('\u0000');

/**
 * Label cells of the data rows: a row's last label spans the remaining label columns (3 for a
 * single-level row, 2 for a two-level row); an outer label spans down over the run of following
 * rows that share it ("三、本年度办理结果" over 22 rows, "（三）不予公开" over 8).
 */
function table3Labels(ws: ExcelJS.Worksheet, firstRow: number): void {
  TABLE3_ROWS.forEach((row, r) => {
    row.labels.forEach((label, i) => {
      const last = i === row.labels.length - 1;
      // An outer label continues while the next row is deeper and shares the prefix.
      const shares = (o: Table3Row | undefined) => o !== undefined && o.labels.length > i + 1 && prefix(o, i + 1) === prefix(row, i + 1);
      if (!last && shares(TABLE3_ROWS[r - 1])) return;
      let end = r;
      if (!last) while (shares(TABLE3_ROWS[end + 1])) end++;
      put(ws, firstRow + r, i + 1, label, firstRow + end, last ? 3 : i + 1).alignment = last || i > 0 ? LEFT : CENTRE;
    });
  });
}

function table3Sheet(wb: ExcelJS.Workbook, report: XlsxReport): void {
  const ws = sheet(wb, XLSX_SHEET_NAMES[1], report, TABLE3_TITLE, [14, 24, 44, 10, 10, 10, 12, 12, 10, 10], 3);
  // Header: the caption 3 × 3; 申请人情况 over the 7 figures; 自然人 and 总计 down 2; 法人或其他组织 over 5.
  put(ws, 2, 1, TABLE3_NOTE, 4, 3);
  put(ws, 2, 4, TABLE3_APPLICANTS, 2, 10);
  put(ws, 3, 4, TABLE3_COLUMN_LABELS.natural, 4, 4);
  put(ws, 3, 5, TABLE3_ORGANISATIONS, 3, 4 + ORGANISATION_COLUMNS.length);
  ORGANISATION_COLUMNS.forEach((c, i) => put(ws, 4, 5 + i, TABLE3_COLUMN_LABELS[c]));
  put(ws, 3, 10, TABLE3_COLUMN_LABELS.total, 4, 10);
  const first = 5;
  table3Labels(ws, first);
  TABLE3_ROWS.forEach((row, r) => TABLE3_COLUMNS.forEach((c, j) => (put(ws, first + r, 4 + j, report.table3[row.key]?.[c] ?? 0).numFmt = '0')));
  grid(ws, 2, first + TABLE3_ROWS.length - 1, 10);
  ws.getRow(4).height = 30;
}

// ---------------------------------------------------------------- table 四 (reference §2.5)

function table4Sheet(wb: ExcelJS.Workbook, report: XlsxReport): void {
  const n = TABLE4_CELLS.length;
  const width = TABLE4_GROUPS.length * n;
  const depth = Math.max(...TABLE4_GROUPS.map((g) => TABLE4_GROUP_LABELS[g].length)) + 1; // header rows
  const ws = sheet(wb, XLSX_SHEET_NAMES[2], report, TABLE4_TITLE, Array<number>(width).fill(10), depth);
  const path = (gi: number, levels: number) => TABLE4_GROUP_LABELS[TABLE4_GROUPS[gi]!].slice(0, levels).join('\u0000');
  TABLE4_GROUPS.forEach((g, gi) => {
    const labels = TABLE4_GROUP_LABELS[g];
    labels.forEach((label, i) => {
      // A group label spans every following group that shares it (行政诉讼 over both kinds of suit).
      const same = (gj: number) => gj >= 0 && gj < TABLE4_GROUPS.length && TABLE4_GROUP_LABELS[TABLE4_GROUPS[gj]!].length > i && path(gj, i + 1) === path(gi, i + 1);
      if (same(gi - 1)) return;
      let end = gi;
      while (same(end + 1)) end++;
      put(ws, 2 + i, gi * n + 1, label, 2 + i, (end + 1) * n);
    });
    // The result heads fill the rows below the group's labels (行政复议's span 2 rows).
    TABLE4_CELLS.forEach((c, j) => {
      put(ws, 2 + labels.length, gi * n + 1 + j, TABLE4_CELL_LABELS[c], 1 + depth);
      put(ws, 2 + depth, gi * n + 1 + j, report.table4[g][c]).numFmt = '0';
    });
  });
  grid(ws, 2, 2 + depth, width);
  ws.getRow(2 + depth).height = 24;
}

// ---------------------------------------------------------------- workbook

/** The report as an XLSX workbook (ZIP bytes); the same report always gives the same bytes. */
export async function reportXlsx(report: XlsxReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const stamp = new Date(Date.UTC(report.year + 1, 0, 1));
  wb.creator = 'gongkai';
  wb.lastModifiedBy = 'gongkai';
  wb.created = stamp;
  wb.modified = stamp;
  wb.title = `${report.agency.name}${report.year}年度政府信息公开工作年度报告`;
  table2Sheet(wb, report);
  table3Sheet(wb, report);
  table4Sheet(wb, report);
  const written = await wb.xlsx.writeBuffer();
  // exceljs stamps each ZIP entry with the clock; repack with a fixed time. A local-time Date, as
  // ZIP (DOS) times are local: the entries read 1 January of the next year in any time zone.
  const entries = unzipSync(new Uint8Array(written));
  return Buffer.from(zipSync(entries, { level: 6, mtime: new Date(report.year + 1, 0, 1) }));
}
