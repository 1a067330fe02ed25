/**
 * The public look-up form by tracking number + query code, shared by 依申请公开 (/requests/track)
 * and 留言/投诉 (/messages/track): parses the two fields and names each missing one in Chinese and
 * English. What a successful look-up leads to (a cookie and a redirect, or the answer in place)
 * stays with each feature.
 */
import { z } from 'zod';

const lookupBody = z.object({ trackingNumber: z.string().max(200).default(''), queryCode: z.string().max(200).default('') });

export type LookupForm =
  | { readonly ok: true; readonly trackingNumber: string; readonly queryCode: string }
  | { readonly ok: false; readonly trackingNumber: string; readonly problems: Record<string, string[]> };

/**
 * The trimmed tracking number and query code, or the problems by field; `numberMissing` is the
 * feature's own words for a missing number (请填写申请编号 / …). A malformed body counts as empty.
 */
export function parseLookupForm(body: unknown, numberMissing: string): LookupForm {
  const parsed = lookupBody.safeParse(body ?? {});
  const trackingNumber = parsed.success ? parsed.data.trackingNumber.trim() : '';
  const queryCode = parsed.success ? parsed.data.queryCode.trim() : '';
  if (trackingNumber !== '' && queryCode !== '') return { ok: true, trackingNumber, queryCode };
  const problems: Record<string, string[]> = {};
  if (trackingNumber === '') problems.trackingNumber = [numberMissing];
  if (queryCode === '') problems.queryCode = ['请填写查询码 / enter the query code'];
  return { ok: false, trackingNumber, problems };
}
