import type { Executor } from '../platform/db/database.js';
import { recordIdOfKey, yearOfKey } from './document.js';
import { COUNT_LIMIT, FACET_SAMPLE, RANK_KNOWN_LIMIT, type EngineQuery, type EngineResult } from './model.js';
import { facetsFrom, TIERS, type Tier } from './query-plan.js';

/*
 * How a search is answered, the same on both engines (search issue, "Queries"): each engine
 * supplies four operations on its own index, and the strategy on top of them is here.
 *
 * Relevance is in three tiers, each newest first: every word in the title; every word in the title
 * or among the document's salient words; anywhere. One scan of the full index counts the matches
 * (up to COUNT_LIMIT) and keeps the newest RANK_KNOWN_LIMIT. When that is all of them (most
 * queries), the tiers come from the small head index and are applied to those keys here, so the
 * full index is read once. When there are more, each tier is its own newest-first scan that stops
 * at the page, so a word found in half the corpus costs no more than a rare one: ranking every
 * match is what makes naive full-text search slow.
 */

export interface KeyRange {
  readonly lo: number;
  readonly hi: number;
}

export interface EngineOps {
  /** Keys of the matches in `tier` (minus those in `except`), newest first. */
  keys(db: Executor, q: EngineQuery, tier: Tier, except: Tier | undefined, limit: number, offset: number): Promise<number[]>;
  /**
   * Keys within `range` whose title holds the query's words and phrases ('title'), or whose title
   * and salient words hold every word ('salient') — from the head index, without filters or
   * exclusions: the caller keeps only keys that match the whole query.
   */
  headKeys(db: Executor, q: EngineQuery, tier: 'title' | 'salient', range: KeyRange): Promise<number[]>;
  /** One newest-first scan of the matches, stopping after `cap`: how many it saw and the first `keep` keys. */
  scan(db: Executor, q: EngineQuery, keep: number, cap: number): Promise<{ count: number; newest: number[] }>;
  /** Facet rows (f = 'a' agency id | 't' topic) of the given keys. */
  facetRows(db: Executor, keys: readonly number[]): Promise<{ f: string; v: string; n: number | string }[]>;
}

async function tieredPage(ops: EngineOps, db: Executor, q: EngineQuery): Promise<number[]> {
  const wanted = q.offset + q.limit;
  const found: number[] = [];
  for (let i = 0; i < TIERS.length && found.length < wanted; i++) {
    found.push(...(await ops.keys(db, q, TIERS[i]!, TIERS[i - 1], wanted - found.length, 0)));
  }
  return found.slice(q.offset, wanted);
}

/** All matches are known (newest first): order them by tier with the head index. */
async function rankKnown(ops: EngineOps, db: Executor, q: EngineQuery, matches: readonly number[]): Promise<number[]> {
  if (matches.length === 0) return [];
  const range = { lo: matches.at(-1)!, hi: matches[0]! };
  const title = new Set(await ops.headKeys(db, q, 'title', range));
  const salient = new Set(await ops.headKeys(db, q, 'salient', range));
  const band = (k: number) => (title.has(k) ? 0 : salient.has(k) ? 1 : 2);
  return [0, 1, 2].flatMap((b) => matches.filter((k) => band(k) === b));
}

export async function rankedSearch(ops: EngineOps, db: Executor, q: EngineQuery): Promise<EngineResult> {
  const end = q.offset + q.limit;
  const { count: total, newest } = await ops.scan(db, q, RANK_KNOWN_LIMIT, COUNT_LIMIT + 1);
  let page: number[];
  if (total <= RANK_KNOWN_LIMIT) page = (q.sort === 'date' ? newest : await rankKnown(ops, db, q, newest)).slice(q.offset, end);
  else if (q.sort === 'relevance') page = await tieredPage(ops, db, q);
  else page = end <= newest.length ? newest.slice(q.offset, end) : await ops.keys(db, q, 'any', undefined, q.limit, q.offset);
  const sample = newest.slice(0, FACET_SAMPLE);
  // The year is in the key (publication day): no lookup needed.
  const years = sample.map((k) => ({ f: 'y', v: yearOfKey(k), n: 1 }));
  const facets = facetsFrom([...(await ops.facetRows(db, sample)), ...years]);
  return { ids: page.map(recordIdOfKey), total: Math.min(total, COUNT_LIMIT), exact: total <= COUNT_LIMIT, facetsSampled: total > FACET_SAMPLE, facets };
}
