import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../agencies/service.js';
import { buildAgencyTree, type AgencyNode } from '../agencies/model.js';
import { vocabularyValue } from '../catalog/taxonomy.js';
import { isIsoDate } from '../platform/calendar/model.js';
import { AppError, errors } from '../platform/errors.js';
import type { ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { parseQuery } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { itemQuerySchema, listItems } from '../services/service.js';
import { itemHref, itemsHref } from '../services/views/format.js';
import { MAX_QUERY_CHARS } from './analysis.js';
import { FACET_SAMPLE, searchQuerySchema, type SearchOutcome, type SearchRequest } from './model.js';
import { searchRecords } from './service.js';
import type { AgencyOption } from './views/form.js';
import { SearchPage } from './views/page.js';
import type { ServiceItemsFound } from './views/services.js';

/*
 * Search where it shows (search issue, "Where it shows"): the public page /search and the JSON
 * API /api/v1/search. Both take the same query string (searchQuerySchema) and call the service.
 * Both also list the first service items on the list (办事服务) that match the words.
 */

/** How many matching service items the search shows; the hall lists them all. */
export const SERVICE_ITEMS_SHOWN = 5;
const NO_ITEMS: ServiceItemsFound = { total: 0, items: [], moreHref: null };

/** The service items matching a query that ran (filters are the records'; only the words apply). */
async function matchingItems(web: WebContext, outcome: SearchOutcome): Promise<ServiceItemsFound> {
  if (outcome.error !== null) return NO_ITEMS;
  const q = outcome.request.q;
  const { total, items } = await listItems(web.db, { agency: '', event: '', type: '', q, page: 1, pageSize: SERVICE_ITEMS_SHOWN });
  // The hall takes shorter queries than the search: no link it would refuse.
  const more = total > items.length && itemQuerySchema.shape.q.safeParse(q).success;
  return {
    total,
    items: items.map((i) => ({ code: i.code, name: i.name, agencyCode: i.agencyCode, agencyName: i.agencyName, promisedDays: i.promisedDays })),
    moreHref: more ? itemsHref({ q }) : null,
  };
}


/**
 * The raw query string made ready for the schema: blank form fields dropped, 繁體 vocabulary
 * mapped back, the hidden+checkbox pair `lower` resolved, and an over-long q cut to just over
 * the limit, so that it is answered as TOO_LONG and never echoed back in full.
 */
export function normalizeSearchInput(raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (key === 'lower' && Array.isArray(value)) out.lower = value.includes('1') ? '1' : '0';
    else if (key === 'q' && typeof value === 'string') out.q = value.length > MAX_QUERY_CHARS ? value.slice(0, MAX_QUERY_CHARS + 1) : value;
    else if (typeof value === 'string') {
      if (value !== '') out[key] = vocabularyValue(key, value);
    } else out[key] = value;
  }
  return out;
}

/** Validates a normalised query; dates must also exist on the calendar. */
function parseSearch(input: Record<string, unknown>): SearchRequest {
  const request = parseQuery(searchQuerySchema, input);
  const bad = (['from', 'to'] as const).filter((k) => request[k] !== undefined && !isIsoDate(request[k]));
  if (bad.length > 0) throw errors.validation(bad.map((k) => `${k}: 不是有效日期 / not a valid date`));
  return request;
}

const FIELD_LABELS: Record<string, string> = {
  q: '检索词', agency: '发布机构', lower: '包含下级机构', topic: '主题分类', category: '公开类别', genre: '体裁',
  validity: '有效性', from: '发布日期自', to: '发布日期至', year: '年份', sort: '排序', page: '页码', size: '每页条数',
};

/** "from: YYYY-MM-DD" → "发布日期自（from）：YYYY-MM-DD". */
function labelled(detail: string): string {
  const m = /^(\w+): ([\s\S]*)$/.exec(detail);
  const label = m ? FIELD_LABELS[m[1]!] : undefined;
  return m && label ? `${label}（${m[1]}）：${m[2]}` : detail;
}

const tooLong = () => new AppError('QUERY_TOO_LONG', 400, `检索词过长，请缩短到 ${MAX_QUERY_CHARS} 个字符以内`, `The query is too long; use at most ${MAX_QUERY_CHARS} characters`);

// ---- the JSON shape of /api/v1/search

const hitSchema = z.object({
  id: z.number().int(),
  indexNumber: z.string().describe('索引号'),
  title: z.string(),
  titleHtml: z.string().describe('标题（HTML，已转义，检索词以 <mark> 标出）/ escaped HTML, matches in <mark>'),
  snippetHtml: z.string().describe('正文摘要（HTML，已转义，检索词以 <mark> 标出）'),
  docNumber: z.string().describe('文号'),
  agency: z.object({ code: z.string(), name: z.string() }).describe('发布机构'),
  publishedOn: z.string().describe('发布日期'),
  topic: z.string().describe('主题分类'),
  genre: z.string().describe('体裁'),
  category: z.string().describe('五公开类别'),
  validity: z.string().describe('有效性'),
  url: z.string(),
});
const countSchema = z.object({ value: z.string(), count: z.number().int() });
const serviceItemSchema = z.object({
  code: z.string().describe('事项编码'),
  name: z.string().describe('事项名称'),
  agency: z.object({ code: z.string(), name: z.string() }).describe('实施机关'),
  url: z.string(),
});
export const searchResponseSchema = z.object({
  query: z.string().describe('检索词'),
  error: z.enum(['EMPTY', 'NO_TERMS']).nullable().describe('EMPTY：未输入检索词；NO_TERMS：检索词只有标点符号（total 为 0）'),
  total: z.number().int().describe('结果数；exact 为 false 时为 10000，表示超过 10,000 条'),
  exact: z.boolean(),
  facetsSampled: z.boolean().describe(`true：分类统计只计算最新的 ${FACET_SAMPLE.toLocaleString('en')} 条结果`),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int().describe('可翻阅的页数（最多 100 页）'),
  hits: z.array(hitSchema),
  facets: z.object({
    agency: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
    topic: z.array(countSchema).describe('一级主题'),
    year: z.array(countSchema),
  }),
  serviceItems: z
    .array(serviceItemSchema)
    .max(SERVICE_ITEMS_SHOWN)
    .describe(`清单内与检索词相符的办事事项（最多 ${SERVICE_ITEMS_SHOWN} 项，名称相符者在前；不受机构、主题等筛选条件限制） / matching service items (words only; the record filters do not apply)`),
});

const documentedQuery = searchQuerySchema.extend({
  q: searchQuerySchema.shape.q.describe('检索词：空格分隔多个词，引号内为整句，“-词语”排除；最多 200 个字符，简体、繁體均可'),
  agency: searchQuerySchema.shape.agency.describe('机构代码 / agency code'),
  lower: searchQuerySchema.shape.lower.describe('1 = 含下级机构（默认）/ include lower agencies'),
  topic: searchQuerySchema.shape.topic.describe('主题分类（一级或 一级\\二级）'),
  from: searchQuerySchema.shape.from.describe('发布日期起（YYYY-MM-DD）'),
  to: searchQuerySchema.shape.to.describe('发布日期止（YYYY-MM-DD）'),
  sort: searchQuerySchema.shape.sort.describe('relevance = 相关度，date = 发布日期'),
  size: searchQuerySchema.shape.size.describe('每页条数：10、20 或 50'),
});

export function presentOutcome(outcome: SearchOutcome, found: ServiceItemsFound = NO_ITEMS): z.infer<typeof searchResponseSchema> {
  const r = outcome.request;
  const serviceItems = found.items.map((i) => ({ code: i.code, name: i.name, agency: { code: i.agencyCode, name: i.agencyName }, url: itemHref(i.code) }));
  return {
    query: r.q,
    error: outcome.error === 'EMPTY' || outcome.error === 'NO_TERMS' ? outcome.error : null,
    total: outcome.total,
    exact: outcome.exact,
    facetsSampled: outcome.facetsSampled,
    page: r.page,
    pageSize: r.size,
    pages: outcome.pages,
    hits: outcome.hits.map((h) => ({
      id: h.id,
      indexNumber: h.indexNumber,
      title: h.title,
      titleHtml: h.titleHtml,
      snippetHtml: h.snippetHtml,
      docNumber: h.docNumber,
      agency: { code: h.agencyCode, name: h.agencyName },
      publishedOn: h.publishedOn,
      topic: h.topic,
      genre: h.genre,
      category: h.category,
      validity: h.validity,
      url: h.url,
    })),
    facets: {
      agency: outcome.facets.agency.map((a) => ({ code: a.code, name: a.name, count: a.count })),
      topic: outcome.facets.topic.map((t) => ({ value: t.value, count: t.count })),
      year: outcome.facets.year.map((y) => ({ value: y.value, count: y.count })),
    },
    serviceItems,
  };
}

/** The agency tree flattened in display order, with depths for indentation. */
function flatten(nodes: readonly AgencyNode[], depth = 0): AgencyOption[] {
  return nodes.flatMap((n) => [{ code: n.agency.code, name: n.agency.name, depth }, ...flatten(n.children, depth + 1)]);
}

/** The form's values from a parsed request, or the raw strings when it was refused. */
function formValues(input: Record<string, unknown>, request?: SearchRequest): Record<string, string> {
  const source: Record<string, unknown> = request ?? input;
  return Object.fromEntries(Object.entries(source).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [])));
}

export function searchRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  app.get('/search', async (request, reply) => {
    const ctx = pageContext(web, request, reply);
    const agencies = flatten(buildAgencyTree(await listAgencies(web.db)));
    const input = normalizeSearchInput(request.query);
    try {
      const parsed = parseSearch(input);
      const outcome = await searchRecords(web, parsed);
      const values = formValues(input, parsed);
      if (outcome.error === 'TOO_LONG') values.q = parsed.q.slice(0, MAX_QUERY_CHARS);
      // The 办事服务 block heads the first page of results only.
      const items = parsed.page === 1 ? await matchingItems(web, outcome) : NO_ITEMS;
      const page = <SearchPage ctx={ctx} agencies={agencies} values={values} outcome={outcome} serviceItems={items} />;
      return sendPage(request, reply, page, outcome.error === 'TOO_LONG' ? 400 : 200);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      const problem = { zh: error.zh, en: error.en, details: (error.details ?? []).map(labelled) };
      return sendPage(request, reply, <SearchPage ctx={ctx} agencies={agencies} values={formValues(input)} problem={problem} />, 400);
    }
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/search',
    tag: '政府信息',
    summary: '全文检索主动公开的政府信息 / full-text search of published records',
    description:
      '检索标题、文号、正文和附件文字，简体、繁體均可；另在 serviceItems 中返回相符的办事事项。结果按相关度或发布日期排序，附按机构、一级主题和年份的分类统计。检索词为空或只有标点时返回 200、total 为 0 并给出 error；检索词超过 200 个字符时返回 400（QUERY_TOO_LONG）。',
    query: documentedQuery,
    response: searchResponseSchema,
    errors: [400],
  });
  app.get('/api/v1/search', async (request) => {
    const outcome = await searchRecords(web, parseSearch(normalizeSearchInput(request.query)));
    if (outcome.error === 'TOO_LONG') throw tooLong();
    return presentOutcome(outcome, await matchingItems(web, outcome));
  });
}
