/*
 * Search text analysis, the public API (search issue, "Analysis"): normalisation and the token
 * stream come from segment.ts (see its header for the design and the measured choice of
 * segmentation); query parsing is here. Queries are analysed exactly like documents.
 */
import { atoms, docNumberToken, isHan, isHanWord, normalizeText, units } from './segment.js';

export { analyse, atoms, docNumberToken, jieba, normalizeText, segmentedForIndex, tokenize, type Analysed } from './segment.js';

/** Longer input is refused, not truncated: search boxes take words, not documents. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TOKENS = 64;

export interface AnalyzedQuery {
  /** every term must be a token of the document */
  terms: string[];
  /** every phrase (2+ tokens) must be in the document's stream, tokens adjacent and in order */
  phrases: string[][];
  /** no excluded term may be a token of the document */
  excluded: string[];
  /** no excluded phrase may be in the document's stream */
  excludedPhrases: string[][];
}
export type QueryError = { error: 'EMPTY' | 'TOO_LONG' | 'NO_TERMS' };

// A quoted phrase ("…", “…”, 「…」, 『…』), optionally excluded, or a whitespace-separated word.
// An unpaired quote is no quote: it is punctuation and dropped with the rest.
const QUERY_PART = /(-?)(?:"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』)|(\S+)/gu;

interface Parsed {
  terms: string[];
  phrases: string[][];
}

const atomsOf = (unit: string) => (unit.length > 2 ? atoms(unit) : [unit]);

/**
 * The tokens of one query word or quoted text, as the index has them (atoms). A word is a term when
 * it is one atom and an adjacent phrase of its atoms otherwise (营商环境 → 营商 环境). A text of
 * several words is one phrase when quoted, when the dictionary does not know part of it (single
 * characters: 岚江市 → 岚 江 市) or when it has no Han at all (pm2.5 → pm2 5); otherwise each word
 * stands alone (优化营商环境 → 优化 + 营商 环境), so the words are also found apart.
 */
function parse(text: string, quoted: boolean): Parsed {
  const docNumber = quoted ? null : docNumberToken(text);
  if (docNumber) return { terms: [docNumber], phrases: [] };
  const words = units(text);
  const out: Parsed = { terms: [], phrases: [] };
  const add = (tokens: readonly string[]) => {
    if (tokens.length === 1) out.terms.push(tokens[0]!);
    else if (tokens.length > 1) out.phrases.push([...tokens]);
  };
  if (quoted || !words.some(isHan) || words.some((w) => isHan(w) && !isHanWord(w))) add(words.flatMap(atomsOf));
  else for (const w of words) add(atomsOf(w));
  return out;
}

const key = (tokens: string[]) => tokens.join(' ');

export function analyzeQuery(q: string): AnalyzedQuery | QueryError {
  if (typeof q !== 'string') return { error: 'EMPTY' };
  if (q.length > MAX_QUERY_CHARS) return { error: 'TOO_LONG' };
  const text = normalizeText(q);
  if (text === '') return { error: 'EMPTY' };
  const result: AnalyzedQuery = { terms: [], phrases: [], excluded: [], excludedPhrases: [] };
  const addPhrase = (list: string[][], tokens: string[]) => {
    if (!list.some((p) => key(p) === key(tokens))) list.push(tokens);
  };
  for (const m of text.matchAll(QUERY_PART)) {
    const quoted = m[2] ?? m[3] ?? m[4] ?? m[5];
    const negative = quoted !== undefined ? m[1] === '-' : m[6]!.startsWith('-') && m[6]!.length > 1;
    const body = quoted ?? (negative ? m[6]!.slice(1) : m[6]!);
    const parsed = parse(body, quoted !== undefined);
    (negative ? result.excluded : result.terms).push(...parsed.terms);
    for (const p of parsed.phrases) addPhrase(negative ? result.excludedPhrases : result.phrases, p);
  }
  result.terms = [...new Set(result.terms)];
  result.excluded = [...new Set(result.excluded)];
  const size = [result.terms, ...result.phrases, result.excluded, ...result.excludedPhrases].flat().length;
  if (size > MAX_QUERY_TOKENS) return { error: 'TOO_LONG' };
  if (result.terms.length === 0 && result.phrases.length === 0) return { error: 'NO_TERMS' };
  return result;
}
