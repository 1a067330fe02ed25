// Chinese segmentation for search: speed, whole-term quality and recall (search issue, "Analysis").
//   npx tsx scripts/bench-segmenter.ts [--seed 1] [--chars 700000] [--runs 5]
// Text: sentences of the demo records (data/demo/records.json), shuffled with a seeded PRNG and
// cut into ~2,000-character documents. Figures are median [min–max] of --runs timed runs after one
// warm-up, on the same text in the same run (see shared BENCHMARKS.md).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { analyse, analyzeQuery, jieba, normalizeText, tokenize } from '../src/search/analysis.js';
import { mulberry32 } from '../src/platform/random.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SEED = arg('seed', 1);
const CHARS = arg('chars', 700_000);
const RUNS = arg('runs', 5);

interface DemoRecord {
  title: string;
  bodyHtml: string;
  keywords: string[];
}
const records = JSON.parse(readFileSync(new URL('../data/demo/records.json', import.meta.url), 'utf8')) as DemoRecord[];
const plainText = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&[a-z]+;/g, '');
const recordTexts = records.map((r) => `${r.title}。${plainText(r.bodyHtml)}`);

// ---- corpus
const random = mulberry32(SEED);
const sentences = recordTexts.flatMap((t) => t.split(/(?<=[。！？；])/u)).filter((s) => s.trim().length > 1);
const docs: string[] = [];
let total = 0;
let doc = '';
while (total < CHARS) {
  const s = sentences[Math.floor(random() * sentences.length)]!;
  doc += s;
  total += s.length;
  if (doc.length >= 2000) {
    docs.push(doc);
    doc = '';
  }
}
if (doc) docs.push(doc);

// ---- segmenters
const userDictJieba = jieba(); // default dictionary + data/search/userdict.txt, as the index uses
const defaultJieba = Jieba.withDict(readFileSync(new URL(import.meta.resolve('@node-rs/jieba/dict.txt'))));
const intl = new Intl.Segmenter('zh', { granularity: 'word' });
const intlWords = (s: string) => [...intl.segment(s)].filter((x) => x.isWordLike).map((x) => x.segment);

const methods: [string, (s: string) => unknown][] = [
  ['jieba cut (HMM off, user dict)', (s) => userDictJieba.cut(s, false)],
  ['jieba cutForSearch (HMM off)', (s) => userDictJieba.cutForSearch(s, false)],
  ['Intl.Segmenter zh word', (s) => intlWords(s)],
  ['normalizeText (NFKC, OpenCC, …)', (s) => normalizeText(s)],
  ['analyse (index stream)', (s) => analyse(s)],
];

const cpus = execFileSync('nproc').toString().trim();
console.log(`node ${process.version}, nproc ${cpus}, seed ${SEED}`);
console.log(`corpus: ${docs.length} docs, ${total.toLocaleString()} chars, ${Buffer.byteLength(docs.join('')).toLocaleString()} bytes UTF-8\n`);

const fmt = (n: number) => `${(n / 1e6).toFixed(2)}M`;
const speed: Record<string, number> = {};
console.log('speed (chars/s)                    median   [min – max]');
for (const [name, run] of methods) {
  for (const d of docs) run(d); // warm-up (fills the atoms memo, as in a long indexing run)
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    for (const d of docs) run(d);
    rates.push(total / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  rates.sort((a, b) => a - b);
  speed[name] = rates[Math.floor(rates.length / 2)]!;
  console.log(`${name.padEnd(34)} ${fmt(speed[name]).padStart(6)}   [${fmt(rates[0]!)} – ${fmt(rates.at(-1)!)}]`);
}
const jiebaCut = speed[methods[0]![0]]!;
const intlSpeed = speed[methods[2]![0]]!;
console.log(`ratio jieba cut / Intl.Segmenter: ${(jiebaCut / intlSpeed).toFixed(1)}×\n`);

// ---- quality: is a government term kept whole inside an ordinary sentence?
const TERMS = [
  '政务公开', '政府信息公开', '依申请公开', '主动公开', '行政审批', '行政许可', '行政处罚', '双随机一公开',
  '放管服', '一网通办', '最多跑一次', '营商环境', '公共资源交易', '老旧小区改造', '城乡居民基本医疗保险',
  '最低生活保障', '特困人员', '规范性文件', '统一社会信用代码', '政府工作报告', '重大建设项目', '信息处理费',
  '乡村振兴', '高标准农田', '普惠托育', '课后服务', '人民政府', '国务院办公厅', '义务教育', '安全生产',
];
// Display width: CJK characters take two columns in a terminal.
const width = (t: string) => [...t].reduce((w, c) => w + (/[\u1100-\uffff]/u.test(c) && c !== '✓' ? 2 : 1), 0);
const pad = (t: string, w: number) => t + ' '.repeat(Math.max(1, w - width(t)));
const intlAll = (s: string) => [...intl.segment(s)].map((x) => x.segment);
// [name, segmenter, whether its tokens concatenate back to the sentence (then a split is shown)]
const columns: [string, (s: string) => string[], boolean][] = [
  ['cut+dict', (s) => userDictJieba.cut(s, false), true],
  ['cut, no dict', (s) => defaultJieba.cut(s, false), true],
  ['search+dict', (s) => userDictJieba.cutForSearch(s, false), false],
  ['atoms (tokenize)', (s) => tokenize(s), true],
  ['Intl', intlAll, true],
];
/** The tokens covering the term inside the sentence, joined by /, or ✓ when it is one token. */
function cell(tokens: string[], concatenates: boolean, sentence: string, term: string): string {
  if (tokens.includes(term)) return '✓';
  if (!concatenates) return '✗';
  const from = sentence.indexOf(term);
  const to = from + term.length;
  let at = 0;
  const covering: string[] = [];
  for (const t of tokens) {
    if (at < to && at + t.length > from) covering.push(t);
    at += t.length;
  }
  return covering.join('/');
}
const COL = 22;
console.log(`quality: term kept whole in "关于进一步做好{term}工作的通知" (✓ whole, else the tokens covering it)`);
console.log(pad('term', 22) + columns.map(([n]) => pad(n, COL)).join(''));
const wholeCount = columns.map(() => 0);
for (const term of TERMS) {
  const sentence = `关于进一步做好${term}工作的通知`;
  const cells = columns.map(([, seg, concatenates], i) => {
    const c = cell(seg(sentence), concatenates, sentence, term);
    if (c === '✓') wholeCount[i]!++;
    return pad(c, COL);
  });
  console.log(pad(term, 22) + cells.join(''));
}
console.log(`kept whole (of ${TERMS.length}): ${columns.map(([n], i) => `${n} ${wholeCount[i]}`).join(', ')}\n`);

// ---- recall: does a query find every demo record that literally contains it?
const queries = new Set<string>(['岚江', '岚江市', '澜湖大道', '市人民政府', '信息公开', '医疗保险', '年度报告', '常务会议']);
for (const r of records) for (const k of r.keywords) queries.add(k);
for (const line of readFileSync(new URL('../data/search/userdict.txt', import.meta.url), 'utf8').split('\n')) {
  if (line) queries.add(line.split(' ')[0]!);
}
const normDocs = recordTexts.map(normalizeText);
const plainTokens = (t: string[]) => t.filter((x) => /^[\p{L}\p{N}]+$/u.test(x));
type Matcher = (docIndex: number, q: string) => boolean;
function bagMatcher(indexer: (s: string) => string[], querier: (s: string) => string[]): [Matcher, number] {
  const streams = normDocs.map((d) => plainTokens(indexer(d)));
  const index = streams.map((t) => new Set(t));
  const stored = streams.reduce((n, t) => n + t.length, 0);
  return [(i, q) => plainTokens(querier(normalizeText(q))).every((t) => index[i]!.has(t)), stored];
}
const ours = normDocs.map((d) => tokenize(d));
const oursIndex = ours.map((tokens) => ({ tokens: new Set(tokens), text: ` ${tokens.join(' ')} ` }));
const oursMatch: Matcher = (i, q) => {
  const a = analyzeQuery(q);
  if ('error' in a) return false;
  const d = oursIndex[i]!;
  return a.terms.every((t) => d.tokens.has(t)) && a.phrases.every((p) => d.text.includes(` ${p.join(' ')} `));
};
const oursSize = ours.reduce((n, tokens) => n + tokens.length, 0);
const strategies: [string, Matcher, number][] = [
  ['jieba cut', ...bagMatcher((s) => userDictJieba.cut(s, false), (q) => userDictJieba.cut(q, false))],
  ['jieba cutForSearch', ...bagMatcher((s) => userDictJieba.cutForSearch(s, false), (q) => userDictJieba.cut(q, false))],
  ['Intl.Segmenter', ...bagMatcher(intlWords, intlWords)],
  ['ours (atoms, phrases)', oursMatch, oursSize],
];
const PROBES = ['国政', '华人', '会报', '新发', '网通']; // in these records only ever inside other words
console.log(`recall: ${queries.size} queries (user dictionary, record keywords, place names) × ${records.length} records`);
console.log(`${pad('strategy', 24)}recall  relevant  ${pad('misses (first 4)', 34)}tokens stored  false hits ${PROBES.join(' ')}`);
for (const [name, match, size] of strategies) {
  let relevant = 0;
  let found = 0;
  const misses = new Set<string>();
  for (const q of queries) {
    const nq = normalizeText(q);
    normDocs.forEach((d, i) => {
      if (!d.includes(nq)) return;
      relevant++;
      if (match(i, q)) found++;
      else misses.add(q);
    });
  }
  const straddles = PROBES.map((p) => normDocs.filter((_, i) => match(i, p)).length);
  const missList = [...misses].slice(0, 4).join(' ');
  const falseHits = straddles.map((n, k) => pad(String(n), width(PROBES[k]!) + 1)).join('');
  console.log(`${pad(name, 24)}${(found / relevant).toFixed(4)}  ${pad(String(relevant), 10)}${pad(missList, 34)}${pad(String(size), 15)}${pad('', 11)}${falseHits}`);
}

console.log(`
recommendation: jieba with the government user dictionary. Its cut is ${(jiebaCut / intlSpeed).toFixed(1)}× faster than
Intl.Segmenter here and keeps ${wholeCount[0]} of ${TERMS.length} terms whole against Intl's ${wholeCount[4]}. Index with cut (HMM off), each word
split into its dictionary atoms, in order (tokenize); query with the same atoms as phrases (analyzeQuery).`);
