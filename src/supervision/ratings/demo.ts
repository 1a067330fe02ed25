import { addCalendarDays } from '../../platform/calendar/model.js';
import { chinaDate } from '../../platform/clock.js';
import type { ServiceDeps } from '../../platform/context.js';
import { sha256Hex } from '../../platform/digest.js';
import { mulberry32 } from '../../platform/random.js';
import * as store from './store.js';

// Mostly content visitors: weighted towards 4 and 5 stars, a few low ones.
const SCORE_TABLE = [5, 5, 5, 4, 4, 4, 4, 3, 3, 2, 1] as const;
const COMMENTS = ['内容清楚，很有帮助', '希望增加办理流程图', '', '', '材料清单很实用', '', '更新不够及时', ''];

/** Demo content for the portal (called by src/seed/supervision.ts); returns how many objects it made. */
export async function seedDemoRatings(deps: ServiceDeps): Promise<number> {
  // A fixed seed: the same demo ratings on every run, no Math.random.
  const next = mulberry32(20261126);
  const { records, items } = await store.demoTargets(deps.db, 12);
  const targets = [...records.map((r) => ({ type: 'record', ...r })), ...items.map((i) => ({ type: 'service_item', ...i }))];
  if (targets.length === 0) return 0;
  const now = deps.clock.now();
  const today = chinaDate(now);
  let count = 0;
  for (let n = 0; n < 40; n++) {
    const target = targets[Math.floor(next() * targets.length)]!;
    const visitor = sha256Hex(`demo-visitor-${n}`);
    if (await store.findRating(deps.db, target.type, target.id, visitor)) continue;
    const daysAgo = Math.floor(next() * 90);
    const day = addCalendarDays(today, -daysAgo);
    const comment = COMMENTS[Math.floor(next() * COMMENTS.length)] ?? '';
    await store.insertRating(deps.db, {
      objectType: target.type,
      objectId: target.id,
      agencyId: target.agencyId,
      score: SCORE_TABLE[Math.floor(next() * SCORE_TABLE.length)]!,
      comment: comment === '' ? null : comment,
      visitorHash: visitor,
      ipHash: sha256Hex(`demo-ip-${n % 17}`),
      createdAt: new Date(Date.parse(`${day}T02:00:00.000Z`)).toISOString(),
      createdOn: day,
    });
    count++;
  }
  return count;
}
