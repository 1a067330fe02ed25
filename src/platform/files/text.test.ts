import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { JPEG_BYTES, PNG_BYTES, latin1, makeCjkPdf, makeDocx, makeOfd, makeOle2, makePdf, makeXlsx, makeZipBomb, utf8 } from './fixtures/make.js';
import { decodeXmlEntities, extractText, extractTextWithInfo, TextExtractionError } from './text.js';
import { readZip } from './zip.js';

describe('extractText: DOCX', () => {
  test('w:t runs, paragraphs as lines, entities decoded, footers included; tab stops are not tabs', async () => {
    const text = await extractText(makeDocx(['政府信息公开', '身份证号：110101199003077777', 'A &amp; B &lt;C&gt; &#x4E2D;&#25991;']), 'docx');
    assert.equal(text, '政府信息公开\n身份证号：110101199003077777\nA & B <C> 中文\n页脚：联系电话 13800138000');
  });

  test('a zip without the body part is UNREADABLE, not an empty pass', async () => {
    await assert.rejects(extractText(zipSync({ 'a.txt': utf8('x') }), 'docx'), (e: unknown) => e instanceof TextExtractionError && e.code === 'UNREADABLE');
  });
});

describe('extractText: XLSX', () => {
  test('shared strings (rich text, no phonetic), inline strings, numbers, booleans, orphan strings', async () => {
    const text = await extractText(makeXlsx(), 'xlsx');
    assert.equal(text, '政府信息公开\t预算&决算\n身份证号\t110101199003077777\t2026.5\nTRUE\n\n未引用的字符串');
  });
});

describe('extractText: OFD', () => {
  test('TextCode from every page, one-character codes glued on a baseline, pages in order', async () => {
    const text = await extractText(makeOfd(), 'ofd');
    assert.equal(text, '政府信息公开\nA<B\n\n第二页 110101199003077777');
  });
});

describe('extractText: PDF (pdf.js, offline)', () => {
  test('ASCII text object', async () => {
    const pdf = makePdf('BT /F1 12 Tf 72 720 Td (Budget 2026 ID 110101199003077777) Tj ET');
    assert.equal(await extractText(pdf, 'pdf'), 'Budget 2026 ID 110101199003077777');
  });

  test('Chinese text through a predefined CMap (UniGB-UCS2-H) read from the package folder', async () => {
    assert.equal(await extractText(makeCjkPdf('政府信息公开'), 'pdf'), '政府信息公开');
  });

  test('the caller\'s buffer is not detached by pdf.js', async () => {
    const pdf = makePdf('BT /F1 12 Tf 72 720 Td (x) Tj ET');
    await extractText(pdf, 'pdf');
    assert.equal(pdf.byteLength > 0 && pdf[0], 0x25);
  });

  test('garbage is UNREADABLE', async () => {
    await assert.rejects(extractText(latin1('%PDF-1.4\nnot really a pdf'), 'pdf'), (e: unknown) => e instanceof TextExtractionError && e.code === 'UNREADABLE');
  });
});

describe('extractText: DOC/XLS best effort', () => {
  test('UTF-16LE runs and 8-bit runs come back in file order; OLE names are dropped', async () => {
    const doc = makeOle2('WordDocument', '政府信息公开\r第二段', 'ID 110101199003077777');
    assert.equal(await extractText(doc, 'doc'), '政府信息公开\n第二段\nID 110101199003077777');
  });

  test('Chinese text whose bytes are all ASCII is not also emitted as 8-bit garbage', async () => {
    // 息公 = 6F 60 6C 51 ("o`lQ" as bytes) inside a genuine UTF-16 run
    const xls = makeOle2('Workbook', '信息公开');
    assert.equal(await extractText(xls, 'xls'), '信息公开');
  });

  test('8-bit text is not misread as CJK', async () => {
    const xls = makeOle2('Workbook', '', 'abcdefgh');
    assert.equal(await extractText(xls, 'xls'), 'abcdefgh');
  });
});

describe('extractText: images', () => {
  test('PNG and JPEG give empty text (no OCR)', async () => {
    assert.equal(await extractText(PNG_BYTES, 'png'), '');
    assert.equal(await extractText(JPEG_BYTES, 'jpeg'), '');
  });
});

describe('zip bomb guard', () => {
  test('a 100 MiB entry stops at the 50 MiB default cap, keeps the text before it', async () => {
    const bomb = makeZipBomb(100);
    assert.ok(bomb.length < 1024 * 1024, `fixture is ${bomb.length} bytes compressed`);
    const read = readZip(bomb, () => true);
    assert.equal(read.truncated, true);
    assert.equal(read.totalBytes, 50 * 1024 * 1024);
    assert.equal(read.files.get('word/document.xml')?.length, 50 * 1024 * 1024);
    const result = await extractTextWithInfo(bomb, 'docx');
    assert.equal(result.truncated, true);
    assert.equal(result.text, '政府信息公开');
    assert.ok(!result.text.includes('END-MARKER'));
  });

  test('a lower cap is honoured exactly', () => {
    const read = readZip(makeZipBomb(8), () => true, { maxTotalBytes: 1024 * 1024, maxEntries: 10 });
    assert.equal(read.totalBytes, 1024 * 1024);
    assert.equal(read.truncated, true);
  });

  test('the number of entries read is capped', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.txt`, utf8('x')])));
    const read = readZip(many, () => true, { maxTotalBytes: 1 << 20, maxEntries: 5 });
    assert.equal(read.files.size, 5);
  });

  test('a corrupt deflate stream yields what was read, without throwing', async () => {
    const docx = makeDocx(['政府信息公开']);
    const broken = docx.slice();
    const at = Buffer.from(broken).indexOf('word/document.xml') + 'word/document.xml'.length + 40;
    broken.fill(0xff, at, at + 64);
    const result = await extractTextWithInfo(broken, 'docx');
    assert.equal(result.truncated, true, 'the scan is reported as incomplete');
    assert.equal(result.text, '页脚：联系电话 13800138000', 'the intact footer part is still read');
  });
});

test('decodeXmlEntities leaves unknown or invalid references alone', () => {
  assert.equal(decodeXmlEntities('&amp;&nbsp;&#0;&#xD800;&#x1F600;'), '&&nbsp;&#0;&#xD800;😀');
});
