import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isValidResidentId,
  luhnValid,
  maskForDisplay,
  SCAN_RULE_LABELS,
  scanText,
  type ScanHit,
  type ScanRule,
} from './scanner.js';

// Hand-computed fixtures.
//
// 11010519491231002X — GB 11643 sample. Weighted sum of the first 17 digits:
//   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
//   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → '10X98765432'[2] = 'X'.
const ID_X = '11010519491231002X';
// 440524198001010019 — sum = 4·7+4·9+0+5·5+2·8+4·4+1·2+9·1+8·6+0+0+1·9+0+1·5+0+0+1·2
//   = 28+36+25+16+16+2+9+48+9+5+2 = 196; 196 mod 11 = 9 → '3'.
const ID_44 = '440524198001010013';
// 620102199003071109 (甘肃兰州) — sum = 6·7+2·9+0+1·5+0+2·4+1·2+9·1+9·6+0+0+3·9+0+7·5+1·8+1·4+0
//   = 42+18+5+8+2+9+54+27+35+8+4 = 212; 212 mod 11 = 3 → '9'.
// It is ALSO Luhn-valid with the UnionPay prefix 62 (Luhn sum 60), so it could pass for an 18-digit card.
const ID_62 = '620102199003071109';
// Same first 17 digits as ID_X with check digit 1 instead of X.
const ID_BAD_CHECK = '110105194912310021';

// 4111 1111 1111 1111 (Visa test number). Luhn, from the right, doubling every second digit:
//   undoubled 8 × 1 = 8; doubled 7 × (1·2) + (4·2) = 14 + 8 = 22; total 30 ≡ 0 (mod 10).
const VISA = '4111111111111111';
// 6222 0212 3456 7890 12? (19-digit UnionPay). Digits from the right starting with ?, doubling odd positions:
//   ? + 2·2=4 + 1 + 0·2=0 + 9 + 8·2=16→7 + 7 + 6·2=12→3 + 5 + 4·2=8 + 3 + 2·2=4 + 1 + 2·2=4 + 0 + 2·2=4
//   + 2 + 2·2=4 + 6 = ? + 72 → ? = 8.
const UNIONPAY_19 = '6222021234567890128';
const MASTERCARD = '5555555555554444';
const MASTERCARD_2 = '2221000000000009';
const AMEX = '378282246310005';
const JCB = '3530111333300000';

function rules(hits: ScanHit[]): ScanRule[] {
  return hits.map((h) => h.rule);
}

describe('isValidResidentId', () => {
  test('accepts hand-checked numbers, including a trailing x in either case', () => {
    assert.equal(isValidResidentId(ID_X), true);
    assert.equal(isValidResidentId(ID_X.toLowerCase()), true);
    assert.equal(isValidResidentId(ID_44), true);
    assert.equal(isValidResidentId(ID_62), true);
  });

  test('rejects wrong check digit, impossible dates, bad region, wrong shape', () => {
    assert.equal(isValidResidentId(ID_BAD_CHECK), false);
    // The next two carry a correct check digit, so only the date rejects them.
    // Month 13: ID_X with 1231 → 1331 adds 1·9 to the sum: 176 mod 11 = 0 → '1'.
    assert.equal(isValidResidentId('110105194913310021'), false);
    // 30 February 2000: sum 95 (see the leap-year test below, 0229 → 0230: +10 − 45), 95 mod 11 = 7 → '5'.
    assert.equal(isValidResidentId('110105200002300015'), false);
    assert.equal(isValidResidentId('110105180001010020'), false); // year 1800
    assert.equal(isValidResidentId('010105194912310020'), false); // region cannot start with 0
    assert.equal(isValidResidentId('91110000100000000A'), false); // 统一社会信用代码
    assert.equal(isValidResidentId(ID_X.slice(0, 17)), false);
    assert.equal(isValidResidentId(`${ID_X}0`), false);
  });

  test('29 February only in leap years', () => {
    // 11010520000229001? : 7+9+0+5+0+20 + 2·2 + 0+0+0+0 + 2·9 + 2·10 + 9·5 + 0+0 + 1·2 = 130; 130 mod 11 = 9 → '3'.
    assert.equal(isValidResidentId('110105200002290013'), true);
    // 11010519000229001? : 7+9+0+5+0+20 + 1·2 + 9·1 + 0+0+0 + 2·9 + 2·10 + 9·5 + 0+0 + 1·2 = 137 → 5 → '7';
    // the check digit is right but 1900 is not a leap year (divisible by 100, not by 400).
    assert.equal(isValidResidentId('110105190002290017'), false);
  });
});

describe('luhnValid', () => {
  test('well-known test numbers pass', () => {
    for (const n of [VISA, UNIONPAY_19, MASTERCARD, MASTERCARD_2, AMEX, JCB]) assert.equal(luhnValid(n), true, n);
  });
  test('one digit off fails; non-digits fail', () => {
    assert.equal(luhnValid('4111111111111112'), false);
    assert.equal(luhnValid('6222021234567890120'), false);
    assert.equal(luhnValid('4111 1111 1111 1111'), false);
    assert.equal(luhnValid(''), false);
  });
});

describe('scanText: resident ID', () => {
  test('finds a valid ID with offsets, context and source', () => {
    const text = `申请人身份证号码：${ID_X}，住址略。`;
    const hits = scanText(text, '申请表.docx');
    assert.equal(hits.length, 1);
    const [hit] = hits;
    assert.equal(hit!.rule, 'resident-id');
    assert.equal(hit!.match, ID_X);
    assert.equal(text.slice(hit!.start, hit!.end), ID_X);
    assert.equal(hit!.start, 9);
    assert.equal(hit!.context, text);
    assert.equal(hit!.source, '申请表.docx');
  });

  test('default source is body; lower-case x is accepted', () => {
    const hits = scanText(`号码 ${ID_X.toLowerCase()}`);
    assert.deepEqual(rules(hits), ['resident-id']);
    assert.equal(hits[0]!.source, 'body');
  });

  test('an ID that also looks like a UnionPay card is reported once, as an ID', () => {
    assert.equal(luhnValid(ID_62), true);
    const hits = scanText(`身份证：${ID_62}`);
    assert.deepEqual(rules(hits), ['resident-id']);
  });

  test('credit codes, index numbers, wrong check digits and long runs do not trip', () => {
    for (const text of [
      '统一社会信用代码：91110000100000000A',
      '统一社会信用代码：11441700007280420Y',
      '索引号：11441700007280420Y/2021-00050',
      `编号 ${ID_BAD_CHECK} 已作废`,
      `流水号 ${ID_X.slice(0, 17)}01`, // 19 digits
      `流水号 8${ID_44}`, // a valid ID inside a 19-digit run
      `编码A${ID_44}`, // glued to a letter
      `${ID_44}/2021-00050`, // the code part of an index number
    ]) {
      assert.deepEqual(scanText(text), [], text);
    }
  });
});

describe('scanText: mobile', () => {
  test('compact, 3-4-4 with spaces or hyphens, and with +86 / 86 / 0086', () => {
    for (const m of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 13800138000', '+86-138-0013-8000', '8613800138000', '0086 19912345678']) {
      const hits = scanText(`联系人手机：${m}。`);
      assert.deepEqual(rules(hits), ['mobile'], m);
      assert.equal(hits[0]!.match, m);
    }
  });

  test('mobiles separated by a space, slash or hyphen are each found', () => {
    const hits = scanText('电话 13800138000 13912345678/15012345678-17712345678');
    assert.deepEqual(
      hits.map((h) => h.match),
      ['13800138000', '13912345678', '15012345678', '17712345678'],
    );
  });

  test('文号, dates, landlines, long numbers, IDs and index numbers do not trip', () => {
    for (const text of [
      '国办发〔2019〕47号',
      '印发日期：20261126',
      '发布日期：2026-11-26',
      '电话：0748-82099835',
      '电话：(0748)8209 9835',
      '订单号 138001380001', // 12 digits
      '编号 21380013800', // 11 digits but 2x, not a mobile network code
      '138-0013 8000', // mixed separators are not a phone layout
      `身份证 ${ID_44}`,
      '索引号：000014349/2017-00110',
      '金额 13800138000.50 元',
    ]) {
      assert.deepEqual(
        scanText(text).filter((h) => h.rule === 'mobile'),
        [],
        text,
      );
    }
  });
});

describe('scanText: bank card', () => {
  test('Luhn-valid numbers with real scheme prefixes, compact or grouped', () => {
    for (const card of [VISA, UNIONPAY_19, MASTERCARD, MASTERCARD_2, AMEX, JCB, '4111 1111 1111 1111', '6222-0212-3456-7890-128']) {
      const hits = scanText(`收款账号：${card}（工商银行）`);
      assert.deepEqual(rules(hits), ['bank-card'], card);
      assert.equal(hits[0]!.match, card);
    }
  });

  test('Luhn failures, unknown prefixes, wrong lengths and longer runs do not trip', () => {
    for (const text of [
      '账号 4111111111111112', // Luhn fails
      '项目编号 1234567812345670', // Luhn-valid, but no scheme starts with 1
      '项目编号 9234567812345673', // Luhn-valid, but no scheme starts with 9
      '编号 411111111111111118', // Luhn-valid, prefix 4, but Visa issues 16 or 19 digits, not 18
      `流水 ${VISA}0000`, // 20-digit run
      '4111 1111 1111 1111 1111 1', // runs on past the last allowed group
      `索引号 ${VISA}/2021-00001`,
    ]) {
      assert.deepEqual(scanText(text), [], text);
    }
    for (const n of ['1234567812345670', '9234567812345673', '411111111111111118']) assert.equal(luhnValid(n), true, n);
  });
});

describe('scanText: secrecy and internal markings', () => {
  test('classification marks with ★/☆/*, leading ★, own line or text start', () => {
    const cases: [string, string][] = [
      ['机密★1年\n关于开展专项检查的通知', '机密★1年'],
      ['秘密★\n正文', '秘密★'],
      ['★绝密\n正文', '★绝密'],
      ['绝密★启用前\n2026年考试试题', '绝密★启用前'],
      ['密级：机密☆长期', '机密☆长期'],
      ['秘密*6个月', '秘密*6个月'],
      ['市政府办公室\n  秘密  \n关于……的通知', '秘密'],
      ['机密 关于调整人事的通知', '机密'],
      ['\n绝密\r\n正文', '绝密'],
    ];
    for (const [text, match] of cases) {
      const hits = scanText(text);
      assert.deepEqual(hits.map((h) => [h.rule, h.match]), [['secrecy-marking', match]], text);
    }
  });

  test('internal-circulation wording', () => {
    for (const word of ['内部资料', '内部文件', '内部使用', '注意保密', '不得外传', '严禁外传', '妥善保管', '涉密']) {
      const hits = scanText(`本材料为${word}，请勿转发。`);
      assert.deepEqual(hits.map((h) => h.match), [word], word);
    }
  });

  test('ordinary legal and everyday phrases do not trip', () => {
    for (const text of [
      '不得泄露商业机密。',
      '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。',
      '各单位应当依法保守国家秘密。',
      '依照保密法关于国家秘密的规定执行。',
      '提高数据的机密性与完整性。',
      '秘密地进行了调查。',
      '揭秘城市规划背后的故事。',
      '经审查，本信息不涉密，可以公开。',
      '商业秘密*\n*注：见第十五条。',
      '商业秘密\n正文',
      '★秘密地进行',
    ]) {
      assert.deepEqual(scanText(text), [], text);
    }
  });
});

// A realistic 公开 notice with 索引号, 文号, credit code, dates, landlines and an index number.
const NOTICE = [
  '索引号：11441700007280420Y/2021-00050',
  '发布机构：阳江市人民政府办公室　　统一社会信用代码：11441700007280420Y',
  '文号：阳府办〔2021〕12号　　成文日期：2021-03-15',
  '各县（市、区）人民政府，市政府各部门：',
  '根据《国务院办公厅关于印发2019年政务公开工作要点的通知》（国办发〔2019〕14号）和《中华人民共和国政府信息公开条例》（国务院令第711号）第十五条，涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。',
  '请于2026年11月26日（20261126）前报送，各单位应当依法保守国家秘密。相关目录见索引号000014349/2017-00110。',
  '联系电话：0748-82099835，传真：(0748)8209 9835。',
].join('\n');

describe('scanText: realistic notice', () => {
  test('a clean government notice yields zero hits', () => {
    assert.deepEqual(scanText(NOTICE), []);
  });

  test('the same notice with one planted mobile yields exactly that hit', () => {
    const planted = NOTICE.replace('联系电话：', '手机：138 0013 8000，联系电话：');
    const hits = scanText(planted);
    assert.equal(hits.length, 1);
    const [hit] = hits;
    assert.equal(hit!.rule, 'mobile');
    assert.equal(hit!.match, '138 0013 8000');
    assert.equal(planted.slice(hit!.start, hit!.end), '138 0013 8000');
    assert.ok(hit!.context.includes('138 0013 8000'));
    assert.ok(hit!.context.length <= 20 + '138 0013 8000'.length + 20);
    assert.ok(!hit!.context.includes('\n'), 'newlines are collapsed');
    assert.ok(hit!.context.includes('00110。 手机：138 0013 8000，联系电话'), 'the line break became a space');
  });
});

describe('scanText: full-width input', () => {
  test('full-width digits, Ｘ and ＊ are found, offsets point at the original text', () => {
    const text = '手机：１３８００１３８０００；身份证：１１０１０５１９４９１２３１００２Ｘ；机密＊１年';
    const hits = scanText(text);
    assert.deepEqual(
      hits.map((h) => [h.rule, h.match]),
      [
        ['mobile', '１３８００１３８０００'],
        ['resident-id', '１１０１０５１９４９１２３１００２Ｘ'],
        ['secrecy-marking', '机密＊１年'],
      ],
    );
    for (const h of hits) assert.equal(text.slice(h.start, h.end), h.match);
    assert.equal(maskForDisplay(hits[0]!), '138****8000');
    assert.equal(maskForDisplay(hits[1]!), '110105********002X');
  });

  test('ideographic space between full-width groups', () => {
    const hits = scanText('手机　１３８　００１３　８０００');
    assert.deepEqual(hits.map((h) => h.match), ['１３８　００１３　８０００']);
  });
});

describe('scanText: several hits', () => {
  test('sorted by start, one hit per span, context clipped to 20 characters each side', () => {
    const text = `机密★1年\n申请人${ID_X}，手机13800138000，退款至${VISA}。本件为内部资料。`;
    const hits = scanText(text, 'body');
    assert.deepEqual(
      hits.map((h) => [h.rule, h.match]),
      [
        ['secrecy-marking', '机密★1年'],
        ['resident-id', ID_X],
        ['mobile', '13800138000'],
        ['bank-card', VISA],
        ['secrecy-marking', '内部资料'],
      ],
    );
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.end <= hits[i]!.start);
    const card = hits[3]!;
    assert.equal(card.context, text.slice(card.start - 20, card.end + 20));
    // 5-character match + 20 after it ("\n申请人" is 4 of them; the newline became a space).
    assert.equal(hits[0]!.context, '机密★1年 申请人1101051949123100');
  });

  test('empty text', () => {
    assert.deepEqual(scanText(''), []);
  });
});

describe('maskForDisplay and labels', () => {
  const hit = (rule: ScanRule, match: string): ScanHit => ({ rule, match, start: 0, end: match.length, context: match, source: 'body' });

  test('masks personal data so the audit log never stores the full value', () => {
    assert.equal(maskForDisplay(hit('resident-id', ID_X)), '110105********002X');
    assert.equal(maskForDisplay(hit('resident-id', ID_X.toLowerCase())), '110105********002X');
    assert.equal(maskForDisplay(hit('mobile', '13800138000')), '138****8000');
    assert.equal(maskForDisplay(hit('mobile', '+86 138-0013-8000')), '138****8000');
    assert.equal(maskForDisplay(hit('bank-card', '6222 0212 3456 7890 128')), '6222 **** **** 0128');
    assert.equal(maskForDisplay(hit('bank-card', VISA)), '4111 **** **** 1111');
    assert.equal(maskForDisplay(hit('secrecy-marking', '机密★1年')), '机密★1年');
    for (const [rule, value] of [['resident-id', ID_44], ['mobile', '13912345678'], ['bank-card', UNIONPAY_19]] as const) {
      assert.ok(!maskForDisplay(hit(rule, value)).includes(value));
    }
  });

  test('every rule has a Chinese label', () => {
    assert.deepEqual(SCAN_RULE_LABELS, {
      'resident-id': '居民身份证号码',
      mobile: '手机号码',
      'bank-card': '银行卡号',
      'secrecy-marking': '密级或内部标识',
    });
  });
});
