import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gb18030, makeXlsx, utf8, utf8Bom } from './fixtures/make.js';
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseCsv, parseRegister, type ImportedRequest } from './import-file.js';
import { OUTCOME_REASONS, outcomeTitle } from './model.js';

const HEADER = '原登记编号,收到申请日期,申请渠道,申请人类型,申请内容,办理结果,答复日期,延期工作日';
const csv = (...lines: string[]): Uint8Array => utf8(lines.join('\r\n') + '\r\n');
const parse = (bytes: Uint8Array, name = 'register.csv'): ReturnType<typeof parseRegister> => parseRegister(bytes, name);
/** Problems as compact [line, column, start of the Chinese reason] triples. */
const brief = (r: ReturnType<typeof parseRegister>): [number, string, string][] => r.problems.map((p) => [p.line, p.column, p.reason.split(' / ')[0] ?? '']);

const GOOD_LINES = [
  HEADER,
  'YSQ2023-001,2023-03-01,网上,自然人,2022年度部门预算,予以公开,2023-03-20,',
  'YSQ2023-002,2023/3/2,当面提交,商业企业,某路段拓宽工程环评批复,不予公开·属于国家秘密,2023.3.28,15',
  ',2023年12月28日,邮寄,科研机构,2023年水质监测数据,,,',
];
const GOOD_ROWS: ImportedRequest[] = [
  { line: 2, externalNumber: 'YSQ2023-001', receivedOn: '2023-03-01', channel: 'online', applicantType: 'natural', title: '2022年度部门预算', outcome: 'disclosed.provided', closedOn: '2023-03-20', extensionDays: 0, appeals: [] },
  { line: 3, externalNumber: 'YSQ2023-002', receivedOn: '2023-03-02', channel: 'in-person', applicantType: 'business', title: '某路段拓宽工程环评批复', outcome: 'withheld.state-secret', closedOn: '2023-03-28', extensionDays: 15, appeals: [] },
  { line: 4, externalNumber: '', receivedOn: '2023-12-28', channel: 'post-signed', applicantType: 'research', title: '2023年水质监测数据', outcome: null, closedOn: null, extensionDays: 0, appeals: [] },
];

describe('parseRegister: CSV', () => {
  test('UTF-8 with BOM: every date form, labels and short forms, an open request (结转)', () => {
    const r = parse(utf8Bom(GOOD_LINES.join('\r\n')));
    assert.equal(r.format, 'csv');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows, GOOD_ROWS);
  });

  test('GB18030 (GBK) bytes, as Excel in China saves CSV, give the same rows', () => {
    const bytes = gb18030(GOOD_LINES.join('\r\n'));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)); // really not UTF-8
    const r = parse(bytes);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows, GOOD_ROWS);
  });

  test('quoted cells: commas, doubled quotes, a newline inside; the next record keeps its real line number', () => {
    const r = parse(
      csv(
        HEADER,
        '1,2024-01-05,传真,自然人,"关于“老旧小区改造”的\r\n资金安排, 含 ""附件""",部分公开,2024-01-30,',
        '2,2024-01-06,平信,其他,"单行",予以公开,2024-01-31,',
      ),
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows.map((x) => [x.line, x.title, x.channel]), [
      [2, '关于“老旧小区改造”的\n资金安排, 含 "附件"', 'fax'],
      [4, '单行', 'post-ordinary'],
    ]);
  });

  test('LF line ends, no BOM, blank lines skipped but counted; trailing newline optional', () => {
    const r = parse(utf8(`${HEADER}\n\n1,2024-02-01,电子邮件,法律服务机构,甲,予以公开,2024-02-02,\n , ,\n2,2024-02-01,EMS,社会公益组织,乙,予以公开,2024-02-02,`));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows.map((x) => [x.line, x.channel, x.applicantType]), [[3, 'email', 'legal-services'], [5, 'post-signed', 'public-interest']]);
  });

  test('tab-separated: by .tsv name, or a header with tabs and no commas', () => {
    const tsv = [HEADER.replaceAll(',', '\t'), ['1', '2024-02-01', '网络', '自然人', '甲, 乙', '予以公开', '2024-02-02', '3'].join('\t')].join('\n');
    for (const name of ['register.tsv', 'register.txt', 'register.csv']) {
      const r = parse(utf8(tsv), name);
      assert.deepEqual(r.problems, [], name);
      assert.deepEqual(r.rows.map((x) => [x.title, x.extensionDays]), [['甲, 乙', 3]], name);
    }
  });

  test('headers by English key or alias, any order, NFKC, case and required marks ignored; a title row above', () => {
    const r = parse(
      csv(
        'XX局2023年政府信息公开申请登记台账',
        'TITLE,ＲｅｃｅｉｖｅｄＯｎ,申请方式,申请人身份（必填）,*处理结果,办结日期,登记编号, extensiondays ',
        '预算,2023-05-04,在线,公民,予以公开,2023-05-10,A-1,0',
      ),
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows, [{ line: 3, externalNumber: 'A-1', receivedOn: '2023-05-04', channel: 'online', applicantType: 'natural', title: '预算', outcome: 'disclosed.provided', closedOn: '2023-05-10', extensionDays: 0, appeals: [] }]);
  });

  test('parseCsv: RFC 4180 records, CR-only line ends, quotes only open a field, unterminated quote', () => {
    assert.deepEqual(parseCsv('a,"b\r\nc",d\re,f""g\n"h"x,', ','), {
      records: [
        { line: 1, fields: ['a', 'b\nc', 'd'] },
        { line: 3, fields: ['e', 'f""g'] },
        { line: 4, fields: ['hx', ''] },
      ],
      unterminatedAt: undefined,
    });
    assert.equal(parseCsv('a\n"b\nc', ',').unterminatedAt, 2);
  });
});

describe('parseRegister: 办理结果 (outcome) forms', () => {
  const outcomes = (values: string[]): ReturnType<typeof parseRegister> =>
    parse(csv(HEADER, ...values.map((v, i) => `${i + 1},2024-01-02,网上,自然人,内容,"${v}",${v === '' ? '' : '2024-01-10'},`)));

  const CASES: [string, string | null][] = [
    ['予以公开', 'disclosed.provided'],
    ['予以公开·已主动公开', 'disclosed.already-public'],
    ['部分公开', 'partial'],
    ['部分公开（区分处理的，只计这一情形，不计其他情形）', 'partial'],
    ['withheld.state-secret', 'withheld.state-secret'],
    ['Withheld.State-Secret', 'withheld.state-secret'],
    ['不予公开·属于国家秘密', 'withheld.state-secret'],
    ['不予公开 · 属于国家秘密', 'withheld.state-secret'],
    ['不予公开-属于国家秘密', 'withheld.state-secret'],
    ['不予公开：属于国家秘密', 'withheld.state-secret'],
    ['不予公开:属于国家秘密', 'withheld.state-secret'],
    ['不予公开／属于国家秘密', 'withheld.state-secret'],
    ['不予公开 属于国家秘密', 'withheld.state-secret'],
    ['不予公开（属于国家秘密）', 'withheld.state-secret'],
    ['属于国家秘密', 'withheld.state-secret'],
    ['危及“三安全一稳定”', 'withheld.three-safety'],
    ['不予公开·危及""三安全一稳定""', 'withheld.three-safety'],
    ['无法提供·本机关不掌握相关政府信息', 'unavailable.not-held'],
    ['不予处理 - 重复申请', 'not-processed.repeat'],
    ['申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other.correction-overdue'],
    ['申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'other.fee-unpaid'],
    ['其他处理·逾期不补正', 'other.correction-overdue'],
    ['逾期不补正', 'other.correction-overdue'],
    ['逾期未缴费', 'other.fee-unpaid'],
    ['其他处理 · 逾期未缴费', 'other.fee-unpaid'],
    ['其他', 'other.other'],
    ['其他处理·其他', 'other.other'],
    ['', null],
  ];

  test('group alone, group + separator + sub-reason, bare unique sub-reason, codes, 2021 long labels, short forms', () => {
    const r = outcomes(CASES.map(([v]) => v));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows.map((x) => x.outcome), CASES.map(([, code]) => code));
  });

  test('every outcomeTitle() reads back as its code (予以公开 alone means provided)', () => {
    const r = outcomes(OUTCOME_REASONS.map((o) => outcomeTitle(o.code)));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows.map((x) => x.outcome), OUTCOME_REASONS.map((o) => (o.code === 'disclosed.already-public' ? 'disclosed.provided' : o.code)));
  });

  test('a group with sub-rows alone, a sub-reason from another group, unknown text: problems', () => {
    const r = outcomes(['不予公开', '不予公开·重复申请', '其他处理', '无法提供·属于国家秘密', '已办结']);
    assert.deepEqual(r.rows, []);
    assert.deepEqual(brief(r), [
      [2, '办理结果', '“不予公开”须写明具体情形：属于国家秘密、其他法律行政法规禁止公开、危及“三安全一稳定”、保护第三方合法权益、属于三类内部事务信息、属于四类过程性信息、属于行政执法案卷、属于行政查询事项'],
      [3, '办理结果', '“重复申请”属于“不予处理”，不属于“不予公开”'],
      [4, '办理结果', '“其他处理”须写明具体情形：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请、其他'],
      [5, '办理结果', '“属于国家秘密”属于“不予公开”，不属于“无法提供”'],
      [6, '办理结果', '无法识别的办理结果“已办结”；请按年报表三填写，如“予以公开”“部分公开”“不予公开·属于国家秘密”，未办结请留空'],
    ]);
  });
});

describe('parseRegister: problems', () => {
  test('each kind of bad row, with its exact line and header text; only good rows come back', () => {
    const long = '长'.repeat(501);
    const r = parse(
      csv(
        '编号,收到申请日期,申请渠道,申请人类型,申请内容,办理结果,答复日期,延期天数',
        'A1,,网上,自然人,内容,,,', // 2 receivedOn empty
        'A2,2024-13-01,网上,自然人,内容,,,', // 3 no such month
        'A3,2024-02-30,网上,自然人,内容,,,', // 4 no such day
        'A4,15/03/2024,网上,自然人,内容,,,', // 5 day-first format
        'A5,2024-03-15,信鸽,自然人,内容,,,', // 6 unknown channel
        'A6,2024-03-15,网上,法人,内容,,,', // 7 umbrella applicant type
        'A7,2024-03-15,网上,外星人,内容,,,', // 8 unknown applicant type
        `A8,2024-03-15,网上,自然人,${long},,,`, // 9 title too long
        'A9,2024-03-15,网上,自然人,,,,', // 10 title empty
        'A10,2024-03-15,网上,自然人,内容,予以公开,,', // 11 outcome without closedOn
        'A11,2024-03-15,网上,自然人,内容,,2024-03-20,', // 12 closedOn without outcome
        'A12,2024-03-15,网上,自然人,内容,予以公开,2024-03-14,', // 13 closedOn before receivedOn
        'A13,2024-03-15,网上,自然人,内容,予以公开,2024-03-20,21', // 14 extension > 20
        'A14,2024-03-15,网上,自然人,内容,予以公开,2024-03-20,两天', // 15 extension not a number
        'A1,2024-03-15,网上,自然人,内容,予以公开,2024-03-20,', // 16 duplicate number (of line 2)
        'A16,2024-03-15,网上,自然人,内容,予以公开,2024-03-20,20,多出的一列', // 17 value without a header
        'A17,2024-03-15,网上,自然人,内容,予以公开,2024-03-20,5天', // 18 fine
      ),
    );
    assert.deepEqual(brief(r), [
      [2, '收到申请日期', '必填'],
      [3, '收到申请日期', '“2024-13-01”不是真实存在的日期'],
      [4, '收到申请日期', '“2024-02-30”不是真实存在的日期'],
      [5, '收到申请日期', '日期格式无法识别“15/03/2024”，请写成 2024-03-15、2024/3/15、2024.3.15 或 2024年3月15日'],
      [6, '申请渠道', '无法识别“信鸽”；可填：网上、当面、邮寄（挂号信、EMS）、平信、传真、电子邮件'],
      [7, '申请人类型', '“法人”不够具体，请写明法人或其他组织的类别：商业企业、科研机构、社会公益组织、法律服务机构或其他'],
      [8, '申请人类型', '无法识别“外星人”；可填：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他'],
      [9, '申请内容', '不得超过 500 字（现为 501 字）'],
      [10, '申请内容', '必填'],
      [11, '答复日期', '已填写办理结果，答复日期必填'],
      [12, '办理结果', '已填写答复日期，办理结果必填（未办结的申请两者都留空）'],
      [13, '答复日期', '答复日期早于收到申请日期（2024-03-15）'],
      [14, '延期天数', '应为 0–20 的整数（条例第三十三条：延长期限最长不超过 20 个工作日）'],
      [15, '延期天数', '应为 0–20 的整数（条例第三十三条：延长期限最长不超过 20 个工作日）'],
      [16, '编号', '与第 2 行的编号重复'],
      [17, '第 9 列 / column 9', '这一列没有表头，内容无法导入'],
    ]);
    assert.deepEqual(r.rows.map((x) => [x.line, x.externalNumber, x.extensionDays]), [[18, 'A17', 5]]);
    for (const p of r.problems) assert.match(p.reason, /^\S.* \/ .*[A-Za-z]{3}/, `bilingual: ${p.reason}`);
  });

  test('several problems in one row are all reported, in column order', () => {
    const r = parse(csv(HEADER, 'X,2024/2/30,鸽子,法人,,予以公开,,-1'));
    assert.deepEqual(brief(r).map(([line, col]) => [line, col]), [
      [2, '收到申请日期'],
      [2, '申请渠道'],
      [2, '申请人类型'],
      [2, '申请内容'],
      [2, '答复日期'],
      [2, '延期工作日'],
    ]);
  });

  test('unknown and duplicate columns: problems on the header line, values ignored, rows still read', () => {
    const r = parse(csv(`${HEADER},备注,申请日期`, '1,2024-01-02,网上,自然人,内容,予以公开,2024-01-03,,随便写,2099-01-01'));
    assert.deepEqual(brief(r), [
      [1, '备注', '未知列'],
      [1, '申请日期', '重复的列：与“收到申请日期”是同一列'],
    ]);
    assert.equal(r.problems[0]?.reason, '未知列 / unknown column');
    assert.deepEqual(r.rows.map((x) => x.receivedOn), ['2024-01-02']);
  });

  test('missing required columns: one problem each on the header line, and no rows', () => {
    const r = parse(csv('原登记编号,申请内容,申请渠道,答复日期', '1,内容,网上,'));
    assert.deepEqual(brief(r), [
      [1, '收到申请日期', '缺少必填列'],
      [1, '申请人类型', '缺少必填列'],
      [1, '办理结果', '缺少必填列'],
    ]);
    assert.deepEqual(r.rows, []);
  });

  test('whole-file problems: empty, unterminated quote, .xls, over 20 MB, over 100,000 rows', () => {
    assert.deepEqual(brief(parse(utf8Bom('\r\n \r\n'))), [[1, '', '文件中没有表头行']]);
    assert.deepEqual(brief(parse(csv(HEADER, '1,2024-01-02,网上,自然人,"没有结束的引号,予以公开,2024-01-03,'))), [[2, '', '引号未闭合：从这一行起的单元格缺少结束的双引号']]);
    const xls = parse(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), 'old.xls');
    assert.equal(xls.format, 'xlsx');
    assert.match(xls.problems[0]?.reason ?? '', /^不支持 Excel 97-2003/);
    const big = parse(new Uint8Array(MAX_IMPORT_BYTES + 1));
    assert.deepEqual([big.rows.length, brief(big)], [0, [[0, '', '文件超过 20 MB，请拆分后分批导入']]]);
    const lines = (n: number): Uint8Array => utf8([HEADER, ...Array.from({ length: n }, (_, i) => `N${i},2024-01-02,网上,自然人,内容,予以公开,2024-01-03,`)].join('\n'));
    const many = parse(lines(MAX_IMPORT_ROWS + 1));
    assert.deepEqual([many.rows.length, brief(many)], [0, [[0, '', '数据行超过 100,000 行，请拆分后分批导入']]]);
    const most = parse(lines(MAX_IMPORT_ROWS));
    assert.deepEqual([most.rows.length, most.problems.length], [MAX_IMPORT_ROWS, 0]);
  });
});

describe('parseRegister: appeals (行政复议 / 行政诉讼)', () => {
  const H = `${HEADER},行政复议结果,复议申请日期,复议决定日期,行政诉讼结果,诉讼类型,起诉日期,诉讼审结日期`;
  const base = '2024-01-02,网上,自然人,内容,不予公开·属于国家秘密,2024-01-20,';

  test('reconsideration then litigation after it; direct litigation by default; 无 and / mean none', () => {
    const r = parse(
      csv(
        H,
        `1,${base},结果维持,2024-02-01,2024-03-20,尚未审结,复议后起诉,2024-04-01,`,
        `2,${base},,,,结果纠正,,2024-02-10,2024-06-30`,
        `3,${base},无,/,,-,,,`,
        `4,${base},其他,,,其他结果,,,`,
      ),
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows.map((x) => x.appeals), [
      [
        { kind: 'reconsideration', result: 'upheld', filedOn: '2024-02-01', concludedOn: '2024-03-20' },
        { kind: 'litigation-after-reconsideration', result: 'pending', filedOn: '2024-04-01', concludedOn: null },
      ],
      [{ kind: 'litigation-direct', result: 'corrected', filedOn: '2024-02-10', concludedOn: '2024-06-30' }],
      [],
      [
        { kind: 'reconsideration', result: 'other', filedOn: null, concludedOn: null },
        { kind: 'litigation-direct', result: 'other', filedOn: null, concludedOn: null },
      ],
    ]);
  });

  test('bad appeal cells', () => {
    const r = parse(
      csv(
        H,
        `1,${base},驳回,,,,,,`, // 2 unknown result
        `2,${base},,,,维持,复议后起诉,,`, // 3 after reconsideration without one
        `3,${base},尚未审结,2024-02-01,2024-03-01,,,,`, // 4 conclusion date while pending
        `4,${base},,,,,直接起诉,,`, // 5 kind without a result
        `5,${base},,2024-02-01,,,,,`, // 6 date without a result
        `6,${base},维持,2023-12-01,2023-11-30,,,,`, // 7 filed before received; concluded before filed
        `7,${base},维持,2024-03-01,,纠正,复议后起诉,2024-02-01,`, // 8 sued before the reconsideration was filed
        `8,${base},,,,纠正,上诉,,`, // 9 unknown kind
      ),
    );
    assert.deepEqual(brief(r), [
      [2, '行政复议结果', '无法识别“驳回”；可填：维持、纠正、其他、尚未审结'],
      [3, '诉讼类型', '“复议后起诉”须同时填写行政复议结果'],
      [4, '复议决定日期', '结果为“尚未审结”时不应填写审结日期'],
      [5, '行政诉讼结果', '已填写诉讼类型，行政诉讼结果必填（未审结填“尚未审结”）'],
      [6, '行政复议结果', '已填写行政复议日期，行政复议结果必填（未审结填“尚未审结”）'],
      [7, '复议申请日期', '早于收到申请日期（2024-01-02）'],
      [7, '复议决定日期', '早于复议申请日期（2023-12-01）'],
      [8, '起诉日期', '复议后起诉的起诉日期早于复议申请日期（2024-03-01）'],
      [9, '诉讼类型', '无法识别“上诉”；可填：直接起诉、复议后起诉'],
    ]);
    assert.deepEqual(r.rows, []);
  });
});

describe('parseRegister: XLSX', () => {
  test('first sheet by tab order, title row, shared strings, date serials (styled or not), gaps, numbers', () => {
    const bytes = makeXlsx(
      [
        [{ inline: 'XX局依申请公开登记台账（2023年）' }],
        ['原登记编号', '收到申请日期', '申请渠道', '申请人类型', '申请内容', '办理结果', '答复日期', '延期工作日', '行政复议结果', '复议申请日期'],
        [20230001, { serial: 45170 }, '网上', '自然人', '预算', '予以公开', { serialCustom: 45180 }, 10],
        [undefined, '2023/9/2', '传真', '其他', { inline: '决算 & 附表' }, undefined, undefined, undefined, '尚未审结', 45200],
        ['B-3', 45170.5, '当面', '自然人', '预算', '部分公开', '2023年9月8日', 0],
        ['B-4', { serial: 60 }, '当面', '自然人', '预算', '', '', true],
      ],
      [1, 2, 3, 7, 8, 9],
    );
    const r = parseRegister(bytes, '台账.xlsx');
    assert.equal(r.format, 'xlsx');
    assert.deepEqual(brief(r), [
      [9, '收到申请日期', '“60”不是有效的 Excel 日期'],
      [9, '延期工作日', '应为 0–20 的整数（条例第三十三条：延长期限最长不超过 20 个工作日）'],
    ]);
    assert.deepEqual(r.rows, [
      { line: 3, externalNumber: '20230001', receivedOn: '2023-09-01', channel: 'online', applicantType: 'natural', title: '预算', outcome: 'disclosed.provided', closedOn: '2023-09-11', extensionDays: 10, appeals: [] },
      { line: 7, externalNumber: '', receivedOn: '2023-09-02', channel: 'fax', applicantType: 'other-org', title: '决算 & 附表', outcome: null, closedOn: null, extensionDays: 0, appeals: [{ kind: 'reconsideration', result: 'pending', filedOn: '2023-10-01', concludedOn: null }] },
      { line: 8, externalNumber: 'B-3', receivedOn: '2023-09-01', channel: 'in-person', applicantType: 'natural', title: '预算', outcome: 'partial', closedOn: '2023-09-08', extensionDays: 0, appeals: [] },
    ]);
  });

  test('a workbook named .csv is still read as a workbook; a .xlsx that is not one is a file problem', () => {
    const bytes = makeXlsx([['收到申请日期', '申请渠道', '申请人类型', '申请内容', '办理结果', '答复日期'], [{ serial: 45170 }, '网上', '自然人', '预算', '', '']]);
    const r = parseRegister(bytes, 'register.csv');
    assert.equal(r.format, 'xlsx');
    assert.deepEqual(r.problems, []);
    assert.equal(r.rows[0]?.receivedOn, '2023-09-01');
    assert.deepEqual(brief(parseRegister(utf8(HEADER), 'broken.xlsx')), [[0, '', '不是 XLSX 文件']]);
  });
});

describe('docs/requests-import.md', () => {
  test('documents every column of IMPORT_COLUMNS', () => {
    const doc = readFileSync(new URL('../../docs/requests-import.md', import.meta.url), 'utf8');
    for (const c of IMPORT_COLUMNS) {
      assert.ok(doc.includes(`| ${c.zh} |`), `table row for ${c.zh}`);
      assert.ok(doc.includes(`\`${c.key}\``), `key ${c.key}`);
    }
  });

  test('the example CSV parses without problems', () => {
    const doc = readFileSync(new URL('../../docs/requests-import.md', import.meta.url), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const r = parse(utf8(example));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows.map((x) => [x.line, x.outcome, x.appeals.length]), [[2, 'disclosed.provided', 0], [3, 'withheld.state-secret', 1], [4, null, 0]]);
  });
});
