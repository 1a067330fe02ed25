/**
 * The inspection rules as data (data/inspection/rules.json, or a file given with --rules): the
 * single-veto thresholds of 国办秘函〔2019〕19号, the column types and their update periods, and the
 * deduction indicators. Numbers the reference could not confirm are settings, marked so.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FINDING_KINDS, type FindingKind } from './model.js';

const confirmed = z.boolean().default(false);
const positive = z.number().positive();

export const rulesSchema = z.object({
  version: z.literal(1),
  /** 扣分指标 below this → 不合格 (指标说明: 低于60分) */
  passMark: z.number().min(0).max(100).default(60),
  vetoes: z.object({
    // 站点无法访问: ≥15 s without a response counts as unreachable; ≥5% of probes → veto
    unreachable: z.object({ timeoutSeconds: positive, share: z.number().gt(0).max(1), confirmed }),
    // 首页不更新: 2 weeks; 2015 census: information without a date counts as not updated
    homepageStale: z.object({ days: z.number().int().positive(), undatedCountsAsStale: z.boolean(), confirmed }),
    // 栏目不更新: 动态要闻 (2 weeks) + 通知公告政策文件 (6 months) ≥ 5; 应更新但长期未更新 ≥ 10; 空白 ≥ 5
    columns: z.object({ staleDynamicPlusNoticeCount: z.number().int().positive(), longStaleCount: z.number().int().positive(), blankCount: z.number().int().positive(), confirmed }),
  }),
  columnTypes: z
    .array(
      z.object({
        type: z.enum(['dynamic', 'notice', 'personnel-plan']),
        label: z.string().min(1),
        keywords: z.array(z.string().min(1)).min(1),
        maxAgeDays: z.number().int().positive(),
        confirmed,
      }),
    )
    .min(1),
  deductions: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      label: z.string().min(1),
      kinds: z.array(z.enum(FINDING_KINDS as [FindingKind, ...FindingKind[]])).min(1),
      where: z.enum(['homepage', 'other', 'any']).default('any'),
      columnType: z.enum(['dynamic', 'notice', 'personnel-plan']).optional(),
      perFinding: z.number().min(0),
      /** 扣分上限: one indicator never takes off more than its points (指标说明) */
      cap: z.number().min(0),
      confirmed,
    }),
  ),
});
export type InspectionRules = z.infer<typeof rulesSchema>;

export class RulesError extends Error {}

/** Parses a rules document; a bad one is refused with every problem, never half-applied. */
export function parseRules(json: unknown): InspectionRules {
  const r = rulesSchema.safeParse(json);
  if (!r.success) throw new RulesError(`检查规则文件有误 / invalid rules file:\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return r.data;
}

export const DEFAULT_RULES_FILE = new URL('../../data/inspection/rules.json', import.meta.url);

export function loadRules(file: string | URL = DEFAULT_RULES_FILE): InspectionRules {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RulesError(`无法读取检查规则文件 / cannot read the rules file ${String(file)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseRules(json);
}
