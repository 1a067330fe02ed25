import { CATEGORIES, GENRES, TOPIC_VALUES, VALIDITIES, topLevelTopic } from '../catalog/taxonomy.js';
import { analyse } from './analysis.js';
import type { SearchDocument } from './model.js';

/*
 * From a document to the token streams both engines index (pure; search issue, "One SearchIndex
 * interface, two engines"). Word columns hold each distinct word once: their positions mean
 * nothing (phrases use the literal streams), and dropping repeats keeps the index small. Salient
 * words (said at least SALIENT_MIN_COUNT times in the body, or given as 主题词) form the middle
 * relevance tier between title matches and passing mentions.
 */

export const SALIENT_MIN_COUNT = 3;
/** Text beyond this is not indexed: a 200,000-character attachment is searchable by its first part. */
export const MAX_INDEXED_CHARS = 200_000;
/** Longer tokens (encoded blobs, digit runs) are noise, and PostgreSQL refuses lexemes over 2 KB. */
export const MAX_TOKEN_CHARS = 100;

export interface PreparedDocument {
  readonly docKey: number;
  readonly doc: SearchDocument;
  readonly titleWords: readonly string[];
  readonly titleLiteral: readonly string[];
  readonly salient: readonly string[];
  readonly bodyWords: readonly string[];
  readonly bodyLiteral: readonly string[];
  readonly tags: readonly string[];
}

const DAY_MS = 86_400_000;
const RECORD_ID_SPACE = 2 ** 32;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The index key: publication day × 2^32 + record id. Key order is date order; still below 2^53. */
export function docKeyOf(publishedOn: string, recordId: number): number {
  if (!Number.isInteger(recordId) || recordId < 0 || recordId >= RECORD_ID_SPACE) throw new RangeError(`record id ${recordId} out of range`);
  return dayNumber(publishedOn) * RECORD_ID_SPACE + recordId;
}

export const recordIdOfKey = (key: number): number => key % RECORD_ID_SPACE;
export const firstKeyOn = (date: string): number => dayNumber(date) * RECORD_ID_SPACE;
export const lastKeyOn = (date: string): number => (dayNumber(date) + 1) * RECORD_ID_SPACE - 1;

// Filter values as index tokens (letters and digits only, like every other token).
const tagIndex = (list: readonly string[], value: string) => {
  const i = list.indexOf(value);
  return i < 0 ? 'x' : String(i); // a value outside the vocabulary still gets one letters-only token
};
export const tags = {
  agency: (id: number) => `a${id}`,
  topTopic: (topic: string) => `t${tagIndex(TOPIC_VALUES, topLevelTopic(topic))}`,
  topic: (topic: string) => `s${tagIndex(TOPIC_VALUES, topic)}`,
  category: (value: string) => `c${tagIndex(CATEGORIES, value)}`,
  genre: (value: string) => `g${tagIndex(GENRES, value)}`,
  validity: (value: string) => `v${tagIndex(VALIDITIES, value)}`,
};

function analysed(text: string) {
  const { words, literal } = analyse(text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text);
  const fits = (t: string) => t.length <= MAX_TOKEN_CHARS;
  return { words: words.filter(fits), literal: literal.filter(fits) };
}

export function prepareDocument(doc: SearchDocument): PreparedDocument {
  const title = analysed(doc.title);
  const body = analysed(doc.body);
  const counts = new Map<string, number>();
  for (const w of body.words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const salient = new Set<string>();
  for (const [w, n] of counts) if (n >= SALIENT_MIN_COUNT) salient.add(w);
  for (const k of doc.keywords) for (const w of analysed(k).words) salient.add(w);
  return {
    docKey: docKeyOf(doc.publishedOn, doc.recordId),
    doc,
    titleWords: [...new Set(title.words)],
    titleLiteral: title.literal,
    salient: [...salient],
    bodyWords: [...counts.keys()],
    bodyLiteral: body.literal,
    tags: [
      tags.agency(doc.agencyId),
      tags.topTopic(doc.topic),
      tags.topic(doc.topic),
      tags.category(doc.category),
      tags.genre(doc.genre),
      tags.validity(doc.validity),
    ],
  };
}
