/**
 * 工作考核 on the workbench (assessment.view; scope: the user's agency and those below, a system
 * admin everything — checked again in service.ts) and the 监督保障设置 page (site.manage, audited).
 *   GET  /staff/assessment?year=&agency=                     ranking, chart, roll-up
 *   GET  /staff/assessment/:agencyCode?year=                 one agency, monthly trend
 *   GET  /staff/assessment/:agencyCode/:indicator?year=&month=&scope=subtree   the items behind a figure
 *   GET  /staff/supervision/settings, POST the same          settings and weights
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { byStaff, requirePermission, staffOf } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/model.js';
import { chinaDate } from '../../platform/clock.js';
import { errors } from '../../platform/errors.js';
import type { ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { formFields, parseQuery } from '../../platform/http/validate.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { supervisionSettings, supervisionSettingsSchema } from '../settings.js';
import { INDICATORS, INDICATOR_LABELS, isIndicator } from './model.js';
import { agencyReport, dashboard, drill, saveSettings, yearOf } from './service.js';
import { AgencyPage, DrillPage } from './views/agency.js';
import { DashboardPage } from './views/dashboard.js';
import { SettingsPage, settingsValues, type SettingsValues } from './views/settings.js';

const codeRe = /^[A-Za-z0-9_-]{1,64}$/;
const dashQuery = z.object({
  year: z.string().optional(),
  agency: z.string().regex(codeRe, '单位代码无效 / invalid agency code').optional(),
});
const yearQuery = z.object({ year: z.string().optional() });
const drillQuery = z.object({
  year: z.string().optional(),
  month: z.string().regex(/^(?:[1-9]|1[0-2])$/, '月份应为1至12 / month must be 1–12').optional(),
  scope: z.enum(['subtree', 'own'], { message: 'scope 只能是 subtree 或 own / scope is subtree or own' }).optional(),
});
const codeParams = z.object({ agencyCode: z.string().regex(codeRe) });

const FIELD_LABELS: Readonly<Record<string, string>> = {
  consultationMinDays: '意见征集最短期限（1–365日）',
  messageAnswerWorkingDays: '留言答复期限（1–60个工作日）',
  dueSoonWorkingDays: '提醒提前量（0–20个工作日）',
  digestHour: '每日提醒发送时间（0–23时）',
  interpretationLagWorkingDays: '政策解读同步期限（0–30个工作日）',
  ...Object.fromEntries(INDICATORS.map((k) => [`w_${k}`, `${INDICATOR_LABELS[k]}权重（0–100）`])),
};

/** The form as the settings schema reads it, or the problems (bilingual) that refuse it. */
function settingsInput(values: SettingsValues): { input?: unknown; problems: string[] } {
  const problems: string[] = [];
  const int = (field: string): number => {
    const raw = (values[field] ?? '').trim();
    if (!/^\d{1,3}$/.test(raw)) problems.push(`${field}: 请填写${FIELD_LABELS[field] ?? field}，应为整数 / enter a whole number`);
    return Number(raw);
  };
  const input = {
    consultationMinDays: int('consultationMinDays'),
    messageAnswerWorkingDays: int('messageAnswerWorkingDays'),
    dueSoonWorkingDays: int('dueSoonWorkingDays'),
    digestHour: int('digestHour'),
    interpretationLagWorkingDays: int('interpretationLagWorkingDays'),
    emailDigests: values.emailDigests === '1',
    assessmentWeights: Object.fromEntries(INDICATORS.map((k) => [k, int(`w_${k}`)])),
  };
  if (problems.length > 0) return { problems };
  const parsed = supervisionSettingsSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, sub] = issue.path.map(String);
      const field = top === 'assessmentWeights' && sub ? `w_${sub}` : (top ?? 'input');
      problems.push(
        top === 'assessmentWeights' && !sub ? `weights: 至少一项指标的权重须大于0 / at least one weight must be above 0` : `${field}: ${FIELD_LABELS[field] ?? field}超出允许范围 / out of range`,
      );
    }
    return { problems };
  }
  return { input: parsed.data, problems };
}

export function assessmentStaffRoutes(app: FastifyInstance, web: WebContext, _docs: ApiDocs): void {
  const today = () => chinaDate(web.clock.now());
  const current = () => Number(today().slice(0, 4));

  app.get('/staff/assessment', { preHandler: requirePermission('assessment.view') }, async (request, reply) => {
    const q = parseQuery(dashQuery, request.query);
    const year = yearOf(q.year, today());
    const d = await dashboard(web, staffOf(request), year, q.agency);
    return sendPage(request, reply, <DashboardPage ctx={pageContext(web, request, reply)} d={d} current={current()} />);
  });

  app.get('/staff/assessment/:agencyCode', { preHandler: requirePermission('assessment.view') }, async (request, reply) => {
    const p = codeParams.safeParse(request.params);
    if (!p.success) throw errors.notFound('机构');
    const year = yearOf(parseQuery(yearQuery, request.query).year, today());
    const r = await agencyReport(web, staffOf(request), p.data.agencyCode, year);
    return sendPage(request, reply, <AgencyPage ctx={pageContext(web, request, reply)} r={r} current={current()} />);
  });

  app.get('/staff/assessment/:agencyCode/:indicator', { preHandler: requirePermission('assessment.view') }, async (request, reply) => {
    const p = codeParams.safeParse(request.params);
    const indicator = (request.params as { indicator?: string }).indicator;
    if (!p.success || !isIndicator(indicator)) throw errors.notFound('考核指标');
    const q = parseQuery(drillQuery, request.query);
    const year = yearOf(q.year, today());
    const staff = staffOf(request);
    const d = await drill(web, staff, { code: p.data.agencyCode, indicator, year, month: q.month ? Number(q.month) : null, subtree: q.scope === 'subtree' });
    const may = { records: can(staff, 'record.view'), requests: can(staff, 'request.view'), messages: can(staff, 'participation.view'), inspection: can(staff, 'inspection.view'), services: can(staff, 'service.view') };
    return sendPage(request, reply, <DrillPage ctx={pageContext(web, request, reply)} d={d} may={may} />);
  });

  const showSettings = async (request: FastifyRequest, reply: FastifyReply, values?: SettingsValues, problems?: string[]) =>
    sendPage(
      request,
      reply,
      <SettingsPage ctx={pageContext(web, request, reply)} values={values ?? settingsValues(await supervisionSettings(web.db))} problems={problems} />,
      problems ? 400 : 200,
    );

  app.get('/staff/supervision/settings', { preHandler: requirePermission('site.manage') }, (request, reply) => showSettings(request, reply));

  app.post('/staff/supervision/settings', { preHandler: requirePermission('site.manage') }, async (request, reply) => {
    const values = formFields(request.body);
    const { input, problems } = settingsInput(values);
    if (input === undefined) return showSettings(request, reply, values, problems);
    await saveSettings(web, byStaff(request), input);
    return reply.redirect('/staff/supervision/settings?saved=1', 303);
  });
}
