/** The digest on the workbench (full page and the home's short version) and as an HTML e-mail. */
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { Digest } from './model.js';

function Sections({ digest, limit, baseUrl = '', headingLevel }: { digest: Digest; limit: number; baseUrl?: string; headingLevel: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {digest.sections.map((s) => (
        <section aria-labelledby={`digest-${s.group}`}>
          <H id={`digest-${s.group}`}>
            {s.label}（{s.items.length} 项）
          </H>
          <ul>
            {s.items.slice(0, limit).map((i) => (
              <li>
                <a href={`${baseUrl}${i.href}`}>{i.text}</a>
              </li>
            ))}
          </ul>
          {s.items.length > limit ? (
            <p>
              <a href={`${baseUrl}${s.href}`}>查看全部 {s.items.length} 项</a>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function NotificationsPage({ ctx, digest, today, email }: { ctx: PageContext; digest: Digest; today: string; email: string }) {
  const title = '待办提醒';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        截至 {today}，需要您处理的事项共 {digest.total} 项：即将到期和已逾期的依申请公开、待答复和已逾期的留言、待审核的意见和待处理的问题线索，按您的角色和所在单位列出。
      </p>
      <p class="hint">{email ? `每天的待办提醒也会发送到您的邮箱 ${email}。` : '您的账号未登记电子邮箱，待办提醒只在工作台显示；可请单位管理员在账号设置中登记。'}</p>
      {digest.total === 0 ? <p>目前没有需要您处理的事项。</p> : <Sections digest={digest} limit={100} headingLevel={2} />}
    </StaffLayout>
  );
}

/** The workbench home's short version: counts per group and the first few items. */
export function DigestHomeSection({ digest }: { digest: Digest }) {
  return (
    <section aria-labelledby="digest-home" class="digest-home">
      <h2 id="digest-home">待办提醒</h2>
      {digest.total === 0 ? (
        <p>目前没有需要您处理的事项。</p>
      ) : (
        <div class="notice warn">
          <p>
            <strong>需要您处理的事项共 {digest.total} 项：</strong>
            {digest.sections.map((s) => `${s.label} ${s.items.length} 项`).join('；')}。
          </p>
          <Sections digest={digest} limit={3} headingLevel={3} />
        </div>
      )}
      <p>
        <a href="/staff/notifications">查看全部待办提醒</a>
      </p>
    </section>
  );
}

export function DigestEmail({ name, today, digest, baseUrl }: { name: string; today: string; digest: Digest; baseUrl: string }) {
  return (
    <html lang="zh-Hans">
      <head>
        <meta charSet="utf-8" />
        <title>待办提醒</title>
      </head>
      <body>
        <p>{name}，您好：</p>
        <p>
          截至{today}，以下事项需要您处理（共{digest.total}项）：
        </p>
        <Sections digest={digest} limit={20} baseUrl={baseUrl} headingLevel={2} />
        <p>
          <a href={`${baseUrl}/staff/notifications`}>在工作台查看</a>
        </p>
        <p>本邮件由政府信息公开平台自动发送，请勿回复。</p>
      </body>
    </html>
  );
}
