/**
 * The character set of a fetched page: the Content-Type header's charset, else a <meta charset> or
 * <meta http-equiv="Content-Type"> in the first bytes, else a BOM, else UTF-8. GB2312 and GBK are
 * read as GB18030 (their superset), as browsers do (WHATWG Encoding: gb2312 and gbk are labels
 * of the gbk decoder, which decodes GB18030 two-byte sequences). Very common on government sites.
 */
import iconv from 'iconv-lite';

const SNIFF_BYTES = 2048;
const ALIASES: Readonly<Record<string, string>> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  cp936: 'gb18030',
  gb18030: 'gb18030',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  big5: 'big5',
};

/** The charset a label names, folded to what the decoder knows; null for an unknown label. */
export function charsetOf(label: string): string | null {
  const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const known = ALIASES[key];
  if (known) return known;
  return iconv.encodingExists(key) ? key : null;
}

/** From a Content-Type header value: `text/html; charset=GBK` → gb18030. */
export function headerCharset(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2] ? charsetOf(m[2]) : null;
}

/** From the page's first bytes: a BOM, or a meta declaration. */
export function sniffCharset(head: Uint8Array): string | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  const text = Buffer.from(head.subarray(0, SNIFF_BYTES)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(text);
  return m?.[1] ? charsetOf(m[1]) : null;
}

/** A streaming decoder for the page's bytes (chunks may split a character; the decoder keeps the rest). */
export function decoderFor(charset: string): { write(chunk: Uint8Array): string; end(): string } {
  const d = iconv.getDecoder(charset === 'utf-8' ? 'utf8' : charset);
  return { write: (chunk) => d.write(Buffer.from(chunk)), end: () => d.end() ?? '' };
}
