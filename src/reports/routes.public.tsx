/**
 * GET /api/v1/reports/annual/{agencyCode}/{year}: the annual report's tables as computed from the
 * records, keyed by the template's own labels, with the result of the consistency checks. The
 * figures are aggregates the 条例 makes public (第五十条); no request or applicant is identifiable.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDocs } from '../platform/http/openapi.js';
import { parseInput } from '../platform/http/validate.js';
import type { WebContext } from '../platform/http/web-context.js';
import { reportCsv, reportJson } from './export.js';
import { computeAnnualReport, FIRST_REPORT_YEAR } from './service.js';

const paramsSchema = z.object({
  agencyCode: z.string().min(1).max(60),
  year: z.coerce.number({ message: '年度应为数字 / year must be a number' }).int().min(FIRST_REPORT_YEAR).max(9999),
});
const querySchema = z.object({
  scope: z.enum(['agency', 'consolidated'], { message: 'scope 只能是 agency 或 consolidated / scope is agency or consolidated' }).default('agency'),
  format: z.enum(['json', 'csv'], { message: 'format 只能是 json 或 csv / format is json or csv' }).default('json'),
});

const problemSchema = z.object({ cell: z.string(), expected: z.number(), actual: z.number(), rule: z.string() });
const responseSchema = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  scope: z.enum(['agency', 'consolidated']),
  template: z.string(),
  checks: z.object({ passed: z.boolean(), problems: z.array(problemSchema) }),
  published: z.object({ recordId: z.number(), url: z.string() }).nullable(),
  tables: z.record(z.string(), z.unknown()).describe('以年报模板的行、列标题为键 / keyed by the template’s row and column labels'),
});

export function reportPublicRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  docs.describe({
    method: 'get',
    path: '/api/v1/reports/annual/{agencyCode}/{year}',
    tag: '年度报告',
    summary: '政府信息公开工作年度报告（表二至表四）/ annual report tables',
    description:
      '按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）由平台记录实时计算：表三来自依申请公开办理记录，表四来自行政复议、行政诉讼登记，表二为机关填报数。scope=consolidated 为人民政府汇总本级政府及其部门；format=csv 返回逐格的 CSV。',
    params: paramsSchema,
    query: querySchema,
    response: responseSchema,
    errors: [400, 404],
  });
  app.get('/api/v1/reports/annual/:agencyCode/:year', async (request, reply) => {
    const { agencyCode, year } = parseInput(paramsSchema, request.params);
    const { scope, format } = parseInput(querySchema, request.query);
    const report = await computeAnnualReport(web, agencyCode, year, scope);
    if (format === 'csv') {
      return reply.type('text/csv; charset=utf-8').send(reportCsv(report));
    }
    const published = report.recordId
      ? await web.db.selectFrom('record').select(['id', 'status']).where('id', '=', report.recordId).where('status', '=', 'published').executeTakeFirst()
      : undefined;
    return {
      agency: { code: report.agency.code, name: report.agency.name },
      year,
      scope,
      template: '国办公开办函〔2021〕30号',
      checks: { passed: report.problems.length === 0, problems: report.problems },
      published: published ? { recordId: published.id, url: `/records/${published.id}` } : null,
      tables: reportJson({ agency: report.agency, year, table2: report.table2, table3: report.table3, table4: report.table4 }),
    };
  });
}
