/**
 * Plain text out of an attachment, for the privacy scanner (ID numbers, phone numbers, names that
 * must not be published). Office/OFD parts are read with the capped zip reader, so a zip bomb
 * yields partial text instead of exhausting memory. Images return '' (no OCR).
 */
import { extractPdfText, TextExtractionError } from './pdf-text.js';
import type { AttachmentKind } from './types.js';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipLimits } from './zip.js';

export { TextExtractionError, MAX_PDF_PAGES } from './pdf-text.js';

export interface ExtractedText {
  text: string;
  /** True when a size cap or a corrupt part stopped reading early: the scan is incomplete. */
  truncated: boolean;
}

export async function extractText(bytes: Uint8Array, kind: AttachmentKind): Promise<string> {
  return (await extractTextWithInfo(bytes, kind)).text;
}

export async function extractTextWithInfo(
  bytes: Uint8Array,
  kind: AttachmentKind,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ExtractedText> {
  switch (kind) {
    case 'pdf':
      return { text: await extractPdfText(bytes), truncated: false };
    case 'docx':
      return fromZip(bytes, limits, /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/i, docxText);
    case 'xlsx':
      return fromZip(bytes, limits, /^xl\/(sharedStrings\.xml|worksheets\/[^/]+\.xml)$/i, xlsxText);
    case 'ofd':
      return fromZip(bytes, limits, /(^|\/)Pages\/[^/]+\/Content\.xml$/i, ofdText);
    case 'doc':
    case 'xls':
      return { text: binaryOfficeText(bytes), truncated: false };
    case 'png':
    case 'jpeg':
      return { text: '', truncated: false };
  }
}

type Parts = Map<string, string>;

function fromZip(bytes: Uint8Array, limits: ZipLimits, want: RegExp, read: (parts: Parts) => string): ExtractedText {
  const { files, truncated } = readZip(bytes, (name) => want.test(name), limits);
  if (files.size === 0) {
    throw new TextExtractionError('UNREADABLE', '文件已损坏或缺少正文部分，无法读取内容', 'The file is damaged or has no body part; its text cannot be read');
  }
  const utf8 = new TextDecoder('utf-8'); // not fatal: a part cut at the cap may end mid-character
  const parts: Parts = new Map([...files].map(([name, data]) => [name, utf8.decode(data)]));
  return { text: read(parts).trim(), truncated };
}

/** Parts in natural order (sheet2 before sheet10, Page_2 before Page_10). */
function sorted(parts: Parts, filter: (name: string) => boolean): string[] {
  return [...parts.keys()].filter(filter).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (!body.startsWith('#')) return NAMED[body] ?? m;
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : m;
  });
}

function docxText(parts: Parts): string {
  const body = sorted(parts, (n) => /document\.xml$/i.test(n));
  const rest = sorted(parts, (n) => !/document\.xml$/i.test(n));
  return [...body, ...rest].map((name) => wordXmlText(parts.get(name) ?? '').trim()).filter((t) => t !== '').join('\n');
}

function wordXmlText(xml: string): string {
  // <w:tabs> holds tab-stop definitions (<w:tab w:pos=…/>), not tab characters.
  const clean = xml.replace(/<w:tabs>[\s\S]*?<\/w:tabs>/g, '');
  let out = '';
  for (const m of clean.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>|<\/w:p>/g)) {
    if (m[1] !== undefined) out += decodeXmlEntities(m[1]);
    else out += m[2] === 'tab' ? '\t' : '\n';
  }
  return out.replace(/\n{3,}/g, '\n\n');
}

// SpreadsheetML escapes characters XML cannot hold as _xHHHH_ (ECMA-376 Part 1 §22.9.2.19).
function xlsxString(raw: string): string {
  return decodeXmlEntities(raw).replace(/_x([0-9a-fA-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function tRuns(xml: string): string {
  let out = '';
  // Phonetic guides (<rPh>) repeat the reading of a string; skip them.
  for (const m of xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '').matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) {
    out += xlsxString(m[1] ?? '');
  }
  return out;
}

function xlsxText(parts: Parts): string {
  const sstName = [...parts.keys()].find((n) => /sharedStrings\.xml$/i.test(n));
  const shared: string[] = [];
  for (const m of (sstName ? (parts.get(sstName) ?? '') : '').matchAll(/<(?:\w+:)?si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) {
    shared.push(tRuns(m[1] ?? ''));
  }
  const used = new Set<number>();
  const sheets = sorted(parts, (n) => /worksheets\//i.test(n)).map((name) => {
    const rows: string[] = [];
    for (const row of (parts.get(name) ?? '').matchAll(/<(?:\w+:)?row\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
      const cells: string[] = [];
      for (const c of (row[1] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
        const type = /(?:^|\s)t="([^"]*)"/.exec(c[1] ?? '')?.[1] ?? 'n';
        const inner = c[2] ?? '';
        const v = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/.exec(inner)?.[1];
        let value = '';
        if (type === 'inlineStr') value = tRuns(inner);
        else if (v === undefined) value = '';
        else if (type === 's') {
          used.add(Number(v));
          value = shared[Number(v)] ?? '';
        } else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
        else value = xlsxString(v); // n, str (formula result), e (error code), d (ISO date)
        if (value !== '') cells.push(value);
      }
      if (cells.length > 0) rows.push(cells.join('\t'));
    }
    return rows.join('\n');
  });
  // Strings no cell points at (e.g. on a deleted sheet) may still hold personal data.
  const orphans = shared.filter((s, i) => !used.has(i) && s !== '');
  return [...sheets, ...orphans].filter((s) => s !== '').join('\n\n');
}

function ofdText(parts: Parts): string {
  const pages = sorted(parts, () => true).map((name) => {
    let out = '';
    let lastY: number | undefined;
    const xml = parts.get(name) ?? '';
    for (const obj of xml.matchAll(/<(?:\w+:)?TextObject\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?TextObject>/g)) {
      const boundaryY = Number(/Boundary="\s*[-\d.]+\s+([-\d.]+)/.exec(obj[1] ?? '')?.[1] ?? 0);
      for (const code of (obj[2] ?? '').matchAll(/<(?:\w+:)?TextCode\b([^>]*)>([^<]*)<\/(?:\w+:)?TextCode>/g)) {
        const y = boundaryY + Number(/(?:^|\s)Y="([-\d.]+)"/.exec(code[1] ?? '')?.[1] ?? 0);
        // OFD often places one character per TextCode: glue those on one baseline, break lines
        // when the baseline moves (units are mm), so split ID numbers stay whole for the scanner.
        if (lastY !== undefined && Math.abs(y - lastY) > 1) out += '\n';
        out += decodeXmlEntities(code[2] ?? '');
        lastY = y;
      }
    }
    return out;
  });
  return pages.filter((p) => p !== '').join('\n\n');
}

// OLE stream names that show up as UTF-16 runs but are structure, not content.
const OLE_NAMES = new Set(['Root Entry', 'WordDocument', 'SummaryInformation', 'DocumentSummaryInformation', 'CompObj', 'Workbook', '1Table', '0Table', 'ObjectPool']);

function printable16(c: number): boolean {
  return (
    c === 0x07 || c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) ||
    (c >= 0x2010 && c <= 0x2027) || (c >= 0x3000 && c <= 0x303f) || (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xffef)
  );
}

const isAsciiByte = (b: number): boolean => b === 0x09 || (b >= 0x20 && b < 0x7f);

/**
 * Best effort for Word 97-2003 / Excel 97-2003 files without parsing their record structures:
 * runs of ≥ 4 printable UTF-16LE characters (how CJK text is stored), then runs of ≥ 4 printable
 * ASCII bytes outside those (Word "compressed" pieces and Excel's 8-bit strings, where ID and
 * phone numbers typed as text end up). Numbers stored as binary (Excel NUMBER/RK cells) are missed.
 */
function binaryOfficeText(bytes: Uint8Array): string {
  const runs: { at: number; text: string }[] = [];
  const covered: [number, number][] = [];
  const utf16 = new TextDecoder('utf-16le');
  const latin1 = new TextDecoder('latin1');
  let start = 0;
  let pairs = 0; // code units that also read as two printable ASCII bytes ("ab" → U+6261)
  for (let i = 0; i <= bytes.length; i += 2) {
    const lo = bytes[i] ?? 0;
    const hi = bytes[i + 1] ?? 0;
    if (i + 1 < bytes.length && printable16(lo | (hi << 8))) {
      if (isAsciiByte(lo) && isAsciiByte(hi)) pairs++;
      continue;
    }
    // In real Chinese text about a fifth of the characters are such pairs; in 8-bit text misread
    // as UTF-16 nearly all are. Those runs are left to the ASCII pass.
    const units = (i - start) / 2;
    if (units >= 4 && pairs / units <= 0.6) {
      const text = utf16.decode(bytes.subarray(start, i)).replaceAll('\r', '\n').replaceAll('\x07', '\t').trim();
      if (text.length >= 4 && !OLE_NAMES.has(text)) runs.push({ at: start, text });
      covered.push([start, i]);
    }
    start = i + 2;
    pairs = 0;
  }
  let c = 0;
  start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    while (c < covered.length && (covered[c]?.[1] ?? 0) <= i) c++;
    const inCovered = c < covered.length && (covered[c]?.[0] ?? Infinity) <= i;
    if (i < bytes.length && !inCovered && isAsciiByte(bytes[i] ?? 0)) continue;
    if (i - start >= 4) runs.push({ at: start, text: latin1.decode(bytes.subarray(start, i)) });
    start = i + 1;
  }
  return runs
    .sort((a, b) => a.at - b.at)
    .map((r) => r.text)
    .join('\n');
}
