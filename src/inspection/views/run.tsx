/**
 * A run without a report yet (queued, running) or that failed: where it stands and why. A done
 * run's address serves the report itself (routes.staff.tsx).
 */
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { SCHEDULER } from '../service.js';
import type { RunSummary, SiteWithAgency } from '../store.js';
import { siteHref, statusLabel, when } from './labels.js';

export function RunPage({ ctx, site, run }: { ctx: PageContext; site: SiteWithAgency; run: RunSummary }) {
  const title = `${site.name} · 检查记录（${statusLabel(run.status)}）`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <p>
        <a href={siteHref(site.id)}>← {site.name}</a>
      </p>
      <h1>{title}</h1>
      <dl class="guide">
        <dt>网址</dt>
        <dd>{site.url}</dd>
        <dt>状态</dt>
        <dd>{statusLabel(run.status)}</dd>
        <dt>发起</dt>
        <dd>{run.requestedBy === SCHEDULER ? '定期检查' : run.requestedBy}</dd>
        <dt>排队时间</dt>
        <dd>{when(run.queuedAt)}</dd>
        <dt>开始时间</dt>
        <dd>{when(run.startedAt)}</dd>
        <dt>结束时间</dt>
        <dd>{when(run.finishedAt)}</dd>
        {run.error ? (
          <>
            <dt>原因</dt>
            <dd>{run.error}</dd>
          </>
        ) : null}
      </dl>
      {run.status === 'failed' ? (
        <p>检查没有完成，没有报告。可在网站页面重新检查。</p>
      ) : (
        <p>
          检查完成后本页即为检查报告，请稍后<a href={`/staff/inspection/runs/${run.id}`}>刷新</a>。
        </p>
      )}
    </StaffLayout>
  );
}
