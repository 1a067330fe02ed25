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

export function toSimplified(text: string): string {
  return toSimplifiedConverter(text);
}

/** Renders text for the page language; HTML markup is ASCII and passes through unchanged. */
export function forLang(text: string, lang: Lang): string {
  return lang === 'zh-Hant' ? toTraditional(text) : text;
}
