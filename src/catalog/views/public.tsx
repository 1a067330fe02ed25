import type { AgencyRow } from '../../platform/db/schema.js';
import { Pager, TableWrap } from '../../platform/views/forms.js';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { PublicRecord } from '../present.js';
import { CATEGORIES, GENRES, GROUNDS, STATUTORY_ITEMS, TOPICS, type Ground } from '../taxonomy.js';

export interface CatalogueQuery {
  readonly agency?: string | undefined;
  readonly topic?: string | undefined;
  readonly category?: string | undefined;
  readonly genre?: string | undefined;
  readonly year?: number | undefined;
  readonly item?: number | undefined;
  readonly docNumber?: string | undefined;
  readonly page: number;
}

function Select({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: readonly (string | { value: string; label: string })[] }) {
  return (
    <label>
      {label}{' '}
      <select name={name}>
        <option value="">全部</option>
        {options.map((o) => {
          const opt = typeof o === 'string' ? { value: o, label: o } : o;
          return (
            <option value={opt.value} selected={opt.value === value}>
              {opt.label}
            </option>
          );
        })}
      </select>
    </label>
  );
}

export function RecordList({ items }: { items: readonly PublicRecord[] }) {
  if (items.length === 0) return <p>没有符合条件的信息。</p>;
  return (
    <ul class="record-list">
      {items.map((r) => (
        <li>
          <a href={r.url}>{r.title}</a>
          <span class="muted">
            {' '}
            {r.docNumber ? `${r.docNumber} · ` : ''}
            {r.agency.name} · {r.publishedOn}
            {r.validity !== '有效' ? ` · ${r.validity}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

interface CataloguePageProps {
  readonly ctx: PageContext;
  readonly query: CatalogueQuery;
  readonly agencies: readonly AgencyRow[];
  readonly years: readonly number[];
  readonly items: readonly PublicRecord[];
  readonly total: number;
  readonly pageSize: number;
}

/** 政府信息公开目录: browse by agency, topic, five-openness category, genre and year. */
export function CataloguePage({ ctx, query, agencies, years, items, total, pageSize }: CataloguePageProps) {
  const filter: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (k !== 'page' && v !== undefined && v !== '') filter[k] = String(v);
  return (
    <PublicLayout ctx={ctx} title="政府信息公开目录" crumbs={[{ href: '/disclosure', label: '政府信息公开' }, { label: '政府信息公开目录' }]}>
      <h1>政府信息公开目录</h1>
      <p>按机构、主题、公开类别（五公开）、体裁和年份浏览主动公开的政府信息。共 {total} 条。</p>
      <form method="get" action="/catalogue" class="filters" aria-label="筛选条件">
        <Select name="agency" label="机构" value={query.agency} options={agencies.map((a) => ({ value: a.code, label: a.name }))} />
        <Select name="topic" label="主题" value={query.topic} options={Object.keys(TOPICS)} />
        <Select name="category" label="公开类别" value={query.category} options={CATEGORIES} />
        <Select name="genre" label="体裁" value={query.genre} options={GENRES} />
        <Select name="year" label="年份" value={query.year ? String(query.year) : undefined} options={years.map(String)} />
        <Select name="item" label="法定公开内容" value={query.item ? String(query.item) : undefined} options={STATUTORY_ITEMS.map((s, i) => ({ value: String(i + 1), label: `${i + 1}. ${s.slice(0, 14)}${s.length > 14 ? '…' : ''}` }))} />
        <label>
          文号 <input name="docNumber" value={query.docNumber ?? ''} placeholder="如 岚政办发〔2026〕3号" />
        </label>
        <button type="submit">筛选</button>
      </form>
      <RecordList items={items} />
      <Pager base="/catalogue" query={filter} page={query.page} pageSize={pageSize} total={total} />
      <p class="muted">
        订阅：<a href="/feeds/all.atom">全部信息（Atom）</a> · 数据接口：<a href="/api/v1/records">/api/v1/records</a>
      </p>
    </PublicLayout>
  );
}

/** 法定主动公开内容: the fifteen items of 条例 第二十条 as columns of one agency. */
export interface AgencyDisclosureStats {
  readonly published: number;
  /** Published later than 20 working days after formation (条例 第二十六条). */
  readonly late: number;
  readonly withheld: readonly { mode: string; ground: string; n: number }[];
}

export function StatutoryColumnsPage({ ctx, agency, counts, stats }: { ctx: PageContext; agency: AgencyRow; counts: ReadonlyMap<number, number>; stats: AgencyDisclosureStats }) {
  return (
    <PublicLayout ctx={ctx} title={`${agency.name}法定主动公开内容`} crumbs={[{ href: '/agencies', label: '机构与公开指南' }, { href: `/agencies/${agency.code}`, label: agency.shortName }, { label: '法定主动公开内容' }]}>
      <h1>{agency.name}法定主动公开内容</h1>
      <p>依照《中华人民共和国政府信息公开条例》第二十条，本机关主动公开下列政府信息。</p>
      <TableWrap label="法定主动公开内容栏目">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">栏目</th>
              <th scope="col">信息数</th>
            </tr>
          </thead>
          <tbody>
            {STATUTORY_ITEMS.map((label, i) => (
              <tr>
                <td>{i + 1}</td>
                <td>
                  <a href={`/catalogue?agency=${agency.code}&item=${i + 1}`}>{label}</a>
                </td>
                <td>{counts.get(i + 1) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>公开情况统计</h2>
      <p>
        主动公开信息 {stats.published} 条，其中自形成或变更之日起超过20个工作日才公开的 {stats.late} 条（条例第二十六条）。
      </p>
      {stats.withheld.length > 0 ? (
        <>
          <p>经审核不主动公开的信息（条例第十四至十六条），按法定理由统计：</p>
          <ul>
            {stats.withheld.map((w) => (
              <li>
                {w.mode}：{GROUNDS[w.ground as Ground]?.label ?? w.ground}（{GROUNDS[w.ground as Ground]?.article ?? ''}）{w.n} 条
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>没有经审核不主动公开的信息。</p>
      )}
    </PublicLayout>
  );
}
