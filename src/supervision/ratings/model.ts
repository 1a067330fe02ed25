/**
 * 社会评议 (条例 第四十六条: 社会评议 is one of the ways disclosure work is assessed): a visitor rates
 * the usefulness of a record, a service item or the handling of their request, 1–5, with an
 * optional comment; results roll up per agency. Pure rules, no I/O.
 */
import { z } from 'zod';
import { personalDataIn } from '../messages/model.js';

export const RATING_OBJECTS = ['record', 'service_item', 'request'] as const;
export type RatingObject = (typeof RATING_OBJECTS)[number];
export const RATING_OBJECT_LABELS: Readonly<Record<RatingObject, string>> = { record: '政府信息', service_item: '办事指南', request: '申请办理' };

/** The five levels, labelled as on the form (很不满意 … 很满意). */
export const SCORE_LABELS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = { 1: '很不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '很满意' };
export const COMMENT_MAX = 500;
/** Ratings one address may leave per day (abuse limit, enforced in the service). */
export const DAILY_CAP_PER_IP = 30;

export const ratingInputSchema = z.object({
  objectType: z.enum(RATING_OBJECTS, { message: '评价对象无效 / invalid object' }),
  objectRef: z.string({ message: '评价对象无效 / invalid object' }).trim().min(1, '评价对象无效 / invalid object').max(80, '评价对象无效 / invalid object'),
  score: z.coerce
    .number({ message: '请选择评分 / choose a score' })
    .int('请选择评分 / choose a score')
    .min(1, '请选择1到5分 / choose a score from 1 to 5')
    .max(5, '请选择1到5分 / choose a score from 1 to 5'),
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX, `意见最多${COMMENT_MAX}字 / at most ${COMMENT_MAX} characters`)
    .default('')
    // 个人信息保护法 第十三条: a published comment needs no personal data; refuse rather than store it.
    .refine((v) => personalDataIn(v).length === 0, '意见中请不要填写身份证号码、电话号码、电子邮箱等个人信息 / remove personal data (ID numbers, phone numbers, e-mail addresses) from the comment'),
});
export type RatingInput = z.infer<typeof ratingInputSchema>;

export interface RatingSummary {
  readonly count: number;
  /** mean score, one decimal; null without ratings */
  readonly mean: number | null;
  /** counts of scores 1..5 (index 0 = score 1) */
  readonly distribution: readonly [number, number, number, number, number];
  /** share of 4- and 5-star ratings, 0..1 with three decimals; null without ratings */
  readonly satisfaction: number | null;
}

/** Roll-up of a set of scores: count, mean (one decimal, half up), distribution, 满意率 (4–5 stars). */
export function summarise(scores: readonly number[]): RatingSummary {
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(s, (counts.get(s) ?? 0) + 1);
  return summariseCounts([...counts].map(([score, n]) => ({ score, n })));
}

/** The same roll-up from counts per score (as the store groups them). Scores outside 1–5 are ignored. */
export function summariseCounts(counts: readonly { score: number; n: number }[]): RatingSummary {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let sum = 0;
  let count = 0;
  for (const { score, n } of counts) {
    if (!Number.isInteger(score) || score < 1 || score > 5 || n <= 0) continue;
    distribution[score - 1]! += n;
    sum += score * n;
    count += n;
  }
  if (count === 0) return { count, mean: null, distribution, satisfaction: null };
  // Integer arithmetic first, so 3.25 rounds to 3.3 and not to 3.2 through binary fractions.
  const mean = Math.round((sum * 10) / count) / 10;
  const satisfaction = Math.round(((distribution[3] + distribution[4]) * 1000) / count) / 1000;
  return { count, mean, distribution, satisfaction };
}
