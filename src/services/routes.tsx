/**
 * 便民服务 where it shows: the service hall (/services), item lists and 办事指南 pages, the 清理
 * page of each government, 双公示 results (/results), and their JSON API. Everything is read
 * through services/service.ts; natural persons in results come masked from there.
 */
import { ratingPanel } from '../supervision/ratings/service.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAgencyByCode, listAgencies } from '../agencies/service.js';
import { chinaDate } from '../platform/clock.js';
import type { AgencyRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { subtreeIds } from '../platform/hierarchy.js';
import { pageOf, type ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { parseQuery } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { toSimplified, toTraditional } from '../platform/i18n/chinese.js';
import { BUSINESS_EVENTS, CHANGE_KINDS, CHANGE_LABELS, CITIZEN_EVENTS, ITEM_TYPES, serviceItemSchema, VISITS, type ItemChange } from './model.js';
import { cleanupOf, getItem, itemListStates, itemQuerySchema, listItems, listPublicResults, resultFilterChoices, type ItemView } from './service.js';
import { CleanupPage } from './views/cleanup.js';
import { agencyHref, itemHref } from './views/format.js';
import { ChecklistPage, GuidePage, GuidePrintPage, type GuideData } from './views/guide.js';
import { ItemListPage, ServiceHallPage, type AgencyCount, type HallData, type ItemEntry } from './views/hall.js';
import { RESULT_KINDS, ResultsPage } from './views/results.js';

const EVENTS = [...CITIZEN_EVENTS, ...BUSINESS_EVENTS] as const;
export const serviceItemQuery = itemQuerySchema.extend({
  agency: itemQuerySchema.shape.agency.describe('实施机关代码，含其所属工作部门 / agency code, with its own departments'),
  event: itemQuerySchema.shape.event.describe(`主题：个人办事 ${CITIZEN_EVENTS.join('、')}；法人办事 ${BUSINESS_EVENTS.join('、')}`),
  type: itemQuerySchema.shape.type.describe('事项类型 / item type'),
  q: itemQuerySchema.shape.q.describe('检索词：事项名称、实施机关、服务主题、申请材料、受理条件，简体、繁體均可 / words of the name, agency, life events, materials or conditions'),
});

export const resultQuery = z.object({
  kind: z.enum(RESULT_KINDS).optional().describe('许可 或 处罚；不填为全部 / licences or penalties'),
  agency: z.string().trim().max(60).default('').describe('实施机关代码，含其下级机关 / agency code, with the agencies below it'),
  year: z.coerce.number().int('年度无效 / invalid year').min(2000, '年度无效 / invalid year').max(2100, '年度无效 / invalid year').optional().describe('决定年度 / year of the decision'),
  q: z.string().trim().max(100).default('').describe('决定文书号或法人、其他组织名称；自然人姓名不可检索 / decision number or organisation name'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

// ---- JSON shapes

const agencyRef = z.object({ code: z.string(), name: z.string() });
const itemSummarySchema = z.object({
  code: z.string().describe('事项编码'),
  name: z.string().describe('事项名称'),
  type: z.enum(ITEM_TYPES),
  agency: agencyRef.describe('实施机关'),
  visits: z.enum(VISITS).describe('到办事现场次数'),
  promisedDays: z.number().int().nullable().describe('承诺办结时限（工作日）；0 为即办'),
  events: z.array(z.string()).describe('服务主题'),
  url: z.string(),
});
const historyEntrySchema = z.object({
  kind: z.enum(CHANGE_KINDS),
  label: z.string().describe('新增、调整、取消、合并、下放'),
  on: z.string(),
  document: z.string().describe('依据文件'),
  reason: z.string(),
  target: z.string().describe('合并：并入的事项编码；下放：承接机构代码'),
});
const itemDetailSchema = serviceItemSchema.omit({ agency: true }).extend({
  agency: agencyRef.describe('实施机关'),
  onList: z.boolean().describe('是否仍在政务服务事项清单中'),
  history: z.array(historyEntrySchema).describe('变更记录'),
  url: z.string(),
});
const publicResultSchema = z.object({
  subjectType: z.enum(['natural', 'legal']).describe('natural = 自然人（姓名、证件号已部分隐去）'),
  id: z.number().int(),
  kind: z.enum(RESULT_KINDS),
  agency: z.string().describe('实施机关'),
  decisionNumber: z.string().describe('决定文书号'),
  subject: z.string().describe('行政相对人；自然人姓名已部分隐去'),
  subjectId: z.string().describe('统一社会信用代码或证件号码；自然人证件号码已部分隐去'),
  legalBasis: z.string(),
  content: z.string().describe('决定内容'),
  decidedOn: z.string(),
  publishedOn: z.string(),
  publicUntil: z.string().nullable().describe('公示截止日期（处罚）'),
});

// ---- query strings from forms and links

const VOCABULARIES: Readonly<Record<string, readonly string[]>> = { event: EVENTS, type: ITEM_TYPES, kind: RESULT_KINDS };
let fromTraditional: Map<string, Map<string, string>> | undefined;

/** Blank fields dropped; vocabulary typed or linked in 繁體 mapped back; a 繁體 q searched in 简体. */
function formInput(raw: unknown): Record<string, unknown> {
  fromTraditional ??= new Map(Object.entries(VOCABULARIES).map(([k, list]) => [k, new Map(list.map((v) => [toTraditional(v), v]))]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') out[key] = value;
    else if (value !== '') out[key] = key === 'q' ? toSimplified(value) : (fromTraditional.get(key)?.get(value) ?? value);
  }
  return out;
}

const codeParam = z.object({ code: z.string().max(60) });
const flag = (request: FastifyRequest, name: string) => new URL(request.url, 'http://local').searchParams.get(name) === '1';
const eventsOf = (column: string) => column.split('|').filter((e) => e !== '');

export function serviceRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  /** What the hall browses by, from every item's list state in one query. */
  async function hallData(agencies: readonly AgencyRow[]): Promise<HallData> {
    const rows = await itemListStates(web.db);
    const listed = rows.filter((r) => r.onList === 1);
    const tally = <K,>(keys: readonly K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
    const perAgency = tally(listed.map((r) => r.agencyId));
    const withItems = new Set(rows.map((r) => r.agencyId));
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const hasList = (g: AgencyRow) => [...withItems].some((id) => id === g.id || (byId.get(id)?.parentId === g.id && byId.get(id)?.kind === 'department'));
    return {
      total: listed.length,
      events: tally(listed.flatMap((r) => eventsOf(r.events))),
      types: tally(listed.map((r) => r.type)),
      departments: agencies.filter((a) => perAgency.has(a.id)).map((a) => ({ code: a.code, name: a.name, count: perAgency.get(a.id) ?? 0 })),
      governments: agencies.filter((a) => a.kind === 'government' && hasList(a)).map((a) => ({ code: a.code, name: a.name })),
    };
  }

  app.get('/services', async (request, reply) => {
    const data = await hallData(await listAgencies(web.db));
    return sendPage(request, reply, <ServiceHallPage ctx={pageContext(web, request, reply)} data={data} />);
  });

  async function searchItems(q: z.infer<typeof serviceItemQuery>, agencies: readonly AgencyRow[]) {
    const result = await listItems(web.db, q);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    return {
      total: result.total,
      items: result.items.map((r) => ({
        code: r.code,
        name: r.name,
        type: r.type as (typeof ITEM_TYPES)[number],
        agency: { code: byId.get(r.agencyId)?.code ?? '', name: r.agencyName },
        visits: r.visits as (typeof VISITS)[number],
        promisedDays: r.promisedDays,
        events: eventsOf(r.events),
        url: itemHref(r.code),
      })),
    };
  }

  app.get('/services/items', async (request, reply) => {
    const q = { ...parseQuery(serviceItemQuery, formInput(request.query)), pageSize: 20 };
    const agencies = await listAgencies(web.db);
    const [{ total, items }, hall] = await Promise.all([searchItems(q, agencies), hallData(agencies)]);
    const filtered = agencies.find((a) => a.code === q.agency);
    const options: AgencyCount[] = filtered && !hall.departments.some((d) => d.code === filtered.code) ? [{ code: filtered.code, name: filtered.name, count: 0 }, ...hall.departments] : [...hall.departments];
    const entries: ItemEntry[] = items.map((i) => ({ ...i, agencyName: i.agency.name }));
    const page = <ItemListPage ctx={pageContext(web, request, reply)} filter={q} agencies={options} agencyName={filtered?.name} items={entries} total={total} pageSize={q.pageSize} />;
    return sendPage(request, reply, page);
  });

  /** Names of what the changes point to: the item merged into, the agency delegated to. */
  async function targetsOf(history: readonly ItemChange[]): Promise<GuideData['targets']> {
    const targets = new Map<string, { href: string; name: string }>();
    for (const c of history) {
      if (!c.target || targets.has(c.target)) continue;
      if (c.kind === 'delegated') {
        const agency = await findAgencyByCode(web.db, c.target);
        if (agency) targets.set(c.target, { href: agencyHref(agency.code), name: agency.name });
      } else if (c.kind === 'merged') {
        try {
          const into = await getItem(web.db, c.target);
          targets.set(c.target, { href: itemHref(into.row.code), name: into.row.name });
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 404) throw error;
        }
      }
    }
    return targets;
  }

  async function guideData(view: ItemView): Promise<GuideData> {
    return { guide: view.guide, agency: view.agency, history: view.history, onList: view.row.onList === 1, targets: await targetsOf(view.history) };
  }

  app.get('/services/items/:code', async (request, reply) => {
    const view = await getItem(web.db, codeParam.parse(request.params).code);
    const data = await guideData(view);
    const ctx = pageContext(web, request, reply);
    if (flag(request, 'print')) return sendPage(request, reply, <GuidePrintPage ctx={ctx} data={data} today={chinaDate(web.clock.now())} />);
    if (flag(request, 'checklist')) return sendPage(request, reply, <ChecklistPage ctx={ctx} data={data} />);
    // 社会评议 (supervision/ratings): the average and the rating form.
    const rating = await ratingPanel(web.db, { type: 'service_item', id: view.row.id, ref: view.row.code }, request.url);
    return sendPage(request, reply, <GuidePage ctx={ctx} data={data} rating={rating} />);
  });

  app.get('/services/cleanup/:code', async (request, reply) => {
    const { agency, rounds } = await cleanupOf(web.db, codeParam.parse(request.params).code);
    const agencyNames = new Map((await listAgencies(web.db)).map((a) => [a.code, a.name]));
    return sendPage(request, reply, <CleanupPage ctx={pageContext(web, request, reply)} agency={agency} rounds={rounds} agencyNames={agencyNames} />);
  });

  const results = async (q: z.infer<typeof resultQuery>) => {
    let agencyIds: number[] | undefined;
    if (q.agency) {
      const agency = await findAgencyByCode(web.db, q.agency);
      if (!agency) throw errors.notFound('机构');
      agencyIds = await subtreeIds(web.db, agency.id);
    }
    return listPublicResults(web.db, { kind: q.kind, q: q.q, agencyIds, year: q.year, today: chinaDate(web.clock.now()), page: q.page, pageSize: q.pageSize });
  };

  app.get('/results', async (request, reply) => {
    const q = { ...parseQuery(resultQuery, formInput(request.query)), pageSize: 20 };
    const { total, items } = await results(q);
    const filters = await resultFilterChoices(web.db, chinaDate(web.clock.now()));
    const page = (
      <ResultsPage ctx={pageContext(web, request, reply)} kind={q.kind} q={q.q} agency={q.agency} year={q.year} filters={filters} page={q.page} pageSize={q.pageSize} total={total} items={items} />
    );
    return sendPage(request, reply, page);
  });

  // ---- JSON API
  docs.describe({
    method: 'get',
    path: '/api/v1/service-items',
    tag: '便民服务',
    summary: '政务服务事项清单 / service items on the list',
    description: '只含仍在清单中的事项；按实施机关、主题、事项类型或名称筛选。',
    query: serviceItemQuery,
    response: pageOf(itemSummarySchema),
    errors: [400, 404],
  });
  app.get('/api/v1/service-items', async (request) => {
    const q = parseQuery(serviceItemQuery, formInput(request.query));
    const { total, items } = await searchItems(q, await listAgencies(web.db));
    return { total, page: q.page, pageSize: q.pageSize, items };
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/service-items/{code}',
    tag: '便民服务',
    summary: '办事指南及变更记录 / one item’s guide with its list history',
    description: '已取消、合并或下放的事项仍可查询，onList 为 false，变更记录的最后一条说明原因。',
    params: z.object({ code: z.string().describe('事项编码') }),
    response: itemDetailSchema,
    errors: [404],
  });
  app.get('/api/v1/service-items/:code', async (request) => {
    const view = await getItem(web.db, codeParam.parse(request.params).code);
    return {
      ...view.guide,
      agency: { code: view.agency.code, name: view.agency.name },
      onList: view.row.onList === 1,
      history: view.history.map((c) => ({ ...c, label: CHANGE_LABELS[c.kind] })),
      url: itemHref(view.row.code),
    };
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/results',
    tag: '便民服务',
    summary: '行政许可和行政处罚结果公示（双公示）/ licensing and penalty decisions',
    description: '自然人的姓名和证件号码已部分隐去，且不能按自然人姓名检索；行政处罚信息公示期满后不再返回。',
    query: resultQuery,
    response: pageOf(publicResultSchema),
    errors: [400, 404],
  });
  app.get('/api/v1/results', async (request) => {
    const q = parseQuery(resultQuery, formInput(request.query));
    const { total, items } = await results(q);
    return { total, page: q.page, pageSize: q.pageSize, items };
  });
}
