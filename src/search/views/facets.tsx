import type { SearchOutcome, SearchRequest } from '../model.js';
import { formatCount, searchHref, topicLabel, type Params } from './links.js';

/*
 * Narrowing a search: the facets (agency, topic, year) as links that add a filter and keep the
 * rest of the query, and the active filters, each with a link that removes it.
 */

interface ActiveFilter {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** parameters the removal link drops */
  readonly removes: Record<string, null>;
}

/** Every filter the request sets, as the visitor would name it. */
export function activeFilters(r: SearchRequest, agencyName: (code: string) => string): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (r.agency) {
    const scope = r.lower === '1' ? '（含下级机构）' : '（不含下级机构）';
    out.push({ key: 'agency', label: '发布机构', value: `${agencyName(r.agency)}${scope}`, removes: { agency: null, lower: null } });
  }
  if (r.topic) out.push({ key: 'topic', label: '主题', value: topicLabel(r.topic), removes: { topic: null } });
  if (r.category) out.push({ key: 'category', label: '公开类别', value: r.category, removes: { category: null } });
  if (r.genre) out.push({ key: 'genre', label: '体裁', value: r.genre, removes: { genre: null } });
  if (r.validity) out.push({ key: 'validity', label: '有效性', value: r.validity, removes: { validity: null } });
  if (r.year !== undefined) out.push({ key: 'year', label: '年份', value: `${r.year}年`, removes: { year: null } });
  if (r.from) out.push({ key: 'from', label: '发布日期自', value: r.from, removes: { from: null } });
  if (r.to) out.push({ key: 'to', label: '发布日期至', value: r.to, removes: { to: null } });
  return out;
}

function RemoveLink({ params, filter }: { params: Params; filter: ActiveFilter }) {
  return (
    <a href={searchHref(params, filter.removes)} class="remove-filter">
      取消<span class="visually-hidden">筛选条件 {filter.label}：{filter.value}</span>
    </a>
  );
}

export function ActiveFilters({ params, filters }: { params: Params; filters: readonly ActiveFilter[] }) {
  if (filters.length === 0) return null;
  const clear = Object.fromEntries(filters.flatMap((f) => Object.keys(f.removes)).map((k) => [k, null]));
  return (
    <div class="active-filters">
      <h2 class="visually-hidden">已选筛选条件</h2>
      <ul>
        {filters.map((f) => (
          <li>
            {f.label}：{f.value} <RemoveLink params={params} filter={f} />
          </li>
        ))}
      </ul>
      {filters.length > 1 ? <a href={searchHref(params, clear)}>取消全部筛选条件</a> : null}
    </div>
  );
}

interface FacetItem {
  readonly label: string;
  readonly count: number;
  readonly add: Record<string, string>;
  readonly active: boolean;
}

function FacetGroup({ id, title, items, params, active }: { id: string; title: string; items: readonly FacetItem[]; params: Params; active: ActiveFilter | undefined }) {
  if (items.length === 0) return null;
  return (
    <div class="facet-group">
      <h3 id={id}>{title}</h3>
      <ul aria-labelledby={id}>
        {items.map((item) =>
          item.active && active ? (
            <li class="facet-active">
              <strong aria-current="true">{item.label}</strong> <span class="facet-count">{formatCount(item.count)}</span> <RemoveLink params={params} filter={active} />
            </li>
          ) : (
            <li>
              <a href={searchHref(params, item.add)}>
                {item.label} <span class="facet-count">{formatCount(item.count)}</span>
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/** The sidebar: counts per agency, top-level topic and year of the matches. */
export function Facets({ outcome, params, filters }: { outcome: SearchOutcome; params: Params; filters: readonly ActiveFilter[] }) {
  const r = outcome.request;
  const { agency, topic, year } = outcome.facets;
  const find = (key: string) => filters.find((f) => f.key === key);
  if (agency.length + topic.length + year.length === 0) return null;
  // A facet counts the agency's own records, so its link leaves out the agencies below it.
  const agencyItems = agency.map((a) => ({ label: a.name, count: a.count, add: { agency: a.code, lower: '0' }, active: r.agency === a.code && r.lower === '0' }));
  return (
    <section class="facets" aria-labelledby="facets-title">
      <h2 id="facets-title">缩小范围</h2>
      <FacetGroup
        id="facet-agency"
        title="发布机构"
        params={params}
        active={find('agency')}
        items={agencyItems}
      />
      <FacetGroup
        id="facet-topic"
        title="主题"
        params={params}
        active={find('topic')}
        items={topic.map((t) => ({ label: t.value, count: t.count, add: { topic: t.value }, active: r.topic === t.value }))}
      />
      <FacetGroup
        id="facet-year"
        title="发布年份"
        params={params}
        active={find('year')}
        items={year.map((y) => ({ label: `${y.value}年`, count: y.count, add: { year: y.value }, active: r.year === Number(y.value) }))}
      />
    </section>
  );
}
