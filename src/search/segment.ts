import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { toSimplified } from '../platform/i18n/chinese.js';

/*
 * Text analysis for search, index side (search issue, "Analysis"); the query side and the public
 * API are in analysis.ts. Two token streams per text, meant for two FTS5 / tsvector columns:
 *
 * - words (`tokenize`, `segmentedForIndex`): jieba `cut` without HMM, with the government user
 *   dictionary, plus every dictionary word nested inside a longer word (中华人民共和国政府信息公开条例
 *   → 政府信息公开, 条例, 中华人民共和国 …), Latin/number tokens and 文号 keys. Queries match these with
 *   `terms`. Measured in scripts/bench-segmenter.ts: jieba's own `cutForSearch` only adds 2- and
 *   3-character sub-words, so it loses 政府信息公开 and 营商环境 inside longer words, and it adds
 *   words that straddle two real ones (民政 in 人民政府, 国政); nested words are kept only where they
 *   lie on a best split of the longer word. HMM is off: its guessed words depend on the
 *   neighbouring characters, so the same name segments differently in a query and a document.
 * - literal (`literalTokens`, `literalForIndex`): every Han character on its own, Latin/number
 *   tokens whole, in text order. Queries match these with `phrases` as adjacent-token phrases, which
 *   is exact substring search whatever the segmentation: quoted phrases, and words the dictionary
 *   does not know (a place name such as 岚江 cuts into single characters).
 *
 * Both sides are normalised the same way (NFKC, Traditional → Simplified, lower case, 文号 brackets),
 * so 政務公開 finds 政务公开 and the reverse. Tokens contain only letters and digits (FTS5 unicode61's
 * default token characters): safe to quote in FTS5 and to pass to PostgreSQL tsquery.
 */

const USER_DICT = new URL('../../data/search/userdict.txt', import.meta.url);
let instance: Jieba | undefined;

/** The shared segmenter: jieba's default dictionary plus data/search/userdict.txt, loaded once. */
export function jieba(): Jieba {
  if (!instance) {
    const dictPath = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
    instance = Jieba.withDict(readFileSync(dictPath));
    instance.loadDict(readFileSync(USER_DICT));
  }
  return instance;
}

const HAN_ONLY = /^\p{Script=Han}+$/u;
const PIECES = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
// 文号 after normalisation: issuer (Han), (year), optional 第, serial, 号. "国办发(2019)47号".
// In running text the tail is found first and the issuer read backwards (no backtracking).
const DOC_NUMBER_TAIL = /\((\d{4})\) ?第?(\d{1,6}) ?号/g;
const DOC_NUMBER_WHOLE = /^(\p{Script=Han}+) ?\((\d{4})\) ?第?(\d{1,6}) ?号$/u;
const MAX_ISSUER_CHARS = 12;

export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[〔[【〖（(]/g, '(') // NFKC already made ［（﹝ into [ ( 〔; docNumberKey folds the same set
    .replace(/[〕\]】〗）)]/g, ')')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The 文号 key token: issuer + year + serial + 号, brackets and 第 and leading zeros dropped. */
function docKey(issuer: string, year: string, serial: string): string {
  return `${issuer}${year}${String(Number(serial))}号`;
}

/** The key token of a whole 文号 (国办发〔2019〕47号 → 国办发201947号), or null if it is not one. */
export function docNumberToken(docNumber: string): string | null {
  const m = DOC_NUMBER_WHOLE.exec(normalizeText(docNumber));
  if (!m) return null;
  return docKey([...m[1]!].slice(-MAX_ISSUER_CHARS).join(''), m[2]!, m[3]!);
}

// In running text the issuer's start is unknown (根据国办发…), so every issuer suffix of 2–12 Han
// characters gets a key; a query's 文号 uses its whole issuer (see analyzeQuery).
function docNumberKeys(normalized: string): string[] {
  const keys: string[] = [];
  for (const m of normalized.matchAll(DOC_NUMBER_TAIL)) {
    let from = m.index;
    if (normalized[from - 1] === ' ') from--;
    let start = from;
    while (start > 0 && from - start < MAX_ISSUER_CHARS && isHan(normalized[start - 1]!)) start--;
    const issuer = [...normalized.slice(start, from)];
    if (issuer.length === 0) continue;
    const longest = Math.min(MAX_ISSUER_CHARS, issuer.length);
    for (let len = Math.min(2, issuer.length); len <= longest; len++) {
      keys.push(docKey(issuer.slice(-len).join(''), m[1]!, m[2]!));
    }
  }
  return keys;
}

const nestedMemo = new Map<string, readonly string[]>();
const NESTED_MEMO_MAX = 100_000;

/**
 * Dictionary words inside a longer word, kept only where they lie on a best split of the word into
 * dictionary words (2+ characters), the best splits being those that leave the fewest single
 * characters: 人民政府 → 人民 政府 (not 民政), 一网通办 → 一网通 办 (not 网通), 中华人民共和国政府采购法 →
 * 中华人民共和国 政府采购 法 (not 国政, 华人). Then recursively inside the kept words.
 */
function nestedWords(word: string): readonly string[] {
  if (word.length < 3) return [];
  const cached = nestedMemo.get(word);
  if (cached) return cached;
  const spans: { start: number; end: number; text: string }[] = [];
  for (const inner of new Set(jieba().cutAll(word))) {
    if ([...inner].length < 2 || inner === word) continue;
    for (let at = word.indexOf(inner); at >= 0; at = word.indexOf(inner, at + 1)) {
      spans.push({ start: at, end: at + inner.length, text: inner });
    }
  }
  // Fewest single characters needed to split word[0, i) (fromStart) and word[i, n) (toEnd).
  const n = word.length;
  const fromStart = Array.from({ length: n + 1 }, (_, i) => i);
  const toEnd = Array.from({ length: n + 1 }, (_, i) => n - i);
  for (let i = 0; i < n; i++) {
    fromStart[i + 1] = Math.min(fromStart[i + 1]!, fromStart[i]! + 1);
    for (const s of spans) if (s.start === i) fromStart[s.end] = Math.min(fromStart[s.end]!, fromStart[i]!);
  }
  for (let i = n; i > 0; i--) {
    toEnd[i - 1] = Math.min(toEnd[i - 1]!, toEnd[i]! + 1);
    for (const s of spans) if (s.end === i) toEnd[s.start] = Math.min(toEnd[s.start]!, toEnd[i]!);
  }
  const kept = new Set(spans.filter((s) => fromStart[s.start]! + toEnd[s.end]! === fromStart[n]).map((s) => s.text));
  for (const k of [...kept]) for (const deeper of nestedWords(k)) kept.add(deeper);
  const result = [...kept];
  if (nestedMemo.size >= NESTED_MEMO_MAX) nestedMemo.clear();
  nestedMemo.set(word, result);
  return result;
}

export interface Analysed {
  /** words column: dictionary words (2+ characters), nested words, Latin/number tokens, 文号 keys */
  words: string[];
  /** literal column: single Han characters and Latin/number tokens in text order */
  literal: string[];
}

/**
 * The plain tokens of a normalised text in order: jieba words of Han (HMM off), Latin/numbers.
 * Numbers lose leading zeros, so 2026-01-05 and 2026年1月5日 share 1 and 5, 第047号 finds 47.
 */
export function units(normalized: string): string[] {
  const out: string[] = [];
  if (normalized === '') return out;
  for (const token of jieba().cut(normalized, false)) {
    if (isHan(token)) out.push(token);
    else for (const piece of token.match(PIECES) ?? []) out.push(/^\d+$/.test(piece) ? piece.replace(/^0+(?=\d)/, '') : piece);
  }
  return out;
}

// Faster than HAN_ONLY on the hot path: CJK ideographs (BMP blocks, compatibility, planes 2–3).
export function isHan(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007) continue;
    if (c >= 0xd840 && c <= 0xd8bf && i + 1 < token.length) {
      i++; // high surrogate of U+20000–U+3FFFF; its low surrogate follows
      continue;
    }
    return HAN_ONLY.test(token); // anything else: let Unicode decide
  }
  return true;
}

export function analyse(text: string): Analysed {
  const normalized = normalizeText(text);
  const words: string[] = [];
  const literal: string[] = [];
  for (const unit of units(normalized)) {
    if (!isHan(unit)) {
      words.push(unit);
      literal.push(unit);
      continue;
    }
    const chars = unit.length === 1 ? [unit] : [...unit];
    for (const c of chars) literal.push(c);
    if (chars.length < 2) continue; // single characters live in the literal column only
    words.push(unit, ...nestedWords(unit));
  }
  words.push(...docNumberKeys(normalized));
  return { words, literal };
}

/** Tokens of the words column (what `terms` match). */
export function tokenize(text: string): string[] {
  return analyse(text).words;
}

/** Tokens of the literal column (what `phrases` match, as adjacent tokens). */
export function literalTokens(text: string): string[] {
  return analyse(text).literal;
}

/** The words column's stored text: tokens joined by single spaces. */
export function segmentedForIndex(text: string): string {
  return tokenize(text).join(' ');
}

/** The literal column's stored text: tokens joined by single spaces. */
export function literalForIndex(text: string): string {
  return literalTokens(text).join(' ');
}
