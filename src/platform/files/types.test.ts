import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import {
  EXE_BYTES, GIF_BYTES, HTML_BYTES, JPEG_BYTES, PNG_BYTES, SVG_BYTES, TEXT_BYTES,
  concat, makeCjkPdf, makeDocx, makeOfd, makeOle2, makePdf, makeXlsx, utf8,
} from './fixtures/make.js';
import { ACCEPTED_EXTENSIONS, MAX_ATTACHMENT_BYTES, sniffAttachment, type SniffResult } from './types.js';

function expectOk(r: SniffResult): Extract<SniffResult, { ok: true }> {
  assert.equal(r.ok, true, r.ok ? '' : `${r.code}: ${r.en}`);
  return r;
}

function expectFail(r: SniffResult, code: 'UNSUPPORTED_TYPE' | 'TYPE_MISMATCH' | 'EMPTY'): { zh: string; en: string } {
  assert.equal(r.ok, false, 'expected a rejection');
  if (r.ok) throw new Error('unreachable');
  assert.equal(r.code, code, r.en);
  return r;
}

describe('sniffAttachment: accepted kinds by magic number', () => {
  const cases: [string, Uint8Array, string, string][] = [
    ['报告.pdf', makePdf('BT ET'), 'pdf', 'application/pdf'],
    ['中文.PDF', makeCjkPdf('政府'), 'pdf', 'application/pdf'],
    ['扫描件.png', PNG_BYTES, 'png', 'image/png'],
    ['照片.jpg', JPEG_BYTES, 'jpeg', 'image/jpeg'],
    ['照片.jpeg', JPEG_BYTES, 'jpeg', 'image/jpeg'],
    ['通知.docx', makeDocx(['政府信息公开']), 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['预算.xlsx', makeXlsx(), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['公文.ofd', makeOfd(), 'ofd', 'application/ofd'],
    ['旧文档.doc', makeOle2('WordDocument', '政府信息公开'), 'doc', 'application/msword'],
    ['旧表格.xls', makeOle2('Workbook', '预算'), 'xls', 'application/vnd.ms-excel'],
    ['Excel5.xls', makeOle2('Book', '预算'), 'xls', 'application/vnd.ms-excel'],
  ];
  for (const [name, bytes, kind, mediaType] of cases) {
    test(`${name} → ${kind}`, () => {
      const r = expectOk(sniffAttachment(bytes, name));
      assert.equal(r.kind, kind);
      assert.equal(r.mediaType, mediaType);
      assert.equal(r.extension, name.slice(name.lastIndexOf('.')).toLowerCase());
    });
  }

  test('a name without extension is not a disagreement: the canonical extension is supplied', () => {
    const r = expectOk(sniffAttachment(JPEG_BYTES, '/uploads/tmp/blob'));
    assert.deepEqual([r.kind, r.extension], ['jpeg', '.jpg']);
  });

  test('whitespace before %PDF- is tolerated, other leading bytes are not (HTML/PDF polyglots)', () => {
    assert.equal(expectOk(sniffAttachment(concat(utf8('\r\n'), makePdf('BT ET')), 'a.pdf')).kind, 'pdf');
    const polyglot = concat(utf8('<html><body>hi</body></html>\n'), makePdf('BT ET'));
    expectFail(sniffAttachment(polyglot, 'a.pdf'), 'TYPE_MISMATCH');
  });
});

describe('sniffAttachment: the bytes win over the name', () => {
  test('an .exe renamed .pdf is a TYPE_MISMATCH naming both types', () => {
    const r = expectFail(sniffAttachment(EXE_BYTES, '2026年预算.pdf'), 'TYPE_MISMATCH');
    assert.match(r.zh, /文件名为 \.pdf（PDF）/);
    assert.match(r.zh, /EXE/);
    assert.match(r.en, /the name says \.pdf \(PDF\) but the content is a Windows executable/);
  });

  test('a PNG named .docx is a TYPE_MISMATCH', () => {
    const r = expectFail(sniffAttachment(PNG_BYTES, '通知.docx'), 'TYPE_MISMATCH');
    assert.match(r.zh, /\.docx（DOCX）.*PNG/);
    assert.match(r.en, /\.docx \(DOCX\) but the content is PNG/);
  });

  test('accepted bytes under another accepted or unknown extension are mismatches too', () => {
    expectFail(sniffAttachment(makeDocx(['x']), '表.xlsx'), 'TYPE_MISMATCH');
    expectFail(sniffAttachment(makeOle2('WordDocument', 'x'), '新.docx'), 'TYPE_MISMATCH');
    const r = expectFail(sniffAttachment(makePdf('BT ET'), 'setup.exe'), 'TYPE_MISMATCH');
    assert.match(r.en, /\.exe but the content is PDF/);
  });

  test('HTML named .pdf is a mismatch, not silently accepted', () => {
    const r = expectFail(sniffAttachment(HTML_BYTES, '公告.pdf'), 'TYPE_MISMATCH');
    assert.match(r.zh, /HTML/);
  });
});

describe('sniffAttachment: unsupported types', () => {
  const accepted = 'PDF、OFD、DOC/DOCX、XLS/XLSX、PNG、JPEG';
  const cases: [string, Uint8Array, RegExp][] = [
    ['page.html', HTML_BYTES, /HTML/],
    ['setup.exe', EXE_BYTES, /EXE/],
    ['logo.svg', SVG_BYTES, /SVG/],
    ['anim.gif', GIF_BYTES, /GIF/],
    ['名单.csv', TEXT_BYTES, /文本/],
    ['附件.zip', zipSync({ 'a/readme.txt': utf8('hello'), 'b.html': HTML_BYTES }), /ZIP/],
    ['slides.pptx', zipSync({ 'ppt/presentation.xml': utf8('<p/>') }), /PPTX/],
    ['old.ppt', makeOle2('PowerPoint Document', 'x'), /PPT/],
    ['noise.bin', Uint8Array.of(0, 1, 2, 3, 250, 251), /未知/],
  ];
  for (const [name, bytes, detected] of cases) {
    test(`${name} is UNSUPPORTED_TYPE with the accepted list`, () => {
      const r = expectFail(sniffAttachment(bytes, name), 'UNSUPPORTED_TYPE');
      assert.match(r.zh, detected);
      assert.ok(r.zh.includes(accepted), r.zh);
      assert.ok(r.en.includes('PDF, OFD, DOC/DOCX, XLS/XLSX, PNG, JPEG'), r.en);
    });
  }

  test('a zip whose entries only mention Word in their content is not a docx', () => {
    expectFail(sniffAttachment(zipSync({ 'notes.txt': utf8('word/document.xml') }), 'x.zip'), 'UNSUPPORTED_TYPE');
  });

  test('an OLE2 file with "Book" only inside a longer name is not an xls', () => {
    expectFail(sniffAttachment(makeOle2('MyBookmarks', 'x'), 'x.bin'), 'UNSUPPORTED_TYPE');
  });
});

describe('sniffAttachment: edge cases', () => {
  test('an empty file is EMPTY', () => {
    const r = expectFail(sniffAttachment(new Uint8Array(0), 'a.pdf'), 'EMPTY');
    assert.match(r.zh, /为空/);
  });

  test('truncated zip without a central directory is still recognised from its local headers', () => {
    const docx = makeDocx(['政府信息公开']);
    const eocd = docx.length - 22;
    assert.equal(expectOk(sniffAttachment(docx.subarray(0, eocd - 10), 'a.docx')).kind, 'docx');
  });

  test('constants', () => {
    assert.equal(MAX_ATTACHMENT_BYTES, 20 * 1024 * 1024);
    assert.deepEqual([...ACCEPTED_EXTENSIONS], ['.pdf', '.ofd', '.doc', '.docx', '.xls', '.xlsx', '.png', '.jpg', '.jpeg']);
  });
});
