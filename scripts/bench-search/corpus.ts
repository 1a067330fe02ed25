// Synthetic corpus and query set for the full-text search benchmark (shared BENCHMARKS.md, "Corpora
// that tell the truth"). Deterministic in the seed and streaming: records are made one at a time, so
// memory stays flat at --docs 1000000; only the vocabulary and a few tables are held.
//
// Words follow a Zipf–Mandelbrot law, weight(rank) = 1 / (rank + 1 + Q)^S, over ~30,000 of jieba's
// most frequent Han words with the government phrases of vocabulary.ts and data/search/userdict.txt
// interleaved near the head. Each document also repeats a few words of its own (burstiness, as real
// documents do) and its agency's phrases. About 2% of records mention a made-up place name built from
// characters no vocabulary word uses, which the segmenter cannot know (the "unknown-word" queries).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CATEGORIES, GENRES, TOPIC_VALUES, type Category, type Genre, type Validity } from '../../src/catalog/taxonomy.js';
import { toSimplified, toTraditional } from '../../src/platform/i18n/chinese.js';
import {
  AGENCIES, CATEGORY_WEIGHTS, CITED_DOCUMENTS, CLOSINGS, COMMON_TOPICS, EXCLUDED_WORDS, GENRE_WEIGHTS, GOV_PHRASES, LATIN_TOKENS,
  MEASURE_UNITS, OPENINGS, PLACE_SECOND_CHARS, PLACE_SUFFIXES, RARE_CHARS, TITLE_TEMPLATES, TITLE_VERBS, type AgencySpec,
} from './vocabulary.js';
import { mulberry32 } from '../../src/platform/random.js';

export const AGENCY_COUNT = AGENCIES.length;
export const AGENCY_NAMES: readonly string[] = AGENCIES.map((a) => a.name);

export interface SyntheticRecord {
  seq: number;
  agencyIndex: number;
  title: string;
  docNumber: string;
  publishedOn: string;
  topic: string;
  genre: Genre;
  category: Category;
  validity: Validity;
  body: string;
}

export const QUERY_KINDS = [
  'one-word-common', 'one-word-rare', 'two-word', 'phrase', 'doc-number', 'traditional', 'unknown-word', 'exclusion',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
export interface BenchQuery {
  q: string;
  kind: QueryKind;
}

/** Observes generation, for tests and corpus statistics: `onWord` gets the vocabulary rank of each
 *  word placed in a body, in text order, and -1 wherever anything else (punctuation, a number, a
 *  Latin token, a place name, boilerplate) separates two words. */
export interface CorpusHooks {
  onWord?: (wordId: number) => void;
}

const VOCABULARY_SIZE = 30_000; // jieba words, before the government phrases are added
const ZIPF_S = 1.0;
const ZIPF_Q = 2; // Mandelbrot's offset: the head is flatter than 1/rank, as in real text
const GOV_FIRST_RANK = 6;
const GOV_STRIDE = 4; // hand-written phrases at ranks 6, 10, 14 … ~930
const USER_FIRST_RANK = 1000;
const USER_STRIDE = 20; // userdict.txt words at ranks 1,000 … ~6,000
const BURST_SHARE = 0.25; // of a body's words, drawn from the document's own few words
const PLACE_COUNT = 40;
const PLACE_RATE = 0.02;
const BODY_MEDIAN = 580; // log-normal: mean = median · e^(σ²/2) ≈ 770 before boilerplate and overshoot
const BODY_SIGMA = 0.76;
const BODY_MIN = 60;
const BODY_MAX = 8000;
const FIRST_YEAR = 2008;
const LAST_YEAR = 2026;
const LAST_DAY_INDEX = 328; // 2026-11-25 is day 328 of its year (0-based)
const YEAR_GROWTH = 1.16; // more records each year
const SAMPLE_RECORDS = 1000; // queries that need a generated value take it from these records
const HAN_WORD = /^\p{Script=Han}{2,}$/u;

// ---- seeded randomness

type Rng = () => number;

/** A 32-bit seed for one independent stream of a user seed (any finite number). */
function streamSeed(seed: number, stream: number): number {
  let h = (Math.floor(seed) ^ Math.floor(seed / 4294967296) ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const randInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Walker's alias method: O(1) draws from a fixed discrete distribution. */
interface Sampler {
  prob: Float64Array;
  alias: Uint32Array;
}

function aliasSampler(weights: readonly number[]): Sampler {
  const n = weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const scaled = weights.map((w) => (w * n) / sum);
  const prob = new Float64Array(n).fill(1);
  const alias = new Uint32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  return { prob, alias };
}

function draw(sampler: Sampler, rng: Rng): number {
  const u = rng() * sampler.prob.length;
  const i = Math.floor(u);
  return u - i < sampler.prob[i]! ? i : sampler.alias[i]!;
}

const zipfWeights = (n: number, q: number) => Array.from({ length: n }, (_, r) => 1 / (r + 1 + q) ** ZIPF_S);

// ---- vocabulary and tables, built once

let tables: ReturnType<typeof buildTables> | undefined;
const loadTables = () => (tables ??= buildTables());

function buildTables() {
  for (const topic of [...AGENCIES.map((a) => a.topic), ...COMMON_TOPICS]) {
    if (!TOPIC_VALUES.includes(topic)) throw new Error(`bench corpus: unknown topic ${topic}`);
  }
  const dictPath = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
  const known = new Set<string>();
  const entries: { word: string; freq: number }[] = [];
  for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
    const [word, freq] = line.split(' ');
    if (!word) continue;
    known.add(word);
    if (HAN_WORD.test(word) && !EXCLUDED_WORDS.has(word)) entries.push({ word, freq: Number(freq) });
  }
  entries.sort((a, b) => b.freq - a.freq); // stable: ties keep dictionary order
  const head = entries.slice(0, VOCABULARY_SIZE + 5000).map((e) => e.word);
  const simplified = toSimplified(head.join('\n')).split('\n'); // drop the dictionary's Traditional entries
  const gov = [...new Set(GOV_PHRASES)];
  const userDict = readFileSync(new URL('../../data/search/userdict.txt', import.meta.url), 'utf8');
  const user = [...new Set(userDict.split('\n').map((l) => l.split(' ')[0] ?? ''))].filter((w) => HAN_WORD.test(w) && !gov.includes(w));
  const placed = new Set([...gov, ...user]);
  const general = head.filter((w, i) => simplified[i] === w && !placed.has(w)).slice(0, VOCABULARY_SIZE);

  const words: string[] = [];
  let [g, u, j] = [0, 0, 0];
  while (g < gov.length || u < user.length || j < general.length) {
    const rank = words.length;
    if (g < gov.length && (rank >= GOV_FIRST_RANK + GOV_STRIDE * g || j >= general.length)) words.push(gov[g++]!);
    else if (u < user.length && (rank >= USER_FIRST_RANK + USER_STRIDE * u || j >= general.length)) words.push(user[u++]!);
    else words.push(general[j++]!);
  }
  const ids = new Map(words.map((w, i) => [w, i]));

  // Place names start with a character no vocabulary word contains, so a hit is always the place.
  const usedChars = new Set(words.join(''));
  const firsts = RARE_CHARS.filter((c) => !usedChars.has(c));
  const placeRng = mulberry32(0x5eed);
  const places: string[] = [];
  const cores = new Set<string>();
  while (places.length < PLACE_COUNT) {
    const core = pick(placeRng, firsts) + pick(placeRng, PLACE_SECOND_CHARS);
    if (cores.has(core) || known.has(core)) continue;
    cores.add(core);
    places.push(core + pick(placeRng, PLACE_SUFFIXES));
  }

  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => YEAR_GROWTH ** i);
  years[years.length - 1]! *= (LAST_DAY_INDEX + 1) / 365;
  return {
    words,
    wordSampler: aliasSampler(zipfWeights(words.length, ZIPF_Q)),
    govIds: gov.map((w) => ids.get(w)!),
    places,
    placeSampler: aliasSampler(zipfWeights(places.length, 0)),
    agencySampler: aliasSampler(AGENCIES.map((a) => a.weight)),
    agencyKeywordIds: AGENCIES.map((a) => a.keywords.map((k) => ids.get(k) ?? 0)),
    genreSampler: aliasSampler(GENRES.map((g) => GENRE_WEIGHTS[g][0])),
    categorySampler: aliasSampler(CATEGORIES.map((c) => CATEGORY_WEIGHTS[c])),
    yearSampler: aliasSampler(years),
    commonTopicSampler: aliasSampler(zipfWeights(COMMON_TOPICS.length, 0)),
  };
}

// ---- records

interface State {
  t: ReturnType<typeof buildTables>;
  rng: Rng;
  hooks: CorpusHooks | undefined;
  serials: Map<string, number>; // next 文号 serial per issuer and year: at most ~80 prefixes × 19 years
}

function numberToken(rng: Rng): string {
  const k = rng();
  if (k < 0.3) return `${randInt(rng, FIRST_YEAR, LAST_YEAR)}年`;
  if (k < 0.5) return `${(rng() * 30).toFixed(1)}%`;
  if (k < 0.85) return `${Math.floor(Math.exp(rng() * 8))}${pick(rng, MEASURE_UNITS)}`;
  return `${randInt(rng, 1, 12)}月${randInt(rng, 1, 28)}日`;
}

function sentence(s: State, burst: readonly number[], lead: string): string {
  const { rng, t } = s;
  const onWord = s.hooks?.onWord;
  const n = randInt(rng, 8, 30);
  let text = lead;
  if (lead) onWord?.(-1);
  // Clauses of 3–14 words, separated by ， (or 、 in lists): one draw per clause, not per word.
  for (let i = 0, clause = randInt(rng, 3, 14); i < n; i++) {
    const x = rng(); // 2.5% numbers, 0.5% Latin, then the document's own words, then any word
    const id = x < 0.03 ? -1 : x < 0.03 + BURST_SHARE ? pick(rng, burst) : draw(t.wordSampler, rng);
    text += id >= 0 ? t.words[id]! : x < 0.025 ? numberToken(rng) : pick(rng, LATIN_TOKENS);
    onWord?.(id);
    if (--clause === 0 && i < n - 1) {
      const list = rng() < 0.2;
      text += list ? '、' : '，';
      clause = list ? 1 : randInt(rng, 3, 14);
      onWord?.(-1);
    }
  }
  onWord?.(-1);
  return text + (rng() < 0.85 ? '。' : '；');
}

/** 2–4 words for a title: an opening verb, the agency's phrases, government phrases, common words. */
function subject(s: State, agencyIndex: number, verb: boolean): string {
  const { rng, t } = s;
  let text = verb && rng() < 0.5 ? pick(rng, TITLE_VERBS) : '';
  const n = randInt(rng, text ? 1 : 2, 3);
  for (let i = 0; i < n; i++) {
    const x = rng();
    let id = x < 0.25 ? pick(rng, t.agencyKeywordIds[agencyIndex]!) : x < 0.55 ? pick(rng, t.govIds) : draw(t.wordSampler, rng);
    while (id < 30 && x >= 0.55) id = draw(t.wordSampler, rng); // not 一个, 没有 …
    text += t.words[id]!;
  }
  return text;
}

function makeTitle(s: State, a: AgencySpec, agencyIndex: number, genre: Genre, year: number, place: string | null): string {
  const { rng } = s;
  const template = pick(rng, TITLE_TEMPLATES[genre]);
  const x = (place && rng() < 0.3 ? place : '') + subject(s, agencyIndex, !template.includes('《'));
  return template
    .replace('{x}', x)
    .replace('{agency}', a.name)
    .replace('{place}', a.place)
    .replace('{year}', String(year))
    .replace('{n}', String(randInt(rng, 1, 60)));
}

function makeBody(s: State, a: AgencySpec, agencyIndex: number, place: string | null, dateText: string): string {
  const { rng, t } = s;
  const gauss = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const target = Math.min(BODY_MAX, Math.max(BODY_MIN, Math.round(BODY_MEDIAN * Math.exp(BODY_SIGMA * gauss))));
  // Burstiness: a document repeats its agency's phrases and a few words of its own.
  const burst = t.agencyKeywordIds[agencyIndex]!.filter(() => rng() < 0.5);
  for (let k = randInt(rng, 5, 12); k > 0; k--) {
    let id = draw(t.wordSampler, rng);
    for (let tries = 0; id < 30 && tries < 3; tries++) id = draw(t.wordSampler, rng);
    burst.push(id);
  }
  let text = rng() < 0.35 ? pick(rng, OPENINGS) : '';
  if (rng() < 0.05) {
    const [issuer, number] = pick(rng, CITED_DOCUMENTS);
    text += `根据《${issuer}关于${subject(s, agencyIndex, true)}的意见》（${number}），`;
  }
  let mentions = place ? randInt(rng, 1, 3) : 0;
  for (let i = 0; text.length < target - 12; i++) {
    const lead = mentions > 0 && (i % 2 === 0 || rng() < 0.3) ? (mentions--, place ?? '') : '';
    text += sentence(s, burst, lead);
  }
  if (rng() < 0.5) text += pick(rng, CLOSINGS);
  if (rng() < 0.6) text += `${a.name}${dateText}`;
  return text;
}

function makeRecord(s: State, seq: number): SyntheticRecord {
  const { rng, t } = s;
  const agencyIndex = draw(t.agencySampler, rng);
  const a = AGENCIES[agencyIndex]!;
  const genre = GENRES[draw(t.genreSampler, rng)]!;
  const year = FIRST_YEAR + draw(t.yearSampler, rng);
  const day = new Date(Date.UTC(year, 0, 1 + Math.floor(rng() * (year === LAST_YEAR ? LAST_DAY_INDEX + 1 : 365))));
  const publishedOn = day.toISOString().slice(0, 10);
  const place = rng() < PLACE_RATE ? t.places[draw(t.placeSampler, rng)]! : null;

  let docNumber = '';
  if (rng() < GENRE_WEIGHTS[genre][1]) {
    const prefix = rng() < 0.6 ? a.prefixes[0]! : pick(rng, a.prefixes);
    const key = `${prefix}|${year}`;
    // A corpus is a sample of what an issuer numbered: series start anywhere, some numbers are skipped.
    const serial = (s.serials.get(key) ?? randInt(rng, 1, 20)) + (rng() < 0.3 ? randInt(rng, 1, 3) : 0);
    s.serials.set(key, serial + 1);
    docNumber = `${prefix}〔${year}〕${serial}号`;
  }
  const tv = rng();
  const topic = tv < 0.55 ? a.topic : tv < 0.9 ? COMMON_TOPICS[draw(t.commonTopicSampler, rng)]! : pick(rng, TOPIC_VALUES);
  const lapsed = rng() < Math.min(0.45, 0.01 + 0.025 * (LAST_YEAR - year));
  const lv = rng();
  const validity: Validity = lapsed ? (lv < 0.5 ? '失效' : lv < 0.8 ? '废止' : '已修订') : '有效';
  const title = makeTitle(s, a, agencyIndex, genre, year, place);
  const category = CATEGORIES[draw(t.categorySampler, rng)]!;
  const dateText = `${year}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
  const body = makeBody(s, a, agencyIndex, place, dateText);
  return { seq, agencyIndex, title, docNumber, publishedOn, topic, genre, category, validity, body };
}

/** `count` records, one at a time; the same seed gives the same records. */
export function* generateRecords(count: number, seed: number, hooks?: CorpusHooks): Generator<SyntheticRecord> {
  const s: State = { t: loadTables(), rng: mulberry32(streamSeed(seed, 1)), hooks, serials: new Map() };
  for (let seq = 0; seq < count; seq++) yield makeRecord(s, seq);
}

// ---- queries

/** The 200 benchmark queries for a seed; values that must exist (文号, phrases, place names) are taken
 *  from the first 1,000 records of the same seed, so every corpus size of that seed contains them. */
export function benchmarkQueries(seed: number): BenchQuery[] {
  const t = loadTables();
  const rng = mulberry32(streamSeed(seed, 2));
  const sample: { record: SyntheticRecord; words: number[] }[] = [];
  let current: number[] = [];
  for (const record of generateRecords(SAMPLE_RECORDS, seed, { onWord: (id) => current.push(id) })) {
    sample.push({ record, words: current });
    current = [];
  }

  const seen = new Set<string>();
  const out: BenchQuery[] = [];
  const add = (kind: QueryKind, q: string) => {
    if (seen.has(q)) return false;
    seen.add(q);
    out.push({ q, kind });
    return true;
  };
  const usedWords = new Set<string>();
  /** An unused word of a rank drawn log-uniformly from [lo, hi). */
  const word = (lo: number, hi: number): string => {
    for (;;) {
      const rank = Math.floor(Math.exp(Math.log(lo) + rng() * (Math.log(Math.min(hi, t.words.length)) - Math.log(lo))));
      const w = t.words[rank]!;
      if (!usedWords.has(w)) {
        usedWords.add(w);
        return w;
      }
    }
  };
  const fill = (kind: QueryKind, n: number, make: () => string | null) => {
    for (let made = 0, tries = 0; made < n && tries < n * 200; tries++) {
      const q = make();
      if (q !== null && add(kind, q)) made++;
    }
  };

  fill('one-word-common', 40, () => word(20, 500));
  fill('one-word-rare', 30, () => word(5000, 30_000));
  fill('two-word', 40, () => `${word(20, 500)} ${out.length % 2 === 0 ? word(20, 500) : word(2000, 30_000)}`);
  const longGov = GOV_PHRASES.filter((p) => p.length >= 4);
  fill('phrase', 10, () => `"${pick(rng, longGov)}"`);
  fill('phrase', 10, () => {
    const { words } = pick(rng, sample);
    const len = rng() < 0.4 ? 3 : 2;
    const at = Math.floor(rng() * Math.max(1, words.length - len));
    const run = words.slice(at, at + len);
    if (run.length < len || run.some((id) => id < 0 || id >= 3000) || Math.max(...run) < 30) return null;
    const text = run.map((id) => t.words[id]!).join('');
    return text.length >= 4 && text.length <= 9 ? `"${text}"` : null;
  });
  const numbered = sample.filter((x) => x.record.docNumber !== '').map((x) => x.record.docNumber);
  for (let i = numbered.length - 1; i > 0; i--) {
    const k = Math.floor(rng() * (i + 1));
    [numbered[i], numbered[k]] = [numbered[k]!, numbered[i]!];
  }
  numbered.slice(0, 20).forEach((n, i) => add('doc-number', i % 3 === 0 ? n : i % 3 === 1 ? n.replace(/〔(\d+)〕/, '[$1]') : n.replace(/〔(\d+)〕/, '($1)')));
  fill('traditional', 12, () => {
    const w = rng() < 0.3 ? pick(rng, GOV_PHRASES) : word(20, 2000);
    return toTraditional(w) === w ? null : toTraditional(w);
  });
  fill('traditional', 8, () => {
    const q = `${word(20, 500)} ${word(20, 5000)}`;
    return toTraditional(q) === q ? null : toTraditional(q);
  });
  const bodies = sample.map((x) => x.record.body);
  const attested = t.places.filter((p) => bodies.some((b) => b.includes(p)));
  [...attested, ...t.places.filter((p) => !attested.includes(p))].slice(0, 15).forEach((p) => add('unknown-word', p));
  fill('exclusion', 15, () => `${word(20, 500)} -${word(20, 3000)}`);
  return out;
}

export function describeCorpus(): { vocabulary: number; agencies: number } {
  return { vocabulary: loadTables().words.length, agencies: AGENCY_COUNT };
}
