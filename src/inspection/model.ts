/**
 * 政府网站检查: what an inspection finds and concludes (国办秘函〔2019〕19号; reference §3.1).
 * Vocabulary and types only; the rules' numbers live in rules.ts, the verdict in scoring.ts.
 */

/** Every kind of finding, with the label the reports show. */
export const FINDING_LABELS = {
  'broken-link': '不可用链接（错链、断链）',
  'missing-image': '图片无法显示',
  'redirect-loop': '重定向循环',
  unreachable: '首页无法访问（监测）',
  'homepage-stale': '首页长期未更新',
  'homepage-undated': '首页信息未注明发布日期',
  'column-stale': '栏目未按期更新',
  'column-blank': '空白栏目',
  'personal-data': '页面泄露个人信息',
  'page-lang': '页面未声明语言（html lang）',
  'page-title': '页面缺少标题',
  'img-alt': '图片缺少替代文字（alt）',
  'form-label': '表单控件缺少标签',
  'axe-violation': '无障碍检测（axe-core）问题',
} as const;
export type FindingKind = keyof typeof FINDING_LABELS;
export const FINDING_KINDS = Object.keys(FINDING_LABELS) as FindingKind[];

/** The column types the indicators name (栏目不更新; reference §3.1 and the 2015 census). */
export type ColumnType = 'dynamic' | 'notice' | 'personnel-plan';

export interface Finding {
  readonly kind: FindingKind;
  /** the broken link, the stale column's page, the page leaking data … */
  readonly url: string;
  /** the page the link was found on (null: the finding is about `url` itself) */
  readonly foundOn: string | null;
  /** HTTP status when one was received (null for network errors and non-HTTP findings) */
  readonly status: number | null;
  readonly detail: string;
  /** true when found on the homepage: the indicators count homepage links apart (首页 / 其他页面) */
  readonly onHomepage: boolean;
  /** column findings: the column's type */
  readonly columnType?: ColumnType | undefined;
}

export type Verdict = '合格' | '不合格';

export interface VetoHit {
  /** the single-veto indicator (站点无法访问, 首页不更新, 栏目不更新) */
  readonly indicator: string;
  readonly detail: string;
}

export interface DeductionLine {
  readonly id: string;
  readonly label: string;
  readonly findings: number;
  /** points taken off, after the indicator's cap */
  readonly points: number;
  readonly capped: boolean;
}

export interface ScoreResult {
  readonly verdict: Verdict;
  /** null when a veto decided the verdict: nothing else is scored (指标说明) */
  readonly score: number | null;
  readonly vetoes: readonly VetoHit[];
  readonly deductions: readonly DeductionLine[];
  /** indicators that could not be judged from this inspection (e.g. no availability probes) */
  readonly notEvaluated: readonly string[];
}
