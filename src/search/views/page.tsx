import type { ComponentChildren } from 'preact';
import { PublicLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { MAX_QUERY_CHARS } from '../analysis.js';
import type { SearchOutcome } from '../model.js';
import { ActiveFilters, activeFilters, Facets } from './facets.js';
import { SearchForm, SearchTips, type AgencyOption, type SearchFormValues } from './form.js';
import { paramsOf, searchHref } from './links.js';
import { HitList, ResultCount, SampleNote, SearchPager } from './results.js';
import { ServiceItems, type ServiceItemsFound } from './services.js';

/** A refused request: the bilingual message and the problems, field by field. */
export interface SearchProblem {
  readonly zh: string;
  readonly en: string;
  readonly details: readonly string[];
}

export interface SearchPageProps {
  readonly ctx: PageContext;
  readonly agencies: readonly AgencyOption[];
  readonly values: SearchFormValues;
  /** absent when the request was refused (problem) */
  readonly outcome?: SearchOutcome | undefined;
  readonly problem?: SearchProblem | undefined;
  /** the service items (办事服务) that match the query, shown above the records */
  readonly serviceItems?: ServiceItemsFound | undefined;
}

function Problem({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="error-summary" role="alert" aria-labelledby="search-problem-title">
      <h2 id="search-problem-title">{title}</h2>
      {children}
    </div>
  );
}

function Browse() {
  return (
    <p>
      也可以在<a href="/catalogue">政府信息公开目录</a>中按机构、主题、体裁和年份浏览，或查看<a href="/disclosure">政府信息公开</a>栏目。
    </p>
  );
}

/** The results, the active filters and the facets of a query that ran. */
function Results({ outcome, agencies }: { outcome: SearchOutcome; agencies: readonly AgencyOption[] }) {
  const r = outcome.request;
  const params = paramsOf(r);
  const filters = activeFilters(r, (code) => agencies.find((a) => a.code === code)?.name ?? code);
  if (outcome.total === 0) {
    return (
      <>
        <ResultCount outcome={outcome} />
        <ActiveFilters params={params} filters={filters} />
        <p>
          没有找到与“{r.q}”相符的信息。{filters.length > 0 ? '可以取消部分筛选条件，或' : '可以'}换用其他词语、减少检索词后重试。
        </p>
        <SearchTips />
        <Browse />
      </>
    );
  }
  return (
    <div class="search-layout">
      <section class="search-main" aria-labelledby="results-title">
        <h2 id="results-title" class="visually-hidden">
          检索结果
        </h2>
        <ResultCount outcome={outcome} />
        <ActiveFilters params={params} filters={filters} />
        {outcome.hits.length > 0 ? (
          <HitList hits={outcome.hits} />
        ) : (
          <p>
            第 {r.page} 页没有结果。<a href={searchHref(params, { page: String(Math.max(outcome.pages, 1)) })}>回到最后一页</a>
          </p>
        )}
        <SearchPager params={params} page={r.page} pages={outcome.pages} />
        {r.page >= outcome.pages && outcome.total > outcome.pages * r.size ? (
          <p class="muted">只显示前 {outcome.pages} 页结果，请增加检索词或使用筛选条件缩小范围。</p>
        ) : null}
      </section>
      <div class="search-side">
        <Facets outcome={outcome} params={params} filters={filters} />
        <SampleNote outcome={outcome} />
      </div>
    </div>
  );
}

function Outcome({ outcome, agencies }: { outcome: SearchOutcome; agencies: readonly AgencyOption[] }) {
  switch (outcome.error) {
    case 'EMPTY':
      return (
        <>
          <p>请输入要检索的词语。检索范围为本平台主动公开的政府信息，包括标题、文号、正文和附件文字。</p>
          <SearchTips />
          <Browse />
        </>
      );
    case 'TOO_LONG':
      return (
        <>
          <SearchTips />
          <Browse />
        </>
      );
    case 'NO_TERMS':
      return (
        <>
          <p role="status">检索词中没有可以检索的文字（标点和符号不参与检索），请换用其他词语。</p>
          <SearchTips />
        </>
      );
    case null:
      return <Results outcome={outcome} agencies={agencies} />;
  }
}

/** 检索: GET /search, server-rendered; everything works without JavaScript. */
export function SearchPage({ ctx, agencies, values, outcome, problem, serviceItems }: SearchPageProps) {
  return (
    <PublicLayout ctx={ctx} title="检索" crumbs={[{ label: '检索' }]}>
      <h1>检索政府信息</h1>
      {problem ? (
        <Problem title="无法完成检索">
          <p>{problem.zh}</p>
          <ul>
            {problem.details.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
          <p lang="en">{problem.en}</p>
        </Problem>
      ) : null}
      {outcome?.error === 'TOO_LONG' ? (
        <Problem title="检索词过长">
          <p>检索词最多 {MAX_QUERY_CHARS} 个字符，请缩短检索词后重试（检索框中保留了前 {MAX_QUERY_CHARS} 个字符）。</p>
          <p lang="en">The query is too long: use at most {MAX_QUERY_CHARS} characters.</p>
        </Problem>
      ) : null}
      <SearchForm values={values} agencies={agencies} />
      {outcome?.error === null && serviceItems ? <ServiceItems found={serviceItems} /> : null}
      {outcome ? <Outcome outcome={outcome} agencies={agencies} /> : null}
    </PublicLayout>
  );
}
