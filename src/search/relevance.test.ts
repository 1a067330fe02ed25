import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../seed/demo.js';
import { seedDemoRecords } from '../seed/records.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { searchQuerySchema, type SearchHit, type SearchOutcome } from './model.js';
import { searchRecords } from './service.js';

/*
 * Search relevance against a fixed corpus: the demo city (data/demo/records.json) plus
 * fixtures/relevance-records.json, seeded through the real workflow. Each entry of
 * fixtures/relevance-queries.json says what a careful reader expects at the top of the results
 * (`top`, in order, or in any order within the first `within` hits) and what must never appear
 * (`absent`). The expectations were written by hand from the texts, not copied from an engine.
 */

interface QueryFilters {
  readonly agency?: string;
  readonly genre?: string;
  readonly category?: string;
  readonly topic?: string;
  readonly from?: string;
  readonly to?: string;
  readonly sort?: 'date';
}

interface RelevanceCase {
  readonly q: string;
  readonly filters?: QueryFilters;
  /** expected titles: exactly these first, in order; or, with `within`, all of them in the first `within` hits */
  readonly top: readonly string[];
  readonly within?: number;
  /** titles that must not appear on any page */
  readonly absent?: readonly string[];
  readonly note: string;
}

interface CorpusRecord {
  readonly key: string;
  readonly agencyCode: string;
  readonly title: string;
  readonly docNumber: string;
  readonly keywords: readonly string[];
  readonly mode: string;
  readonly withdrawn: { readonly on: string; readonly reason: string } | null;
}

interface CorpusAgency {
  readonly code: string;
  readonly parentCode: string | null;
}

const readJson = <T>(url: URL): T => JSON.parse(readFileSync(url, 'utf8')) as T;

const RECORDS_FILE = new URL('./fixtures/relevance-records.json', import.meta.url);
const CASES = readJson<RelevanceCase[]>(new URL('./fixtures/relevance-queries.json', import.meta.url));
const FIXTURE = readJson<CorpusRecord[]>(RECORDS_FILE);
const DEMO = readJson<CorpusRecord[]>(new URL('../../data/demo/records.json', import.meta.url));
const AGENCIES = readJson<CorpusAgency[]>(new URL('../../data/demo/agencies.json', import.meta.url));
const CORPUS = [...DEMO, ...FIXTURE];
const CORPUS_TITLES = new Set(CORPUS.map((r) => r.title));

/** Withdrawn records and records not disclosed proactively: search never returns them. */
const HIDDEN = CORPUS.filter((r) => r.mode !== '主动公开' || r.withdrawn !== null);
const HIDDEN_TITLES = new Set(HIDDEN.map((r) => r.title));

/** One 文号 written the ways people type it; all must find the record that bears it. */
const DOC_NUMBER = '岚政发〔2024〕12号';
const DOC_NUMBER_STYLES = [DOC_NUMBER, '岚政发[2024]12号', '岚政发(2024)12号', '岚政发［2024］12号', '岚政发（2024）12号'];
const DOC_NUMBER_RECORD = FIXTURE.find((r) => r.docNumber === DOC_NUMBER);

const PAGE_SIZE = 50;

const PARENT = new Map(AGENCIES.map((a) => [a.code, a.parentCode]));
function isUnder(code: string, root: string): boolean {
  for (let c: string | null | undefined = code; c; c = PARENT.get(c)) if (c === root) return true;
  return false;
}

function label(c: Pick<RelevanceCase, 'q' | 'filters'>): string {
  const filters = Object.entries(c.filters ?? {}).map(([k, v]) => `${k}=${v}`);
  return `«${c.q}»${filters.length > 0 ? ` [${filters.join(', ')}]` : ''}`;
}

function topFive(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return '  (no hits)';
  return hits
    .slice(0, 5)
    .map((h, i) => `  ${i + 1}. ${h.title} (${h.agencyCode}, ${h.publishedOn})`)
    .join('\n');
}

// Static checks of the fixtures themselves: they need no engine and catch a mistyped title early.
describe('search relevance fixtures', () => {
  it('have enough records and queries, with unique titles across demo data and fixture', () => {
    assert.ok(FIXTURE.length >= 55, `${FIXTURE.length} fixture records`);
    assert.ok(CASES.length >= 30, `${CASES.length} queries`);
    assert.equal(CORPUS_TITLES.size, CORPUS.length, 'titles must be unique: the expectations name records by title');
    assert.equal(FIXTURE.filter((r) => HIDDEN_TITLES.has(r.title)).length, 3, 'two withdrawn records and one 依申请公开 record');
    assert.ok(DOC_NUMBER_RECORD, `a fixture record bears ${DOC_NUMBER}`);
  });

  it('name only existing, searchable titles and consistent limits', () => {
    for (const c of CASES) {
      assert.ok(c.top.length > 0, `${label(c)}: no expected titles`);
      for (const t of [...c.top, ...(c.absent ?? [])]) assert.ok(CORPUS_TITLES.has(t), `${label(c)}: unknown title «${t}»`);
      for (const t of c.top) assert.ok(!HIDDEN_TITLES.has(t), `${label(c)}: «${t}» is withdrawn or not public and can never be a hit`);
      for (const t of c.absent ?? []) assert.ok(!c.top.includes(t), `${label(c)}: «${t}» is both expected and absent`);
      if (c.within !== undefined) assert.ok(c.within >= c.top.length, `${label(c)}: within ${c.within} < ${c.top.length} expected titles`);
      assert.ok(c.note.length > 0, `${label(c)}: explain the expectation in "note"`);
      searchQuerySchema.parse({ q: c.q, ...c.filters }); // the filters are valid request parameters
    }
  });
});

for (const engine of ENGINES) {
  describe(`search relevance [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;

    before(async () => {
      tdb = await createTestDatabase(engine);
      const demo = await seedDemo(tdb.ctx);
      assert.ok(demo.seeded && demo.records === DEMO.length, `demo city seeded (${demo.records} records)`);
      assert.equal(await seedDemoRecords(tdb.ctx, RECORDS_FILE), FIXTURE.length);
    });
    after(async () => tdb?.drop());

    async function search(q: string, filters: QueryFilters = {}, page = 1): Promise<SearchOutcome> {
      const request = searchQuerySchema.parse({ q, ...filters, size: PAGE_SIZE, page });
      try {
        const outcome: SearchOutcome = await searchRecords(tdb.ctx, request);
        return outcome;
      } catch (e) {
        throw new Error(`searchRecords threw for ${label({ q, filters })} page ${page}`, { cause: e });
      }
    }

    /** Every hit on every page (the corpus is small: a few pages at most). */
    async function allHits(q: string, filters: QueryFilters = {}): Promise<SearchHit[]> {
      const first = await search(q, filters);
      const hits = [...first.hits];
      for (let page = 2; page <= first.pages; page++) hits.push(...(await search(q, filters, page)).hits);
      return hits;
    }

    describe('fixture queries', () => {
      for (const c of CASES) {
        it(label(c), async () => {
          const outcome = await search(c.q, c.filters);
          const context = `${label(c)} — ${c.note}\nactual top 5:\n${topFive(outcome.hits)}`;
          assert.equal(outcome.error, null, `unexpected error ${outcome.error}\n${context}`);
          assert.ok(outcome.total >= outcome.hits.length, `total ${outcome.total} < ${outcome.hits.length} hits\n${context}`);
          const titles = outcome.hits.map((h) => h.title);
          if (c.within === undefined) {
            assert.deepEqual(titles.slice(0, c.top.length), [...c.top], `expected first, in this order:\n${c.top.map((t) => `  - ${t}`).join('\n')}\n${context}`);
          } else {
            for (const t of c.top) {
              const at = titles.indexOf(t);
              assert.ok(at >= 0 && at < c.within, `expected «${t}» within the first ${c.within} hits, found ${at < 0 ? 'nowhere on page 1' : `at #${at + 1}`}\n${context}`);
            }
          }
          if (c.absent?.length) {
            const every = (await allHits(c.q, c.filters)).map((h) => h.title);
            for (const t of c.absent) assert.ok(!every.includes(t), `«${t}» must not appear, found at #${every.indexOf(t) + 1}\n${context}`);
          }
        });
      }
    });

    describe('cross-cutting', () => {
      it('total is never below the number of hits shown, and every query finds something', async () => {
        for (const c of CASES) {
          const outcome = await search(c.q, c.filters);
          assert.ok(outcome.total >= outcome.hits.length, `${label(c)}: total ${outcome.total} < ${outcome.hits.length} hits`);
          assert.ok(outcome.hits.length > 0, `${label(c)}: no hits`);
          assert.ok(outcome.hits.length <= PAGE_SIZE, `${label(c)}: ${outcome.hits.length} hits on a page of ${PAGE_SIZE}`);
        }
      });

      it('every hit satisfies the filters of its query; sort=date is newest first', async () => {
        for (const c of CASES.filter((x) => x.filters)) {
          const f = c.filters!;
          const hits = await allHits(c.q, f);
          for (const h of hits) {
            const where = `${label(c)}: «${h.title}»`;
            if (f.agency) assert.ok(isUnder(h.agencyCode, f.agency), `${where} is from ${h.agencyCode}, outside ${f.agency}`);
            if (f.genre) assert.equal(h.genre, f.genre, where);
            if (f.category) assert.equal(h.category, f.category, where);
            if (f.topic) assert.ok(h.topic === f.topic || h.topic.startsWith(`${f.topic}\\`), `${where} has topic ${h.topic}`);
            if (f.from) assert.ok(h.publishedOn >= f.from, `${where} published ${h.publishedOn} before ${f.from}`);
            if (f.to) assert.ok(h.publishedOn <= f.to, `${where} published ${h.publishedOn} after ${f.to}`);
          }
          if (f.sort === 'date') {
            const dates = hits.map((h) => h.publishedOn);
            assert.deepEqual(dates, [...dates].sort().reverse(), `${label(c)}: not newest first`);
          }
        }
      });

      it('withdrawn and 依申请公开 records never appear, even for their own title, 文号 or keywords', async () => {
        assert.ok(HIDDEN.length >= 3);
        for (const r of HIDDEN) {
          for (const q of [r.title, r.docNumber, ...r.keywords].filter((s) => s.trim() !== '')) {
            const outcome = await search(q);
            if (outcome.error !== null) continue; // a query the analyser refuses finds nothing at all
            const every = (await allHits(q)).map((h) => h.title);
            assert.ok(!every.includes(r.title), `«${q}» returned the ${r.withdrawn ? 'withdrawn' : r.mode} record «${r.title}» at #${every.indexOf(r.title) + 1}`);
          }
        }
      });

      it('the same 文号 in any bracket style gives the same first hit: the record that bears it', async () => {
        const firsts: (SearchHit | undefined)[] = [];
        for (const q of DOC_NUMBER_STYLES) {
          const outcome = await search(q);
          assert.equal(outcome.error, null, `«${q}»: ${outcome.error}`);
          firsts.push(outcome.hits[0]);
          assert.equal(outcome.hits[0]?.title, DOC_NUMBER_RECORD?.title, `«${q}» top 5:\n${topFive(outcome.hits)}`);
        }
        assert.equal(new Set(firsts.map((h) => h?.id)).size, 1, `first hits differ: ${firsts.map((h) => h?.id).join(', ')}`);
      });
    });
  });
}
