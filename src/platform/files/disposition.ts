/**
 * Content-Disposition for downloads (RFC 6266) with a UTF-8 name (RFC 5987 / RFC 8187), so
 * `2026年预算公开.pdf` saves under its Chinese name while old clients get an ASCII fallback.
 */

const MAX_NAME_CHARS = 200;
const MAX_EXTENSION_CHARS = 16;

/** Code points that are never kept in a file name: C0/C1 controls, DEL and bidi overrides
 * (U+202E can make `gpj.exe` display as `exe.jpg`). */
function isControl(cp: number): boolean {
  return (
    cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x200e || cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0xfeff
  );
}

/**
 * A name safe to show, to put in a header and to save on any OS: the last path segment only
 * (`../../etc/passwd` → `passwd`, `C:\Users\a\b.pdf` → `b.pdf`), no control characters, Windows-
 * reserved characters replaced by `_`, at most 200 characters with the extension kept.
 */
export function safeFileName(name: string): string {
  // Lone surrogates would make encodeURIComponent throw; U+FFFD keeps the position visible.
  const wellFormed = name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const segment = wellFormed.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let clean = [...segment]
    .filter((c) => !isControl(c.codePointAt(0) ?? 0))
    .join('')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, ''); // Windows drops trailing dots and spaces
  if (clean === '' || /^\.+$/.test(clean)) return 'download';
  const dot = clean.lastIndexOf('.');
  const hasExt = dot > 0 && clean.length - dot <= MAX_EXTENSION_CHARS;
  let stem = hasExt ? clean.slice(0, dot) : clean;
  const ext = hasExt ? clean.slice(dot) : '';
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = `_${stem}`;
  // Count code points, not UTF-16 units, so a character outside the BMP is never cut in half.
  const room = MAX_NAME_CHARS - [...ext].length;
  clean = [...stem].slice(0, room).join('').trimEnd() + ext;
  return clean;
}

/** RFC 5987 value-chars: attr-char stays, everything else (incl. ' ( ) * and space) is %XX. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** quoted-string fallback: non-ASCII → `_`, `"` and `\` escaped, controls dropped. */
function asciiFallback(value: string): string {
  let out = '';
  for (const c of value) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) continue;
    if (cp > 0x7e) out += '_';
    else if (c === '"' || c === '\\') out += `\\${c}`;
    else out += c;
  }
  return out;
}

export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = safeFileName(fileName);
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
