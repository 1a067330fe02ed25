/**
 * The 办事服务 block of the search page: the first service items on the list that match the query,
 * above the record results, with a link to all of them in the service hall.
 */
import { days, itemHref } from '../../services/views/format.js';

/** One matching item as the page and the API show it. */
export interface ServiceItemMatch {
  readonly code: string;
  readonly name: string;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly promisedDays: number | null;
}

export interface ServiceItemsFound {
  readonly total: number;
  readonly items: readonly ServiceItemMatch[];
  /** the service hall's list of every match, when there are more than shown */
  readonly moreHref: string | null;
}

export function ServiceItems({ found }: { found: ServiceItemsFound }) {
  if (found.items.length === 0) return null;
  return (
    <section class="search-services" aria-labelledby="service-items-title">
      <h2 id="service-items-title">办事服务</h2>
      <ul class="record-list sv-items">
        {found.items.map((i) => (
          <li>
            <a href={itemHref(i.code)}>{i.name}</a>
            <span class="muted">
              {i.agencyName} · 承诺时限 {days(i.promisedDays)}
            </span>
          </li>
        ))}
      </ul>
      {found.moreHref ? (
        <p>
          <a href={found.moreHref}>查看全部 {found.total} 项相关办事事项</a>
        </p>
      ) : null}
    </section>
  );
}
