import { beijingTime } from '../../platform/clock.js';
import type { AttachmentRow, RecordEventRow, RecordRow } from '../../platform/db/schema.js';
import { SCAN_RULE_LABELS, type ScanHit } from '../../platform/privacy/scanner.js';
import { Pager, TableWrap, TextArea, TextField } from '../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { STATUS_LABELS, STATUSES, type RecordStatus } from '../model.js';
import { formatSize } from '../present.js';
import { GROUNDS, type Ground } from '../taxonomy.js';

const statusLabel = (s: string) => STATUS_LABELS[s as RecordStatus] ?? s;

export function StaffRecordListPage(props: {
  ctx: PageContext;
  items: readonly (RecordRow & { agencyName: string; late: boolean })[];
  total: number;
  page: number;
  status: string | undefined;
  canCreate: boolean;
}) {
  const { ctx, items, total, page, status, canCreate } = props;
  return (
    <StaffLayout ctx={ctx} title="主动公开信息">
      <h1>主动公开信息</h1>
      {canCreate ? (
        <p>
          <a class="button" href="/staff/records/new">
            新建信息
          </a>
        </p>
      ) : null}
      <form method="get" action="/staff/records" class="filters">
        <label>
          状态{' '}
          <select name="status">
            <option value="">全部</option>
            {STATUSES.map((s) => (
              <option value={s} selected={s === status}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">筛选</button>
      </form>
      <TableWrap label="信息列表">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">机构</th>
              <th scope="col">状态</th>
              <th scope="col">发布日期</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr>
                <td>
                  <a href={`/staff/records/${r.id}`}>{r.title}</a>
                </td>
                <td>{r.agencyName}</td>
                <td>
                  {statusLabel(r.status)}
                  {r.late ? <span class="badge warn">超期发布</span> : null}
                </td>
                <td>{r.publishedOn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pager base="/staff/records" query={status ? { status } : {}} page={page} pageSize={30} total={total} />
    </StaffLayout>
  );
}

function ScanHits({ hits, override }: { hits: readonly ScanHit[]; override: string }) {
  if (hits.length === 0) return <p class="notice">发布前检查：未发现个人信息或涉密标识。</p>;
  return (
    <section class="notice warn" aria-labelledby="scan-title">
      <h2 id="scan-title">发布前检查发现 {hits.length} 处疑似问题</h2>
      <ol>
        {hits.map((h) => (
          <li>
            <strong>{SCAN_RULE_LABELS[h.rule]}</strong>（{h.source}）：…{h.context}…
          </li>
        ))}
      </ol>
      {override ? <p>放行理由：{override}</p> : <p>请编辑修改后重新提交；确需公开的，审核人员须填写放行理由。</p>}
    </section>
  );
}

export interface StaffRecordPageProps {
  readonly ctx: PageContext;
  readonly record: RecordRow;
  readonly agencyName: string;
  readonly events: readonly RecordEventRow[];
  readonly attachments: readonly AttachmentRow[];
  readonly hits: readonly ScanHit[];
  readonly late: { workingDays: number; late: boolean } | null;
  readonly may: { edit: boolean; review: boolean };
  readonly problems?: readonly string[];
}

/** One record in the workbench: its state, scan result, history and the actions open to this user. */
export function StaffRecordPage({ ctx, record: r, agencyName, events, attachments, hits, late, may, problems }: StaffRecordPageProps) {
  const status = r.status as RecordStatus;
  return (
    <StaffLayout ctx={ctx} title={r.title}>
      <h1>{r.title}</h1>
      <p>
        {agencyName} · 索引号 {r.indexNumber} · 状态：<strong>{statusLabel(r.status)}</strong> · 第 {r.version} 版
        {status === 'published' || status === 'withdrawn' ? (
          <>
            {' '}
            · <a href={`/records/${r.id}`}>公开页面</a>
          </>
        ) : null}
      </p>
      {late ? <p class={late.late ? 'notice warn' : 'notice'}>{late.late ? `超期发布：形成后第 ${late.workingDays} 个工作日才发布（条例第二十六条要求20个工作日内）。` : `形成后第 ${late.workingDays} 个工作日发布，符合20个工作日的要求。`}</p> : null}
      {r.reviewComment && status === 'draft' ? <p class="notice warn">退回意见：{r.reviewComment}</p> : null}
      {r.mode !== '主动公开' ? (
        <p class="notice">
          {r.mode}，法定理由：{r.ground ? `${GROUNDS[r.ground as Ground].article} ${GROUNDS[r.ground as Ground].label}` : '—'}；具体理由：{r.groundReason}
          {r.groundApprovedBy ? `（已由 ${r.groundApprovedBy} 确认）` : ''}
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      {status === 'in_review' || (status === 'draft' && r.scanHits !== '[]') ? <ScanHits hits={hits} override={r.scanOverrideReason} /> : null}

      {may.edit && status === 'draft' ? (
        <div class="actions">
          <a class="button" href={`/staff/records/${r.id}/edit`}>
            编辑
          </a>{' '}
          <form method="post" action={`/staff/records/${r.id}/submit`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit">提交审核</button>
          </form>
        </div>
      ) : null}

      {may.review && status === 'in_review' ? (
        <>
          <form method="post" action={`/staff/records/${r.id}/approve`} class="stack narrow">
            <CsrfField ctx={ctx} />
            <h2>审核通过</h2>
            {hits.length > 0 ? <TextArea name="overrideReason" label="放行理由（至少10字，记入审计日志）" rows={3} required /> : null}
            {r.mode !== '主动公开' ? (
              <div class="check">
                <input type="checkbox" id="f-confirmGround" name="confirmGround" value="1" required />
                <label for="f-confirmGround">我已核对，确认上述不主动公开的法定理由成立</label>
              </div>
            ) : (
              <TextField name="publishAt" label="定时发布（北京时间，留空则立即发布）" type="text" hint="格式 2026-12-01 09:00" />
            )}
            <button type="submit">审核通过</button>
          </form>
          <form method="post" action={`/staff/records/${r.id}/return`} class="stack narrow">
            <CsrfField ctx={ctx} />
            <h2>退回修改</h2>
            <TextArea name="comment" label="退回意见" rows={3} required />
            <button type="submit" class="secondary">
              退回
            </button>
          </form>
        </>
      ) : null}

      {may.review && status === 'published' ? (
        <>
          <p>
            <a class="button" href={`/staff/records/${r.id}/revise`}>
              修订（生成新版本）
            </a>
          </p>
          <form method="post" action={`/staff/records/${r.id}/withdraw`} class="stack narrow">
            <CsrfField ctx={ctx} />
            <h2>撤回</h2>
            <TextArea name="reason" label="撤回原因（将在原网址向公众显示）" rows={3} required />
            <button type="submit" class="secondary">
              撤回
            </button>
          </form>
        </>
      ) : null}

      <h2>附件</h2>
      {attachments.length === 0 ? <p>无附件。</p> : null}
      <ul>
        {attachments.map((a) => (
          <li>
            <a href={`/attachments/${a.id}`}>{a.fileName}</a>（{a.kind.toUpperCase()}，{formatSize(a.size)}）<span class="digest">SHA-256 {a.sha256}</span>
          </li>
        ))}
      </ul>
      {may.edit && status === 'draft' ? (
        <form method="post" action={`/staff/records/${r.id}/attachments`} enctype="multipart/form-data" class="stack narrow">
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="f-file">上传附件</label>
            <div class="hint" id="f-file-hint">
              PDF、OFD、DOC/DOCX、XLS/XLSX、PNG、JPEG，单个不超过20 MB；按文件内容识别类型
            </div>
            <input id="f-file" type="file" name="file" required aria-describedby="f-file-hint" />
          </div>
          <button type="submit">上传</button>
        </form>
      ) : null}

      <h2>流转记录</h2>
      <ol>
        {events.map((e) => (
          <li>
            {beijingTime(e.at)} {e.actorLogin}：{e.action}
            {e.comment ? `（${e.comment}）` : ''}
          </li>
        ))}
      </ol>
      <h2>正文</h2>
      <div class="record-body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
    </StaffLayout>
  );
}
