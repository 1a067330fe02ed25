/**
 * One consultation for the public (/consultations/:id): the draft with its articles (each with a
 * link to comment on it), the counts, the published comments (masked names, never a contact), the
 * 采纳情况反馈 once published, the final policy, and the comment form while the window is open.
 */
import { TableWrap } from '../../../platform/views/forms.js';
import { CsrfField, PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import type { Article } from '../model.js';
import type { PublicConsultation } from '../queries.js';
import { LIST_CRUMBS } from './public-list.js';

export interface CommentForm {
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly string[];
}

const articleLabel = (articles: readonly Article[], no: number | null) => (no === null ? '全文' : (articles.find((a) => a.no === no)?.heading ?? `第${no}条`));

function Draft({ c }: { c: PublicConsultation }) {
  const open = c.phase === 'open';
  return (
    <section aria-labelledby="cs-draft">
      <h2 id="cs-draft">征求意见稿</h2>
      {c.articles.map((a) =>
        a.no === 0 ? (
          <div>
            {a.heading ? <h3>{a.heading}</h3> : null}
            {a.text ? <p class="sv-pre">{a.text}</p> : null}
          </div>
        ) : (
          <div id={`article-${a.no}`}>
            <p class="sv-pre">
              <strong>{a.heading}</strong> {a.text}
            </p>
            {open ? (
              <p class="small">
                <a href={`${c.url}?article=${a.no}#comment-form`}>
                  对本条提意见<span class="visually-hidden">（{a.heading}）</span>
                </a>
              </p>
            ) : null}
          </div>
        ),
      )}
    </section>
  );
}

function Counts({ c }: { c: PublicConsultation }) {
  return (
    <section aria-labelledby="cs-counts">
      <h2 id="cs-counts">意见情况</h2>
      <TableWrap label="意见数量">
        <table class="data">
          <caption>收到的意见（全部计入）</caption>
          <tbody>
            <tr>
              <th scope="row">收到意见</th>
              <td>{c.counts.received} 条</td>
            </tr>
            <tr>
              <th scope="row">已公开</th>
              <td>{c.counts.approved} 条</td>
            </tr>
            <tr>
              <th scope="row">未公开</th>
              <td>{c.counts.rejected} 条</td>
            </tr>
            <tr>
              <th scope="row">待审核</th>
              <td>{c.counts.pending} 条</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      {c.rejections.length > 0 ? (
        <>
          <p>未公开的原因：</p>
          <ul>
            {c.rejections.map((r) => (
              <li>
                {r.reason}（{r.count} 条）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Feedback({ c }: { c: PublicConsultation }) {
  if (c.feedback === null) return null;
  return (
    <section aria-labelledby="cs-feedback">
      <h2 id="cs-feedback">采纳情况反馈</h2>
      <p class="muted">{c.feedbackPublishedOn} 公布</p>
      <TableWrap label="意见采纳情况">
        <table class="data">
          <caption>意见采纳情况</caption>
          <thead>
            <tr>
              <th scope="col">收到意见</th>
              <th scope="col">公开</th>
              <th scope="col">未公开</th>
              <th scope="col">采纳</th>
              <th scope="col">部分采纳</th>
              <th scope="col">未采纳</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{c.counts.received}</td>
              <td>{c.counts.approved}</td>
              <td>{c.counts.rejected}</td>
              <td>{c.counts.adopted}</td>
              <td>{c.counts.partly}</td>
              <td>{c.counts.notAdopted}</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <p class="sv-pre">{c.feedback}</p>
    </section>
  );
}

function Comments({ c }: { c: PublicConsultation }) {
  return (
    <section aria-labelledby="cs-comments">
      <h2 id="cs-comments">公开的意见</h2>
      {c.comments.length === 0 ? <p>暂无公开的意见。</p> : null}
      <ol class="record-list">
        {c.comments.map((m) => (
          <li id={`comment-${m.id}`}>
            <span class="muted">
              {m.author} · {m.submittedOn} · 针对：{articleLabel(c.articles, m.article)}
            </span>
            <p class="sv-pre">{m.body}</p>
            {m.adoptionLabel ? (
              <p>
                <strong>{m.adoptionLabel}</strong>
                {m.adoptionReason ? `：${m.adoptionReason}` : null}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function FormSection({ ctx, c, form }: { ctx: PageContext; c: PublicConsultation; form: CommentForm }) {
  if (c.phase !== 'open') {
    const why = c.phase === 'upcoming' ? `征求意见将于 ${c.opensOn} 开始。` : c.phase === 'withdrawn' ? '本次征求意见已撤回。' : '本次征求意见已经截止。';
    return (
      <section aria-labelledby="comment-form">
        <h2 id="comment-form" tabIndex={-1}>提出意见</h2>
        <p>{why}</p>
      </section>
    );
  }
  const v = form.values;
  return (
    <section aria-labelledby="comment-form">
      <h2 id="comment-form" tabIndex={-1}>提出意见</h2>
      {form.problems.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="cs-problems-title">
          <h3 id="cs-problems-title">意见未能提交，请修改以下问题</h3>
          <ul>
            {form.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`${c.url}/comments`} class="rq-form">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="f-article">针对</label>
          <select id="f-article" name="article">
            <option value="">全文</option>
            {c.articles
              .filter((a) => a.no > 0)
              .map((a) => (
                <option value={String(a.no)} selected={v.article === String(a.no)}>
                  {a.heading}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="f-body">
            意见内容<span aria-hidden="true"> *</span>
          </label>
          <div class="hint" id="f-body-hint">
            5 至 2000 字。审核后公开；请勿填写身份证号、电话等个人信息。
          </div>
          <textarea id="f-body" name="body" rows={6} required aria-describedby="f-body-hint">
            {v.body ?? ''}
          </textarea>
        </div>
        <div class="field">
          <label for="f-name">姓名（选填）</label>
          <div class="hint" id="f-name-hint">
            不填写即为匿名；公开时姓名部分隐去。
          </div>
          <input id="f-name" name="name" type="text" value={v.name ?? ''} autoComplete="name" aria-describedby="f-name-hint" />
        </div>
        <div class="field">
          <label for="f-contact">联系方式（选填）</label>
          <div class="hint" id="f-contact-hint">
            电话或电子邮箱，仅供工作人员必要时联系您，不会公开。
          </div>
          <input id="f-contact" name="contact" type="text" value={v.contact ?? ''} aria-describedby="f-contact-hint" />
        </div>
        <button type="submit">提交意见</button>
      </form>
    </section>
  );
}

export function ConsultationPage({ ctx, c, form }: { ctx: PageContext; c: PublicConsultation; form: CommentForm }) {
  return (
    <PublicLayout ctx={ctx} title={c.title} crumbs={[...LIST_CRUMBS, { label: c.title }]}>
      <h1>{c.title}</h1>
      <p class="lead">
        {c.agency.name} · 征求意见时间：{c.opensOn} 至 {c.closesOn}（共 {c.days} 日） · 状态：<strong>{c.phaseLabel}</strong>
      </p>
      {c.withdrawnReason !== null ? (
        <div class="notice warn" role="status">
          <p>本次征求意见已撤回。撤回原因：{c.withdrawnReason}</p>
        </div>
      ) : null}
      {c.finalRecord ? (
        <p class="notice">
          正式文件：<a href={`/records/${c.finalRecord.id}`}>{c.finalRecord.title}</a>
        </p>
      ) : null}
      {c.explanation ? (
        <section aria-labelledby="cs-explanation">
          <h2 id="cs-explanation">起草说明</h2>
          <p class="sv-pre">{c.explanation}</p>
        </section>
      ) : null}
      {c.draftRecord ? (
        <p>
          征求意见稿（政府信息公开目录）：<a href={`/records/${c.draftRecord.id}`}>{c.draftRecord.title}</a>
        </p>
      ) : null}
      <Draft c={c} />
      <Feedback c={c} />
      <Counts c={c} />
      <Comments c={c} />
      <FormSection ctx={ctx} c={c} form={form} />
      <p class="muted">
        <a href={`/api/v1/consultations/${c.id}`}>JSON</a>
      </p>
    </PublicLayout>
  );
}
