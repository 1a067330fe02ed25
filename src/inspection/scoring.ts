/**
 * The verdict of an inspection (国办秘函〔2019〕19号 指标说明; reference §3.1): any single-veto
 * indicator → 不合格 and nothing else is scored; otherwise the deduction indicators are taken off
 * 100, each at most its cap, and a score below the pass mark is 不合格. Pure.
 */
import type { DeductionLine, Finding, ScoreResult, VetoHit } from './model.js';
import type { InspectionRules } from './rules.js';

export interface ScoringInput {
  readonly findings: readonly Finding[];
  /** availability probes of the homepage, when the inspection ran them (`--probe`) */
  readonly probes: { readonly total: number; readonly unreachable: number } | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function vetoes(input: ScoringInput, rules: InspectionRules): { hits: VetoHit[]; notEvaluated: string[] } {
  const hits: VetoHit[] = [];
  const notEvaluated: string[] = [];
  const count = (pred: (f: Finding) => boolean) => input.findings.filter(pred).length;

  // 站点无法访问: share of probes without a response within the timeout (≥ 5% → veto).
  const u = rules.vetoes.unreachable;
  if (input.probes === null || input.probes.total === 0) {
    notEvaluated.push(`站点无法访问：本次检查未做可用性监测（规则：监测期内超过 ${u.timeoutSeconds} 秒无法打开的比例 ≥ ${u.share * 100}%）`);
  } else {
    const share = input.probes.unreachable / input.probes.total;
    if (share >= u.share) {
      hits.push({ indicator: '站点无法访问', detail: `${input.probes.total} 次访问中 ${input.probes.unreachable} 次超过 ${u.timeoutSeconds} 秒无法打开（${round1(share * 100)}%，达到 ${u.share * 100}%）` });
    }
  }

  // 首页不更新: no update within the period; undated homepage information counts as not updated (2015 普查).
  const stale = input.findings.find((f) => f.kind === 'homepage-stale');
  const undated = input.findings.find((f) => f.kind === 'homepage-undated');
  if (stale) hits.push({ indicator: '首页不更新', detail: stale.detail });
  else if (undated && rules.vetoes.homepageStale.undatedCountsAsStale) hits.push({ indicator: '首页不更新', detail: undated.detail });

  // 栏目不更新: three sub-rules, any one is a veto.
  const c = rules.vetoes.columns;
  const staleOf = (type: string) => count((f) => f.kind === 'column-stale' && f.columnType === type);
  const dynamicPlusNotice = staleOf('dynamic') + staleOf('notice');
  const allStale = count((f) => f.kind === 'column-stale');
  const blank = count((f) => f.kind === 'column-blank');
  if (dynamicPlusNotice >= c.staleDynamicPlusNoticeCount) {
    hits.push({ indicator: '栏目不更新', detail: `动态要闻类和通知公告、政策文件类栏目未按期更新共 ${dynamicPlusNotice} 个（达到 ${c.staleDynamicPlusNoticeCount} 个）` });
  }
  if (allStale >= c.longStaleCount) hits.push({ indicator: '栏目不更新', detail: `应更新但长期未更新的栏目 ${allStale} 个（达到 ${c.longStaleCount} 个）` });
  if (blank >= c.blankCount) hits.push({ indicator: '栏目不更新', detail: `空白栏目 ${blank} 个（达到 ${c.blankCount} 个）` });
  return { hits, notEvaluated };
}

function deductions(findings: readonly Finding[], rules: InspectionRules): DeductionLine[] {
  return rules.deductions.map((d) => {
    const n = findings.filter(
      (f) =>
        d.kinds.includes(f.kind) &&
        (d.where === 'any' || (d.where === 'homepage') === f.onHomepage) &&
        (d.columnType === undefined || f.columnType === d.columnType),
    ).length;
    const raw = n * d.perFinding;
    return { id: d.id, label: d.label, findings: n, points: round1(Math.min(raw, d.cap)), capped: raw > d.cap };
  });
}

export function scoreInspection(input: ScoringInput, rules: InspectionRules): ScoreResult {
  const { hits, notEvaluated } = vetoes(input, rules);
  const lines = deductions(input.findings, rules);
  if (hits.length > 0) return { verdict: '不合格', score: null, vetoes: hits, deductions: lines, notEvaluated };
  const score = round1(Math.max(0, 100 - lines.reduce((s, l) => s + l.points, 0)));
  return { verdict: score < rules.passMark ? '不合格' : '合格', score, vetoes: [], deductions: lines, notEvaluated };
}
