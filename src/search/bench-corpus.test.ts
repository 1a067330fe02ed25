import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AGENCY_COUNT, AGENCY_NAMES, QUERY_KINDS, benchmarkQueries, describeCorpus, generateRecords, type SyntheticRecord,
} from '../../scripts/bench-search/corpus.js';
import { CATEGORIES, GENRES, TOPIC_VALUES, VALIDITIES } from '../catalog/taxonomy.js';

const take = (count: number, seed: number): SyntheticRecord[] => [...generateRecords(count, seed)];
const brackets = (s: string) => s.replace(/[〔[（(]/g, '(').replace(/[〕\]）)]/g, ')');

describe('search benchmark corpus (scripts/bench-search/corpus.ts)', () => {
  test('the same seed gives the same records, another seed other records', () => {
    assert.deepEqual(take(50, 7), take(50, 7));
    assert.notDeepEqual(take(50, 7), take(50, 8));
  });

  test('records carry valid catalogue values', () => {
    const records = take(500, 3);
    assert.deepEqual(records.map((r) => r.seq), records.map((_, i) => i));
    assert.equal(AGENCY_NAMES.length, AGENCY_COUNT);
    for (const r of records) {
      assert.ok(r.agencyIndex >= 0 && r.agencyIndex < AGENCY_COUNT);
      assert.ok(TOPIC_VALUES.includes(r.topic), r.topic);
      assert.ok((GENRES as readonly string[]).includes(r.genre));
      assert.ok((CATEGORIES as readonly string[]).includes(r.category));
      assert.ok((VALIDITIES as readonly string[]).includes(r.validity));
      assert.match(r.publishedOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(r.publishedOn >= '2008-01-01' && r.publishedOn <= '2026-11-25', r.publishedOn);
      assert.ok(r.docNumber === '' || /^\p{Script=Han}+〔\d{4}〕\d+号$/u.test(r.docNumber), r.docNumber);
      assert.ok(r.title.length > 0);
    }
    const numbered = records.filter((r) => r.docNumber !== '').length / records.length;
    assert.ok(numbered > 0.35 && numbered < 0.65, `share with a 文号: ${numbered}`);
    const valid = records.filter((r) => r.validity === '有效').length / records.length;
    assert.ok(valid > 0.7 && valid < 0.98, `share 有效: ${valid}`);
  });

  test('body lengths are skewed with a mean of about 800 characters', () => {
    const lengths = take(2000, 11).map((r) => r.body.length).sort((a, b) => a - b);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    const median = lengths[lengths.length >> 1]!;
    assert.ok(mean > 600 && mean < 1000, `mean ${mean}`);
    assert.ok(median < mean, `median ${median} < mean ${mean}`);
    assert.ok(lengths.at(-1)! > 2500, `longest ${lengths.at(-1)}`);
  });

  test('word frequencies are Zipf-like over thousands of words', () => {
    const counts = new Map<number, number>();
    let total = 0;
    const onWord = (id: number) => {
      if (id < 0) return; // a break between words
      total++;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    };
    for (const _record of generateRecords(2000, 11, { onWord })) {
      // the hook counts the words of each body as it is made
    }
    const ranked = [...counts.values()].sort((a, b) => b - a);
    assert.ok(counts.size >= 3000, `distinct words: ${counts.size}`);
    assert.ok(ranked[0]! < 0.1 * total, `top word ${ranked[0]} of ${total}`);
    assert.ok(ranked[9]! < 0.5 * ranked[0]!, `10th ${ranked[9]} vs 1st ${ranked[0]}`);
    assert.ok(ranked[99]! < 0.2 * ranked[0]!, `100th ${ranked[99]} vs 1st ${ranked[0]}`);
    assert.ok(describeCorpus().vocabulary >= 30_000);
  });

  test('200 queries of every kind; each 文号 query names a record among the first 1,000', () => {
    const queries = benchmarkQueries(5);
    assert.equal(queries.length, 200);
    assert.deepEqual(new Set(queries.map((q) => q.kind)), new Set(QUERY_KINDS));
    assert.deepEqual(benchmarkQueries(5), queries);
    const numbers = new Set(take(1000, 5).map((r) => brackets(r.docNumber)).filter(Boolean));
    const docQueries = queries.filter((q) => q.kind === 'doc-number');
    assert.equal(docQueries.length, 20);
    for (const { q } of docQueries) assert.ok(numbers.has(brackets(q)), q);
    for (const style of ['〔', '[', '(']) assert.ok(docQueries.some(({ q }) => q.includes(style)), style);
  });
});
