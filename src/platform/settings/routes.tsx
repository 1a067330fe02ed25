import type { FastifyInstance } from 'fastify';
import { byStaff, requirePermission } from '../auth/guard.js';
import { AppError } from '../errors.js';
import { pageContext, sendPage } from '../http/render.js';
import type { WebContext } from '../http/web-context.js';
import { TextField } from '../views/forms.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import { updateSiteInfo } from './service.js';
import type { SiteInfo } from './store.js';

const FIELDS: { name: keyof SiteInfo; label: string; hint?: string; required?: boolean }[] = [
  { name: 'siteName', label: '网站名称', required: true },
  { name: 'shortName', label: '简称（用于页面标题）', required: true },
  { name: 'governmentCode', label: '本级人民政府的机构代码' },
  { name: 'host', label: '主办单位', hint: '如：主办：岚江市人民政府办公室' },
  { name: 'organizer', label: '承办单位' },
  { name: 'siteCode', label: '政府网站标识码', hint: '由全国政府网站信息报送系统分配' },
  { name: 'icp', label: 'ICP备案编号' },
  { name: 'psb', label: '公安机关备案号' },
  { name: 'contact', label: '网站联系方式' },
  { name: 'address', label: '地址' },
];

function SitePage({ ctx, values, problems }: { ctx: PageContext; values: Partial<Record<keyof SiteInfo, string>>; problems?: readonly string[] }) {
  return (
    <StaffLayout ctx={ctx} title="网站信息">
      <h1>网站信息</h1>
      <p>这些信息显示在每个页面的页头和页脚（网站名称、主办单位、网站标识码、备案编号）。修改记入审计日志。</p>
      {ctx.query.saved === '1' ? (
        <p class="notice" role="status">
          已保存。
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <form method="post" action="/staff/site" class="stack narrow">
        <CsrfField ctx={ctx} />
        {FIELDS.map((f) => (
          <TextField name={f.name} label={f.label} value={values[f.name] ?? ''} {...(f.hint ? { hint: f.hint } : {})} {...(f.required ? { required: true } : {})} />
        ))}
        <button type="submit">保存</button>
      </form>
    </StaffLayout>
  );
}

export function siteRoutes(app: FastifyInstance, web: WebContext): void {
  app.get('/staff/site', { preHandler: requirePermission('site.manage') }, async (request, reply) =>
    sendPage(request, reply, <SitePage ctx={pageContext(web, request, reply)} values={request.site ?? {}} />),
  );

  app.post('/staff/site', { preHandler: requirePermission('site.manage') }, async (request, reply) => {
    const { _csrf: _ignored, ...raw } = (request.body ?? {}) as Record<string, string>;
    try {
      await updateSiteInfo(web, byStaff(request), raw);
      return reply.redirect('/staff/site?saved=1', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      return sendPage(request, reply, <SitePage ctx={pageContext(web, request, reply)} values={raw} problems={e.details ?? [e.zh]} />, 400);
    }
  });
}
