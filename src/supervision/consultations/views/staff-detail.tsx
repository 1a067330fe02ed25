/**
 * One consultation on the workbench: what stage it is at and the actions that stage allows —
 * edit and publish a draft, withdraw, the moderation queue, adoption decisions after closing, the
 * 采纳情况反馈 and the final policy link.
 */
import type { ComponentChildren } from 'preact';
import type { ConsultationCommentRow } from '../../../platform/db/schema.js';
import { TableWrap } from '../../../platform/views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { ADOPTION_LABELS, ADOPTIONS, COMMENT_STATUS_LABELS, type Adoption, type Article, type CommentStatus } from '../model.js';
import type { StaffConsultation } from '../queries.js';
import { staffHref } from './staff-list.js';

interface Props {
  readonly ctx: PageContext;
  readonly view: StaffConsultation;
  readonly mayManage: boolean;
  readonly notice?: string | undefined;
  readonly problems?: readonly string[] | undefined;
}

const articleLabel = (articles: readonly Article[], no: number | null) => (no === null ? '全文' : (articles.find((a) => a.no === no)?.heading ?? `第${no}条`));

function ActionForm({ ctx, action, children, label }: { ctx: PageContext; action: string; children?: ComponentChildren; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
}

function Moderation({ ctx, view }: { ctx: PageContext; view: StaffConsultation }) {
  const pending = view.comments.filter((c) => c.status === 'pending');
  const base = staffHref(view.row.id);
  return (
    <section aria-labelledby="cs-queue">
      <h2 id="cs-queue">待审核意见（{pending.length}）</h2>
      {pending.length === 0 ? <p>没有待审核的意见。</p> : null}
      {pending.map((c) => (
        <div class="card" id={`comment-${c.id}`}>
          <h3>
            意见 #{c.id} · 针对：{articleLabel(view.articles, c.articleNo)}
          </h3>
          <p class="muted">
            {c.authorName ?? '匿名'}
            {c.contact ? ` · 联系方式（不公开）：${c.contact}` : ''} · {c.submittedAt.slice(0, 10)}
          </p>
          <p class="sv-pre">{c.body}</p>
          <div class="actions">
            <ActionForm ctx={ctx} action={`${base}/comments/${c.id}/moderate`} label={`公开意见 #${c.id}`}>
              <input type="hidden" name="decision" value="approve" />
            </ActionForm>
            <ActionForm ctx={ctx} action={`${base}/comments/${c.id}/moderate`} label={`不予公开意见 #${c.id}`}>
              <input type="hidden" name="decision" value="reject" />
              <label for={`reject-${c.id}`}>不予公开的原因</label>
              <input id={`reject-${c.id}`} name="reason" type="text" />
            </ActionForm>
          </div>
        </div>
      ))}
    </section>
  );
}

function AdoptionForm({ ctx, base, c }: { ctx: PageContext; base: string; c: ConsultationCommentRow }) {
  return (
    <ActionForm ctx={ctx} action={`${base}/comments/${c.id}/adoption`} label="保存">
      <label for={`adoption-${c.id}`}>采纳情况</label>
      <select id={`adoption-${c.id}`} name="adoption">
        {ADOPTIONS.map((a) => (
          <option value={a} selected={c.adoption === a}>
            {ADOPTION_LABELS[a]}
          </option>
        ))}
      </select>
      <label for={`adoption-reason-${c.id}`}>理由</label>
      <input id={`adoption-reason-${c.id}`} name="reason" type="text" value={c.adoptionReason ?? ''} />
    </ActionForm>
  );
}

function Moderated({ ctx, view, mayManage }: { ctx: PageContext; view: StaffConsultation; mayManage: boolean }) {
  const done = view.comments.filter((c) => c.status !== 'pending');
  const deciding = mayManage && view.summary.phase === 'closed';
  const base = staffHref(view.row.id);
  if (done.length === 0) return null;
  return (
    <section aria-labelledby="cs-moderated">
      <h2 id="cs-moderated">已审核的意见</h2>
      {deciding ? <p class="hint">征求意见已截止：请为每条已公开的意见标注采纳情况；未采纳的须说明理由。</p> : null}
      <TableWrap label="已审核的意见">
        <table class="data">
          <caption>已审核的意见（{done.length} 条）</caption>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">针对</th>
              <th scope="col">意见</th>
              <th scope="col">意见人</th>
              <th scope="col">审核</th>
              <th scope="col">采纳情况</th>
            </tr>
          </thead>
          <tbody>
            {done.map((c) => (
              <tr id={`comment-${c.id}`}>
                <td>#{c.id}</td>
                <td>{articleLabel(view.articles, c.articleNo)}</td>
                <td class="sv-pre">{c.body}</td>
                <td>
                  {c.authorName ?? '匿名'}
                  {c.contact ? `（${c.contact}）` : ''}
                </td>
                <td>
                  {COMMENT_STATUS_LABELS[c.status as CommentStatus] ?? c.status}
                  {c.rejectReason ? `：${c.rejectReason}` : ''}
                </td>
                <td>
                  {c.status !== 'approved' ? '—' : deciding ? <AdoptionForm ctx={ctx} base={base} c={c} /> : c.adoption ? `${ADOPTION_LABELS[c.adoption as Adoption]}${c.adoptionReason ? `：${c.adoptionReason}` : ''}` : '未标注'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function AfterClose({ ctx, view, mayManage }: { ctx: PageContext; view: StaffConsultation; mayManage: boolean }) {
  const { phase, counts } = view.summary;
  if (phase !== 'closed' && phase !== 'feedback') return null;
  const base = staffHref(view.row.id);
  return (
    <>
      <section aria-labelledby="cs-feedback">
        <h2 id="cs-feedback">采纳情况反馈</h2>
        <p>
          收到 {counts.received} 条，公开 {counts.approved} 条，未公开 {counts.rejected} 条；采纳 {counts.adopted} 条，部分采纳 {counts.partly} 条，未采纳 {counts.notAdopted} 条，待标注 {counts.undecided} 条，待审核 {counts.pending} 条。
        </p>
        {phase === 'feedback' ? (
          <>
            <p class="muted">已于 {view.row.feedbackPublishedAt?.slice(0, 10)} 公开：</p>
            <p class="sv-pre">{view.row.feedback}</p>
          </>
        ) : mayManage ? (
          <form method="post" action={`${base}/feedback`}>
            <CsrfField ctx={ctx} />
            <div class="field">
              <label for="f-feedback">采纳情况说明</label>
              <textarea id="f-feedback" name="feedback" rows={6}>
                {view.row.feedback ?? ''}
              </textarea>
            </div>
            <button type="submit">公开采纳情况反馈</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="cs-final">
        <h2 id="cs-final">正式文件</h2>
        {view.finalRecord ? (
          <p>
            已关联：<a href={`/records/${view.finalRecord.id}`}>{view.finalRecord.title}</a>（{view.finalRecord.indexNumber}）
          </p>
        ) : (
          <p>尚未关联正式文件。</p>
        )}
        {mayManage ? (
          <ActionForm ctx={ctx} action={`${base}/final-policy`} label="关联正式文件">
            <label for="f-record">正式文件的索引号或编号</label>
            <input id="f-record" name="record" type="text" />
          </ActionForm>
        ) : null}
      </section>
    </>
  );
}

export function StaffConsultationPage({ ctx, view, mayManage, notice, problems }: Props) {
  const { row, summary } = view;
  const base = staffHref(row.id);
  const mayWithdraw = mayManage && ['draft', 'upcoming', 'open', 'closed'].includes(summary.phase);
  return (
    <StaffLayout ctx={ctx} title={row.title}>
      <p>
        <a href="/staff/consultations">← 意见征集</a>
      </p>
      <h1>{row.title}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <p>
        {row.agencyName} · {row.opensOn} 至 {row.closesOn}（{summary.days} 日） · 状态：<strong>{summary.phaseLabel}</strong>
        {row.publishedAt ? (
          <>
            {' '}
            · <a href={summary.url}>公开页面</a>
          </>
        ) : null}
      </p>
      {summary.phase === 'withdrawn' ? <p class="notice warn">已撤回：{row.withdrawnReason}</p> : null}
      {mayManage && summary.phase === 'draft' ? (
        <div class="actions">
          <a class="button" href={`${base}/edit`}>
            修改草稿
          </a>
          <ActionForm ctx={ctx} action={`${base}/publish`} label="发布征求意见" />
        </div>
      ) : null}
      {summary.phase !== 'draft' && summary.phase !== 'withdrawn' ? <Moderation ctx={ctx} view={view} /> : null}
      <Moderated ctx={ctx} view={view} mayManage={mayManage} />
      <AfterClose ctx={ctx} view={view} mayManage={mayManage} />
      <section aria-labelledby="cs-text">
        <h2 id="cs-text">征求意见稿（{view.articles.filter((a) => a.no > 0).length} 条）</h2>
        {row.explanation ? <p class="sv-pre">起草说明：{row.explanation}</p> : null}
        {view.draftRecord ? (
          <p>
            征求意见稿：<a href={`/records/${view.draftRecord.id}`}>{view.draftRecord.title}</a>
          </p>
        ) : null}
        {view.articles.map((a) => (
          <p class="sv-pre">
            {a.heading ? <strong>{a.heading}</strong> : null} {a.text}
          </p>
        ))}
      </section>
      {mayWithdraw ? (
        <section aria-labelledby="cs-withdraw">
          <h2 id="cs-withdraw">撤回</h2>
          <ActionForm ctx={ctx} action={`${base}/withdraw`} label="撤回意见征集">
            <label for="f-withdraw-reason">撤回原因</label>
            <input id="f-withdraw-reason" name="reason" type="text" />
          </ActionForm>
        </section>
      ) : null}
    </StaffLayout>
  );
}
