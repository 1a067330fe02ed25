/**
 * One registered website: its settings (a form for inspectors), "inspect now", the trend of its
 * scores and every inspection run with links to the reports. A run in progress is shown as such;
 * the page has no script, so the user reloads it to see the result.
 */
import { TableWrap } from '../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { SCHEDULER, type SiteOptions } from '../service.js';
import type { RunSummary, SiteWithAgency } from '../store.js';
import { TrendChart } from './charts.js';
import { dayOf, formatScore, resultText, runHref, scheduleText, siteHref, statusLabel, when } from './labels.js';
import { SiteFields, type SiteFormValues } from './site-form.js';

/** Which form a refusal belongs to, so its problems show beside it. */
export type SiteForm = 'settings' | 'run' | 'delete';

interface Props {
  readonly ctx: PageContext;
  readonly site: SiteWithAgency;
  readonly options: SiteOptions;
  readonly runs: readonly RunSummary[];
  readonly nextDue: string | null;
  readonly agencies: readonly { code: string; name: string }[];
  readonly mayManage: boolean;
  readonly values: SiteFormValues;
  readonly error?: { form: SiteForm; problems: readonly string[] } | undefined;
  readonly notice?: string | undefined;
}

/** At most this many of the latest finished runs are drawn (the table lists them all). */
const TREND_RUNS = 30;

function Settings({ site, options }: { site: SiteWithAgency; options: SiteOptions }) {
  return (
    <dl class="guide">
      <dt>检查周期</dt>
      <dd>{scheduleText(site.everyDays)}</dd>
      <dt>抓取范围</dt>
      <dd>
        路径 {options.include} 下最多 {options.maxPages} 个页面、链接深度 {options.maxDepth}；{options.checkExternal ? '检查外部链接' : '不检查外部链接'}；
        {options.ignoreRobots ? '不遵守 robots.txt' : '遵守 robots.txt'}
        {options.exclude.length > 0 ? `；排除 ${options.exclude.join('、')}` : ''}
      </dd>
      <dt>请求</dt>
      <dd>
        并发 {options.concurrency}，间隔 {options.delayMs} 毫秒，超时 {options.timeoutSeconds} 秒，重试 {options.retries} 次
      </dd>
    </dl>
  );
}

function History({ runs }: { runs: readonly RunSummary[] }) {
  return (
    <TableWrap label="检查记录">
      <table class="data ins-runs">
        <caption class="visually-hidden">检查记录：时间、状态、结论与得分、抓取页面、单项否决、问题数、发起人和报告</caption>
        <thead>
          <tr>
            <th scope="col">检查时间</th>
            <th scope="col">状态</th>
            <th scope="col">结论</th>
            <th scope="col">抓取页面</th>
            <th scope="col">单项否决</th>
            <th scope="col">问题数</th>
            <th scope="col">发起</th>
            <th scope="col">报告</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr>
              <th scope="row">
                <time dateTime={r.startedAt ?? r.queuedAt}>{when(r.startedAt ?? r.queuedAt)}</time>
              </th>
              <td>{statusLabel(r.status)}</td>
              <td>{r.status === 'done' ? resultText(r) : r.status === 'failed' ? (r.error ?? '—') : '—'}</td>
              <td>{r.pages ?? '—'}</td>
              <td>{r.vetoes ?? '—'}</td>
              <td>{r.findings ?? '—'}</td>
              <td>{r.requestedBy === SCHEDULER ? '定期检查' : r.requestedBy}</td>
              <td>
                {r.status === 'done' ? (
                  <>
                    <a href={runHref(r.id)}>查看报告</a> · <a href={`${runHref(r.id)}/report.json`}>JSON</a>
                  </>
                ) : (
                  <a href={runHref(r.id)}>详情</a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function SitePage({ ctx, site, options, runs, nextDue, agencies, mayManage, values, error, notice }: Props) {
  const active = runs.find((r) => r.status === 'queued' || r.status === 'running');
  const done = runs.filter((r) => r.status === 'done');
  const trend = done
    .slice(0, TREND_RUNS)
    .reverse()
    .map((r) => ({ day: dayOf(r.finishedAt ?? r.queuedAt), score: r.score }));
  const latest = done[0];
  const problems = (form: SiteForm) => (error?.form === form ? error.problems : undefined);
  return (
    <StaffLayout ctx={ctx} title={`${site.name} · 网站检查`}>
      <p>
        <a href="/staff/inspection">← 网站检查</a>
      </p>
      <h1>{site.name}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <dl class="guide">
        <dt>网址</dt>
        <dd>
          <a href={site.url} rel="noopener noreferrer">
            {site.url}
          </a>
        </dd>
        <dt>主办机关</dt>
        <dd>{site.agencyName}</dd>
        <dt>最近一次检查</dt>
        <dd>{latest ? `${dayOf(latest.finishedAt ?? latest.queuedAt)}：${resultText(latest)}` : '尚未检查'}</dd>
        {nextDue ? (
          <>
            <dt>下次自动检查</dt>
            <dd>{when(nextDue)} 以后（定时检查每小时进行一次）</dd>
          </>
        ) : null}
      </dl>
      {active ? (
        <p class="notice warn" role="status">
          {active.status === 'running' ? '正在检查' : '检查已排队'}（{when(active.startedAt ?? active.queuedAt)} 起）。检查完成后<a href={siteHref(site.id)}>刷新本页</a>查看结果。
        </p>
      ) : null}
      {mayManage ? (
        <section aria-labelledby="ins-run">
          <h2 id="ins-run">立即检查</h2>
          <ErrorSummary problems={problems('run')} />
          <form method="post" action={`${siteHref(site.id)}/run`} class="inline-form">
            <CsrfField ctx={ctx} />
            <p class="hint">按下方设置抓取网站并检查，页面多时需要几分钟；检查在后台进行，不必停留在本页。</p>
            <button type="submit">立即检查</button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="ins-trend">
        <h2 id="ins-trend">得分趋势</h2>
        {trend.length === 0 ? (
          <p>还没有完成的检查。</p>
        ) : (
          <figure class="ins-chart">
            <TrendChart points={trend} />
            <figcaption class="hint">
              最近 {trend.length} 次完成的检查{latest && latest.score !== null ? `，最近得分 ${formatScore(latest.score)}` : ''}；“否决”表示该次检查触及单项否决指标，不计分。
            </figcaption>
          </figure>
        )}
      </section>
      <section aria-labelledby="ins-history">
        <h2 id="ins-history">检查记录（{runs.length}）</h2>
        {runs.length === 0 ? <p>没有检查记录。</p> : <History runs={runs} />}
      </section>
      <section aria-labelledby="ins-settings">
        <h2 id="ins-settings">检查设置</h2>
        {mayManage ? (
          <>
            <ErrorSummary problems={problems('settings')} />
            <form method="post" action={siteHref(site.id)} class="stack">
              <CsrfField ctx={ctx} />
              <SiteFields values={values} agencies={agencies} />
              <button type="submit">保存设置</button>
            </form>
          </>
        ) : (
          <Settings site={site} options={options} />
        )}
      </section>
      {mayManage ? (
        <section aria-labelledby="ins-delete">
          <h2 id="ins-delete">删除网站</h2>
          <ErrorSummary problems={problems('delete')} />
          <form method="post" action={`${siteHref(site.id)}/delete`} class="stack">
            <CsrfField ctx={ctx} />
            <div class="check">
              <input type="checkbox" id="f-confirm" name="confirm" value="1" />
              <label for="f-confirm">删除该网站及其全部检查记录和报告（不可恢复）</label>
            </div>
            <button type="submit">删除</button>
          </form>
        </section>
      ) : null}
    </StaffLayout>
  );
}
