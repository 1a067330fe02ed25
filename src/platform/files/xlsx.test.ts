import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { makeXlsx as makeTextXlsx, makeZipBomb, utf8 } from './fixtures/make.js';
import { columnIndex, columnLetters, isDateFormat, readFirstSheet, serialToIsoDate, XlsxError } from './xlsx.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook whose tab order (workbook.xml) differs from its part names, with a chart sheet first. */
function workbook(sheetXml: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    'xl/workbook.xml': utf8(
      `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><x:sheets>` +
        '<x:sheet name="图表" sheetId="3" r:id="rId3"/><x:sheet name="登记&amp;台账" sheetId="2" r:id="rId2"/><x:sheet name="旧表" sheetId="1" r:id="rId1"/>' +
        '</x:sheets></x:workbook>',
    ),
    'xl/_rels/workbook.xml.rels': utf8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
        '</Relationships>',
    ),
    'xl/styles.xml': utf8(
      `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/><numFmt numFmtId="177" formatCode="0.00&quot;天&quot;"/></numFmts>` +
        '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" xfId="0"/><xf numFmtId="177" xfId="0"/></cellXfs></styleSheet>',
    ),
    'xl/sharedStrings.xml': utf8(
      `<sst ${NS} count="3" uniqueCount="3"><si><t>编号</t></si><si><r><rPr><b/></rPr><t>收到</t></r><r><t xml:space="preserve">申请 &amp; 日期</t></r><rPh sb="0" eb="1"><t>シュウ</t></rPh></si><si><t>line_x000A_break</t></si></sst>`,
    ),
    'xl/chartsheets/sheet1.xml': utf8('<chartsheet/>'),
    'xl/worksheets/sheet1.xml': utf8(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>旧表，不应读到</t></is></c></row></sheetData></worksheet>`),
    'xl/worksheets/sheet2.xml': utf8(sheetXml),
    ...extra,
  });
}

describe('readFirstSheet', () => {
  const sheet = workbook(
    `<worksheet ${NS}><dimension ref="A1:D9"/><sheetData>` +
      '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>' +
      '<row r="2"><c r="A2" s="0"/><c r="B2" s="3"><v>5</v></c></row>' + // only an empty styled cell and a number
      '<row r="3"><c r="A3" s="1"/></row>' + // styled but empty: left out
      '<row r="5"><c r="A5"><v>42</v></c><c r="C5" s="1"><v>45366</v></c><c r="D5" s="2"><v>45366.75</v></c></row>' +
      '<row r="6"><c r="B6" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c><c r="C6" t="b"><v>1</v></c><c r="D6" t="str"><f>A5&amp;""</f><v>42</v></c></row>' +
      "<row r='7'><c r='A7' t='e'><v>#N/A</v></c><c r='AA7' t='inlineStr'><is><t>A &lt;B&gt; &#x4E2D;</t></is></c></row>" +
      '<row><c t="d"><v>2024-03-15T00:00:00Z</v></c><c><v>-1.5</v></c></row>' + // no r: the row after 7, cells A and B
      '</sheetData><mergeCells count="0"/></worksheet>',
  );

  test('follows workbook.xml tab order to the first worksheet (chart sheets skipped, absolute targets)', () => {
    const s = readFirstSheet(sheet);
    assert.equal(s.name, '登记&台账');
    assert.equal(s.date1904, false);
    assert.equal(s.rowLimitHit, false);
    assert.deepEqual(s.rows.map((r) => r.number), [1, 2, 5, 6, 7, 8]);
  });

  test('shared strings with rich-text runs (phonetic guides skipped), _xHHHH_ escapes, gaps as null', () => {
    const [r1] = readFirstSheet(sheet).rows;
    assert.deepEqual(r1?.cells, ['编号', '收到申请 & 日期', null, 'line\nbreak']);
  });

  test('numbers, dates flagged by style (built-in 14 and a custom 年月日 format, not 0.00"天")', () => {
    const rows = readFirstSheet(sheet).rows;
    assert.deepEqual(rows[1]?.cells, [null, 5]);
    assert.deepEqual([...(rows[1]?.dateColumns ?? [])], []);
    assert.deepEqual(rows[2]?.cells, [42, null, 45366, 45366.75]);
    assert.deepEqual([...(rows[2]?.dateColumns ?? [])], [2, 3]);
  });

  test('inline rich text, booleans, formula string results, errors, entities, far columns, ISO date cells', () => {
    const rows = readFirstSheet(sheet).rows;
    assert.deepEqual(rows[3]?.cells, [null, '富文本', true, '42']);
    assert.equal(rows[4]?.cells.length, 27);
    assert.equal(rows[4]?.cells[0], '#N/A');
    assert.equal(rows[4]?.cells[26], 'A <B> 中');
    assert.deepEqual(rows[5]?.cells, ['2024-03-15', -1.5]);
  });

  test('maxRows stops early and says so', () => {
    const s = readFirstSheet(sheet, { maxRows: 2 });
    assert.equal(s.rows.length, 2);
    assert.equal(s.rowLimitHit, true);
    assert.equal(readFirstSheet(sheet, { maxRows: 6 }).rowLimitHit, false);
  });

  test('a workbook without workbook.xml or rels falls back to the lowest-numbered worksheet', () => {
    const s = readFirstSheet(makeTextXlsx());
    assert.equal(s.name, '预算');
    assert.deepEqual(s.rows.map((r) => r.cells), [['政府信息公开', '预算&决算'], ['身份证号', Number('110101199003077777'), 2026.5], [true]]);
  });

  test('date1904 workbooks are flagged', () => {
    const bytes = zipSync({
      'xl/workbook.xml': utf8(`<workbook ${NS}><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1"/></sheets></workbook>`),
      'xl/worksheets/sheet1.xml': utf8(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`),
    });
    assert.equal(readFirstSheet(bytes).date1904, true);
  });

  test('not a zip, no worksheet, or a zip bomb: XlsxError with a bilingual message', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof XlsxError);
        assert.match(e.message, / \/ /);
        return e.code;
      }
      return 'no error';
    };
    assert.equal(code(() => readFirstSheet(utf8('a,b\n1,2\n'))), 'NOT_XLSX');
    assert.equal(code(() => readFirstSheet(zipSync({ 'word/document.xml': utf8('<w:document/>') }))), 'NO_SHEET');
    assert.equal(code(() => readFirstSheet(makeZipBomb(3), { maxBytes: 1024 * 1024 })), 'NO_SHEET'); // a DOCX bomb has no sheet at all
    const bomb = workbook(`<worksheet ${NS}><sheetData>${'<row><c><v>1</v></c></row>'.repeat(50_000)}</sheetData></worksheet>`);
    assert.equal(code(() => readFirstSheet(bomb, { maxBytes: 100_000 })), 'TOO_LARGE');
  });
});

describe('cell references, date serials and number formats', () => {
  test('column letters ↔ index', () => {
    for (const [ref, i] of [['A1', 0], ['Z9', 25], ['AA10', 26], ['AZ1', 51], ['XFD1048576', 16383], ['$C$3', 2]] as const) {
      assert.equal(columnIndex(ref), i, ref);
      assert.equal(columnLetters(i), ref.replace(/[$\d]/g, ''), ref);
    }
    assert.equal(columnIndex('12'), -1);
  });

  test('1900 system: serial 1 = 1900-01-01, the phantom 1900-02-29 (60) is no date, 61 = 1900-03-01', () => {
    assert.equal(serialToIsoDate(1), '1900-01-01');
    assert.equal(serialToIsoDate(59), '1900-02-28');
    assert.equal(serialToIsoDate(60), null);
    assert.equal(serialToIsoDate(61), '1900-03-01');
    assert.equal(serialToIsoDate(45366), '2024-03-15');
    assert.equal(serialToIsoDate(45366.99), '2024-03-15');
    assert.equal(serialToIsoDate(2958465), '9999-12-31');
    for (const bad of [0, -1, 2958466, Number.NaN]) assert.equal(serialToIsoDate(bad), null, String(bad));
  });

  test('1904 system: serial 0 = 1904-01-01', () => {
    assert.equal(serialToIsoDate(0, true), '1904-01-01');
    assert.equal(serialToIsoDate(43904, true), '2024-03-15');
  });

  test('date formats: built-ins 14–22 and the East Asian ones, custom codes with y/m/d but not literals or colours', () => {
    for (const id of [14, 17, 22, 31, 57]) assert.equal(isDateFormat(id), true, String(id));
    for (const id of [0, 1, 4, 10, 49]) assert.equal(isDateFormat(id), false, String(id));
    assert.equal(isDateFormat(176, 'yyyy"年"m"月"d"日";@'), true);
    assert.equal(isDateFormat(177, '[$-804]yyyy/mm/dd'), true);
    assert.equal(isDateFormat(178, '0.00"天"'), false);
    assert.equal(isDateFormat(179, '[Red]#,##0;[Blue]-#,##0'), false);
    assert.equal(isDateFormat(180, '0.00E+00'), false);
    assert.equal(isDateFormat(181, 'General'), false);
    assert.equal(isDateFormat(182, '\\d0'), false);
  });
});
