import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APPLICANT_TYPES } from '../requests/model.js';
import { csvField, csvLine } from '../platform/files/csv.js';
import { reportCells, reportCsv, reportJson, type ReportData } from './export.js';
import { TABLE3_ROWS, buildTable3, buildTable4 } from './model.js';

const report: ReportData = {
  agency: { code: 'LJ-EDU', name: '岚江市教育局' },
  year: 2025,
  table2: {
    rules: { made: 1, repealed: 2, inForce: 3 },
    normativeDocuments: { made: 4, repealed: 5, inForce: 6 },
    licensing: 7,
    penalties: 8,
    enforcement: 9,
    feesTenThousandYuan: 12.340049,
  },
  // a distinct figure per entered cell: row index × 100 + column number
  table3: buildTable3(
    TABLE3_ROWS.filter((r) => r.key !== 'results-total').flatMap((r, i) => APPLICANT_TYPES.map((applicantType, j) => ({ row: r.key, applicantType, n: (i + 1) * 100 + j + 1 }))),
  ),
  table4: buildTable4([
    { group: 'reconsideration', result: 'upheld', n: 4 },
    { group: 'reconsideration', result: 'corrected', n: 1 },
    { group: 'litigation-direct', result: 'pending', n: 2 },
    { group: 'litigation-after-reconsideration', result: 'other', n: 3 },
  ]),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking an untyped JSON tree in assertions
const json = reportJson(report) as any;

describe('reportJson', () => {
  test('top-level keys are the agency, the year and the template’s table titles', () => {
    assert.deepEqual(Object.keys(json), ['机关', '年度', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    assert.equal(json['机关'], '岚江市教育局');
    assert.equal(json['年度'], 2025);
  });

  test('table 二 is keyed by item, row and column label; the fee is rounded to 4 decimals', () => {
    const t2 = json['二、主动公开政府信息情况'];
    assert.deepEqual(Object.keys(t2), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    assert.deepEqual(t2['第二十条第（一）项']['行政规范性文件'], { 本年制发件数: 4, 本年废止件数: 5, 现行有效件数: 6 });
    assert.deepEqual(t2['第二十条第（五）项'], { 行政许可: { 本年处理决定数量: 7 } });
    assert.equal(t2['第二十条第（六）项']['行政强制']['本年处理决定数量'], 9);
    assert.deepEqual(t2['第二十条第（八）项'], { 行政事业性收费: { '本年收费金额（单位：万元）': 12.34 } });
  });

  test('table 三 nests by the row labels; every row has the 7 column labels', () => {
    const t3 = json['三、收到和处理政府信息公开申请情况'];
    assert.deepEqual(Object.keys(t3), ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果', '四、结转下年度继续办理']);
    assert.deepEqual(t3['一、本年新收政府信息公开申请数量'], { 自然人: 101, 商业企业: 102, 科研机构: 103, 社会公益组织: 104, 法律服务机构: 105, 其他: 106, 总计: 621 });
    const results = t3['三、本年度办理结果'];
    assert.deepEqual(Object.keys(results), [
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '（三）不予公开',
      '（四）无法提供',
      '（五）不予处理',
      '（六）其他处理',
      '（七）总计',
    ]);
    assert.equal(results['（一）予以公开']['自然人'], 301);
    assert.equal(results['（三）不予公开']['1.属于国家秘密']['商业企业'], 502);
    assert.equal(Object.keys(results['（三）不予公开']).length, 8);
    assert.equal(results['（五）不予处理']['2.重复申请']['法律服务机构'], 1705);
    assert.equal(results['（六）其他处理']['3.其他']['其他'], 2306);
    assert.equal(results['（七）总计']['总计'], report.table3['results-total']!.total);
    assert.equal(t3['四、结转下年度继续办理']['科研机构'], 2403);
  });

  test('table 四 nests 行政诉讼 by its two groups', () => {
    const t4 = json['四、政府信息公开行政复议、行政诉讼情况'];
    assert.deepEqual(t4['行政复议'], { 结果维持: 4, 结果纠正: 1, 其他结果: 0, 尚未审结: 0, 总计: 5 });
    assert.deepEqual(Object.keys(t4['行政诉讼']), ['未经复议直接起诉', '复议后起诉']);
    assert.equal(t4['行政诉讼']['未经复议直接起诉']['尚未审结'], 2);
    assert.equal(t4['行政诉讼']['复议后起诉']['其他结果'], 3);
    assert.equal(t4['行政诉讼']['复议后起诉']['总计'], 3);
  });

  test('survives JSON.stringify unchanged', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  });
});

/** A minimal RFC 4180 reader, to check the writer against. */
function parseCsv(s: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && s[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('reportCsv', () => {
  const csv = reportCsv(report);

  test('starts with a UTF-8 BOM and the header line; every line ends in CRLF', () => {
    assert.ok(csv.startsWith('\uFEFF表,行,列,数值\r\n'));
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(csv), 'no bare LF');
  });

  test('one line per data cell, plus the header', () => {
    const records = parseCsv(csv.slice(1));
    assert.equal(reportCells(report).length, 10 + 25 * 7 + 15);
    assert.equal(records.length, reportCells(report).length + 1);
    assert.equal(csv.split('\r\n').length - 1, records.length, 'no field holds a line break');
    assert.ok(records.every((r) => r.length === 4));
  });

  test('rows and columns join their labels with " / "', () => {
    const lines = csv.split('\r\n');
    assert.ok(lines.includes('表三,三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密,法人或其他组织 / 商业企业,502'));
    assert.ok(lines.includes('表三,一、本年新收政府信息公开申请数量,自然人,101'));
    assert.ok(lines.includes('表二,第二十条第（一）项 / 规章,本年废止件数,2'));
    assert.ok(lines.includes('表二,第二十条第（八）项 / 行政事业性收费,本年收费金额（单位：万元）,12.34'));
    assert.ok(lines.includes('表四,,行政诉讼 / 复议后起诉 / 其他结果,3'));
    assert.ok(lines.includes('表四,,行政复议 / 总计,5'));
  });

  test('fields with a comma, a quote or a line break are quoted, quotes doubled', () => {
    assert.equal(csvField('行政许可'), '行政许可');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    const line = csvLine(['表三', '甲,乙', '“全角”', '1']);
    assert.equal(line, '表三,"甲,乙",“全角”,1\r\n');
    assert.deepEqual(parseCsv(line), [['表三', '甲,乙', '“全角”', '1']]);
  });
});
