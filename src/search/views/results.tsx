import { COUNT_LIMIT, FACET_SAMPLE, type SearchHit, type SearchOutcome } from '../model.js';
import { formatCount, searchHref, topicLabel, type Params } from './links.js';

/** "检索“q”，找到 N 条结果" — or "超过 10,000" when counting stopped. The query is escaped by TSX. */
export function ResultCount({ outcome }: { outcome: SearchOutcome }) {
  const count = outcome.exact ? `找到 ${formatCount(outcome.total)} 条结果` : `找到超过 ${formatCount(COUNT_LIMIT)} 条结果`;
  return (
    <p class="result-count" id="result-count">
      检索“<span class="query-echo">{outcome.request.q}</span>”，{count}
      {outcome.pages > 1 ? `，第 ${outcome.request.page} / ${outcome.pages} 页` : ''}。
    </p>
  );
}

/** One result: the highlighted title (escaped HTML with <mark> from the service), metadata, snippet. */
function Hit({ hit }: { hit: SearchHit }) {
  return (
    <li class="search-hit">
      <h3>
        <a href={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
      </h3>
      <p class="hit-meta">
        <span>发布机构：{hit.agencyName}</span>
        <span>发布日期：{hit.publishedOn}</span>
        {hit.docNumber ? <span>文号：{hit.docNumber}</span> : null}
        <span>主题：{topicLabel(hit.topic)}</span>
        <span>
          体裁/类别：{hit.genre} / {hit.category}
        </span>
        {hit.validity !== '有效' ? (
          <span>
            有效性：<span class="badge warn">{hit.validity}</span>
          </span>
        ) : null}
      </p>
      {hit.snippetHtml ? <p class="hit-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} /> : null}
    </li>
  );
}

export function HitList({ hits }: { hits: readonly SearchHit[] }) {
  return (
    <ol class="search-results" aria-labelledby="result-count">
      {hits.map((h) => (
        <Hit hit={h} />
      ))}
    </ol>
  );
}

/** Facets may count a sample; the page says so. */
export function SampleNote({ outcome }: { outcome: SearchOutcome }) {
  if (!outcome.facetsSampled) return null;
  return <p class="muted small">分类统计仅按最新的 {formatCount(FACET_SAMPLE)} 条结果计算。</p>;
}

/** Page numbers around the current one, with gaps: 1 … 4 5 [6] 7 8 … 20. */
function pageWindow(page: number, pages: number): (number | null)[] {
  const shown = new Set([1, pages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1]! > 1 ? [null, p] : [p]));
}

/**
 * Numbered pages, like the shared Pager but limited to outcome.pages: deep pages are refused
 * (MAX_PAGE), so no link ever leads past the last page the service will answer.
 */
export function SearchPager({ params, page, pages }: { params: Params; page: number; pages: number }) {
  if (pages <= 1) return null;
  const href = (p: number) => searchHref(params, { page: String(p) });
  const prev = Math.min(page - 1, pages);
  return (
    <nav class="pager" aria-label="分页">
      {prev >= 1 ? (
        <a href={href(prev)} rel="prev">
          上一页
        </a>
      ) : null}
      <ul>
        {pageWindow(Math.min(page, pages), pages).map((p) => (
          <li>
            {p === null ? (
              <span aria-hidden="true">…</span>
            ) : p === page ? (
              <span aria-current="page">
                <span class="visually-hidden">第 </span>
                {p}
                <span class="visually-hidden"> 页</span>
              </span>
            ) : (
              <a href={href(p)}>
                <span class="visually-hidden">第 </span>
                {p}
                <span class="visually-hidden"> 页</span>
              </a>
            )}
          </li>
        ))}
      </ul>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          下一页
        </a>
      ) : null}
    </nav>
  );
}
