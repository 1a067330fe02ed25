import { topLevelTopic } from '../catalog/taxonomy.js';
import { tags } from './document.js';
import type { EngineQuery, FacetCount } from './model.js';

/*
 * What both engines share about a query (pure): the relevance tiers and the filters as index
 * tokens. The tiers are nested — title ⊂ salient ⊂ any — so "tier minus the tier above" splits the
 * matches into disjoint bands.
 */

export type Tier = 'title' | 'salient' | 'any';
export const TIERS: readonly Tier[] = ['title', 'salient', 'any'];

/**
 * Whether a tier can be answered from titles and salient words alone (the small `head` index):
 * the title tier, and the salient tier of a query without phrases — unless the query excludes
 * words, which applies to the whole text.
 */
export function headOnly(q: EngineQuery, tier: Tier): boolean {
  if (q.query.excluded.length > 0 || q.query.excludedPhrases.length > 0) return false;
  return tier === 'title' || (tier === 'salient' && q.query.phrases.length === 0);
}

/** Filters as groups of alternative tag tokens: a document must carry one token of every group. */
export function filterTags(q: EngineQuery): string[][] {
  const groups: string[][] = [];
  if (q.agency) groups.push([q.agency.lower ? tags.under(q.agency.id) : tags.agency(q.agency.id)]);
  // A top-level topic matches itself and its sub-topics (the service has checked the value exists).
  if (q.topic) groups.push([topLevelTopic(q.topic) === q.topic ? tags.topTopic(q.topic) : tags.topic(q.topic)]);
  if (q.category) groups.push([tags.category(q.category)]);
  if (q.genre) groups.push([tags.genre(q.genre)]);
  if (q.validity) groups.push([tags.validity(q.validity)]);
  return groups;
}

/** Facet rows (f = 'a' agency id | 't' topic | 'y' year) folded into counts, largest first; topics to their top level. */
export function facetsFrom(rows: readonly { f: string; v: string; n: number | string }[]) {
  const fold = (f: string, key: (v: string) => string) => {
    const counts = new Map<string, number>();
    for (const r of rows) if (r.f === f) counts.set(key(r.v), (counts.get(key(r.v)) ?? 0) + Number(r.n));
    return [...counts].map(([value, count]): FacetCount => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  return {
    agency: fold('a', (v) => v),
    topic: fold('t', topLevelTopic),
    year: fold('y', (v) => v).sort((a, b) => b.value.localeCompare(a.value)),
  };
}
