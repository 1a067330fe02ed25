/*
 * Search text analysis, the public API (search issue, "Analysis"): normalisation and the two index
 * columns come from segment.ts (see its header for the design and the measured choice of
 * segmentation); query parsing is here. Queries are analysed exactly like documents.
 */
import { docNumberToken, isHan, literalTokens, normalizeText, units } from './segment.js';

export {
  analyse,
  docNumberToken,
  jieba,
  literalForIndex,
  literalTokens,
  normalizeText,
  segmentedForIndex,
  tokenize,
  type Analysed,
} from './segment.js';

/** Longer input is refused, not truncated: search boxes take words, not documents. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TOKENS = 64;

export interface AnalyzedQuery {
  /** every term must be in the words column */
  terms: string[];
  /** every phrase must be in the literal column, tokens adjacent and in order */
  phrases: string[][];
  /** no excluded term may be in the words column */
  excluded: string[];
  /** no excluded phrase may be in the literal column (`-word` that is not one dictionary word) */
  excludedPhrases: string[][];
  /** each positive word as a literal phrase: a retry when terms + phrases find nothing, since a
   *  term misses a word straddling two dictionary words (托育服务 in 普惠托育|服务) */
  fallbackPhrases: string[][];
}
export type QueryError = { error: 'EMPTY' | 'TOO_LONG' | 'NO_TERMS' };

// A quoted phrase ("…", “…”, 「…」, 『…』), optionally excluded, or a whitespace-separated word.
// An unpaired quote is no quote: it is punctuation and dropped with the rest.
const QUERY_PART = /(-?)(?:"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』)|(\S+)/gu;

interface WordQuery {
  terms: string[];
  phrases: string[][];
}

/**
 * One unquoted word: dictionary words and single Latin/number tokens are terms; a run of single Han
 * characters (a word the dictionary does not know: 岚江 → 岚 江) is a literal phrase, as is a word of
 * several Latin/number tokens without Han (pm2.5 → "pm2 5", covid-19).
 */
function queryWord(word: string): WordQuery {
  const docNumber = docNumberToken(word);
  if (docNumber) return { terms: [docNumber], phrases: [] };
  const tokens = units(word);
  if (tokens.length > 1 && !tokens.some((t) => isHan(t))) return { terms: [], phrases: [tokens] };
  const out: WordQuery = { terms: [], phrases: [] };
  let run: string[] = [];
  for (const t of tokens) {
    if (isHan(t) && [...t].length === 1) {
      run.push(t);
      continue;
    }
    if (run.length > 0) out.phrases.push(run);
    run = [];
    out.terms.push(t);
  }
  if (run.length > 0) out.phrases.push(run);
  return out;
}

const key = (tokens: string[]) => tokens.join(' ');

export function analyzeQuery(q: string): AnalyzedQuery | QueryError {
  if (typeof q !== 'string') return { error: 'EMPTY' };
  if (q.length > MAX_QUERY_CHARS) return { error: 'TOO_LONG' };
  const text = normalizeText(q);
  if (text === '') return { error: 'EMPTY' };
  const result: AnalyzedQuery = { terms: [], phrases: [], excluded: [], excludedPhrases: [], fallbackPhrases: [] };
  const addPhrase = (list: string[][], tokens: string[]) => {
    if (tokens.length > 0 && !list.some((p) => key(p) === key(tokens))) list.push(tokens);
  };
  for (const m of text.matchAll(QUERY_PART)) {
    const quoted = m[2] ?? m[3] ?? m[4] ?? m[5];
    const negative = quoted !== undefined ? m[1] === '-' : m[6]!.startsWith('-') && m[6]!.length > 1;
    const body = quoted ?? (negative ? m[6]!.slice(1) : m[6]!);
    if (quoted !== undefined) {
      addPhrase(negative ? result.excludedPhrases : result.phrases, literalTokens(body));
      if (!negative) addPhrase(result.fallbackPhrases, literalTokens(body));
      continue;
    }
    const word = queryWord(body);
    if (negative) {
      const [only] = word.terms;
      if (only !== undefined && word.terms.length === 1 && word.phrases.length === 0) result.excluded.push(only);
      else addPhrase(result.excludedPhrases, literalTokens(body));
      continue;
    }
    result.terms.push(...word.terms);
    for (const p of word.phrases) addPhrase(result.phrases, p);
    addPhrase(result.fallbackPhrases, literalTokens(body));
  }
  result.terms = [...new Set(result.terms)];
  result.excluded = [...new Set(result.excluded)];
  const size = [result.terms, ...result.phrases, result.excluded, ...result.excludedPhrases].flat().length;
  if (size > MAX_QUERY_TOKENS) return { error: 'TOO_LONG' };
  if (result.terms.length === 0 && result.phrases.length === 0) return { error: 'NO_TERMS' };
  return result;
}
