/**
 * The 社会评议 panel on a record page, a service-item page and a decided request's status page: the
 * current average and a form of five labelled radio buttons (很不满意 … 很满意) with an optional
 * comment. A plain POST form: works without JavaScript.
 */
import { CsrfField, PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import { COMMENT_MAX, SCORE_LABELS, type RatingSummary } from '../model.js';
import type { RatingPanelData } from '../service.js';

const SCORES = [5, 4, 3, 2, 1] as const;

/** "4.2 分（12 人评价，满意率 83.3%）" or "暂无评价". */
export function summaryText(s: RatingSummary): string {
  if (s.count === 0 || s.mean === null) return '暂无评价';
  const share = s.satisfaction === null ? '' : `，满意率 ${(s.satisfaction * 100).toFixed(1)}%`;
  return `平均 ${s.mean.toFixed(1)} 分（${s.count} 人评价${share}）`;
}

export function RatingPanel({ ctx, panel }: { ctx: PageContext; panel: RatingPanelData }) {
  const id = `rating-${panel.objectType}`;
  return (
    <section class="card rating-panel" id="rating" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{panel.objectType === 'request' ? '评价本次申请办理' : '这条内容对您有帮助吗？'}</h2>
      <p id={`${id}-summary`}>{summaryText(panel.summary)}</p>
      {panel.thanked ? (
        <p class="notice" role="status">
          感谢您的评价！
        </p>
      ) : null}
      <form method="post" action={panel.action} class="stack">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="objectType" value={panel.objectType} />
        <input type="hidden" name="objectRef" value={panel.objectRef} />
        <fieldset>
          <legend>您的评分</legend>
          {SCORES.map((s) => (
            <div class="check">
              <input type="radio" id={`${id}-score-${s}`} name="score" value={String(s)} required />
              <label for={`${id}-score-${s}`}>
                {s} 分 · {SCORE_LABELS[s]}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for={`${id}-comment`}>意见（选填）</label>
          <div class="hint" id={`${id}-comment-hint`}>
            最多{COMMENT_MAX}字。请不要填写电话号码、身份证号码等个人信息。
          </div>
          <textarea id={`${id}-comment`} name="comment" rows={3} maxLength={COMMENT_MAX} aria-describedby={`${id}-comment-hint`}></textarea>
        </div>
        <p>
          <button type="submit">提交评价</button>
        </p>
      </form>
    </section>
  );
}

/** The answer to a refused rating (400, 404, 409, 429): what happened and the way back. */
export function RatingRefusedPage({ ctx, message, back, details }: { ctx: PageContext; message: string; back: string | null; details: readonly string[] }) {
  return (
    <PublicLayout ctx={ctx} title="错误：评价未能提交" crumbs={[{ label: '评价' }]}>
      <h1>评价未能提交</h1>
      <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">{message}</h2>
        {details.length > 0 ? (
          <ul>
            {details.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {back ? (
        <p>
          <a href={back}>返回原页面</a>
        </p>
      ) : null}
    </PublicLayout>
  );
}
