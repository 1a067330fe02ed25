import * as OpenCCModule from 'opencc-js';

// opencc-js ships declarations whose extensionless relative imports do not resolve under
// NodeNext, so the one function used here is typed locally.
type ConverterFactory = (options: { from: string; to: string }) => (text: string) => string;
const OpenCC = OpenCCModule as unknown as { Converter: ConverterFactory };

/** Page languages: Simplified by default, Traditional made by OpenCC phrase conversion. */
export const LANGS = ['zh-Hans', 'zh-Hant'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

// OpenCC 'cn' → 't' converts phrase by phrase (发展 → 發展, 头发 → 頭髮, 干部 → 幹部) and keeps
// mainland vocabulary (信息 stays 信息), which is what a mainland government's 繁體 page needs.
// Character-by-character conversion is exactly what produced legacy garbage such as `推進(jìn)`.
const toTraditionalConverter = OpenCC.Converter({ from: 'cn', to: 't' });
const toSimplifiedConverter = OpenCC.Converter({ from: 't', to: 'cn' });

export function toTraditional(text: string): string {
  return toTraditionalConverter(text);
}

// Characters that OpenCC 't' → 'cn' changes on their own, as a bitmap over the BMP, built on first
// use (~35k lookups). Text with none of them (almost all mainland text) skips the converter, which
// would return it unchanged; search indexing normalises every document, so this halves its cost.
let convertible: Uint8Array | undefined;
function simplificationBitmap(): Uint8Array {
  if (convertible) return convertible;
  const bits = new Uint8Array(0x10000);
  for (const [from, to] of [[0x2e80, 0x9fff], [0xf900, 0xffff]] as const) {
    for (let c = from; c <= to; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (toSimplifiedConverter(ch) !== ch) bits[c] = 1;
    }
  }
  return (convertible = bits);
}

/** True when OpenCC could change the text: a convertible character, or one outside the BMP. */
function mayNeedSimplification(text: string): boolean {
  const bits = simplificationBitmap();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (bits[c] === 1 || (c >= 0xd800 && c <= 0xdbff)) return true;
  }
  return false;
}

export function toSimplified(text: string): string {
  return mayNeedSimplification(text) ? toSimplifiedConverter(text) : text;
}

/** Renders text for the page language; HTML markup is ASCII and passes through unchanged. */
export function forLang(text: string, lang: Lang): string {
  return lang === 'zh-Hant' ? toTraditional(text) : text;
}

// Form values are data, not page text: what a visitor typed (a name, an address) must come back
// exactly as typed when a form is shown again, and option values are machine values. They are set
// aside (private-use markers OpenCC leaves alone) while the rest of the page is converted.
const PROTECTED = /(\svalue=")([^"]*)(")|(<textarea\b[^>]*>)([\s\S]*?)(<\/textarea>)/g;
const MARK = /\uE000(\d+)\uE001/g;

/** A whole HTML page in the page language, with form field values left exactly as they are. */
export function pageForLang(html: string, lang: Lang): string {
  if (lang !== 'zh-Hant') return html;
  const kept: string[] = [];
  const masked = html.replace(PROTECTED, (_m, a1?: string, v1?: string, z1?: string, a2?: string, v2?: string, z2?: string) => {
    kept.push(v1 ?? v2 ?? '');
    return `${a1 ?? a2 ?? ''}\uE000${kept.length - 1}\uE001${z1 ?? z2 ?? ''}`;
  });
  return toTraditional(masked).replace(MARK, (_m, i: string) => kept[Number(i)] ?? '');
}
