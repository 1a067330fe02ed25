import type { ComponentChildren } from 'preact';
import { can } from '../auth/model.js';
import { samePageWith, type PageContext } from './page-context.js';

export const PUBLIC_NAV = [
  { href: '/disclosure', label: '政府信息公开' },
  { href: '/requests', label: '依申请公开' },
  { href: '/services', label: '办事服务' },
  { href: '/participation', label: '互动交流' },
  { href: '/help', label: '帮助' },
] as const;

interface LayoutProps {
  readonly ctx: PageContext;
  readonly title: string;
  readonly children: ComponentChildren;
  /** Breadcrumb trail below the header; the home link is added automatically. */
  readonly crumbs?: readonly { href?: string; label: string }[];
}

function Document({ ctx, title, children, bodyClass }: { ctx: PageContext; title: string; children: ComponentChildren; bodyClass: string }) {
  return (
    <html lang={ctx.lang} class={ctx.elder ? 'elder' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${ctx.site.shortName}`}</title>
        <link rel="stylesheet" href="/static/site.css" />
        {ctx.site.siteCode ? <meta name="SiteIDCode" content={ctx.site.siteCode} /> : null}
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">跳到主要内容</a>
        {children}
      </body>
    </html>
  );
}

function Toolbar({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="toolbar" aria-label="显示设置与登录">
      <div class="wrap toolbar-inner">
        <span>
          {ctx.lang === 'zh-Hans' ? (
            <a href={samePageWith(ctx, { lang: 'zh-Hant' })} lang="zh-Hant" hrefLang="zh-Hant">繁體</a>
          ) : (
            <a href={samePageWith(ctx, { lang: 'zh-Hans' })} lang="zh-Hans" hrefLang="zh-Hans">简体</a>
          )}
        </span>
        <span>
          {ctx.elder ? (
            <a href={samePageWith(ctx, { elder: '0' })}>标准版</a>
          ) : (
            <a href={samePageWith(ctx, { elder: '1' })}>长者模式（大字、高对比）</a>
          )}
        </span>
        <span>{ctx.staff ? <a href="/staff">工作台（{ctx.staff.displayName}）</a> : <a href="/staff/login">工作人员登录</a>}</span>
      </div>
    </nav>
  );
}

function Breadcrumbs({ crumbs }: { crumbs: readonly { href?: string; label: string }[] }) {
  return (
    <nav aria-label="当前位置" class="crumbs wrap">
      <ol>
        <li>
          <a href="/">首页</a>
        </li>
        {crumbs.map((c) => (
          <li>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

function Footer({ ctx }: { ctx: PageContext }) {
  const s = ctx.site;
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          {s.host} {s.organizer}
        </p>
        {s.address || s.contact ? (
          <p>
            {s.address ? `地址：${s.address}` : ''} {s.contact}
          </p>
        ) : null}
        <p>
          {s.siteCode ? `网站标识码：${s.siteCode}` : ''} {s.icp} {s.psb}
        </p>
        <p>
          <a href="/help">帮助</a> · <a href="/agencies">机构与公开指南</a> · <a href="/api/docs">数据接口</a>
        </p>
      </div>
    </footer>
  );
}

/**
 * The header's search box: a plain GET form, so it works without JavaScript. /search has its own
 * form, and the staff sign-in page (the only /staff page in this frame) has no use for one.
 */
function SiteSearch({ ctx }: { ctx: PageContext }) {
  if (ctx.pathname === '/search' || ctx.pathname.startsWith('/staff')) return null;
  return (
    <form method="get" action="/search" role="search" class="site-search">
      <label for="site-search-q" class="visually-hidden">
        检索政府信息
      </label>
      <input id="site-search-q" name="q" type="search" placeholder="检索政府信息" />
      <button type="submit">检索</button>
    </form>
  );
}

/** The public frame: site name, search box, main navigation, breadcrumbs, footer with site identity. */
export function PublicLayout({ ctx, title, children, crumbs }: LayoutProps) {
  return (
    <Document ctx={ctx} title={title} bodyClass="public">
      <Toolbar ctx={ctx} />
      <header class="site-header">
        <div class="wrap site-header-bar">
          <a class="site-name" href="/">
            {ctx.site.siteName}
          </a>
          <SiteSearch ctx={ctx} />
        </div>
        <nav aria-label="主导航" class="main-nav">
          <ul class="wrap">
            {PUBLIC_NAV.map((n) => (
              <li>
                <a href={n.href} aria-current={ctx.pathname === n.href || ctx.pathname.startsWith(`${n.href}/`) ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {crumbs && crumbs.length > 0 ? <Breadcrumbs crumbs={crumbs} /> : null}
      <main id="main" class="wrap content" tabIndex={-1}>
        {children}
      </main>
      <Footer ctx={ctx} />
    </Document>
  );
}

export const STAFF_NAV = [
  { href: '/staff', label: '工作台', permission: 'workbench.view' },
  { href: '/staff/records', label: '主动公开', permission: 'record.view' },
  { href: '/staff/requests', label: '依申请公开', permission: 'request.view' },
  { href: '/staff/reports', label: '年度报告', permission: 'report.view' },
  { href: '/staff/services', label: '便民服务', permission: 'service.view' },
  { href: '/staff/inspection', label: '网站检查', permission: 'inspection.view' },
  { href: '/staff/consultations', label: '意见征集', permission: 'participation.view' },
  { href: '/staff/messages', label: '留言投诉', permission: 'participation.view' },
  { href: '/staff/assessment', label: '工作考核', permission: 'assessment.view' },
  { href: '/staff/accountability', label: '责任追究', permission: 'accountability.view' },
  { href: '/staff/agencies', label: '机构', permission: 'agency.view' },
  { href: '/staff/users', label: '账号', permission: 'user.manage' },
  { href: '/staff/audit', label: '审计日志', permission: 'audit.read' },
  { href: '/staff/calendar', label: '工作日历', permission: 'calendar.manage' },
  { href: '/staff/help', label: '帮助中心', permission: 'help.manage' },
  { href: '/staff/site', label: '网站信息', permission: 'site.manage' },
  { href: '/staff/requests-settings', label: '依申请设置', permission: 'site.manage' },
  { href: '/staff/supervision/settings', label: '监督设置', permission: 'site.manage' },
] as const;

/** The staff workbench frame; the navigation shows only what this user's roles may open. */
export function StaffLayout({ ctx, title, children }: LayoutProps) {
  return (
    <Document ctx={ctx} title={title} bodyClass="staff">
      <header class="site-header staff-header">
        <div class="wrap staff-header-inner">
          <a class="site-name" href="/staff">
            {ctx.site.shortName} · 工作台
          </a>
          {ctx.staff ? (
            <form method="post" action="/staff/logout" class="inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <span class="who">{ctx.staff.displayName}</span> <a href="/staff/account">修改密码</a>{' '}
              <button type="submit" class="link-button">退出</button>
            </form>
          ) : null}
        </div>
        {ctx.staff ? (
          <nav aria-label="工作台导航" class="main-nav">
            <ul class="wrap">
              {STAFF_NAV.filter((n) => ctx.staff !== null && can(ctx.staff, n.permission)).map((n) => (
                <li>
                  <a href={n.href} aria-current={ctx.pathname === n.href ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
              <li>
                <a href="/">门户首页</a>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" class="wrap content" tabIndex={-1}>
        {children}
      </main>
    </Document>
  );
}

/** Lists validation problems at the top of a form, announced to screen readers. */
export function ErrorSummary({ problems }: { problems: readonly string[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">请修改以下问题</h2>
      <ul>
        {problems.map((p) => (
          <li>{p}</li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}
