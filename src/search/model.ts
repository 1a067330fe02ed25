import { z } from 'zod';
import { CATEGORIES, GENRES, VALIDITIES } from '../catalog/taxonomy.js';
import type { AnalyzedQuery } from './analysis.js';

/*
 * The search feature's vocabulary (search issue, "Queries"): what a caller may ask, what comes
 * back. Pure types and limits; the engines are in index.sqlite.ts / index.postgres.ts.
 */

export const SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SORTS)[number];

/** Deep pages are refused: nobody reads page 500 and an offset that deep costs every engine. */
export const MAX_PAGE = 100;
export const PAGE_SIZES = [10, 20, 50] as const;

/**
 * Counting stops here: a total above it is shown as "more than 10,000", which nobody pages through
 * (MAX_PAGE), and counting a word found in half a million records would cost more than the search.
 */
export const COUNT_LIMIT = 10_000;
/** Facets count the newest FACET_SAMPLE matches; the page says so when there are more. */
export const FACET_SAMPLE = 500;
/** Up to this many matches, all are read in one scan and ranked from the head index (rank.ts). */
export const RANK_KNOWN_LIMIT = 2_000;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The public query string of /search and /api/v1/search. */
export const searchQuerySchema = z.object({
  q: z.string().max(10_000).default(''),
  agency: z.string().max(64).optional(),
  /** with `agency`: include the agencies below it (default yes) */
  lower: z.enum(['0', '1']).default('1'),
  topic: z.string().max(100).optional(),
  category: z.enum(CATEGORIES).optional(),
  genre: z.enum(GENRES).optional(),
  validity: z.enum(VALIDITIES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  sort: z.enum(SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  size: z.coerce.number().int().refine((n) => (PAGE_SIZES as readonly number[]).includes(n), 'size: 10 | 20 | 50').default(20),
});
export type SearchRequest = z.infer<typeof searchQuerySchema>;

/** What an engine is asked: the analysed query and filters already resolved to ids and keys. */
export interface EngineQuery {
  readonly query: AnalyzedQuery;
  /** the publishing agency, alone or with the agencies below it (`subtree` lists them all) */
  readonly agency?: { readonly id: number; readonly lower: boolean; readonly subtree: readonly number[] } | undefined;
  readonly topic?: string | undefined;
  readonly category?: string | undefined;
  readonly genre?: string | undefined;
  readonly validity?: string | undefined;
  /** inclusive 'YYYY-MM-DD' bounds on the publication date */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly sort: SearchSort;
  readonly offset: number;
  readonly limit: number;
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export interface EngineResult {
  /** record ids of the page, best first */
  readonly ids: number[];
  /** the number of matches, at most COUNT_LIMIT */
  readonly total: number;
  /** false when there are more than COUNT_LIMIT matches */
  readonly exact: boolean;
  /** facets count all matches, or (when there are more) the newest FACET_SAMPLE */
  readonly facetsSampled: boolean;
  readonly facets: {
    readonly agency: readonly FacetCount[]; // value: agency id as text
    readonly topic: readonly FacetCount[]; // value: top-level topic
    readonly year: readonly FacetCount[]; // value: 'YYYY'
  };
}

/** One document as the index sees it: the record's searchable text and its filter values. */
export interface SearchDocument {
  readonly recordId: number;
  readonly agencyId: number;
  /** the agency and every agency above it: a filter on an agency "with lower levels" is one token */
  readonly agencyPath: readonly number[];
  readonly publishedOn: string;
  readonly topic: string;
  readonly category: string;
  readonly genre: string;
  readonly validity: string;
  /** title, with the 文号 appended so that it weighs like the title */
  readonly title: string;
  /** body text and attachment text */
  readonly body: string;
  /** the record's 主题词 (keywords): salient whatever their frequency */
  readonly keywords: readonly string[];
}

/** A result as pages and the API show it; highlights are HTML with <mark>, everything else escaped. */
export interface SearchHit {
  readonly id: number;
  readonly indexNumber: string;
  readonly title: string;
  readonly titleHtml: string;
  readonly snippetHtml: string;
  readonly docNumber: string;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly publishedOn: string;
  readonly topic: string;
  readonly genre: string;
  readonly category: string;
  readonly validity: string;
  readonly url: string;
}

export interface SearchOutcome {
  readonly request: SearchRequest;
  /** null for an empty query (the page shows the form only) */
  readonly error: 'EMPTY' | 'TOO_LONG' | 'NO_TERMS' | null;
  readonly total: number;
  readonly exact: boolean;
  readonly facetsSampled: boolean;
  readonly hits: readonly SearchHit[];
  readonly facets: {
    readonly agency: readonly (FacetCount & { code: string; name: string })[];
    readonly topic: readonly FacetCount[];
    readonly year: readonly FacetCount[];
  };
  readonly pages: number;
}
