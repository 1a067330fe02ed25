import { CATEGORIES, GENRES, TOPICS, VALIDITIES } from '../../catalog/taxonomy.js';
import { SelectField, TextField } from '../../platform/views/forms.js';
import { PAGE_SIZES } from '../model.js';

/** One agency of the filter list, with its depth in the agency tree. */
export interface AgencyOption {
  readonly code: string;
  readonly name: string;
  readonly depth: number;
}

/** The form's fields as strings: the parsed request, or the visitor's raw input after a refusal. */
export type SearchFormValues = Readonly<Record<string, string | undefined>>;

const ADVANCED = ['agency', 'topic', 'category', 'genre', 'validity', 'from', 'to', 'year'] as const;
const options = (values: readonly string[], all: string) => [{ value: '', label: all }, ...values.map((v) => ({ value: v, label: v }))];

/** Whether any advanced filter is set (the advanced part is then shown open). */
export function hasAdvancedFilter(values: SearchFormValues): boolean {
  return ADVANCED.some((k) => (values[k] ?? '') !== '') || (values.sort ?? 'relevance') !== 'relevance' || (values.size ?? '20') !== '20';
}

/** Topics as option groups: each top-level topic with its sub-topics, so "教育" keeps its context. */
function TopicSelect({ value }: { value: string }) {
  return (
    <div class="field">
      <label for="f-topic">主题分类</label>
      <select id="f-topic" name="topic">
        <option value="">全部主题</option>
        {Object.entries(TOPICS).map(([top, subs]) => (
          <optgroup label={top}>
            <option value={top} selected={value === top}>
              {top}（全部）
            </option>
            {subs.map((s) => {
              const v = `${top}\\${s}`;
              return (
                <option value={v} selected={value === v}>
                  {s}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** The search form of /search: the query, and the advanced filters in a disclosure (works without JavaScript). */
export function SearchForm({ values, agencies }: { values: SearchFormValues; agencies: readonly AgencyOption[] }) {
  const v = (k: string) => values[k] ?? '';
  return (
    <form method="get" action="/search" role="search" class="search-form" aria-label="检索政府信息">
      <label for="search-q">检索词</label>
      <div class="search-bar">
        <input id="search-q" name="q" type="search" value={v('q')} aria-describedby="search-q-hint" />
        <button type="submit">检索</button>
      </div>
      <p class="hint" id="search-q-hint">
        可输入标题、正文中的词语或文号；多个词用空格分隔。简体、繁體均可。
      </p>
      {v('year') ? <input type="hidden" name="year" value={v('year')} /> : null}
      <details class="search-advanced" open={hasAdvancedFilter(values)}>
        <summary>高级筛选</summary>
        <fieldset>
          <legend class="visually-hidden">高级筛选</legend>
          <div class="search-fields">
            <div>
              <SelectField
                name="agency"
                label="发布机构"
                value={v('agency')}
                options={[{ value: '', label: '全部机构' }, ...agencies.map((a) => ({ value: a.code, label: `${'\u3000'.repeat(a.depth)}${a.name}` }))]}
              />
              <div class="check">
                {/* Unchecked boxes send nothing: the hidden 0 comes first and a checked box adds 1. */}
                <input type="hidden" name="lower" value="0" />
                <input type="checkbox" id="f-lower" name="lower" value="1" checked={v('lower') !== '0'} />
                <label for="f-lower">包含下级机构</label>
              </div>
            </div>
            <TopicSelect value={v('topic')} />
            <SelectField name="category" label="公开类别" value={v('category')} options={options(CATEGORIES, '全部类别')} />
            <SelectField name="genre" label="体裁" value={v('genre')} options={options(GENRES, '全部体裁')} />
            <SelectField name="validity" label="有效性" value={v('validity')} options={options(VALIDITIES, '不限')} />
            <TextField name="from" label="发布日期自" type="date" value={v('from')} hint="格式 YYYY-MM-DD" />
            <TextField name="to" label="发布日期至" type="date" value={v('to')} hint="格式 YYYY-MM-DD" />
            <SelectField
              name="sort"
              label="排序"
              value={v('sort') || 'relevance'}
              options={[
                { value: 'relevance', label: '按相关度' },
                { value: 'date', label: '按发布日期（新的在前）' },
              ]}
            />
            <SelectField name="size" label="每页条数" value={v('size') || '20'} options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))} />
          </div>
          <button type="submit" class="secondary">
            按条件检索
          </button>
        </fieldset>
      </details>
    </form>
  );
}

/** How to write a query, shown on the empty page and when nothing was found. */
export function SearchTips() {
  return (
    <section class="search-tips" aria-labelledby="search-tips-title">
      <h2 id="search-tips-title">检索技巧</h2>
      <ul>
        <li>多个词用空格分隔，结果须同时包含这些词，如：营商环境 措施</li>
        <li>加引号搜索整句，如："优化营商环境"</li>
        <li>在词语前加“-”排除含有该词的结果，如：营商环境 -方案</li>
        <li>文号的括号写法不限，〔〕、[ ]、（）均可，如：岚政发[2026]3号</li>
        <li>简体、繁體均可检索，检索词最多 200 个字符</li>
      </ul>
    </section>
  );
}
