/**
 * The public 工作考核 summary: GET /assessment?year= (HTML, 繁體 twin through the layout) and
 * GET /api/v1/assessment/{year} (JSON, in the OpenAPI document). Figures only, no personal data.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chinaDate } from '../../platform/clock.js';
import type { ApiDocs } from '../../platform/http/openapi.js';
import { pageContext, sendPage } from '../../platform/http/render.js';
import { parseInput, parseQuery } from '../../platform/http/validate.js';
import type { WebContext } from '../../platform/http/web-context.js';
import { indicatorScore, INDICATORS, meanStars, type IndicatorKey } from './model.js';
import { publicSummary, yearOf, type Ranked } from './service.js';
import { PublicAssessmentPage } from './views/public.js';

// Each answer computes a year of figures: a per-address limit keeps that from being abused.
const LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

const pageQuery = z.object({ year: z.string().optional() });
const apiParams = z.object({ year: z.string().regex(/^\d{4}$/, '年份应为四位数字 / year must be four digits').describe('考核年度 / year') });

const indicatorSchema = z.object({
  numerator: z.number().int().describe('分子：按时数；网站为得分之和（十分之一分），评议为星数之和 / numerator'),
  denominator: z.number().int().describe('分母：计入数、网站数或评议数 / denominator'),
  score: z.number().nullable().describe('0–100，一位小数；null 为不适用 / 0–100, null when not applicable'),
});
const responseSchema = z.object({
  year: z.number().int(),
  weights: z.record(z.string(), z.number()),
  agencies: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      rank: z.number().int().nullable(),
      score: z.number().nullable(),
      indicators: z.record(z.string(), indicatorSchema),
      ratingMean: z.number().nullable(),
      websiteVetoes: z.number().int(),
    }),
  ),
});

function agencyJson(r: Ranked) {
  const indicators = Object.fromEntries(
    INDICATORS.map((k: IndicatorKey) => {
      const c = r.counts.indicators[k];
      return [k, { numerator: c.num, denominator: c.den, score: indicatorScore(k, c) }];
    }),
  );
  return { code: r.agency.code, name: r.agency.name, rank: r.rank, score: r.score, indicators, ratingMean: meanStars(r.counts.indicators.evaluation), websiteVetoes: r.counts.extras.vetoes };
}

export function assessmentPublicRoutes(app: FastifyInstance, web: WebContext, docs: ApiDocs): void {
  const today = () => chinaDate(web.clock.now());

  app.get('/assessment', { config: LIMIT }, async (request, reply) => {
    const year = yearOf(parseQuery(pageQuery, request.query).year, today());
    const a = await publicSummary(web, year);
    return sendPage(request, reply, <PublicAssessmentPage ctx={pageContext(web, request, reply)} a={a} current={Number(today().slice(0, 4))} />);
  });

  docs.describe({
    method: 'get',
    path: '/api/v1/assessment/{year}',
    tag: '工作考核',
    summary: '政务公开工作考核结果 / assessment figures per agency',
    description:
      '条例第四十六条工作考核：各单位当年各项指标的分子、分母和得分（主动公开及时率、依申请按时答复率、政策解读同步率、网站检查、留言按时答复率、社会评议满意度、双公示及时率、办事事项更新及时率），按设置的权重计算的综合得分与名次。综合得分 = Σ（权重 × 指标得分）÷ 适用指标权重之和，一位小数，四舍五入。',
    params: apiParams,
    response: responseSchema,
    errors: [400],
  });
  app.get('/api/v1/assessment/:year', { config: LIMIT }, async (request) => {
    const { year: raw } = parseInput(apiParams, request.params);
    const year = yearOf(raw, today());
    const a = await publicSummary(web, year);
    return { year, weights: a.weights, agencies: a.ranking.map(agencyJson) };
  });
}
