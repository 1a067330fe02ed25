/** 便民服务 hall (/services) and the item list (/services/items). */
import { Pager } from '../../platform/views/forms.js';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { BUSINESS_EVENTS, CITIZEN_EVENTS, ITEM_TYPES } from '../model.js';
import { days, HALL, itemHref, itemsHref } from './format.js';

export interface AgencyCount {
  readonly code: string;
  readonly name: string;
  readonly count: number;
}

export interface HallData {
  readonly total: number;
  readonly events: ReadonlyMap<string, number>;
  readonly types: ReadonlyMap<string, number>;
  /** Agencies with items on the list, in the agency tree's order. */
  readonly departments: readonly AgencyCount[];
  /** Governments whose list (their own items and their departments') has a history. */
  readonly governments: readonly { code: string; name: string }[];
}

function SearchBox({ q = '' }: { q?: string }) {
  return (
    <form method="get" action="/services/items" role="search" class="sv-search" aria-label="搜索办事事项">
      <label for="sv-q">搜索办事事项</label>
      <div class="sv-search-row">
        <input id="sv-q" name="q" type="search" value={q} placeholder="如：出生医学证明、营业执照" aria-describedby="sv-q-hint" />
        <button type="submit">搜索</button>
      </div>
      <p class="hint" id="sv-q-hint">
        按事项名称检索；也可以按主题、部门或事项类型浏览。
      </p>
    </form>
  );
}

function LinkList({ label, entries }: { label: string; entries: readonly { href: string; text: string; count: number }[] }) {
  return (
    <ul class="sv-links" aria-label={label}>
      {entries.map((e) => (
        <li>
          <a href={e.href}>
            {e.text}
            <span class="sv-count">（{e.count}）</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function ServiceHallPage({ ctx, data }: { ctx: PageContext; data: HallData }) {
  const events = (list: readonly string[]) => list.map((e) => ({ href: itemsHref({ event: e }), text: e, count: data.events.get(e) ?? 0 }));
  return (
    <PublicLayout ctx={ctx} title="办事服务" crumbs={[{ label: HALL.label }]}>
      <h1>办事服务</h1>
      <p class="lead">查阅政务服务事项的办事指南：受理条件、申请材料、办理流程、办结时限和收费标准。本平台共公布在清单内的事项 {data.total} 项。</p>
      <SearchBox />
      <h2 id="sv-by-event">按主题办事</h2>
      <div class="sv-groups">
        <section aria-labelledby="sv-citizen">
          <h3 id="sv-citizen">个人办事</h3>
          <LinkList label="个人办事主题" entries={events(CITIZEN_EVENTS)} />
        </section>
        <section aria-labelledby="sv-business">
          <h3 id="sv-business">法人办事</h3>
          <LinkList label="法人办事主题" entries={events(BUSINESS_EVENTS)} />
        </section>
      </div>
      <h2 id="sv-by-agency">按部门办事</h2>
      {data.departments.length === 0 ? <p>暂无公布的办事事项。</p> : <LinkList label="实施机关" entries={data.departments.map((a) => ({ href: itemsHref({ agency: a.code }), text: a.name, count: a.count }))} />}
      <h2 id="sv-by-type">按事项类型</h2>
      <LinkList label="事项类型" entries={ITEM_TYPES.map((t) => ({ href: itemsHref({ type: t }), text: t, count: data.types.get(t) ?? 0 }))} />
      <h2 id="sv-more">清单管理与结果公示</h2>
      <ul>
        {data.governments.map((g) => (
          <li>
            <a href={`/services/cleanup/${encodeURIComponent(g.code)}`}>{g.name}政务服务事项清单调整（清理）情况</a>
          </li>
        ))}
        <li>
          <a href="/results">行政许可、行政处罚结果公示（双公示）</a>
        </li>
      </ul>
    </PublicLayout>
  );
}

export interface ItemEntry {
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly agencyName: string;
  readonly promisedDays: number | null;
  readonly visits: string;
}

export interface ItemFilter {
  readonly agency: string;
  readonly event: string;
  readonly type: string;
  readonly q: string;
  readonly page: number;
}

/** The heading states the filter: 主题：教育 · 部门：测试市教育局. */
export function filterHeading(f: ItemFilter, agencyName: string | undefined): string {
  const parts = [
    f.event ? `主题：${f.event}` : '',
    f.agency ? `部门：${agencyName ?? f.agency}` : '',
    f.type ? `类型：${f.type}` : '',
    f.q ? `关键词：${f.q}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' · ') : '全部办事事项';
}

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: readonly (readonly [string, readonly { value: string; label: string }[]])[] }) {
  return (
    <label>
      {label}{' '}
      <select name={name}>
        <option value="">全部</option>
        {options.map(([group, opts]) => {
          const list = opts.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ));
          return group ? <optgroup label={group}>{list}</optgroup> : list;
        })}
      </select>
    </label>
  );
}

const plain = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));

interface ItemListProps {
  readonly ctx: PageContext;
  readonly filter: ItemFilter;
  readonly agencies: readonly AgencyCount[];
  /** The name of the filtered agency, when filtering by agency. */
  readonly agencyName: string | undefined;
  readonly items: readonly ItemEntry[];
  readonly total: number;
  readonly pageSize: number;
}

export function ItemListPage({ ctx, filter, agencies, agencyName, items, total, pageSize }: ItemListProps) {
  const heading = filterHeading(filter, agencyName);
  const query: Record<string, string> = {};
  for (const k of ['agency', 'event', 'type', 'q'] as const) if (filter[k]) query[k] = filter[k];
  return (
    <PublicLayout ctx={ctx} title={`${heading} - 办事事项`} crumbs={[HALL, { label: heading }]}>
      <h1>{heading}</h1>
      <p>共 {total} 项事项。</p>
      <form method="get" action="/services/items" class="filters" aria-label="筛选办事事项">
        <label>
          事项名称 <input name="q" type="search" value={filter.q} />
        </label>
        <Select name="event" label="主题" value={filter.event} options={[['个人办事', plain(CITIZEN_EVENTS)], ['法人办事', plain(BUSINESS_EVENTS)]]} />
        <Select name="agency" label="部门" value={filter.agency} options={[['', agencies.map((a) => ({ value: a.code, label: a.name }))]]} />
        <Select name="type" label="类型" value={filter.type} options={[['', plain(ITEM_TYPES)]]} />
        <button type="submit">筛选</button>
      </form>
      {items.length === 0 ? (
        <p>
          没有符合条件的事项。<a href="/services/items">查看全部事项</a>
        </p>
      ) : (
        <ul class="record-list sv-items">
          {items.map((i) => (
            <li>
              <a href={itemHref(i.code)}>{i.name}</a>
              <span class="muted">
                {i.agencyName} · {i.type} · 承诺时限 {days(i.promisedDays)} · <span class="sv-visits">{i.visits}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pager base="/services/items" query={query} page={filter.page} pageSize={pageSize} total={total} />
      <p class="muted">
        数据接口：<a href={`/api/v1/service-items${itemsHref(query).replace('/services/items', '')}`}>/api/v1/service-items</a>
      </p>
    </PublicLayout>
  );
}
