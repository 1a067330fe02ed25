/** 意见征集 for the public: the list (/consultations) and the page after a comment is sent. */
import { Pager, TableWrap } from '../../../platform/views/forms.js';
import { PublicLayout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';
import type { ConsultationSummary } from '../queries.js';

export const LIST_CRUMBS = [{ href: '/participation', label: '互动交流' }, { href: '/consultations', label: '意见征集' }] as const;

interface ListProps {
  readonly ctx: PageContext;
  readonly agencies: readonly { code: string; name: string }[];
  readonly agency: string;
  readonly items: readonly ConsultationSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export function ConsultationListPage({ ctx, agencies, agency, items, total, page, pageSize }: ListProps) {
  return (
    <PublicLayout ctx={ctx} title="意见征集" crumbs={[LIST_CRUMBS[0], { label: '意见征集' }]}>
      <h1>意见征集</h1>
      <p class="lead">政策文件起草过程中向社会公开征求意见。征求意见期间，您可以对全文或某一条提出意见；征求意见结束后，起草机关公布意见采纳情况。</p>
      <form method="get" action="/consultations" class="filters" aria-label="筛选意见征集">
        <label for="cs-agency">发布机关</label>{' '}
        <select id="cs-agency" name="agency">
          <option value="">全部机关</option>
          {agencies.map((a) => (
            <option value={a.code} selected={a.code === agency}>
              {a.name}
            </option>
          ))}
        </select>{' '}
        <button type="submit">筛选</button>
      </form>
      {items.length === 0 ? (
        <p>暂无意见征集。</p>
      ) : (
        <TableWrap label="意见征集列表">
          <table class="data">
            <caption>意见征集（正在征求意见的排在前面），共 {total} 项</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">发布机关</th>
                <th scope="col">征求意见时间</th>
                <th scope="col">状态</th>
                <th scope="col">收到意见</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr>
                  <td>
                    <a href={c.url}>{c.title}</a>
                  </td>
                  <td>{c.agency.name}</td>
                  <td>
                    {c.opensOn} 至 {c.closesOn}
                  </td>
                  <td>{c.phase === 'open' ? <strong>{c.phaseLabel}</strong> : c.phaseLabel}</td>
                  <td>{c.counts.received} 条</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager base="/consultations" query={agency ? { agency } : {}} page={page} pageSize={pageSize} total={total} />
      <p class="muted">
        <a href="/api/v1/consultations">数据接口（JSON）</a>
      </p>
    </PublicLayout>
  );
}

export function CommentThanksPage({ ctx, consultation }: { ctx: PageContext; consultation: { id: number; title: string; url: string } }) {
  return (
    <PublicLayout ctx={ctx} title="意见已提交" crumbs={[...LIST_CRUMBS, { href: consultation.url, label: consultation.title }, { label: '意见已提交' }]}>
      <h1>感谢您提出意见</h1>
      <div class="notice" role="status">
        <p>您对“{consultation.title}”的意见已经收到，工作人员审核后将在本页公开。您留下的联系方式只供工作人员必要时与您联系，不会公开。</p>
      </div>
      <p>
        <a href={consultation.url}>返回征求意见页面</a>
      </p>
    </PublicLayout>
  );
}
