import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applicantDocTypes, checkIdDocument, creditCodeCheckChar, maskIdNumber, normalizeIdNumber, residentIdCheckDigit } from './identity.js';
import { APPLICANT_TYPES, ID_DOC_TYPES } from './model.js';

const TODAY = { today: '2025-06-30' };
const MISMATCH = '校验位不正确，请核对 / the check digit does not match';

// Every problem is one "中文 / English" sentence.
function assertBilingual(problems: readonly string[]): void {
  for (const p of problems) assert.match(p, /^\P{Script=Latin}*\p{Script=Han}.* \/ [A-Za-z0-9][\x20-\x7e’“”–]*$/u, p);
}

describe('GB 11643-1999 check digit (ISO 7064 MOD 11-2)', () => {
  // weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; map sum mod 11 = 0…10 → 1 0 X 9 8 7 6 5 4 3 2
  test('the standard’s own example 11010519491231002X', () => {
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
    // = 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4 = 167; 167 mod 11 = 2 → X
    assert.equal(residentIdCheckDigit('11010519491231002'), 'X');
    assert.deepEqual(checkIdDocument('resident-id', '11010519491231002X', TODAY), { ok: true, normalized: '11010519491231002X', problems: [] });
  });

  test('one ending in a digit: 330102198506151238', () => {
    // 3·7 + 3·9 + 0·10 + 1·5 + 0·8 + 2·4 + 1·2 + 9·1 + 8·6 + 5·3 + 0·7 + 6·9 + 1·10 + 5·5 + 1·8 + 2·4 + 3·2
    // = 21 + 27 + 0 + 5 + 0 + 8 + 2 + 9 + 48 + 15 + 0 + 54 + 10 + 25 + 8 + 8 + 6 = 246; 246 mod 11 = 4 → 8
    assert.equal(residentIdCheckDigit('33010219850615123'), '8');
    assert.equal(checkIdDocument('resident-id', '330102198506151238', TODAY).ok, true);
  });

  test('the standard’s other example 440524188001010014: check digit right, but born before 1900', () => {
    // 4·7 + 4·9 + 0·10 + 5·5 + 2·8 + 4·4 + 1·2 + 8·1 + 8·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 0·8 + 0·4 + 1·2
    // = 28 + 36 + 0 + 25 + 16 + 16 + 2 + 8 + 48 + 0 + 0 + 9 + 0 + 5 + 0 + 0 + 2 = 195; 195 mod 11 = 8 → 4
    assert.equal(residentIdCheckDigit('44052418800101001'), '4');
    const r = checkIdDocument('resident-id', '440524188001010014', TODAY);
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems, ['出生日期 1880-01-01 早于 1900 年，请核对 / the date of birth 1880-01-01 is before 1900']);
  });

  test('a wrong last digit is a check-digit mismatch, and nothing else', () => {
    const r = checkIdDocument('resident-id', '110105194912310021', TODAY);
    assert.deepEqual(r, { ok: false, normalized: '110105194912310021', problems: [MISMATCH] });
  });

  test('input must be 17 digits', () => {
    assert.throws(() => residentIdCheckDigit('1101051949123100'), RangeError);
    assert.throws(() => residentIdCheckDigit('1101051949123100A'), RangeError);
  });
});

describe('normalising what applicants type', () => {
  test('full-width digits and Ｘ, ideographic and ordinary spaces', () => {
    const raw = '　１１０１０５ １９４９１２３１ ００２Ｘ　';
    assert.equal(normalizeIdNumber(raw), '11010519491231002X');
    assert.equal(checkIdDocument('resident-id', raw, TODAY).ok, true);
  });

  test('lower-case x (half- and full-width) becomes X', () => {
    for (const raw of ['11010519491231002x', '11010519491231002ｘ']) {
      assert.deepEqual(checkIdDocument('resident-id', raw, TODAY), { ok: true, normalized: '11010519491231002X', problems: [] }, raw);
    }
  });

  test('lower-case credit codes and passports are upper-cased', () => {
    assert.equal(checkIdDocument('credit-code', '91350100m000100y43').normalized, '91350100M000100Y43');
    assert.equal(checkIdDocument('passport', 'e 1234 5678').normalized, 'E12345678');
  });

  test('an empty number is refused', () => {
    const r = checkIdDocument('passport', ' 　 ');
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems, ['请填写证件号码 / the document number is missing']);
  });
});

describe('居民身份证 (resident-id)', () => {
  test('15-digit first-generation numbers are refused with their own message', () => {
    const r = checkIdDocument('resident-id', '110105491231002', TODAY);
    assert.equal(r.ok, false);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /第一代居民身份证.*2013 年 1 月 1 日.*18 位/);
    assert.match(r.problems[0]!, /first-generation.*1 January 2013/);
  });

  test('other lengths say how long it is', () => {
    assert.deepEqual(checkIdDocument('resident-id', '1101051949123100', TODAY).problems, [
      '居民身份证号码应为 18 位，实际为 16 位 / a resident ID number has 18 characters, this one has 16',
    ]);
  });

  test('a letter other than a final X is a bad character, with its position', () => {
    const r = checkIdDocument('resident-id', '1101051949123I002X', TODAY);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /^第 14 位“I”不正确/);
    assert.match(checkIdDocument('resident-id', '11010519491231002Y', TODAY).problems[0]!, /^第 18 位“Y”/);
  });

  test('a birth date after today is refused', () => {
    // 330102 20250701 123: 3·7+3·9+0·10+1·5+0·8+2·4+2·2+0·1+2·6+5·3+0·7+7·9+0·10+1·5+1·8+2·4+3·2
    // = 21+27+0+5+0+8+4+0+12+15+0+63+0+5+8+8+6 = 182; 182 mod 11 = 6 → 6, so only the date is wrong
    assert.equal(residentIdCheckDigit('33010220250701123'), '6');
    const r = checkIdDocument('resident-id', '330102202507011236', TODAY);
    assert.deepEqual(r.problems, ['出生日期 2025-07-01 晚于今天（2025-06-30），请核对 / the date of birth 2025-07-01 is after today (2025-06-30)']);
    assert.equal(checkIdDocument('resident-id', '330102202507011236', { today: '2025-07-01' }).ok, true, 'born today is fine');
  });

  test('30 February does not exist; 29 February only in leap years', () => {
    const feb30 = '33010219900230123';
    const r = checkIdDocument('resident-id', feb30 + residentIdCheckDigit(feb30), TODAY);
    assert.deepEqual(r.problems, ['第 7–14 位的出生日期“19900230”不是真实存在的日期 / characters 7–14 (1990-02-30) are not a real date of birth']);
    const feb29 = (y: string): string => `330102${y}0229123`;
    assert.equal(checkIdDocument('resident-id', feb29('2000') + residentIdCheckDigit(feb29('2000')), TODAY).ok, true);
    assert.equal(checkIdDocument('resident-id', feb29('1900') + residentIdCheckDigit(feb29('1900')), TODAY).ok, false, '1900 was not a leap year');
  });

  test('the first two digits must be a province; 81–83 point to the residence permit', () => {
    const id = (first17: string): string => first17 + residentIdCheckDigit(first17);
    assert.match(checkIdDocument('resident-id', id('71010219850615123'), TODAY).problems[0]!, /^前两位“71”不是有效的省级行政区划代码/);
    assert.match(checkIdDocument('resident-id', id('16010219850615123'), TODAY).problems[0]!, /“16”/);
    assert.match(checkIdDocument('resident-id', id('81000019940823002'), TODAY).problems[0]!, /港澳台居民居住证/);
    assert.equal(checkIdDocument('resident-id', id('65010219850615123'), TODAY).ok, true, '65 新疆');
  });

  test('several faults are all reported', () => {
    const r = checkIdDocument('resident-id', '990102199002300001', TODAY);
    assert.equal(r.problems.length, 3); // province, date, check digit
    assert.equal(r.problems[2], MISMATCH);
    assertBilingual(r.problems);
  });
});

describe('港澳台居民居住证 (residence-permit)', () => {
  test('810000199408230021 (Hong Kong) is valid', () => {
    // 8·7 + 1·9 + 0·10 + 0·5 + 0·8 + 0·4 + 1·2 + 9·1 + 9·6 + 4·3 + 0·7 + 8·9 + 2·10 + 3·5 + 0·8 + 0·4 + 2·2
    // = 56 + 9 + 0 + 0 + 0 + 0 + 2 + 9 + 54 + 12 + 0 + 72 + 20 + 15 + 0 + 0 + 4 = 253; 253 mod 11 = 0 → 1
    assert.equal(residentIdCheckDigit('81000019940823002'), '1');
    assert.deepEqual(checkIdDocument('residence-permit', '810000199408230021', TODAY), { ok: true, normalized: '810000199408230021', problems: [] });
  });

  test('the prefix must be 81, 82 or 83, then 0000', () => {
    const permit = (first17: string): string => first17 + residentIdCheckDigit(first17);
    assert.equal(checkIdDocument('residence-permit', permit('83000019940823002'), TODAY).ok, true);
    assert.match(checkIdDocument('residence-permit', permit('84000019940823002'), TODAY).problems[0]!, /81（香港）、82（澳门）或 83（台湾）/);
    assert.match(checkIdDocument('residence-permit', permit('81010019940823002'), TODAY).problems[0]!, /第 3–6 位应为“0000”/);
    assert.match(checkIdDocument('residence-permit', permit('11010519491231002'), TODAY).problems[0]!, /“11”/, 'a resident ID is not a permit');
  });

  test('a wrong check digit or date is refused as for a resident ID', () => {
    assert.deepEqual(checkIdDocument('residence-permit', '810000199408230022', TODAY).problems, [MISMATCH]);
    const feb30 = '82000019940230002';
    assert.match(checkIdDocument('residence-permit', feb30 + residentIdCheckDigit(feb30), TODAY).problems[0]!, /不是真实存在的日期/);
  });
});

describe('GB 32100-2015 统一社会信用代码 (credit-code)', () => {
  // charset 0–9 A B C D E F G H J K L M N P Q R T U W X Y = values 0…30 (A=10, M=21, Q=24, Y=30)
  // weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = 31 − (sum mod 31), 31 → 0
  test('91350100M000100Y43 (the example printed in GB 32100) is valid', () => {
    // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10 + Y(30)·30 + 4·28
    // = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
    // 1640 mod 31 = 1640 − 52·31 = 1640 − 1612 = 28; 31 − 28 = 3 → "3" ✓
    assert.equal(creditCodeCheckChar('91350100M000100Y4'), '3');
    assert.deepEqual(checkIdDocument('credit-code', '91350100M000100Y43'), { ok: true, normalized: '91350100M000100Y43', problems: [] });
  });

  test('a published enterprise code ending in a letter: 91110108551385082Q', () => {
    // 9·1 + 1·3 + 1·9 + 1·27 + 0·19 + 1·26 + 0·16 + 8·17 + 5·20 + 5·29 + 1·25 + 3·13 + 8·8 + 5·24 + 0·10 + 8·30 + 2·28
    // = 9 + 3 + 9 + 27 + 0 + 26 + 0 + 136 + 100 + 145 + 25 + 39 + 64 + 120 + 0 + 240 + 56 = 999
    // 999 mod 31 = 999 − 32·31 = 7; 31 − 7 = 24 → Q ✓
    assert.equal(creditCodeCheckChar('91110108551385082'), 'Q');
    assert.equal(checkIdDocument('credit-code', '91110108551385082Q').ok, true);
  });

  test('sum divisible by 31 gives check 0, not 31', () => {
    // 9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 6·17 + 0… = 9 + 3 + 27 + 81 + 26 + 102 = 248 = 8·31
    // 248 mod 31 = 0; 31 − 0 = 31 → 0
    assert.equal(creditCodeCheckChar('91330106000000000'), '0');
    assert.equal(checkIdDocument('credit-code', '913301060000000000').ok, true);
  });

  test('wrong check character, wrong length, excluded letters, unknown authority', () => {
    assert.deepEqual(checkIdDocument('credit-code', '91350100M000100Y44').problems, [MISMATCH]);
    assert.match(checkIdDocument('credit-code', '91350100M000100Y4').problems[0]!, /应为 18 位，实际为 17 位/);
    const withO = checkIdDocument('credit-code', '91350100O000100Y43');
    assert.match(withO.problems[0]!, /^第 9 位“O”不在统一社会信用代码字符集中/);
    assert.match(withO.problems[0]!, /never I, O, Z, S or V/);
    const first17 = 'B1350100M000100Y4';
    const authority = checkIdDocument('credit-code', first17 + creditCodeCheckChar(first17));
    assert.deepEqual(authority.problems.length, 1);
    assert.match(authority.problems[0]!, /^第 1 位“B”不是登记管理部门代码/);
  });

  test('every listed registration authority is accepted', () => {
    for (const a of ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']) {
      const first17 = `${a}1350100M000100Y4`;
      assert.equal(checkIdDocument('credit-code', first17 + creditCodeCheckChar(first17)).ok, true, a);
    }
  });

  test('input must be 17 charset characters', () => {
    assert.throws(() => creditCodeCheckChar('91350100M000100Y'), RangeError);
    assert.throws(() => creditCodeCheckChar('91350100I000100Y4'), RangeError);
  });
});

describe('passports and travel permits', () => {
  test('passport: 5–20 letters and digits', () => {
    for (const ok of ['E12345678', 'G12345678', 'AB123', '123456789012345678AB']) assert.equal(checkIdDocument('passport', ok).ok, true, ok);
    assert.match(checkIdDocument('passport', 'AB12').problems[0]!, /实际为 4 位/);
    assert.match(checkIdDocument('passport', '123456789012345678ABC').problems[0]!, /实际为 21 位/);
    assert.match(checkIdDocument('passport', 'E1234-5678').problems[0]!, /^第 6 位“-”不正确/);
  });

  test('hk-macao-permit: H or M, then 8 or 10 digits', () => {
    for (const ok of ['H12345678', 'M1234567801', 'h12345678']) assert.equal(checkIdDocument('hk-macao-permit', ok).ok, true, ok);
    assert.match(checkIdDocument('hk-macao-permit', 'K12345678').problems[0]!, /H（香港）或 M（澳门）/);
    assert.match(checkIdDocument('hk-macao-permit', 'H123456789').problems[0]!, /8 位或 10 位数字，实际为 9 位/);
    assert.match(checkIdDocument('hk-macao-permit', 'H1234A678').problems[0]!, /^第 6 位“A”/);
  });

  test('taiwan-permit: 8 digits, or 10 characters on older permits', () => {
    for (const ok of ['12345678', '1234567801', '12345678B1']) assert.equal(checkIdDocument('taiwan-permit', ok).ok, true, ok);
    assert.match(checkIdDocument('taiwan-permit', '1234567').problems[0]!, /实际为 7 位/);
    assert.match(checkIdDocument('taiwan-permit', 'A234567801').problems[0]!, /前 8 位应为数字/);
    assert.match(checkIdDocument('taiwan-permit', '12345678(01)').problems[0]!, /不填括号/);
  });

  test('foreigner-permanent: old 15 characters, or 18 starting with 9 with a MOD 11-2 check', () => {
    assert.equal(checkIdDocument('foreigner-permanent', 'USA310180101001').ok, true);
    assert.match(checkIdDocument('foreigner-permanent', 'US3310180101001').problems[0]!, /3 个字母加 12 位数字/);
    // a constructed 2023-style number 93184019800101001?:
    // 9·7 + 3·9 + 1·10 + 8·5 + 4·8 + 0·4 + 1·2 + 9·1 + 8·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 0·8 + 0·4 + 1·2
    // = 63 + 27 + 10 + 40 + 32 + 0 + 2 + 9 + 48 + 0 + 0 + 9 + 0 + 5 + 0 + 0 + 2 = 247; 247 mod 11 = 5 → 7
    assert.equal(residentIdCheckDigit('93184019800101001'), '7');
    assert.equal(checkIdDocument('foreigner-permanent', '931840198001010017').ok, true);
    assert.deepEqual(checkIdDocument('foreigner-permanent', '931840198001010018').problems, [MISMATCH]);
    assert.match(checkIdDocument('foreigner-permanent', '110105194912310020').problems[0]!, /以 9 开头/);
    assert.match(checkIdDocument('foreigner-permanent', '9318401980').problems[0]!, /18 位.*或 15 位.*实际为 10 位/);
  });

  test('other: 1–40 printable characters, nothing else checked', () => {
    assert.equal(checkIdDocument('other', '军官证 第 012345 号').ok, true);
    assert.equal(checkIdDocument('other', 'A'.repeat(40)).ok, true);
    assert.match(checkIdDocument('other', 'A'.repeat(41)).problems[0]!, /最多 40 个字符，实际为 41 个/);
    assert.match(checkIdDocument('other', 'AB\u0007C').problems[0]!, /第 3 位含有不可打印的字符/);
  });

  test('every failure message is bilingual', () => {
    const cases: [Parameters<typeof checkIdDocument>[0], string][] = [
      ['resident-id', '110105491231002'],
      ['resident-id', '11010519491231002Y'],
      ['residence-permit', '840100199408230021'],
      ['credit-code', 'Z1350100M000100Y43'],
      ['credit-code', 'B1350100M000100Y43'],
      ['passport', 'E1'],
      ['hk-macao-permit', 'X1'],
      ['taiwan-permit', '1'],
      ['foreigner-permanent', '1'],
      ['other', 'A'.repeat(41)],
    ];
    for (const [type, raw] of cases) {
      const r = checkIdDocument(type, raw, TODAY);
      assert.equal(r.ok, false, `${type} ${raw}`);
      assertBilingual(r.problems);
    }
  });

  test('today must be YYYY-MM-DD', () => {
    assert.throws(() => checkIdDocument('resident-id', '11010519491231002X', { today: '2025/06/30' }), RangeError);
  });
});

describe('masking for staff lists and letters', () => {
  test('resident ID and residence permit: first 6 and last 4, the birth date hidden', () => {
    // 33010219850109123?: 21+27+0+5+0+8+2+9+48+15+0+9+0+45+8+8+6 = 211; 211 mod 11 = 2 → X
    assert.equal(residentIdCheckDigit('33010219850109123'), 'X');
    assert.equal(maskIdNumber('resident-id', '33010219850109123X'), '330102********123X');
    assert.equal(maskIdNumber('resident-id', '11010519491231002X'), '110105********002X');
    assert.equal(maskIdNumber('residence-permit', '810000199408230021'), '810000********0021');
  });

  test('credit code: first 2 and last 4', () => {
    assert.equal(maskIdNumber('credit-code', '91350100M000100Y43'), '91************0Y43');
  });

  test('passports and permits: first 1 and last 3, never more than 45% shown', () => {
    assert.equal(maskIdNumber('passport', 'E12345678'), 'E*****678');
    assert.equal(maskIdNumber('passport', 'AB123'), 'A***3');
    assert.equal(maskIdNumber('hk-macao-permit', 'H12345678'), 'H*****678');
    assert.equal(maskIdNumber('taiwan-permit', '12345678'), '1*****78');
    assert.equal(maskIdNumber('foreigner-permanent', '931840198001010017'), '9**************017');
    assert.equal(maskIdNumber('other', 'AB'), '**');
    assert.equal(maskIdNumber('other', '军官证012345'), '军*****345');
  });

  test('a resident ID that is not 18 characters falls back to the 45% rule', () => {
    // 15 characters: at most floor(15 × 0.45) = 6 shown, and first 1 + last 3 fits
    assert.equal(maskIdNumber('resident-id', '110105491231002'), '1***********002');
  });

  test('masks keep the length, normalise first, and show at most 45% (except the 18-character IDs, 10 of 18)', () => {
    assert.equal(maskIdNumber('passport', ' e1234 5678 '), 'E*****678');
    for (const type of ID_DOC_TYPES) {
      for (let n = 1; n <= 40; n++) {
        const value = 'A'.repeat(n);
        const masked = maskIdNumber(type, value);
        assert.equal(masked.length, n);
        const shown = [...masked].filter((c) => c !== '*').length;
        const limit = (type === 'resident-id' || type === 'residence-permit') && n === 18 ? 10 : Math.floor((n * 45) / 100);
        assert.ok(shown <= limit, `${type} ${n}: ${masked}`);
      }
    }
  });
});

describe('documents each kind of applicant may give', () => {
  test('natural persons: every personal document and other; never a credit code', () => {
    assert.deepEqual(applicantDocTypes('natural'), [
      'resident-id',
      'residence-permit',
      'passport',
      'hk-macao-permit',
      'taiwan-permit',
      'foreigner-permanent',
      'other',
    ]);
  });

  test('organisations: credit code and other', () => {
    for (const t of APPLICANT_TYPES.filter((a) => a !== 'natural')) assert.deepEqual(applicantDocTypes(t), ['credit-code', 'other'], t);
  });

  test('the returned list is a copy', () => {
    applicantDocTypes('natural').pop();
    assert.equal(applicantDocTypes('natural').length, 7);
  });
});
