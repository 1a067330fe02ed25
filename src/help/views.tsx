import type { ComponentChildren } from 'preact';
import { can } from '../platform/auth/model.js';
import { chinaDate } from '../platform/clock.js';
import type { HelpPageRow } from '../platform/db/schema.js';
import { TableWrap, TextArea, TextField } from '../platform/views/forms.js';
import { CsrfField, ErrorSummary, PublicLayout, StaffLayout } from '../platform/views/layout.js';
import type { PageContext } from '../platform/views/page-context.js';

export type HelpFormValues = Partial<Record<'slug' | 'title' | 'summary' | 'bodyHtml' | 'sortOrder', string>>;

const BODY_HINT =
  '以 HTML 编写，页面标题已作为一级标题，正文从 <h2> 开始。允许的标签：p、br、h2、h3、h4、strong、b、em、i、u、ol、ul、li、blockquote、' +
  'table、caption、thead、tbody、tr、th、td、a（仅 http、https、mailto 和站内链接）、dl、dt、dd、sup、sub。' +
  '其他标签、脚本、样式和事件属性在保存时自动删除。不超过 100 KB。';

/** A link to another help page, or plain text when that page does not exist (pages are editable, not fixed). */
function PageLink({ pages, slug, children }: { pages: readonly HelpPageRow[]; slug: string; children: ComponentChildren }) {
  return pages.some((p) => p.slug === slug) ? <a href={`/help/${slug}`}>{children}</a> : <>{children}</>;
}

export function HelpIndexPage({ ctx, pages }: { ctx: PageContext; pages: readonly HelpPageRow[] }) {
  return (
    <PublicLayout ctx={ctx} title="帮助" crumbs={[{ label: '帮助' }]}>
      <h1>帮助中心</h1>
      <p class="lead">
        每个页面顶部的“繁體／简体”链接切换简繁文字，“长者模式”放大字号、提高对比度，使用读屏软件和键盘操作的方法见
        <PageLink pages={pages} slug="accessibility">《无障碍与长者模式》</PageLink>；需要批量获取数据的，见
        <PageLink pages={pages} slug="open-data">《开放数据与订阅》</PageLink>和<a href="/api/docs">数据接口说明</a>。
      </p>
      {pages.length === 0 ? (
        <p>暂无帮助内容。</p>
      ) : (
        <div class="card-grid">
          {pages.map((p) => (
            <section class="card">
              <h2>
                <a href={`/help/${p.slug}`}>{p.title}</a>
              </h2>
              {p.summary ? <p>{p.summary}</p> : null}
            </section>
          ))}
        </div>
      )}
    </PublicLayout>
  );
}

export function HelpArticlePage({ ctx, page, pages }: { ctx: PageContext; page: HelpPageRow; pages: readonly HelpPageRow[] }) {
  const others = pages.filter((p) => p.slug !== page.slug);
  return (
    <PublicLayout ctx={ctx} title={page.title} crumbs={[{ href: '/help', label: '帮助' }, { label: page.title }]}>
      <h1>{page.title}</h1>
      {page.summary ? <p class="lead">{page.summary}</p> : null}
      {/* Sanitised on input (sanitizeRichText), so the stored HTML is shown as is. */}
      <div class="record-body help-body" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      <p class="muted">更新日期：{chinaDate(new Date(page.updatedAt))}</p>
      {ctx.staff && can(ctx.staff, 'help.manage') ? (
        <p>
          <a href={`/staff/help/${page.slug}/edit`}>编辑此页</a>
        </p>
      ) : null}
      {others.length > 0 ? (
        <nav aria-labelledby="more-help">
          <h2 id="more-help">其他帮助</h2>
          <ul>
            {others.map((p) => (
              <li>
                <a href={`/help/${p.slug}`}>{p.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </PublicLayout>
  );
}

export function StaffHelpListPage({ ctx, pages }: { ctx: PageContext; pages: readonly HelpPageRow[] }) {
  return (
    <StaffLayout ctx={ctx} title="帮助中心">
      <h1>帮助中心</h1>
      <p>这些页面是面向公众的使用说明（<a href="/help">公开的帮助中心</a>）。页面地址创建后不可修改；每次修改记入审计日志。</p>
      <p>
        <a href="/staff/help/new">新建帮助页面</a>
      </p>
      <TableWrap label="帮助页面列表">
        <table>
          <thead>
            <tr>
              <th scope="col">排序</th>
              <th scope="col">标题</th>
              <th scope="col">地址</th>
              <th scope="col">最后修改</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr>
                <td>{p.sortOrder}</td>
                <td>
                  <a href={`/help/${p.slug}`}>{p.title}</a>
                </td>
                <td>/help/{p.slug}</td>
                <td>
                  {chinaDate(new Date(p.updatedAt))} {p.updatedBy}
                </td>
                <td>
                  <a href={`/staff/help/${p.slug}/edit`} aria-label={`编辑“${p.title}”`}>
                    编辑
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </StaffLayout>
  );
}

export function HelpFormPage({ ctx, values, problems, slug }: { ctx: PageContext; values: HelpFormValues; problems?: readonly string[]; slug?: string }) {
  const title = slug ? `修改帮助页面：${values.title ?? ''}` : '新建帮助页面';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {ctx.query.saved === '1' ? (
        <p class="notice" role="status">
          已保存，公开页面已更新。
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <form method="post" action={slug ? `/staff/help/${slug}` : '/staff/help'} class="stack">
        <CsrfField ctx={ctx} />
        {slug ? (
          <p>
            页面地址：<a href={`/help/${slug}`}>/help/{slug}</a>（创建后不可修改）
          </p>
        ) : (
          <TextField name="slug" label="页面地址" value={values.slug} required hint="小写字母、数字和连字符，以字母开头，如 request-fees；页面地址为 /help/页面地址，创建后不可修改" />
        )}
        <TextField name="title" label="标题" value={values.title} required hint="2–60 个字" />
        <TextArea name="summary" label="摘要" value={values.summary} rows={3} hint="显示在帮助中心首页，不超过 200 个字" />
        <TextField name="sortOrder" label="排序" type="number" value={values.sortOrder} required hint="数字小的排在前面" />
        <TextArea name="bodyHtml" label="正文（HTML）" value={values.bodyHtml} rows={24} required hint={BODY_HINT} />
        <button type="submit">保存</button>
      </form>
      <p>
        <a href="/staff/help">返回帮助页面列表</a>
      </p>
    </StaffLayout>
  );
}
