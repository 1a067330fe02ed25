/**
 * 工作考核 (条例 第四十六条: 政府信息公开工作考核制度、社会评议制度和责任追究制度): the indicators,
 * their arithmetic, the weighting, rounding, ranking and roll-up. Pure, no I/O.
 *
 * Every indicator is a numerator over a denominator of whole numbers, so a figure can always be
 * explained by listing what was counted:
 *   ratio indicators (disclosure, requests, interpretation, messages, services, serviceItems):
 *     score = 100 × on time / counted;
 *   website:    numerator = Σ site scores in tenths of a point, denominator = sites → score = num / (10 × den);
 *   evaluation: numerator = Σ stars, denominator = ratings → score = 20 × num / den (4.5 stars = 90).
 * Arithmetic is exact (fractions of BigInts); only the figure shown is rounded, half up at one decimal.
 */

export const INDICATORS = ['disclosure', 'requests', 'interpretation', 'website', 'messages', 'evaluation', 'services', 'serviceItems'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

export const INDICATOR_LABELS: Readonly<Record<IndicatorKey, string>> = {
  disclosure: '主动公开及时率',
  requests: '依申请按时答复率',
  interpretation: '政策解读同步率',
  website: '网站检查',
  messages: '留言按时答复率',
  evaluation: '社会评议满意度',
  services: '双公示及时率',
  serviceItems: '办事事项更新及时率',
};

/** Where each indicator's rule comes from (shown on the pages, so a score can be checked). */
export const INDICATOR_RULES: Readonly<Record<IndicatorKey, string>> = {
  disclosure: '当期首次发布的主动公开信息中，自形成之日起20个工作日内公开的比例（条例 第二十六条）',
  requests: '当期作出答复的申请中在答复期限内答复的，占当期答复数加期末仍未答复且已超期的申请数的比例（条例 第三十三条）',
  interpretation: '当期首次发布、需要解读的政策文件中，解读材料在政策发布后规定工作日内发布的比例（国办发〔2016〕80号 同步发布）',
  website: '各网站当期最近一次检查的得分平均值，单项否决的计0分（国办秘函〔2019〕19号）',
  messages: '答复期限在当期的留言中按期答复的比例，逾期未答复和逾期答复均计为未按期（条例 第四十七条）',
  evaluation: '当期社会评议的平均星级 × 20（5星为100分）（条例 第四十六条 社会评议）',
  services: '当期作出的行政许可、行政处罚决定中，7个工作日内公示的比例（双公示）',
  serviceItems: '生效或决定日期在当期的办事事项清单变更（新增、调整、取消、合并、下放）中，自变更之日起20个工作日内在平台登记的比例（办事指南属主动公开内容，条例 第二十条（五）、第二十六条）',
};

export const isIndicator = (v: unknown): v is IndicatorKey => typeof v === 'string' && (INDICATORS as readonly string[]).includes(v);

export type Weights = Readonly<Record<IndicatorKey, number>>;

/**
 * Default weights (UNCONFIRMED: no national weighting; a government sets its own in the settings).
 * Weights are relative (the score divides by the sum of the applicable ones), so serviceItems was
 * added at 5 without touching the others: the seven older figures keep their proportions.
 */
export const DEFAULT_WEIGHTS: Weights = Object.freeze({ disclosure: 20, requests: 20, interpretation: 10, website: 15, messages: 15, evaluation: 10, services: 10, serviceItems: 5 });

export interface Counts {
  readonly num: number;
  readonly den: number;
}

/** Figures shown beside the scored ones but not scored. */
export interface Extras {
  /** requests decided in the period per annual-report result group (年报 表三) */
  readonly resultMix: Readonly<Record<string, number>>;
  /** sites whose latest inspection in the period was a single veto */
  readonly vetoes: number;
  /** Σ working days from receipt to answer, and how many answered messages that covers */
  readonly answerDays: number;
  readonly answered: number;
  readonly openCases: number;
  readonly consultations: number;
}

export interface AgencyCounts {
  readonly indicators: Readonly<Record<IndicatorKey, Counts>>;
  readonly extras: Extras;
}

export const ZERO: Counts = Object.freeze({ num: 0, den: 0 });

export function emptyCounts(): AgencyCounts {
  const indicators = Object.fromEntries(INDICATORS.map((k) => [k, ZERO])) as Record<IndicatorKey, Counts>;
  return { indicators, extras: { resultMix: {}, vetoes: 0, answerDays: 0, answered: 0, openCases: 0, consultations: 0 } };
}

// ---------------------------------------------------------------- exact fractions

export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

const frac = (n: bigint | number, d: bigint | number): Fraction => ({ n: BigInt(n), d: BigInt(d) });

/** Half up at `decimals` places, for a non-negative fraction: 72.25 → 72.3, 72.249… → 72.2. */
export function roundHalfUp(f: Fraction, decimals = 1): number {
  if (f.d <= 0n || f.n < 0n) throw new RangeError('roundHalfUp: a non-negative fraction with a positive denominator');
  const scale = 10n ** BigInt(decimals);
  // floor(n × scale / d + 1/2) = floor((2 × n × scale + d) / (2 × d))
  const units = (2n * f.n * scale + f.d) / (2n * f.d);
  return Number(units) / Number(scale);
}

/** The indicator's 0–100 score as an exact fraction; null ("not applicable") when nothing was counted. */
export function indicatorFraction(key: IndicatorKey, c: Counts): Fraction | null {
  if (c.den <= 0) return null;
  if (key === 'website') return frac(c.num, 10 * c.den); // Σ tenths / (10 × sites)
  if (key === 'evaluation') return frac(20 * c.num, c.den); // mean stars × 20
  return frac(100 * c.num, c.den);
}

/** The indicator's score rounded to one decimal, or null when not applicable. */
export function indicatorScore(key: IndicatorKey, c: Counts): number | null {
  const f = indicatorFraction(key, c);
  return f === null ? null : roundHalfUp(f);
}

/** Mean stars of the evaluation indicator, two decimals (4.5). */
export function meanStars(c: Counts): number | null {
  return c.den > 0 ? roundHalfUp(frac(c.num, c.den), 2) : null;
}

/** Mean working days to answer a message, one decimal. */
export function meanAnswerDays(e: Extras): number | null {
  return e.answered > 0 ? roundHalfUp(frac(e.answerDays, e.answered)) : null;
}

// ---------------------------------------------------------------- weighting

/** Validation of a weighting: each 0–100, at least one above 0 (the score divides by Σ weights). */
export function weightProblems(w: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const k of INDICATORS) {
    const v = w[k];
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > 100) problems.push(`weights.${k}: ${INDICATOR_LABELS[k]}的权重应为0至100的整数 / weight must be a whole number 0–100`);
  }
  if (problems.length === 0 && INDICATORS.every((k) => w[k] === 0)) problems.push('weights: 至少一项指标的权重须大于0 / at least one weight must be above 0');
  return problems;
}

export interface Scored {
  readonly indicators: Readonly<Record<IndicatorKey, number | null>>;
  /** Σ(weight × score) / Σ(weight of applicable indicators), half up at one decimal; null when none applies */
  readonly score: number | null;
  /** the weights that took part (applicable indicators with a weight above 0) */
  readonly weightUsed: number;
}

/**
 * The weighted score: indicators that do not apply (nothing counted) drop out together with their
 * weight, so an agency that received no requests is not marked down for it. Computed on the exact
 * indicator fractions, rounded once at the end.
 */
export function weightedScore(counts: AgencyCounts, weights: Weights): Scored {
  let total = frac(0, 1);
  let weightUsed = 0;
  const indicators = {} as Record<IndicatorKey, number | null>;
  for (const k of INDICATORS) {
    const f = indicatorFraction(k, counts.indicators[k]);
    indicators[k] = f === null ? null : roundHalfUp(f);
    const w = weights[k];
    if (f === null || w <= 0) continue;
    weightUsed += w;
    total = { n: total.n * f.d + BigInt(w) * f.n * total.d, d: total.d * f.d };
  }
  const score = weightUsed === 0 ? null : roundHalfUp({ n: total.n, d: total.d * BigInt(weightUsed) });
  return { indicators, score, weightUsed };
}

// ---------------------------------------------------------------- ranking

export interface Rankable {
  readonly name: string;
  readonly score: number | null;
}

/**
 * Standard competition ranking on the rounded score (1, 2, 2, 4): equal shown scores share a rank
 * and are listed by name (code-point order); agencies with no applicable indicator follow, unranked.
 */
export function rank<T extends Rankable>(items: readonly T[]): (T & { rank: number | null })[] {
  const byName = (a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const scored = items.filter((i) => i.score !== null).sort((a, b) => (b.score as number) - (a.score as number) || byName(a, b));
  const unscored = items.filter((i) => i.score === null).sort(byName);
  const out: (T & { rank: number | null })[] = [];
  scored.forEach((item, i) => {
    const prev = out[i - 1];
    out.push({ ...item, rank: prev && prev.score === item.score ? prev.rank : i + 1 });
  });
  return [...out, ...unscored.map((item) => ({ ...item, rank: null }))];
}

// ---------------------------------------------------------------- roll-up

/**
 * A government over the agencies below it: numerators and denominators are summed and the score
 * computed from the sums (not an average of scores). Website and evaluation are sums too, so their
 * roll-up is the mean over all sites and the mean of all ratings.
 */
export function rollUp(parts: readonly AgencyCounts[]): AgencyCounts {
  const indicators = {} as Record<IndicatorKey, Counts>;
  for (const k of INDICATORS) {
    indicators[k] = parts.reduce((s, p) => ({ num: s.num + p.indicators[k].num, den: s.den + p.indicators[k].den }), ZERO);
  }
  const resultMix: Record<string, number> = {};
  for (const p of parts) for (const [g, n] of Object.entries(p.extras.resultMix)) resultMix[g] = (resultMix[g] ?? 0) + n;
  const sum = (f: (e: Extras) => number) => parts.reduce((s, p) => s + f(p.extras), 0);
  return {
    indicators,
    extras: {
      resultMix,
      vetoes: sum((e) => e.vetoes),
      answerDays: sum((e) => e.answerDays),
      answered: sum((e) => e.answered),
      openCases: sum((e) => e.openCases),
      consultations: sum((e) => e.consultations),
    },
  };
}

// ---------------------------------------------------------------- periods

export interface Period {
  readonly from: string;
  readonly to: string;
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export function monthPeriod(year: number, month: number): Period {
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

export const inPeriod = (p: Period, day: string | null | undefined): boolean => typeof day === 'string' && day.slice(0, 10) >= p.from && day.slice(0, 10) <= p.to;

/** The day "open and overdue" is judged on: the period's end, or today if that comes first. */
export const cutoffOf = (p: Period, today: string): string => (today < p.to ? today : p.to);
