import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { csvLine } from '../platform/files/csv.js';
import { makeXlsx } from '../requests/fixtures/make.js';
import { formatMaterial, ITEM_COLUMNS, itemCells, parseItemSheet } from './import-file.js';
import type { ServiceItemInput } from './model.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEADER = ['事项编码', '事项名称', '事项类型', '实施机关', '设定依据', '申请材料', '办理流程', '法定办结时限', '承诺办结时限', '到现场次数', '服务主题', '常见问题', '变更类型', '变更日期', '依据文件'];
const csv = (...rows: string[][]) => utf8(rows.map((r) => csvLine(r)).join(''));

const MARRIAGE_ROW = [
  'ljs-mzj-QR-0009',
  '内地居民结婚登记',
  '行政确认',
  'ljs-mzj',
  '《婚姻登记条例》第四条、第五条',
  '居民身份证｜原件｜1｜必要：现场核验｜公安机关\n户口簿｜原件｜1\n近期半身免冠合照｜电子材料｜0｜条件：当场拍照的无需提供｜｜jpg',
  '1. 双方当场提出申请\n2、审查并颁发结婚证',
  '即办',
  '0个工作日',
  '1次',
  '婚姻、户籍',
  '问：可以异地办理吗？\n答：可以，在一方户籍地或常住地均可。\n问：需要预约吗？\n答：建议预约。\n节假日不受理。',
  '',
  '',
  '',
];

describe('parseItemSheet', () => {
  test('a row becomes the guide: materials, numbered steps, 即办, visits, life events and FAQ from their cells', () => {
    const r = parseItemSheet(csv(HEADER, MARRIAGE_ROW), 'items.csv');
    assert.deepEqual(r.problems, []);
    assert.equal(r.rows.length, 1);
    const row = r.rows[0];
    assert.equal(row?.line, 2);
    assert.deepEqual(row?.item, {
      code: 'ljs-mzj-QR-0009',
      name: '内地居民结婚登记',
      type: '行政确认',
      agency: 'ljs-mzj',
      legalBasis: '《婚姻登记条例》第四条、第五条',
      conditions: '',
      materials: [
        { name: '居民身份证', form: '原件', copies: 1, format: '', source: '公安机关', required: true, condition: '现场核验' },
        { name: '户口簿', form: '原件', copies: 1, format: '', source: '', required: true, condition: '' },
        { name: '近期半身免冠合照', form: '电子材料', copies: 0, format: 'jpg', source: '', required: false, condition: '当场拍照的无需提供' },
      ],
      steps: ['双方当场提出申请', '审查并颁发结婚证'],
      statutoryDays: 0,
      promisedDays: 0,
      fees: '不收费',
      feeBasis: '',
      place: '',
      hours: '',
      phone: '',
      onlineUrl: '',
      visits: '最多跑一次',
      events: ['婚姻', '户籍'],
      faq: [
        { q: '可以异地办理吗？', a: '可以，在一方户籍地或常住地均可。' },
        { q: '需要预约吗？', a: '建议预约。\n节假日不受理。' },
      ],
    });
    assert.deepEqual(row?.change, { kind: null, on: null, reason: '批量导入', document: '', target: '' });
  });

  test('every problem is reported with its line and the header as written; a row with one is left out', () => {
    const bad = [...MARRIAGE_ROW];
    bad[0] = 'ljs-mzj-QR-0010';
    bad[2] = '行政审批';
    bad[5] = '居民身份证｜原件｜两份\n户口簿｜影印件';
    bad[7] = '20';
    bad[8] = '30天';
    bad[10] = '婚姻、旅游';
    bad[11] = '答：没有问题的答案';
    bad[12] = '合并';
    bad[13] = '2025-02-30';
    const dup = [...MARRIAGE_ROW];
    const header = HEADER.map((h) => (h === '事项类型' ? '*事项类型（必填）' : h));
    const r = parseItemSheet(csv(header, MARRIAGE_ROW, bad, dup, ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '多出的一格']), 'items.csv');
    // CSV lines are physical lines: the good row's cells hold 7 line breaks (lines 2–9), the bad
    // row's 2 (10–12), the duplicate's 7 (13–20); the last row is line 21.
    assert.deepEqual(
      r.problems.map((p) => `${p.line} ${p.column} ${p.reason.split(' / ')[0]}`),
      [
        '10 *事项类型（必填） 无法识别“行政审批”；可填：行政许可、行政确认、行政给付、行政奖励、行政裁决、其他行政权力、公共服务',
        '10 申请材料 “居民身份证｜原件｜两份”的份数“两份”应为 0–99 的整数',
        '10 申请材料 “户口簿｜影印件”的形式“影印件”无法识别，可填原件、复印件、原件和复印件、电子材料',
        '10 常见问题 每个问题以“问：”开头，答案以“答：”开头（“答：没有问题的答案”）',
        '10 变更日期 “2025-02-30”不是真实存在的日期',
        '10 变更对象 合并须写明并入的事项编码',
        '10 承诺办结时限 承诺时限（30）不得长于法定时限（20）',
        '10 服务主题 第 2 项：未知的主题',
        '13 事项编码 与第 2 行的事项编码重复',
        '21 第 16 列 / column 16 这一列没有表头，内容无法导入',
        '21 事项编码 必填',
        '21 事项名称 必填',
        '21 实施机关 必填',
        '21 设定依据 必填',
        '21 *事项类型（必填） 必填',
      ],
    );
    assert.deepEqual(
      r.rows.map((x) => x.line),
      [2],
    );
  });

  test('a missing required column is reported on the header and no row is imported', () => {
    const header = HEADER.filter((h) => h !== '设定依据');
    const row = MARRIAGE_ROW.filter((_, i) => i !== 4);
    const r = parseItemSheet(csv(header, row), 'items.csv');
    assert.deepEqual(r.problems, [{ line: 1, column: '设定依据', reason: '缺少必填列 / required column missing' }]);
    assert.deepEqual(r.rows, []);
  });

  test('an XLSX sheet below a title row reads the same, numbers and dates from numeric cells', () => {
    const header = [...HEADER];
    const row: (string | number)[] = [...MARRIAGE_ROW];
    row[7] = 20;
    row[8] = 5;
    row[12] = '调整';
    row[13] = 45_717; // 2025-03-01 as an Excel serial
    row[14] = '岚政发〔2025〕3号';
    const bytes = makeXlsx([['岚江市民政局政务服务事项清单'], header, row]);
    const r = parseItemSheet(bytes, 'list.xlsx');
    assert.equal(r.format, 'xlsx');
    assert.deepEqual(r.problems, []);
    assert.equal(r.rows[0]?.line, 3);
    assert.equal(r.rows[0]?.item.statutoryDays, 20);
    assert.equal(r.rows[0]?.item.promisedDays, 5);
    assert.deepEqual(r.rows[0]?.change, { kind: 'changed', on: '2025-03-01', reason: '批量导入', document: '岚政发〔2025〕3号', target: '' });
  });

  test('an .xls workbook is refused with the way out', () => {
    const r = parseItemSheet(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0), 'old.xls');
    assert.match(r.problems[0]?.reason ?? '', /另存为 \.xlsx 或 CSV/);
  });
});

describe('export layout', () => {
  test('materials are written 名称｜形式｜份数｜必要性｜来源｜格式 with the empty tail left off', () => {
    assert.equal(formatMaterial({ name: '居民身份证', form: '原件', copies: 1, format: '', source: '公安机关', required: true, condition: '现场核验' }), '居民身份证｜原件｜1｜必要：现场核验｜公安机关');
    assert.equal(formatMaterial({ name: '委托书', form: '原件', copies: 1, format: '', source: '', required: false, condition: '委托他人办理的' }), '委托书｜原件｜1｜条件：委托他人办理的');
    assert.equal(formatMaterial({ name: '照片', form: '电子材料', copies: 0, format: 'jpg', source: '', required: false, condition: '' }), '照片｜电子材料｜0｜非必要｜｜jpg');
  });

  test('an exported row imports back as the same item', () => {
    const first = parseItemSheet(csv(HEADER, MARRIAGE_ROW), 'a.csv').rows[0]?.item as ServiceItemInput;
    const again = parseItemSheet(csv(ITEM_COLUMNS.map((c) => c.zh), itemCells(first)), 'b.csv');
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.rows[0]?.item, first);
  });

  test('docs/services-import.md lists every column', () => {
    const doc = readFileSync(new URL('../../docs/services-import.md', import.meta.url), 'utf8');
    for (const c of ITEM_COLUMNS) assert.ok(doc.includes(`| ${c.zh} |`), `${c.zh} documented`);
  });
});
