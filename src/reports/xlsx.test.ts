import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { AgencyRow } from '../platform/db/schema.js';
import { APPLICANT_TYPES } from '../requests/model.js';
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_CELLS, TABLE4_GROUPS, buildTable3, buildTable4, emptyTable2 } from './model.js';
import { XLSX_SHEET_NAMES, reportXlsx, type XlsxReport } from './xlsx.js';

const report: XlsxReport = {
  agency: { id: 7, code: 'LJ-EDU', name: '岚江市教育局' } as AgencyRow,
  year: 2025,
  scope: 'agency',
  table2: { ...emptyTable2(), rules: { made: 1, repealed: 2, inForce: 3 }, normativeDocuments: { made: 4, repealed: 5, inForce: 6 }, licensing: 7, penalties: 8, enforcement: 9, feesTenThousandYuan: 12.340049 },
  // a distinct figure per entered cell: row index × 100 + column number
  table3: buildTable3(
    TABLE3_ROWS.filter((r) => r.key !== 'results-total').flatMap((r, i) => APPLICANT_TYPES.map((applicantType, j) => ({ row: r.key, applicantType, n: (i + 1) * 100 + j + 1 }))),
  ),
  // distinct figures: group index × 10 + result number
  table4: buildTable4(TABLE4_GROUPS.flatMap((group, g) => (['upheld', 'corrected', 'other', 'pending'] as const).map((result, k) => ({ group, result, n: (g + 1) * 10 + k + 1 })))),
};

const buffer = await reportXlsx(report);
const wb = new ExcelJS.Workbook();
// exceljs declares its own global Buffer (an ArrayBuffer) that Node's Buffer type does not satisfy.
await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
const sheet = (i: number) => wb.getWorksheet(XLSX_SHEET_NAMES[i])!;
const merges = (ws: ExcelJS.Worksheet) => new Set(ws.model.merges);
/** A numeric cell: asserts the type, returns the figure. */
function num(ws: ExcelJS.Worksheet, address: string): number {
  const v = ws.getCell(address).value;
  assert.equal(typeof v, 'number', `${ws.name}!${address} is numeric (got ${JSON.stringify(v)})`);
  return v as number;
}
const col = (n: number) => String.fromCharCode(64 + n); // 1 → A

describe('reportXlsx', () => {
  test('is a ZIP (XLSX) with the three worksheets, named within Excel’s limits', () => {
    assert.deepEqual([...buffer.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    assert.deepEqual(
      wb.worksheets.map((ws) => ws.name),
      ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、行政复议、行政诉讼情况'],
    );
    for (const name of XLSX_SHEET_NAMES) assert.ok(name.length <= 31 && !/[:\\/?*[\]]/.test(name), name);
  });

  test('workbook metadata is fixed by the report year, and the bytes do not depend on the clock', async () => {
    assert.equal(wb.creator, 'gongkai');
    assert.equal(wb.created.toISOString(), '2026-01-01T00:00:00.000Z');
    mock.timers.enable({ apis: ['Date'], now: Date.UTC(2031, 5, 15, 13, 37, 11) });
    try {
      const later = await reportXlsx(report);
      assert.ok(later.equals(buffer), 'same report, same bytes');
    } finally {
      mock.timers.reset();
    }
  });

  test('each sheet opens with a title row: agency, year and table title across the width', () => {
    for (const [i, last, title] of [[0, 'D', '二、主动公开政府信息情况'], [1, 'J', '三、收到和处理政府信息公开申请情况'], [2, 'O', '四、政府信息公开行政复议、行政诉讼情况']] as const) {
      const ws = sheet(i);
      assert.ok(merges(ws).has(`A1:${last}1`), ws.name);
      const text = ws.getCell('A1').value;
      assert.ok(typeof text === 'string');
      assert.ok(text.includes('岚江市教育局') && text.includes('2025') && text.includes(title), text);
    }
  });

  test('table 二: the four blocks with merged item rows, figures numeric, the fee in 万元 to 4 decimals', () => {
    const ws = sheet(0);
    const m = merges(ws);
    for (const row of [2, 6, 9, 13]) assert.ok(m.has(`A${row}:D${row}`), `item row ${row}`);
    assert.equal(ws.getCell('A2').value, '第二十条第（一）项');
    assert.deepEqual([1, 2, 3, 4].map((c) => ws.getCell(3, c).value), ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    assert.equal(ws.getCell('A5').value, '行政规范性文件');
    assert.deepEqual(['B4', 'C4', 'D4', 'B5', 'C5', 'D5'].map((a) => num(ws, a)), [1, 2, 3, 4, 5, 6]);
    assert.equal(ws.getCell('A13').value, '第二十条第（八）项');
    assert.ok(m.has('B14:D14') && m.has('B15:D15'));
    assert.equal(ws.getCell('B14').value, '本年收费金额（单位：万元）');
    assert.deepEqual([num(ws, 'B8'), num(ws, 'B11'), num(ws, 'B12')], [7, 8, 9]);
    assert.equal(ws.getCell('A15').value, '行政事业性收费');
    assert.equal(num(ws, 'B15'), 12.34);
    assert.equal(ws.getCell('B15').numFmt, '0.####');
    assert.equal(ws.getCell('B15').border.top?.style, 'thin');
  });

  test('table 三 header: the caption 3 × 3, 申请人情况 over 7, 法人或其他组织 over 5, 自然人 and 总计 down 2', () => {
    const ws = sheet(1);
    const m = merges(ws);
    for (const range of ['A2:C4', 'D2:J2', 'D3:D4', 'E3:I3', 'J3:J4']) assert.ok(m.has(range), range);
    assert.equal(ws.getCell('A2').value, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    assert.equal(ws.getCell('D2').value, '申请人情况');
    assert.equal(ws.getCell('D3').value, '自然人');
    assert.equal(ws.getCell('E3').value, '法人或其他组织');
    assert.equal(ws.getCell('J3').value, '总计');
    assert.deepEqual([5, 6, 7, 8, 9].map((c) => ws.getCell(4, c).value), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    const a2 = ws.getCell('A2');
    assert.equal(a2.alignment.horizontal, 'center');
    assert.equal(a2.alignment.wrapText, true);
  });

  test('table 三 label cells: single-level rows across 3, two-level across 2, 三、本年度办理结果 down 22, （三）不予公开 down 8', () => {
    const ws = sheet(1);
    const m = merges(ws);
    for (const range of ['A5:C5', 'A6:C6', 'A29:C29', 'A7:A28', 'B7:C7', 'B8:C8', 'B9:B16', 'B17:B19', 'B20:B24', 'B25:B27', 'B28:C28']) assert.ok(m.has(range), range);
    assert.equal(ws.getCell('A5').value, '一、本年新收政府信息公开申请数量');
    assert.equal(ws.getCell('A7').value, '三、本年度办理结果');
    assert.equal(ws.getCell('B9').value, '（三）不予公开');
    assert.equal(ws.getCell('C9').value, '1.属于国家秘密');
    assert.equal(ws.getCell('C16').value, '8.属于行政查询事项');
    assert.equal(ws.getCell('B28').value, '（七）总计');
    assert.equal(ws.getCell('A29').value, '四、结转下年度继续办理');
  });

  test('table 三 figures: every row × column numeric and equal to the input', () => {
    const ws = sheet(1);
    assert.equal(num(ws, 'D5'), 101);
    assert.equal(num(ws, 'J5'), 621);
    assert.equal(num(ws, 'F12'), report.table3['withheld.third-party']!['research']);
    assert.equal(num(ws, 'J28'), report.table3['results-total']!.total);
    TABLE3_ROWS.forEach((row, r) => TABLE3_COLUMNS.forEach((c, j) => assert.equal(num(ws, `${col(4 + j)}${5 + r}`), report.table3[row.key]![c], `${row.key} × ${c}`)));
    assert.equal(ws.rowCount, 4 + TABLE3_ROWS.length);
  });

  test('table 四: 行政复议 over 5, 行政诉讼 over 10, its two kinds over 5 each, 行政复议 heads down 2, 15 figures', () => {
    const ws = sheet(2);
    const m = merges(ws);
    for (const range of ['A2:E2', 'F2:O2', 'F3:J3', 'K3:O3', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4']) assert.ok(m.has(range), range);
    assert.deepEqual(['A2', 'F2', 'F3', 'K3'].map((a) => ws.getCell(a).value), ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']);
    assert.deepEqual([1, 2, 3, 4, 5].map((c) => ws.getCell(3, c).value), ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    assert.equal(ws.getCell('O4').value, '总计');
    const figures = Array.from({ length: 15 }, (_, i) => num(ws, `${col(i + 1)}5`));
    assert.deepEqual(figures, TABLE4_GROUPS.flatMap((g) => TABLE4_CELLS.map((c) => report.table4[g][c])));
    assert.deepEqual(figures.slice(0, 5), [11, 12, 13, 14, 50]);
  });
});
