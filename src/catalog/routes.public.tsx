import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../agencies/service.js';
import type { AgencyRow, RecordRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { subtreeIds } from '../platform/hierarchy.js';
import { pageOf, type ApiDocs } from '../platform/http/openapi.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import { parseQuery } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { atomFeed, sitemap } from './feeds.js';
import { docNumberKey, isPubliclyVisible, publicationDelay } from './model.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { presentAttachment, presentRecord, presentVersion, publicRecordDetailSchema, publicRecordSchema, type PublicRecord } from './present.js';
import * as catalog from './service.js';
import { consultationForRecord } from '../supervision/consultations/service.js';
import { CATEGORIES, GENRES, TOPICS, STATUTORY_ITEMS, vocabularyFromForm } from './taxonomy.js';
import { CataloguePage, StatutoryColumnsPage } from './views/public.js';
import { RecordPage, RecordPrintPage, type RecordPageData } from './views/record.js';
import { ratingPanel } from '../supervision/ratings/service.js';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
export const recordQuery = z.object({
  agency: z.preprocess(blankToUndefined, z.string().max(40).optional()).describe('机构代码 / agency code'),
  below: z.preprocess(blankToUndefined, z.enum(['1', '0']).optional()).describe('1 = 含下级机构 / include lower agencies'),
  topic: z.preprocess(blankToUndefined, z.string().max(60).optional()).describe('主题分类（一级或 一级\\二级）'),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORIES).optional()),
  genre: z.preprocess(blankToUndefined, z.enum(GENRES).optional()),
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(1990).max(2100).optional()),
  item: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(STATUTORY_ITEMS.length).optional()).describe('条例第二十条事项序号'),
  docNumber: z.preprocess(blankToUndefined, z.string().max(60).optional()).describe('文号（括号写法不限）'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
type RecordQuery = z.infer<typeof recordQuery>;

export function catalogPublicRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  const nowIso = () => web.clock.now().toISOString();

  async function agencyMaps() {
    const all = await listAgencies(web.db);
    return { all, byId: new Map(all.map((a) => [a.id, a])), byCode: new Map(all.map((a) => [a.code, a])) };
  }

  async function presentMany(rows: readonly RecordRow[], byId: ReadonlyMap<number, AgencyRow>): Promise<PublicRecord[]> {
    const issuers = await catalog.issuersOf(web.db, rows.map((r) => r.id));
    return rows.map((r) => {
      const a = byId.get(r.agencyId);
      return presentRecord(r, { code: a?.code ?? '', name: a?.name ?? '' }, issuers.get(r.id) ?? []);
    });
  }

  async function search(q: RecordQuery) {
    const maps = await agencyMaps();
    let agencyIds: number[] | undefined;
    if (q.agency) {
      const agency = maps.byCode.get(q.agency);
      agencyIds = !agency ? [] : q.below === '1' ? await subtreeIds(web.db, agency.id) : [agency.id];
    }
    const result = await catalog.listPublicRecords(
      web.db,
      nowIso(),
      { agencyIds, topic: q.topic, category: q.category, genre: q.genre, year: q.year, statutoryItem: q.item, docNumberKey: q.docNumber ? docNumberKey(q.docNumber) : undefined },
      q.page,
      q.pageSize,
    );
    return { maps, total: result.total, items: await presentMany(result.items, maps.byId) };
  }

  app.get('/catalogue', async (request, reply) => {
    const q = parseQuery(recordQuery, vocabularyFromForm(request.query));
    const { maps, total, items } = await search(q);
    const thisYear = Number(nowIso().slice(0, 4));
    const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
    const page = <CataloguePage ctx={pageContext(web, request, reply)} query={q} agencies={maps.all} years={years} items={items} total={total} pageSize={q.pageSize} />;
    return sendPage(request, reply, page);
  });

  app.get('/agencies/:code/columns', async (request, reply) => {
    const { code } = z.object({ code: z.string().max(40) }).parse(request.params);
    const maps = await agencyMaps();
    const agency = maps.byCode.get(code);
    if (!agency) throw errors.notFound('机构');
    const counts = await catalog.countPublicByStatutoryItem(web.db, nowIso(), agency.id);
    const cal = await loadCalendar(web.db);
    const published = await catalog.publishedSince(web.db, [agency.id], '1900-01-01');
    const stats = {
      published: published.length,
      late: published.filter((r) => publicationDelay(cal, r.formedOn, r.publishedOn ?? r.formedOn).late).length,
      withheld: await catalog.countsByGround(web.db, [agency.id]),
    };
    return sendPage(request, reply, <StatutoryColumnsPage ctx={pageContext(web, request, reply)} agency={agency} counts={counts} stats={stats} />);
  });

  /** A record by id or 索引号, if the public may see it. */
  async function loadVisible(idOrIndex: string): Promise<RecordRow> {
    const record = /^\d+$/.test(idOrIndex) ? await catalog.findRecord(web.db, Number(idOrIndex)) : await catalog.findRecordByIndexNumber(web.db, idOrIndex);
    if (!record || !isPubliclyVisible(record, nowIso())) throw errors.notFound('信息');
    return record;
  }

  async function pageData(record: RecordRow): Promise<RecordPageData> {
    const maps = await agencyMaps();
    const [presented] = await presentMany([record], maps.byId);
    const interprets = record.interpretsId ? await catalog.findRecord(web.db, record.interpretsId) : undefined;
    const replacedBy = record.replacedById ? await catalog.findRecord(web.db, record.replacedById) : undefined;
    const interpretations = (await catalog.interpretationsOf(web.db, record.id)).filter((r) => isPubliclyVisible(r, nowIso()) && r.status !== 'withdrawn');
    return {
      record: presented!,
      bodyHtml: record.bodyHtml,
      attachments: await catalog.currentAttachments(web.db, record.id),
      versions: await catalog.versionsOf(web.db, record.id),
      interprets: interprets && isPubliclyVisible(interprets, nowIso()) ? { id: interprets.id, title: interprets.title } : null,
      interpretations: interpretations.map((r) => ({ id: r.id, title: r.title, kind: r.interpretationKind })),
      replacedBy: replacedBy && isPubliclyVisible(replacedBy, nowIso()) ? { id: replacedBy.id, title: replacedBy.title } : null,
      videoUrl: record.videoUrl,
      // 意见征集: the consultation this policy came out of (“本政策曾公开征求意见”).
      consultation: await consultationForRecord(web.db, record.id),
    };
  }

  const idParam = (request: FastifyRequest) => z.object({ id: z.string().max(80) }).parse(request.params).id;

  app.get('/records/:id', async (request, reply) => {
    const record = await loadVisible(idParam(request));
    const data = await pageData(record);
    // 社会评议 (supervision/ratings): the average and the rating form, except on a withdrawn record.
    const rating = record.status === 'withdrawn' ? undefined : await ratingPanel(web.db, { type: 'record', id: record.id, ref: String(record.id) }, request.url);
    return sendPage(request, reply, <RecordPage ctx={pageContext(web, request, reply)} data={data} rating={rating} />);
  });

  app.get('/records/:id/print', async (request, reply) => {
    const data = await pageData(await loadVisible(idParam(request)));
    return sendPage(request, reply, <RecordPrintPage ctx={pageContext(web, request, reply)} data={data} />);
  });

  app.get('/records/:id/versions/:version', async (request, reply) => {
    const { version } = z.object({ version: z.coerce.number().int().min(1) }).parse(request.params);
    const record = await loadVisible(idParam(request));
    const data = await pageData(record);
    const shown = data.versions.find((v) => v.version === version);
    if (!shown || record.status === 'withdrawn') throw errors.notFound('版本');
    return sendPage(request, reply, <RecordPage ctx={pageContext(web, request, reply)} data={{ ...data, shownVersion: shown }} />);
  });

  // ---- JSON API
  docs.describe({ method: 'get', path: '/api/v1/records', tag: '政府信息', summary: '主动公开的政府信息 / published records', query: recordQuery, response: pageOf(publicRecordSchema), errors: [400] });
  app.get('/api/v1/records', async (request) => {
    const q = parseQuery(recordQuery, vocabularyFromForm(request.query));
    const { total, items } = await search(q);
    return { total, page: q.page, pageSize: q.pageSize, items };
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/records/{id}',
    tag: '政府信息',
    summary: '一条政府信息及其版本、附件、解读 / one record with versions, attachments and interpretations',
    params: z.object({ id: z.string().describe('id 或 URL 编码的索引号 / id or URL-encoded 索引号') }),
    response: publicRecordDetailSchema,
    errors: [404],
  });
  app.get('/api/v1/records/:id', async (request) => {
    const record = await loadVisible(idParam(request));
    const data = await pageData(record);
    return {
      ...data.record,
      bodyHtml: record.status === 'withdrawn' ? '' : record.bodyHtml,
      interprets: data.interprets,
      interpretations: data.interpretations,
      attachments: record.status === 'withdrawn' ? [] : data.attachments.map(presentAttachment),
      versions: data.versions.map(presentVersion),
    };
  });

  // ---- feeds and sitemap
  const base = (request: FastifyRequest) => web.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;

  async function sendFeed(request: FastifyRequest, title: string, filter: catalog.PublicFilter, selfPath: string, htmlPath: string) {
    const result = await catalog.listPublicRecords(web.db, nowIso(), filter, 1, 50);
    const maps = await agencyMaps();
    const items = await presentMany(result.items, maps.byId);
    const root = base(request);
    return atomFeed({
      id: `${root}${selfPath}`,
      title,
      selfLink: `${root}${selfPath}`,
      htmlLink: `${root}${htmlPath}`,
      entries: items.map((r, i) => ({
        id: `${root}${r.url}`,
        title: r.title,
        link: `${root}${r.url}`,
        updated: r.publishedOn,
        author: r.agency.name,
        categories: [r.topic, r.category, r.genre],
        summary: `${r.docNumber ? `${r.docNumber}。` : ''}${(result.items[i]?.bodyText ?? '').slice(0, 160)}`,
      })),
    });
  }

  const atom = 'application/atom+xml; charset=utf-8';
  app.get('/feeds/:name', async (request, reply) => {
    const { name } = z.object({ name: z.string().max(60) }).parse(request.params);
    const code = name.replace(/\.atom$/, '');
    if (code === name) throw errors.notFound('订阅');
    if (code === 'all') return reply.type(atom).send(await sendFeed(request, `${request.site?.siteName ?? '政务公开'}：最新公开信息`, {}, '/feeds/all.atom', '/catalogue'));
    const agency = (await agencyMaps()).byCode.get(code);
    if (!agency) throw errors.notFound('订阅');
    return reply.type(atom).send(await sendFeed(request, `${agency.name}：最新公开信息`, { agencyIds: [agency.id] }, `/feeds/${code}.atom`, `/catalogue?agency=${code}`));
  });

  app.get('/feeds/topics/:name', async (request, reply) => {
    const topic = z.object({ name: z.string().max(80) }).parse(request.params).name.replace(/\.atom$/, '');
    if (!(topic in TOPICS)) throw errors.notFound('订阅');
    return reply.type(atom).send(await sendFeed(request, `主题：${topic}`, { topic }, `/feeds/topics/${encodeURIComponent(topic)}.atom`, `/catalogue?topic=${encodeURIComponent(topic)}`));
  });

  app.get('/feeds/categories/:name', async (request, reply) => {
    const category = z.object({ name: z.string().max(40) }).parse(request.params).name.replace(/\.atom$/, '');
    if (!(CATEGORIES as readonly string[]).includes(category)) throw errors.notFound('订阅');
    return reply.type(atom).send(await sendFeed(request, `公开类别：${category}`, { category }, `/feeds/categories/${encodeURIComponent(category)}.atom`, `/catalogue?category=${encodeURIComponent(category)}`));
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const root = base(request);
    const maps = await agencyMaps();
    const fixed = ['/', '/disclosure', '/catalogue', '/requests', '/services', '/participation', '/consultations', '/messages', '/assessment', '/help', '/agencies'].map((p) => ({ loc: `${root}${p}` }));
    const agencies = maps.all.map((a) => ({ loc: `${root}/agencies/${a.code}`, lastmod: a.updatedAt.slice(0, 10) }));
    const records = await catalog.listPublicRecords(web.db, nowIso(), {}, 1, 50000);
    const recordUrls = records.items.map((r) => ({ loc: `${root}/records/${r.id}`, lastmod: r.updatedAt.slice(0, 10) }));
    return reply.type('application/xml; charset=utf-8').send(sitemap([...fixed, ...agencies, ...recordUrls]));
  });
}
