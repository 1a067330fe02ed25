import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy } from '../../test-support/factories.js';
import { DAILY_CAP_PER_IP } from './model.js';
import { agencyRatingSummary, rate, resolveObject } from './service.js';

const status = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
};

for (const engine of ENGINES) {
  describe(`社会评议 service [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(engine);
      const h = await makeHierarchy(tdb.ctx);
      const now = tdb.clock.now().toISOString();
      for (const [code, agencyId] of [
        ['edu-001', h.bureau.id],
        ['edu-002', h.bureau.id],
      ] as const) {
        await tdb.ctx.db.insertInto('serviceItem').values({ code, agencyId, name: code, type: '公共服务', guide: '{}', visits: '', promisedDays: null, createdAt: now, updatedAt: now }).execute();
      }
    });
    after(async () => tdb?.drop());
    const nowIso = () => tdb.clock.now().toISOString();

    test('one rating per visitor per object; personal data in a comment is refused; roll-up per agency', async () => {
      const item1 = await resolveObject(tdb.ctx.db, 'service_item', 'edu-001', nowIso());
      const item2 = await resolveObject(tdb.ctx.db, 'service_item', 'edu-002', nowIso());
      assert.equal(await status(rate(tdb.ctx, item1, { score: '5', comment: '很清楚' }, { visitorHash: 'v1', ipHash: 'ip1' })), 'ok');
      assert.equal(await status(rate(tdb.ctx, item1, { score: '1' }, { visitorHash: 'v1', ipHash: 'ip1' })), '409 CONFLICT');
      assert.equal(await status(rate(tdb.ctx, item1, { score: '6' }, { visitorHash: 'v2', ipHash: 'ip1' })), '400 VALIDATION_FAILED');
      const refused = await rate(tdb.ctx, item1, { score: '2', comment: '请打13800138000' }, { visitorHash: 'v2', ipHash: 'ip1' }).catch((e: unknown) => e);
      assert.ok(refused instanceof AppError && refused.details?.some((d) => d.startsWith('comment: 意见中请不要填写')));
      assert.equal(await status(rate(tdb.ctx, item1, { score: '4' }, { visitorHash: 'v2', ipHash: 'ip1' })), 'ok');
      assert.equal(await status(rate(tdb.ctx, item2, { score: '3' }, { visitorHash: 'v1', ipHash: 'ip1' })), 'ok');
      assert.equal(await status(rate(tdb.ctx, item2, { score: '3' }, { visitorHash: 'v3', ipHash: 'ip1' })), 'ok');
      // scores 5, 4, 3, 3: mean 15 / 4 = 3.75 → 3.8; satisfied 2 of 4
      const s = await agencyRatingSummary(tdb.ctx.db, 'city-edu');
      assert.deepEqual(s.overall, { count: 4, mean: 3.8, distribution: [0, 0, 2, 1, 1], satisfaction: 0.5 });
      assert.equal(s.byObjectType.record.count, 0);
      assert.equal((await agencyRatingSummary(tdb.ctx.db, 'city')).overall.count, 0);
    });

    test(`at most ${DAILY_CAP_PER_IP} ratings per address per day`, async () => {
      const item = await resolveObject(tdb.ctx.db, 'service_item', 'edu-002', nowIso());
      for (let i = 0; i < DAILY_CAP_PER_IP; i++) {
        assert.equal(await status(rate(tdb.ctx, item, { score: '4' }, { visitorHash: `cap-${i}`, ipHash: 'busy' })), 'ok');
      }
      assert.equal(await status(rate(tdb.ctx, item, { score: '4' }, { visitorHash: 'cap-last', ipHash: 'busy' })), '429 RATING_CAP');
      // the next day the address may rate again
      tdb.clock.set('2026-11-27T02:00:00.000Z');
      assert.equal(await status(rate(tdb.ctx, item, { score: '4' }, { visitorHash: 'cap-last', ipHash: 'busy' })), 'ok');
      tdb.clock.set('2026-11-26T02:00:00.000Z');
    });

    test('unknown objects are 404', async () => {
      assert.equal(await status(resolveObject(tdb.ctx.db, 'service_item', 'nope', nowIso())), '404 NOT_FOUND');
      assert.equal(await status(resolveObject(tdb.ctx.db, 'record', '999', nowIso())), '404 NOT_FOUND');
      assert.equal(await status(resolveObject(tdb.ctx.db, 'request', 'YSQ-city-2026-00001', nowIso())), '404 NOT_FOUND');
    });
  });
}
