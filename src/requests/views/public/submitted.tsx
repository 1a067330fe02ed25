/** The page after a successful application: the tracking number, and the query code shown once. */
import { PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { QueryCodeWarning, TrackingCredentials } from '../../../platform/views/credentials.js';

export interface SubmittedData {
  readonly trackingNumber: string;
  readonly queryCode: string;
  readonly agencyName: string;
  readonly title: string;
  readonly receivedOn: string;
  readonly dueOn: string | null;
  readonly dueProvisional: boolean;
  readonly acknowledgementUrl: string | null;
}

export function statusPath(trackingNumber: string): string {
  return `/requests/status/${encodeURIComponent(trackingNumber)}`;
}

export function SubmittedPage({ ctx, data }: { ctx: PageContext; data: SubmittedData }) {
  return (
    <PublicLayout ctx={ctx} title="申请已提交" crumbs={[{ href: '/requests', label: '依申请公开' }, { label: '申请已提交' }]}>
      <h1>申请已提交</h1>
      <div class="notice" role="status">
        <p>
          {data.agencyName}已收到您的政府信息公开申请（网上提交，提交之日即为收到申请之日）。
        </p>
      </div>
      <dl class="guide rq-receipt">
        <TrackingCredentials prefix="rq" numberLabel="申请编号" trackingNumber={data.trackingNumber} queryCode={data.queryCode} />
        <dt>所需信息</dt>
        <dd>{data.title}</dd>
        <dt>收到申请日期</dt>
        <dd>{data.receivedOn}</dd>
        <dt>答复期限</dt>
        <dd>
          {data.dueOn ?? '待定'}
          {data.dueProvisional ? <span class="badge warn">暂定</span> : null}
          <span class="muted">（20个工作日；确需延长的，经批准最长再延长20个工作日，并会书面告知您）</span>
        </dd>
      </dl>
      <QueryCodeWarning prefix="rq" what="凭申请编号和查询码可以随时查看办理进度和答复文书。" />
      <h2>接下来</h2>
      <ul>
        <li>
          <a href={statusPath(data.trackingNumber)}>查看办理进度</a>（本设备30分钟内可直接查看；之后请在<a href={`/requests/track?tn=${encodeURIComponent(data.trackingNumber)}`}>进度查询</a>页输入申请编号和查询码）
        </li>
        {data.acknowledgementUrl ? (
          <li>
            <a href={data.acknowledgementUrl}>查看受理回执</a>
          </li>
        ) : null}
        <li>受理机关如需您补充或更正申请内容，会在7个工作日内一次性告知您（条例 第三十条）。</li>
      </ul>
    </PublicLayout>
  );
}
