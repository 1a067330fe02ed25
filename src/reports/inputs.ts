/**
 * What staff write into an annual report: the figures the platform cannot count (table 二's
 * 行政强制 and 行政事业性收费; fees collected outside the platform), overrides of those it does
 * count, and the text sections 一、五、六. Stored per agency, year and scope; every save is audited.
 */
import { z } from 'zod';
import { appendAudit } from '../platform/audit/store.js';
import type { AuditActor } from '../platform/audit/model.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import type { AnnualReportRow } from '../platform/db/schema.js';
import { parseInput } from '../platform/http/validate.js';
import type { Table2 } from './model.js';
import type { DecisionCounts, DocumentCountsByKind } from './store.js';

const count = (label: string) =>
  z
    .union([z.number(), z.string().trim()])
    .transform((v) => (v === '' ? 0 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 100_000_000, `${label}应为非负整数 / ${label} must be a whole number ≥ 0`);

/** A figure the platform counts itself: blank (null) keeps the platform's count, a number overrides it. */
const override = (label: string) =>
  z
    .union([z.number(), z.string().trim(), z.null()])
    .transform((v) => (v === '' || v === null ? null : Number(v)))
    .refine((n) => n === null || (Number.isInteger(n) && n >= 0 && n <= 100_000_000), `${label}应为非负整数，或留空采用平台统计 / ${label} must be a whole number ≥ 0, or blank`)
    .default(null);

/**
 * Table 二 and the fees collected, as the form and the API send them. 第二十条第（一）项 is counted
 * from the catalogue (store.catalogueDocumentCounts), 第二十条第（五）项 行政许可 and （六）项 行政处罚
 * from the 双公示 decisions (store.decisionCounts); staff may override a count they know better.
 * 行政强制 (the platform holds no 强制 decisions) and 行政事业性收费 are entered.
 *
 * Rows saved before licensing and penalties were counted hold a number for them: it parses as an
 * override, so such a report keeps the figure that was typed (and perhaps published).
 */
export const manualSchema = z.object({
  rulesMade: override('规章本年制发件数'),
  rulesRepealed: override('规章本年废止件数'),
  rulesInForce: override('规章现行有效件数'),
  normMade: override('行政规范性文件本年制发件数'),
  normRepealed: override('行政规范性文件本年废止件数'),
  normInForce: override('行政规范性文件现行有效件数'),
  licensing: override('行政许可本年处理决定数量'),
  penalties: override('行政处罚本年处理决定数量'),
  enforcement: count('行政强制本年处理决定数量'),
  // 万元 with at most 4 decimals: 1 yuan is the smallest unit a fee is recorded in.
  feesTenThousandYuan: z
    .union([z.number(), z.string().trim()])
    .transform((v) => (v === '' ? 0 : Number(v)))
    .refine((n) => Number.isFinite(n) && n >= 0 && Math.round(n * 10_000) === n * 10_000, '行政事业性收费金额应为非负数，最多4位小数（单位：万元） / fees in 万元, at most 4 decimals'),
  /** 信息处理费 collected in the year outside the platform's own fee notices (yuan) */
  feesCollectedOutsideYuan: count('平台外收取的信息处理费'),
});
export type ManualFigures = z.infer<typeof manualSchema>;

/** 一、总体情况 has five parts (国办公开办函〔2021〕30号); then 五 and 六. */
export const SECTION_KEYS = ['proactive', 'onRequest', 'management', 'platforms', 'oversight', 'problems', 'other'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_LABELS: Readonly<Record<SectionKey, string>> = {
  proactive: '一、总体情况（一）主动公开',
  onRequest: '一、总体情况（二）依申请公开',
  management: '一、总体情况（三）政府信息管理',
  platforms: '一、总体情况（四）政府信息公开平台建设',
  oversight: '一、总体情况（五）监督保障',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};
export const sectionsSchema = z.object(Object.fromEntries(SECTION_KEYS.map((k) => [k, z.string().trim().max(20_000, '每部分最多20000字 / at most 20,000 characters').default('')])) as Record<SectionKey, z.ZodDefault<z.ZodString>>);
export type Sections = z.infer<typeof sectionsSchema>;

export const EMPTY_MANUAL: ManualFigures = manualSchema.parse({ enforcement: 0, feesTenThousandYuan: 0, feesCollectedOutsideYuan: 0 });

/** Table 二: the platform's counts (catalogue, 双公示 decisions) unless overridden, and the entered figures. */
export function table2Of(m: ManualFigures, counted: DocumentCountsByKind, decisions: DecisionCounts): Table2 {
  return {
    rules: { made: m.rulesMade ?? counted.rules.made, repealed: m.rulesRepealed ?? counted.rules.repealed, inForce: m.rulesInForce ?? counted.rules.inForce },
    normativeDocuments: {
      made: m.normMade ?? counted.normativeDocuments.made,
      repealed: m.normRepealed ?? counted.normativeDocuments.repealed,
      inForce: m.normInForce ?? counted.normativeDocuments.inForce,
    },
    licensing: m.licensing ?? decisions.licensing,
    penalties: m.penalties ?? decisions.penalties,
    enforcement: m.enforcement,
    feesTenThousandYuan: m.feesTenThousandYuan,
  };
}

export interface StoredInputs {
  readonly manual: ManualFigures;
  readonly sections: Partial<Sections>;
  readonly row: AnnualReportRow | undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

export async function loadInputs(db: Executor, agencyId: number, year: number, scope: string): Promise<StoredInputs> {
  const row = await db.selectFrom('annualReport').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).where('scope', '=', scope).executeTakeFirst();
  const manual = manualSchema.safeParse(row ? parseJson(row.manual) : {});
  const sections = sectionsSchema.partial().safeParse(row ? parseJson(row.sections) : {});
  return { manual: manual.success ? manual.data : EMPTY_MANUAL, sections: sections.success ? sections.data : {}, row };
}

/** Saves the entered figures and sections (validated; nothing stored on a bad value), audited. */
export async function saveInputs(
  deps: ServiceDeps,
  by: { actor: AuditActor; ip?: string },
  target: { agencyId: number; agencyCode: string; year: number; scope: string },
  raw: { manual?: unknown; sections?: unknown },
): Promise<StoredInputs> {
  const manual = raw.manual === undefined ? undefined : parseInput(manualSchema, raw.manual);
  const sections = raw.sections === undefined ? undefined : parseInput(sectionsSchema, raw.sections);
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadInputs(tx, target.agencyId, target.year, target.scope);
    const now = deps.clock.now().toISOString();
    const values = {
      manual: JSON.stringify(manual ?? before.manual),
      sections: JSON.stringify(sections ?? before.sections),
      updatedBy: by.actor.login,
      updatedAt: now,
    };
    await tx
      .insertInto('annualReport')
      .values({ agencyId: target.agencyId, year: target.year, scope: target.scope, ...values })
      .onConflict((oc) => oc.columns(['agencyId', 'year', 'scope']).doUpdateSet(values))
      .execute();
    const after = await loadInputs(tx, target.agencyId, target.year, target.scope);
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: target.agencyId,
      action: 'report.inputs',
      objectType: 'annual_report',
      objectId: `${target.agencyCode}/${target.year}/${target.scope}`,
      summary: `填报${target.year}年度政府信息公开工作年度报告${manual ? '数据' : ''}${sections ? '文字部分' : ''}`,
      before: { manual: before.manual, sections: before.sections },
      after: { manual: after.manual, sections: after.sections },
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return after;
  });
}
