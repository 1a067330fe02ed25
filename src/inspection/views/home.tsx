/**
 * 网站检查 on the workbench: the websites of the agencies in the user's scope ranked by their
 * latest inspection (a single veto ranks a site last, whatever it would have scored), a chart of
 * those scores, and for inspectors the form that registers a site.
 */
import { TableWrap } from '../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { RankedSite } from '../service.js';
import { ScoresChart } from './charts.js';
import { dayOf, formatScore, scheduleText, siteHref, statusLabel } from './labels.js';
import { SiteFields, type SiteFormValues } from './site-form.js';

interface Props {
  readonly ctx: PageContext;
  readonly ranking: readonly RankedSite[];
  readonly agencies: readonly { code: string; name: string }[];
  readonly mayManage: boolean;
  readonly values: SiteFormValues;
  readonly problems?: readonly string[] | undefined;
  readonly notice?: string | undefined;
}

function Verdict({ r }: { r: RankedSite }) {
  if (r.latest === null) return <span class="muted">未检查</span>;
  if (r.latest.score === null) return <strong>不合格（单项否决）</strong>;
  return r.latest.verdict === '合格' ? <span class="badge ok">合格</span> : <strong>不合格</strong>;
}

/** What is going on now, when the last run is not the scored one (queued, running, failed since). */
function Now({ r }: { r: RankedSite }) {
  if (r.last === null || r.last.id === r.latest?.id) return <>—</>;
  return r.last.status === 'failed' ? <span class="badge warn">最近一次检查失败</span> : <>{statusLabel(r.last.status)}</>;
}

export function InspectionHomePage({ ctx, ranking, agencies, mayManage, values, problems, notice }: Props) {
  const title = '网站检查';
  const charted = ranking.filter((r) => r.latest !== null);
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）检查本机关及下级机关的政府网站：抓取网站，检查不可用链接、首页和栏目更新、空白栏目、泄露的个人信息和基本无障碍要求，触及单项否决指标的为不合格，其余按扣分计得分，低于60分为不合格。排名按最近一次检查的得分，单项否决的网站排在最后。
      </p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <section aria-labelledby="ins-ranking">
        <h2 id="ins-ranking">网站排名（{ranking.length} 个网站）</h2>
        {ranking.length === 0 ? (
          <p>您的权限范围内还没有登记网站。</p>
        ) : (
          <TableWrap label="网站排名">
            <table class="data ins-ranking">
              <caption class="visually-hidden">网站排名：名次、网站、主办机关、最近检查日期、结论、得分、问题数、检查周期和当前状态</caption>
              <thead>
                <tr>
                  <th scope="col">名次</th>
                  <th scope="col">网站</th>
                  <th scope="col">主办机关</th>
                  <th scope="col">最近检查</th>
                  <th scope="col">结论</th>
                  <th scope="col">得分</th>
                  <th scope="col">问题数</th>
                  <th scope="col">检查周期</th>
                  <th scope="col">当前</th>
                </tr>
              </thead>
              <tbody>
                {ranking.map((r) => (
                  <tr>
                    <td>{r.rank ?? '—'}</td>
                    <th scope="row">
                      <a href={siteHref(r.site.id)}>{r.site.name}</a>
                    </th>
                    <td>{r.site.agencyName}</td>
                    <td>{r.latest ? <time dateTime={r.latest.finishedAt ?? r.latest.queuedAt}>{dayOf(r.latest.finishedAt ?? r.latest.queuedAt)}</time> : '—'}</td>
                    <td>
                      <Verdict r={r} />
                    </td>
                    <td>{r.latest && r.latest.score !== null ? formatScore(r.latest.score) : '—'}</td>
                    <td>{r.latest?.findings ?? '—'}</td>
                    <td>{scheduleText(r.site.everyDays)}</td>
                    <td>
                      <Now r={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {charted.length > 0 ? (
          <figure class="ins-chart">
            <ScoresChart bars={charted.map((r) => ({ label: r.site.name, score: r.latest?.score ?? null }))} />
            <figcaption class="hint">各网站最近一次检查的得分；单项否决的网站不计分。</figcaption>
          </figure>
        ) : null}
      </section>
      {mayManage ? (
        <section aria-labelledby="ins-register">
          <h2 id="ins-register">登记网站</h2>
          <ErrorSummary problems={problems} />
          <form method="post" action="/staff/inspection/sites" class="stack">
            <CsrfField ctx={ctx} />
            <SiteFields values={values} agencies={agencies} />
            <button type="submit">登记</button>
          </form>
        </section>
      ) : null}
    </StaffLayout>
  );
}
