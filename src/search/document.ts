import { CATEGORIES, GENRES, TOPIC_VALUES, VALIDITIES, topLevelTopic } from '../catalog/taxonomy.js';
import { analyse } from './analysis.js';
import { isHanWord } from './segment.js';
import type { SearchDocument } from './model.js';

/*
 * From a document to the token streams both engines index (pure; search issue, "One SearchIndex
 * interface, two engines"): the title's and the body's tokens in order (phrases are positions)
 * followed by their 文号 keys, and the salient words — words said at least SALIENT_MIN_COUNT times
 * in the body, or given as 主题词 — which form the middle relevance tier between title matches and
 * passing mentions.
 */

export const SALIENT_MIN_COUNT = 3;
/** Text beyond this is not indexed: a 200,000-character attachment is searchable by its first part. */
export const MAX_INDEXED_CHARS = 200_000;
/** Longer tokens (encoded blobs, digit runs) are noise, and PostgreSQL refuses lexemes over 2 KB. */
export const MAX_TOKEN_CHARS = 100;

/** A document's filter values: what search_doc stores besides the index key. */
export type DocumentMeta = Omit<SearchDocument, 'title' | 'body' | 'keywords' | 'agencyPath'>;

/** What an engine writes for one document: the key, the filter values and its own text columns. */
export interface IndexRow {
  readonly docKey: number;
  readonly meta: DocumentMeta;
  readonly values: readonly string[];
}

export function metaOf(doc: SearchDocument): DocumentMeta {
  const { title: _t, body: _b, keywords: _k, agencyPath: _p, ...meta } = doc;
  return meta;
}

export interface PreparedDocument {
  readonly docKey: number;
  readonly doc: SearchDocument;
  /** title tokens in order, then 文号 keys */
  readonly title: readonly string[];
  /** body tokens in order, then 文号 keys */
  readonly body: readonly string[];
  /** how many of `body` are the ordered stream (the rest are 文号 keys) */
  readonly bodyStreamLength: number;
  readonly salient: readonly string[];
  readonly tags: readonly string[];
}

const DAY_MS = 86_400_000;
const RECORD_ID_SPACE = 2 ** 32;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The index key: publication day × 2^32 + record id. Key order is date order; still below 2^53. */
function docKeyOf(publishedOn: string, recordId: number): number {
  if (!Number.isInteger(recordId) || recordId < 0 || recordId >= RECORD_ID_SPACE) throw new RangeError(`record id ${recordId} out of range`);
  return dayNumber(publishedOn) * RECORD_ID_SPACE + recordId;
}

export const recordIdOfKey = (key: number): number => key % RECORD_ID_SPACE;
/** 'YYYY' of the publication day in a key. */
export const yearOfKey = (key: number): string => new Date(Math.floor(key / RECORD_ID_SPACE) * DAY_MS).toISOString().slice(0, 4);
export const firstKeyOn = (date: string): number => dayNumber(date) * RECORD_ID_SPACE;
export const lastKeyOn = (date: string): number => (dayNumber(date) + 1) * RECORD_ID_SPACE - 1;

// Filter values as index tokens (letters and digits only, like every other token).
const tagIndex = (list: readonly string[], value: string) => {
  const i = list.indexOf(value);
  return i < 0 ? 'x' : String(i); // a value outside the vocabulary still gets one letters-only token
};
export const tags = {
  agency: (id: number) => `a${id}`,
  /** the document's agency or any agency above it */
  under: (id: number) => `u${id}`,
  topTopic: (topic: string) => `t${tagIndex(TOPIC_VALUES, topLevelTopic(topic))}`,
  topic: (topic: string) => `s${tagIndex(TOPIC_VALUES, topic)}`,
  category: (value: string) => `c${tagIndex(CATEGORIES, value)}`,
  genre: (value: string) => `g${tagIndex(GENRES, value)}`,
  validity: (value: string) => `v${tagIndex(VALIDITIES, value)}`,
};

const fits = (t: string) => t.length <= MAX_TOKEN_CHARS;
// Words that can be salient: Han words and Latin words, not single characters or bare numbers.
const countable = (t: string) => isHanWord(t) || /^[a-z][a-z0-9]+$/.test(t);

function analysed(text: string) {
  const { stream, extra } = analyse(text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text);
  return { stream: stream.filter(fits), extra: extra.filter(fits) };
}

function salientWords(stream: readonly string[], keywords: readonly string[]): string[] {
  const counts = new Map<string, number>();
  const count = (w: string) => counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const unit of stream) if (countable(unit)) count(unit);
  const salient = new Set<string>();
  for (const [w, n] of counts) if (n >= SALIENT_MIN_COUNT) salient.add(w);
  for (const k of keywords) {
    const { stream: ks, extra } = analysed(k);
    for (const w of [...ks, ...extra]) if (countable(w)) salient.add(w);
  }
  return [...salient];
}

export function prepareDocument(doc: SearchDocument): PreparedDocument {
  const title = analysed(doc.title);
  const body = analysed(doc.body);
  return {
    docKey: docKeyOf(doc.publishedOn, doc.recordId),
    doc,
    title: [...title.stream, ...title.extra],
    body: [...body.stream, ...body.extra],
    bodyStreamLength: body.stream.length,
    salient: salientWords(body.stream, doc.keywords),
    tags: [
      tags.agency(doc.agencyId),
      ...doc.agencyPath.map(tags.under),
      tags.topTopic(doc.topic),
      tags.topic(doc.topic),
      tags.category(doc.category),
      tags.genre(doc.genre),
      tags.validity(doc.validity),
    ],
  };
}
