import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { toSimplified } from '../platform/i18n/chinese.js';

/*
 * Text analysis for search, index side (search issue, "Analysis"); the query side and the public
 * API are in analysis.ts. A text becomes one token stream, for an FTS5 column with positions or a
 * tsvector: jieba `cut` without HMM and with the government user dictionary, each word then split
 * into its atoms — the smallest dictionary words it is made of (`atoms`) — plus single characters
 * where the dictionary knows no word (a place name such as 岚江 cuts into 岚 江), Latin/number
 * tokens, and 文号 keys at the end. A query word becomes the same atoms, matched as an adjacent
 * phrase, so 政府信息公开 is found inside 中华人民共和国政府信息公开条例, 托育服务 inside 普惠托育服务
 * however jieba cut the longer text, and 民政 never inside 人民政府.
 *
 * Measured in scripts/bench-segmenter.ts: jieba's own `cutForSearch` only adds 2- and 3-character
 * sub-words, so it loses 政府信息公开 and 营商环境 inside longer words, and it adds words that
 * straddle two real ones (民政 in 人民政府, 国政). HMM is off: its guessed words depend on the
 * neighbouring characters, so the same name would segment differently in a query and a document.
 * An earlier design indexed nested words unordered plus every character in a second, literal
 * column; scripts/bench-search.ts showed that doubled the tokens and more than halved the build rate.
 *
 * Both sides are normalised the same way (NFKC, Traditional → Simplified, lower case, 文号 brackets),
 * so 政務公開 finds 政务公开 and the reverse. Tokens contain only letters and digits: safe to quote in
 * FTS5 and to write as tsvector lexemes.
 */

const USER_DICT = new URL('../../data/search/userdict.txt', import.meta.url);
let instance: Jieba | undefined;

/** The shared segmenter: jieba's default dictionary plus data/search/userdict.txt, loaded once. */
const dictionaryFiles = () => [readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')), readFileSync(USER_DICT)];

export function jieba(): Jieba {
  if (!instance) {
    const [main, user] = dictionaryFiles();
    instance = Jieba.withDict(main!);
    instance.loadDict(user!);
  }
  return instance;
}

let frequencies: Map<string, number> | undefined;
/** log frequency of a dictionary word (jieba's and the user dictionary), for choosing between splits. */
function logFrequency(word: string): number {
  if (!frequencies) {
    frequencies = new Map();
    for (const file of dictionaryFiles()) {
      for (const line of file.toString('utf8').split('\n')) {
        const [w, f] = line.split(' ');
        if (w && f) frequencies.set(w, Math.log(Number(f) || 1));
      }
    }
  }
  return frequencies.get(word) ?? 0;
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

const atomMemo = new Map<string, readonly string[]>();
const ATOM_MEMO_MAX = 100_000;

/**
 * A word split into the smallest dictionary words it is made of, the same way wherever it occurs:
 * the split into proper sub-words (2+ characters, from jieba's full cut) that leaves the fewest
 * single characters, then the most pieces, then the most frequent words, then each part again. 人民政府 → 人民 政府 (never 民政),
 * 民政局 → 民政 局, 中华人民共和国 → 中华 人民 共和 国; a word with no sub-word stays whole (放管服).
 * The price: a sub-word of a sub-word can straddle (一网通办 → 一网通 办 → 一 网通 办 is found by 网通).
 */
export function atoms(word: string): readonly string[] {
  if (word.length < 3 || !isHan(word) || [...word].length !== word.length) return [word];
  const cached = atomMemo.get(word);
  if (cached) return cached;
  const n = word.length;
  const spansFrom: number[][] = Array.from({ length: n }, () => []);
  for (const inner of new Set(jieba().cutAll(word))) {
    if (inner.length < 2 || inner === word) continue;
    for (let at = word.indexOf(inner); at >= 0; at = word.indexOf(inner, at + 1)) spansFrom[at]!.push(at + inner.length);
  }
  // best[i]: the best split of word[0, i) — fewest single characters, then most pieces, then the
  // most frequent words (民政 局, not 民 政局) — and the step that reached it.
  type Split = { singles: number; pieces: number; score: number; from: number };
  const best: Split[] = [{ singles: 0, pieces: 0, score: 0, from: -1 }];
  const better = (a: Split, b: Split | undefined) =>
    !b || a.singles < b.singles || (a.singles === b.singles && (a.pieces > b.pieces || (a.pieces === b.pieces && a.score > b.score)));
  for (let i = 0; i < n; i++) {
    const here = best[i]!;
    const single = { singles: here.singles + 1, pieces: here.pieces + 1, score: here.score + logFrequency(word[i]!), from: i };
    if (better(single, best[i + 1])) best[i + 1] = single;
    for (const end of spansFrom[i]!) {
      const step = { singles: here.singles, pieces: here.pieces + 1, score: here.score + logFrequency(word.slice(i, end)), from: i };
      if (better(step, best[end])) best[end] = step;
    }
  }
  const parts: string[] = [];
  for (let end = n; end > 0; end = best[end]!.from) parts.unshift(word.slice(best[end]!.from, end));
  // The same word always splits the same way, alone or inside a longer one: that is what makes a
  // query's atoms line up with a document's.
  const result = parts.every((p) => p.length === 1) ? [word] : parts.flatMap((p) => atoms(p));
  if (atomMemo.size >= ATOM_MEMO_MAX) atomMemo.clear();
  atomMemo.set(word, result);
  return result;
}

export interface Analysed {
  /** the text's tokens in order: dictionary words split into their atoms, single characters, Latin/number tokens */
  stream: string[];
  /** 文号 keys, each once */
  extra: string[];
}

/**
 * jieba's units of a normalised text in order (HMM off), Latin/number tokens apart. Numbers lose
 * leading zeros, so 2026-01-05 and 2026年1月5日 share 1 and 5, 第047号 finds 47.
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

/** A word of two or more Han characters. */
export const isHanWord = (unit: string) => unit.length > 1 && isHan(unit) && [...unit].length > 1;

export function analyse(text: string): Analysed {
  const normalized = normalizeText(text);
  const stream: string[] = [];
  for (const unit of units(normalized)) {
    if (unit.length > 2) stream.push(...atoms(unit));
    else stream.push(unit);
  }
  return { stream, extra: [...new Set(docNumberKeys(normalized))] };
}

/** Every token of a text: the stream, then the 文号 keys. */
export function tokenize(text: string): string[] {
  const { stream, extra } = analyse(text);
  return [...stream, ...extra];
}

/** The stored column text: the tokens joined by single spaces. */
export function segmentedForIndex(text: string): string {
  return tokenize(text).join(' ');
}
