import { findAgencyByCode } from '../agencies/service.js';
import { isTopic } from '../catalog/taxonomy.js';
import type { ServiceDeps } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import { subtreeIds } from '../platform/hierarchy.js';
import { analyzeQuery, type AnalyzedQuery } from './analysis.js';
import { highlightAll, needlePattern, snippet } from './highlight.js';
import { searchIndexFor } from './index.js';
import { MAX_PAGE, type EngineQuery, type EngineResult, type SearchHit, type SearchOutcome, type SearchRequest } from './model.js';

/*
 * Public search over the catalogue (search issue, "Queries" and "Where it shows"): validates the
 * filters, asks the engine and turns the page of ids into highlighted hits. The index holds public
 * records only; the final load checks the status again, so a record withdrawn a moment ago is
 * never shown.
 */

const NO_FACETS = { agency: [], topic: [], year: [] } as const;

function empty(request: SearchRequest, error: SearchOutcome['error']): SearchOutcome {
  return { request, error, total: 0, exact: true, facetsSampled: false, hits: [], facets: NO_FACETS, pages: 0 };
}

async function engineQuery(deps: ServiceDeps, request: SearchRequest, query: AnalyzedQuery): Promise<EngineQuery> {
  let agency: EngineQuery['agency'];
  if (request.agency) {
    const found = await findAgencyByCode(deps.db, request.agency);
    if (!found) throw errors.validation([`agency: 机构“${request.agency}”不存在 / unknown agency`]);
    agency = { id: found.id, lower: request.lower === '1', subtree: request.lower === '1' ? await subtreeIds(deps.db, found.id) : [found.id] };
  }
  if (request.topic && !isTopic(request.topic)) throw errors.validation([`topic: 主题分类“${request.topic}”不存在 / unknown topic`]);
  const from = [request.from, request.year ? `${request.year}-01-01` : undefined].filter(Boolean).sort().at(-1);
  const to = [request.to, request.year ? `${request.year}-12-31` : undefined].filter(Boolean).sort().at(0);
  if (from && to && from > to) throw errors.validation(['from: 起始日期晚于截止日期 / the start date is after the end date']);
  return {
    query,
    agency,
    topic: request.topic,
    category: request.category,
    genre: request.genre,
    validity: request.validity,
    from,
    to,
    sort: request.sort,
    offset: (request.page - 1) * request.size,
    limit: request.size,
  };
}

async function loadHits(deps: ServiceDeps, ids: readonly number[], pattern: RegExp | null): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  // By primary key only: a status condition here would let the planner scan the status index instead.
  const rows = await deps.db
    .selectFrom('record')
    .innerJoin('agency', 'agency.id', 'record.agencyId')
    .select(['record.id', 'record.indexNumber', 'record.title', 'record.bodyText', 'record.docNumber', 'record.publishedOn', 'record.topic', 'record.genre'])
    .select(['record.category', 'record.validity', 'record.status', 'record.mode', 'agency.code as agencyCode', 'agency.name as agencyName'])
    .where('record.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id): SearchHit[] => {
    const r = byId.get(id);
    if (!r || r.status !== 'published' || r.mode !== '主动公开') return [];
    return [{
      id: r.id,
      indexNumber: r.indexNumber,
      title: r.title,
      titleHtml: highlightAll(r.title, pattern),
      snippetHtml: snippet(r.bodyText, pattern),
      docNumber: r.docNumber,
      agencyCode: r.agencyCode,
      agencyName: r.agencyName,
      publishedOn: r.publishedOn ?? '',
      topic: r.topic,
      genre: r.genre,
      category: r.category,
      validity: r.validity,
      url: `/records/${r.id}`,
    }];
  });
}

async function agencyFacets(deps: ServiceDeps, facets: EngineResult['facets']['agency']) {
  if (facets.length === 0) return [];
  const rows = await deps.db.selectFrom('agency').select(['id', 'code', 'name']).where('id', 'in', facets.map((f) => Number(f.value))).execute();
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return facets.flatMap((f) => {
    const a = byId.get(f.value);
    return a ? [{ ...f, code: a.code, name: a.name }] : [];
  });
}

export async function searchRecords(deps: ServiceDeps, request: SearchRequest): Promise<SearchOutcome> {
  const query = analyzeQuery(request.q);
  if ('error' in query) return empty(request, query.error);
  const base = await engineQuery(deps, request, query);
  const index = searchIndexFor(deps.engine);
  const result = await index.search(deps.db, base);
  const pattern = needlePattern(query.terms, query.phrases);
  return {
    request,
    error: null,
    total: result.total,
    exact: result.exact,
    facetsSampled: result.facetsSampled,
    hits: await loadHits(deps, result.ids, pattern),
    facets: { agency: await agencyFacets(deps, result.facets.agency), topic: result.facets.topic, year: result.facets.year },
    pages: Math.min(Math.ceil(result.total / request.size), MAX_PAGE),
  };
}

