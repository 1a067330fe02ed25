/**
 * Which attachments a government record may carry, decided from the bytes (magic numbers), never
 * from the file name: a name is only a claim, and a renamed executable must not reach the public.
 */
import { isZip, listZipEntries } from './zip.js';

export type AttachmentKind = 'pdf' | 'ofd' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'png' | 'jpeg';

export type SniffResult =
  | { ok: true; kind: AttachmentKind; mediaType: string; extension: string }
  | { ok: false; code: 'UNSUPPORTED_TYPE' | 'TYPE_MISMATCH' | 'EMPTY'; zh: string; en: string };

/** Upload limit; large scans should be split or compressed before publishing. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** For `<input accept>` and help texts; lower case with the dot. */
export const ACCEPTED_EXTENSIONS = ['.pdf', '.ofd', '.doc', '.docx', '.xls', '.xlsx', '.png', '.jpg', '.jpeg'] as const;

const KINDS: Record<AttachmentKind, { mediaType: string; extensions: readonly string[]; label: string }> = {
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf'], label: 'PDF' },
  // GB/T 33190-2016 registers no IANA type; application/ofd is what Chinese government sites use.
  ofd: { mediaType: 'application/ofd', extensions: ['.ofd'], label: 'OFD' },
  doc: { mediaType: 'application/msword', extensions: ['.doc'], label: 'DOC' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    label: 'DOCX',
  },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['.xls'], label: 'XLS' },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    label: 'XLSX',
  },
  png: { mediaType: 'image/png', extensions: ['.png'], label: 'PNG' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], label: 'JPEG' },
};

const ACCEPTED_ZH = 'PDF、OFD、DOC/DOCX、XLS/XLSX、PNG、JPEG';
const ACCEPTED_EN = 'PDF, OFD, DOC/DOCX, XLS/XLSX, PNG, JPEG';

/** What the bytes turned out to be: an accepted kind, or a description for the error message. */
type Detected = { kind: AttachmentKind } | { kind: null; zh: string; en: string };

export function sniffAttachment(bytes: Uint8Array, fileName: string): SniffResult {
  if (bytes.length === 0) {
    return { ok: false, code: 'EMPTY', zh: '文件为空（0 字节），请重新选择文件。', en: 'The file is empty (0 bytes); please choose the file again.' };
  }
  const detected = detect(bytes);
  const claimed = extensionOf(fileName);
  const claimedKind = claimed ? kindForExtension(claimed) : undefined;

  if (detected.kind !== null) {
    const info = KINDS[detected.kind];
    // No extension at all is not a disagreement: the canonical one is supplied.
    if (claimed === '') return { ok: true, kind: detected.kind, mediaType: info.mediaType, extension: info.extensions[0] ?? '' };
    if (claimedKind === detected.kind) return { ok: true, kind: detected.kind, mediaType: info.mediaType, extension: claimed };
    return mismatch(info.label, info.label, claimed, claimedKind);
  }
  if (claimedKind) return mismatch(detected.zh, detected.en, claimed, claimedKind);
  return {
    ok: false,
    code: 'UNSUPPORTED_TYPE',
    zh: `不支持的文件类型（检测到：${detected.zh}）。仅接受 ${ACCEPTED_ZH} 格式的附件。`,
    en: `Unsupported file type (detected: ${detected.en}). Accepted types: ${ACCEPTED_EN}.`,
  };
}

function mismatch(detectedZh: string, detectedEn: string, claimed: string, claimedKind: AttachmentKind | undefined): SniffResult {
  const claimedLabel = claimedKind ? `${claimed}（${KINDS[claimedKind].label}）` : claimed;
  const claimedLabelEn = claimedKind ? `${claimed} (${KINDS[claimedKind].label})` : claimed;
  return {
    ok: false,
    code: 'TYPE_MISMATCH',
    zh: `文件内容与扩展名不符：文件名为 ${claimedLabel}，但内容实际为 ${detectedZh}。请上传真实的文件或更正扩展名（接受 ${ACCEPTED_ZH}）。`,
    en: `The file's content does not match its extension: the name says ${claimedLabelEn} but the content is ${detectedEn}. Upload the real file or correct the extension (accepted: ${ACCEPTED_EN}).`,
  };
}

/** Lower-case extension with the dot, or '' when the name has none. */
function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot).trim().toLowerCase() : '';
}

function kindForExtension(ext: string): AttachmentKind | undefined {
  return (Object.keys(KINDS) as AttachmentKind[]).find((k) => KINDS[k].extensions.includes(ext));
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return new TextDecoder('latin1').decode(bytes.subarray(from, Math.min(to, bytes.length)));
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function detect(bytes: Uint8Array): Detected {
  const head = ascii(bytes, 0, 1024);
  // Readers tolerate junk before the header, but accepting it would let an HTML/PDF polyglot
  // through; only a BOM or whitespace may precede it.
  if (/^(\xEF\xBB\xBF)?[\t\n\r ]*%PDF-/.test(head)) return { kind: 'pdf' };
  if (startsWith(bytes, PNG)) return { kind: 'png' };
  if (startsWith(bytes, JPEG)) return { kind: 'jpeg' };
  if (isZip(bytes)) return detectZip(bytes);
  if (startsWith(bytes, OLE2)) return detectOle2(bytes);
  if (head.startsWith('MZ')) return { kind: null, zh: 'Windows 可执行文件（EXE/DLL）', en: 'a Windows executable (EXE/DLL)' };
  if (head.startsWith('\x7fELF')) return { kind: null, zh: 'Linux 可执行文件（ELF）', en: 'a Linux executable (ELF)' };
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return { kind: null, zh: 'GIF 图片', en: 'a GIF image' };
  if (head.startsWith('Rar!')) return { kind: null, zh: 'RAR 压缩包', en: 'a RAR archive' };
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { kind: null, zh: '7z 压缩包', en: 'a 7z archive' };
  if (head.startsWith('{\\rtf')) return { kind: null, zh: 'RTF 文档', en: 'an RTF document' };
  const text = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg)/.test(text)) return { kind: null, zh: 'SVG 矢量图', en: 'an SVG image' };
  if (/^(<!doctype html|<html|<head|<body|<script|<iframe|<meta)/.test(text) || /<html[\s>]/.test(text)) {
    return { kind: null, zh: 'HTML 网页', en: 'an HTML page' };
  }
  if (looksLikeText(bytes.subarray(0, 1024))) return { kind: null, zh: '纯文本', en: 'plain text' };
  return { kind: null, zh: '未知格式', en: 'an unknown format' };
}

function detectZip(bytes: Uint8Array): Detected {
  const names = listZipEntries(bytes).map((e) => e.name.toLowerCase());
  // OOXML part names are case-insensitive (ECMA-376 Part 2 §9.1.1.1); OFD.xml sits at the root.
  if (names.includes('word/document.xml')) return { kind: 'docx' };
  if (names.includes('xl/workbook.xml')) return { kind: 'xlsx' };
  if (names.includes('ofd.xml')) return { kind: 'ofd' };
  if (names.includes('ppt/presentation.xml')) return { kind: null, zh: 'PowerPoint 演示文稿（PPTX）', en: 'a PowerPoint presentation (PPTX)' };
  return { kind: null, zh: 'ZIP 压缩包', en: 'a ZIP archive' };
}

function utf16(name: string): number[] {
  return [...name].flatMap((c) => [c.charCodeAt(0), 0]);
}

function containsBytes(bytes: Uint8Array, needle: readonly number[]): boolean {
  const first = needle[0];
  for (let i = bytes.indexOf(first ?? 0); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(first ?? 0, i + 1)) {
    if (startsWith(bytes, needle, i)) return true;
  }
  return false;
}

function detectOle2(bytes: Uint8Array): Detected {
  // Directory entries hold NUL-terminated UTF-16LE stream names; the terminator keeps "Book" from
  // matching inside other names.
  const has = (name: string): boolean => containsBytes(bytes, [...utf16(name), 0, 0]);
  if (has('WordDocument')) return { kind: 'doc' };
  if (has('Workbook') || has('Book')) return { kind: 'xls' };
  if (has('PowerPoint Document')) return { kind: null, zh: 'PowerPoint 演示文稿（PPT）', en: 'a PowerPoint presentation (PPT)' };
  return { kind: null, zh: 'Office 97-2003 其他复合文档', en: 'another Office 97-2003 compound file' };
}

function looksLikeText(sample: Uint8Array): boolean {
  if (sample.length === 0) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - 3)));
  } catch {
    return false;
  }
  return !sample.some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));
}
