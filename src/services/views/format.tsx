/**
 * Small shared pieces of the 便民服务 pages: how time limits, visits and material necessity read,
 * and the query-string links between the pages (always URL-encoded, so the 繁體 page conversion
 * never touches a filter value inside an href).
 */
import type { Material, Visits } from '../model.js';

export const HALL = { href: '/services', label: '办事服务' } as const;

/** 法定/承诺办结时限: null is not set, 0 is an item done on the spot (即办件). */
export function days(n: number | null): string {
  if (n === null) return '—';
  return n === 0 ? '即办' : `${n} 个工作日`;
}

/** 到办事现场次数 as the national guide states it. */
export function visitsText(v: Visits): string {
  if (v === '全程网办') return '0 次（全程网办）';
  if (v === '最多跑一次') return '1 次（最多跑一次）';
  return v;
}

export type Necessity = '必要' | '容缺' | '视情况';

/**
 * A material's necessity. The model keeps `required` and a free-text `condition`: a required
 * material is 必要; an optional one whose condition speaks of 容缺/补交 (or says nothing) may be
 * handed in later (容缺受理); any other optional one depends on the applicant's situation.
 */
export function necessity(m: Pick<Material, 'required' | 'condition'>): Necessity {
  if (m.required) return '必要';
  return m.condition === '' || /容缺|后补|补交|补齐/.test(m.condition) ? '容缺' : '视情况';
}

export function NecessityText({ m }: { m: Pick<Material, 'required' | 'condition'> }) {
  const n = necessity(m);
  return (
    <>
      <span class={`badge sv-need${n === '必要' ? '' : ' warn'}`}>{n}</span>
      {m.condition ? <span class="sv-condition">{m.condition}</span> : null}
    </>
  );
}

/** `/services/items?event=教育` with the value encoded. */
export function itemsHref(filter: Record<string, string>): string {
  const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
  return qs ? `/services/items?${qs}` : '/services/items';
}

export const itemHref = (code: string) => `/services/items/${encodeURIComponent(code)}`;
export const agencyHref = (code: string) => `/agencies/${encodeURIComponent(code)}`;
