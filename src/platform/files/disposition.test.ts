import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contentDisposition, safeFileName } from './disposition.js';

describe('contentDisposition', () => {
  test('2026年预算公开.pdf, exactly', () => {
    // UTF-8 by hand (3-byte form 1110xxxx 10xxxxxx 10xxxxxx):
    //   年 U+5E74 = 0101|111001|110100 → E5 B9 B4
    //   预 U+9884 = 1001|100010|000100 → E9 A2 84
    //   算 U+7B97 = 0111|101110|010111 → E7 AE 97
    //   公 U+516C = 0101|000101|101100 → E5 85 AC
    //   开 U+5F00 = 0101|111100|000000 → E5 BC 80
    // The ASCII fallback replaces each of the five Chinese characters with one `_`.
    assert.equal(
      contentDisposition('2026年预算公开.pdf'),
      `attachment; filename="2026_____.pdf"; filename*=UTF-8''2026%E5%B9%B4%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80.pdf`,
    );
  });

  test('inline disposition', () => {
    assert.equal(contentDisposition('a.png', 'inline'), `inline; filename="a.png"; filename*=UTF-8''a.png`);
  });

  test("' ( ) and space are percent-encoded in filename* (not attr-chars); ! ~ - . _ are kept", () => {
    // `*` never reaches the encoder: safeFileName already turned it into `_` (Windows-reserved).
    assert.equal(
      contentDisposition("it's (final) *v2*! ~a-b_c.pdf"),
      `attachment; filename="it's (final) _v2_! ~a-b_c.pdf"; filename*=UTF-8''it%27s%20%28final%29%20_v2_!%20~a-b_c.pdf`,
    );
  });

  test('quotes are replaced, controls and CR/LF removed, so no header injection', () => {
    const header = contentDisposition('a"b\r\nSet-Cookie: x=1\u0000.pdf');
    assert.ok(!/[\r\n\0]/.test(header));
    assert.equal(header, `attachment; filename="a_bSet-Cookie_ x=1.pdf"; filename*=UTF-8''a_bSet-Cookie_%20x%3D1.pdf`);
  });

  test('characters outside the BMP become a single `_` in the fallback', () => {
    assert.equal(contentDisposition('😀.txt'), `attachment; filename="_.txt"; filename*=UTF-8''%F0%9F%98%80.txt`);
  });

  test('a lone surrogate does not throw', () => {
    assert.match(contentDisposition('bad\uD800.pdf'), /filename\*=UTF-8''bad%EF%BF%BD\.pdf$/);
  });
});

describe('safeFileName', () => {
  test('strips directories, both POSIX and Windows', () => {
    assert.equal(safeFileName('../../etc/passwd'), 'passwd');
    assert.equal(safeFileName('C:\\Users\\张三\\Desktop\\预算.xlsx'), '预算.xlsx');
    assert.equal(safeFileName('..\\..\\windows\\system32\\cmd.exe'), 'cmd.exe');
    assert.equal(safeFileName('/abs/path/报告.pdf'), '报告.pdf');
  });

  test('names that are only dots or nothing become "download"', () => {
    for (const bad of ['', '..', '.', '../', 'a/..', '   ', '\u0000\u0001']) assert.equal(safeFileName(bad), 'download', JSON.stringify(bad));
  });

  test('control characters and bidi overrides are removed', () => {
    assert.equal(safeFileName('a\u0000b\u001fc\u007f.pdf'), 'abc.pdf');
    // U+202E would display "invoice\u202Efdp.exe" as "invoiceexe.pdf"
    assert.equal(safeFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
  });

  test('Windows-reserved characters, trailing dots and device names are made harmless', () => {
    assert.equal(safeFileName('a<b>c:d|e?f*g.pdf'), 'a_b_c_d_e_f_g.pdf');
    assert.equal(safeFileName('report.pdf. . '), 'report.pdf');
    assert.equal(safeFileName('CON.txt'), '_CON.txt');
  });

  test('trims to 200 characters keeping the extension', () => {
    const long = `${'政'.repeat(300)}.docx`;
    const safe = safeFileName(long);
    assert.equal([...safe].length, 200);
    assert.ok(safe.endsWith('.docx'));
    assert.equal(safe, `${'政'.repeat(195)}.docx`);
    const emoji = safeFileName(`${'😀'.repeat(250)}.pdf`);
    assert.equal(emoji, `${'😀'.repeat(196)}.pdf`); // cut by code point, never mid-surrogate
  });

  test('keeps ordinary Chinese names unchanged (NFC)', () => {
    assert.equal(safeFileName('  2026年预算公开.pdf '), '2026年预算公开.pdf');
    assert.equal(safeFileName('Cafe\u0301.pdf'), 'Café.pdf');
  });
});
