import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { byStaff, requirePermission } from '../auth/guard.js';
import { chinaDate } from '../clock.js';
import { AppError, errors } from '../errors.js';
import type { ApiDocs } from '../http/openapi.js';
import { pageContext, sendPage } from '../http/render.js';
import { parseQuery } from '../http/validate.js';
import type { WebContext } from '../http/web-context.js';
import { CsrfField, ErrorSummary, StaffLayout } from '../views/layout.js';
import { TextArea, TextField, TableWrap } from '../views/forms.js';
import type { PageContext } from '../views/page-context.js';
import { addWorkingDays, CalendarScheduleError, explainAddWorkingDays, isIsoDate, type WorkingDayCalendar } from './model.js';
import { enterSchedule, loadCalendar, missingScheduleYears, scheduleFromForm, scheduleSources } from './service.js';

export const workingDaysQuery = z.object({
  from: z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD / from must be a YYYY-MM-DD date').describe('起算日（当日不计入）/ start date, not counted'),
  days: z.coerce.number().int().min(0).max(400).describe('工作日数 / number of working days'),
});

export const workingDaysResult = z.object({
  from: z.string(),
  days: z.number().int(),
  due: z.string().describe('第 N 个工作日 / the N-th working day after `from`'),
  provisional: z.boolean().describe('涉及尚未公布节假日安排的年份，仅按周末计算 / a year without a published schedule was counted on weekends only'),
  provisionalYears: z.array(z.number().int()),
  skipped: z.array(z.object({ date: z.string(), reason: z.string(), text: z.string() })),
});

/** A due date with its reasons, shared by the API and the public calculator. */
export function workingDayAnswer(cal: WorkingDayCalendar, from: string, days: number): z.infer<typeof workingDaysResult> {
  const result = addWorkingDays(cal, from, days);
  const skipped = explainAddWorkingDays(cal, from, days)
    .filter((d) => d.reason !== 'weekday')
    .map((d) => ({ date: d.date, reason: d.reason, text: d.text }));
  return { from, days, due: result.date, provisional: result.provisional, provisionalYears: result.provisionalYears, skipped };
}

interface CalendarPageProps {
  readonly ctx: PageContext;
  readonly years: readonly { year: number; source: 'shipped' | 'entered'; holidays: number; workdays: number }[];
  readonly missing: readonly number[];
  readonly values: Record<string, string>;
  readonly problems?: readonly string[];
}

function CalendarAdminPage({ ctx, years, missing, values, problems }: CalendarPageProps) {
  return (
    <StaffLayout ctx={ctx} title="工作日历">
      <h1>工作日历（法定节假日与调休）</h1>
      {missing.length > 0 ? (
        <p class="notice warn" role="status">
          尚未录入 {missing.join('、')} 年的节假日安排：涉及这些年份的期限暂按周末计算并标注“暂定”。国务院办公厅通常于每年11月公布下一年安排，公布后请及时录入。
        </p>
      ) : null}
      {ctx.query.saved ? (
        <p class="notice" role="status">
          已保存 {ctx.query.saved} 年的安排，相关期限将按新安排重新计算。
        </p>
      ) : null}
      <TableWrap label="已录入的节假日安排">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">年份</th>
              <th scope="col">来源</th>
              <th scope="col">假期</th>
              <th scope="col">调休上班日</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr>
                <td>{y.year}</td>
                <td>{y.source === 'shipped' ? '随系统发布' : '管理员录入'}</td>
                <td>{y.holidays}</td>
                <td>{y.workdays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>录入或更正一年的安排</h2>
      <ErrorSummary problems={problems} />
      <form method="post" action="/staff/calendar" class="stack">
        <CsrfField ctx={ctx} />
        <TextField name="year" label="年份" type="number" value={values.year} required />
        <TextField name="source" label="依据（通知名称和日期）" value={values.source} required hint="如：国务院办公厅关于2027年部分节假日安排的通知（2026-11-xx）" />
        <TextArea name="holidays" label="放假安排（每行一个：名称,开始日期,结束日期）" value={values.holidays} required rows={8} hint="例：春节,2027-02-06,2027-02-13" />
        <TextArea name="workdays" label="调休上班日（周六或周日，用空格或逗号分隔）" value={values.workdays} rows={3} hint="例：2027-02-14 2027-02-20" />
        <button type="submit">保存</button>
      </form>
    </StaffLayout>
  );
}

const scheduleForm = z.object({
  year: z.string().regex(/^\d{4}$/, '年份应为4位数字 / year must have 4 digits'),
  source: z.string().trim().min(4, '请填写依据 / source required').max(200),
  holidays: z.string().max(5000),
  workdays: z.string().max(2000).default(''),
});

export function calendarRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  docs.describe({
    method: 'get',
    path: '/api/v1/calendar/working-days',
    tag: '工作日',
    summary: '计算第 N 个工作日并说明跳过的节假日 / the N-th working day after a date, with the skipped days explained',
    query: workingDaysQuery,
    response: workingDaysResult,
    errors: [400],
  });
  app.get('/api/v1/calendar/working-days', async (request) => {
    const q = parseQuery(workingDaysQuery, request.query);
    return workingDayAnswer(await loadCalendar(web.db), q.from, q.days);
  });

  const render = async (ctx: PageContext, values: Record<string, string>, problems?: readonly string[]) => {
    const cal = await loadCalendar(web.db);
    const sources = await scheduleSources(web.db);
    const years = cal.years().map((year) => {
      const info = cal.schedule(year);
      return { year, source: sources.get(year) ?? 'shipped', holidays: info?.holidays.length ?? 0, workdays: info?.workdays.length ?? 0 };
    });
    const missing = missingScheduleYears(cal, chinaDate(web.clock.now()));
    return <CalendarAdminPage ctx={ctx} years={years} missing={missing} values={values} {...(problems ? { problems } : {})} />;
  };

  app.get('/staff/calendar', { preHandler: requirePermission('calendar.manage') }, async (request, reply) => {
    const nextYear = String(Number(chinaDate(web.clock.now()).slice(0, 4)) + 1);
    return sendPage(request, reply, await render(pageContext(web, request, reply), { year: nextYear }));
  });

  app.post('/staff/calendar', { preHandler: requirePermission('calendar.manage') }, async (request, reply) => {
    const raw = (request.body ?? {}) as Record<string, string>;
    try {
      const form = parseQuery(scheduleForm, raw);
      let schedule;
      try {
        schedule = scheduleFromForm(form);
      } catch (e) {
        if (e instanceof CalendarScheduleError) throw errors.validation(e.problems);
        throw e;
      }
      await enterSchedule(web, byStaff(request), schedule);
      return reply.redirect(`/staff/calendar?saved=${schedule.year}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      return sendPage(request, reply, await render(pageContext(web, request, reply), raw, e.details ?? [e.zh]), 400);
    }
  });
}
