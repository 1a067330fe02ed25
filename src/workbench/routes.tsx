import type { FastifyInstance } from 'fastify';
import { countAgencies, findAgencyById } from '../agencies/service.js';
import { publicationDelay } from '../catalog/model.js';
import * as catalog from '../catalog/service.js';
import { subtreeIds } from '../platform/hierarchy.js';
import { requirePermission, staffOf } from '../platform/auth/guard.js';
import { can, ROLE_LABELS, type StaffIdentity } from '../platform/auth/model.js';
import { loadCalendar, missingScheduleYears } from '../platform/calendar/service.js';
import { chinaDate } from '../platform/clock.js';
import { pageContext, sendPage } from '../platform/http/render.js';
import type { WebContext } from '../platform/http/web-context.js';
import { StaffLayout } from '../platform/views/layout.js';
import { ReportHomeSection, reportHomeSummary } from '../reports/views/staff/home.js';
import { RequestHomeSection, requestHomeSummary } from '../requests/views/staff/home.js';
import { ResultsHomeSection, resultsHomeSummary, showsResults } from '../services/views/home.js';
import { digestFor } from '../supervision/notify/service.js';
import { DigestHomeSection } from '../supervision/notify/views.js';

interface Summary {
  readonly drafts: number;
  readonly inReview: number;
  readonly publishedSince: number;
  readonly late: readonly { id: number; title: string; workingDays: number; publishedOn: string }[];
}

/** Workflow counts of the staff member's agencies and this year's late publications (条例 第二十六条). */
async function catalogueSummary(web: WebContext, staff: StaffIdentity, today: string): Promise<Summary> {
  const ids = staff.roles.includes('system_admin') ? null : await subtreeIds(web.db, staff.agencyId);
  const counts = await catalog.countByStatus(web.db, ids);
  // This year and last: a late publication stays visible through the annual report season.
  const published = await catalog.publishedSince(web.db, ids, `${Number(today.slice(0, 4)) - 1}-01-01`);
  const cal = await loadCalendar(web.db);
  const late = published
    .map((r) => ({ id: r.id, title: r.title, publishedOn: r.publishedOn ?? '', ...publicationDelay(cal, r.formedOn, r.publishedOn ?? today) }))
    .filter((r) => r.late);
  return { drafts: counts.get('draft') ?? 0, inReview: counts.get('in_review') ?? 0, publishedSince: published.length, late };
}

function CatalogueSummary({ summary }: { summary: Summary }) {
  return (
    <section aria-labelledby="catalogue-summary">
      <h2 id="catalogue-summary">主动公开</h2>
      <p>
        <a href="/staff/records?status=draft">草稿 {summary.drafts} 条</a> · <a href="/staff/records?status=in_review">待审核 {summary.inReview} 条</a> · 本年度及上年度已发布 {summary.publishedSince} 条
      </p>
      {summary.late.length > 0 ? (
        <div class="notice warn">
          <p>
            <strong>本年度及上年度超期发布 {summary.late.length} 条：</strong>条例第二十六条要求自信息形成或变更之日起20个工作日内公开。
          </p>
          <ul>
            {summary.late.slice(0, 10).map((r) => (
              <li>
                <a href={`/staff/records/${r.id}`}>{r.title}</a>（{r.publishedOn}发布，用时 {r.workingDays} 个工作日）
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>本年度及上年度没有超期发布的信息。</p>
      )}
    </section>
  );
}

/** The staff home: who you are, what needs attention, and where to go next. */
export function workbenchRoutes(app: FastifyInstance, web: WebContext): void {
  app.get('/staff', { preHandler: requirePermission('workbench.view') }, async (request, reply) => {
    const staff = staffOf(request);
    const agency = await findAgencyById(web.db, staff.agencyId);
    const today = chinaDate(web.clock.now());
    const missing = missingScheduleYears(await loadCalendar(web.db), today);
    const ctx = pageContext(web, request, reply);
    const page = (
      <StaffLayout ctx={ctx} title="工作台">
        <h1>工作台</h1>
        <p class="lead">
          {staff.displayName}，您好。所属单位：{agency?.name ?? '—'}；角色：{staff.roles.map((r) => ROLE_LABELS[r]).join('、')}。
        </p>
        {missing.length > 0 ? (
          <div class="notice warn" role="status">
            <p>
              <strong>工作日历提醒：</strong>尚未录入 {missing.join('、')} 年的法定节假日安排。涉及这些年份的法定期限暂按周末计算，并标注“暂定”。
            </p>
            {can(staff, 'calendar.manage') ? (
              <p>
                <a href="/staff/calendar">现在录入</a>
              </p>
            ) : (
              <p>请联系系统管理员录入。</p>
            )}
          </div>
        ) : null}
        <DigestHomeSection digest={await digestFor(web.db, staff, today)} />
        {can(staff, 'record.view') ? <CatalogueSummary summary={await catalogueSummary(web, staff, today)} /> : null}
        {can(staff, 'request.view') ? <RequestHomeSection summary={await requestHomeSummary(web.db, web.clock, staff)} canRegister={can(staff, 'request.handle')} /> : null}
        {can(staff, 'report.view') ? <ReportHomeSection summary={await reportHomeSummary(web.db, web.clock, staff)} /> : null}
        {showsResults(staff) ? <ResultsHomeSection summary={await resultsHomeSummary(web.db, web.clock, staff)} /> : null}
        <div class="card-grid">
          <section class="card">
            <h2>机构</h2>
            <p>平台共有 {await countAgencies(web.db)} 个机构。</p>
            <p>
              <a href="/staff/agencies">查看机构与公开指南</a>
            </p>
          </section>
          {can(staff, 'user.manage') ? (
            <section class="card">
              <h2>账号</h2>
              <p>为本单位及下级单位的工作人员开设账号、分配角色、解除锁定。</p>
              <p>
                <a href="/staff/users">管理账号</a>
              </p>
            </section>
          ) : null}
          {can(staff, 'audit.read') ? (
            <section class="card">
              <h2>审计日志</h2>
              <p>查看本单位及下级单位的全部操作记录。</p>
              <p>
                <a href="/staff/audit">查看审计日志</a>
              </p>
            </section>
          ) : null}
          <section class="card">
            <h2>账号安全</h2>
            <p>定期修改密码；离开电脑时请退出登录。</p>
            <p>
              <a href="/staff/account">修改密码</a>
            </p>
          </section>
        </div>
      </StaffLayout>
    );
    return sendPage(request, reply, page);
  });
}
