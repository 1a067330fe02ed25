// 社会评议 of a request: POST /requests/status/:tn/rating, open only to the applicant holding the
// signed access cookie the look-up grants (requests/applicant-access), once per request, and only
// once the request is decided.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCESS_COOKIE } from '../../requests/applicant-access.js';
import { decide, submitOnline } from '../../requests/service.js';
import { SYSTEM } from '../../requests/workflow-support.js';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { makeHierarchy } from '../../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';
import { sampleApplication } from '../../test-support/requests.js';

for (const engine of ENGINES) {
  describe(`社会评议 of a request [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let bureauId = 0;
    let decided = { id: 0, tn: '', code: '' };
    let open = { id: 0, tn: '', code: '' };

    before(async () => {
      t = await createTestApp(engine);
      bureauId = (await makeHierarchy(t.tdb.ctx)).bureau.id;
      const a = await submitOnline(t.tdb.ctx, sampleApplication('city-edu', { title: '2026年招生工作方案' }));
      await decide(t.tdb.ctx, SYSTEM, a.request.id, { outcome: 'disclosed.provided', provided: '见附件。', publicSummary: '2026年招生工作方案', reasons: '' });
      decided = { id: a.request.id, tn: a.request.trackingNumber, code: a.queryCode };
      const b = await submitOnline(t.tdb.ctx, sampleApplication('city-edu', { title: '2026年校车采购合同' }));
      open = { id: b.request.id, tn: b.request.trackingNumber, code: b.queryCode };
    });
    after(async () => t?.close());

    /** A visitor who looked the request up: holds its access cookie and a CSRF token. */
    async function applicant(r: { tn: string; code: string }): Promise<Visitor> {
      const v = new Visitor(t.app);
      await v.get('/requests/track');
      assert.equal((await v.post('/requests/track', { trackingNumber: r.tn, queryCode: r.code })).statusCode, 303);
      assert.ok(v.cookies.has(ACCESS_COOKIE));
      return v;
    }
    const ratingsOf = (objectId: number) =>
      t.tdb.ctx.db.selectFrom('rating').select(['objectType', 'objectId', 'agencyId', 'score', 'comment']).where('objectType', '=', 'request').where('objectId', '=', objectId).execute();

    test('the applicant rates a decided request once: 303 back to the status page, stored against the request and its agency', async () => {
      const v = await applicant(decided);
      const status = await v.get(`/requests/status/${decided.tn}`);
      assert.equal(status.statusCode, 200);
      assert.ok(status.body.includes(`action="/requests/status/${decided.tn}/rating"`), 'the decided request shows the rating form');
      const res = await v.post(`/requests/status/${decided.tn}/rating`, { score: '4', comment: '答复及时' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/requests/status/${decided.tn}?rated=1#rating`);
      assert.deepEqual(await ratingsOf(decided.id), [{ objectType: 'request', objectId: decided.id, agencyId: bureauId, score: 4, comment: '答复及时' }]);
      const back = await v.get(`/requests/status/${decided.tn}?rated=1`);
      assert.ok(back.body.includes('感谢您的评价'));
      assert.ok(back.body.includes('平均 4.0 分（1 人评价，满意率 100.0%）'));
    });

    test('a second rating of the same request is 409, also after a fresh look-up', async () => {
      const same = await applicant(decided);
      const again = await same.post(`/requests/status/${decided.tn}/rating`, { score: '1' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /您已经评价过/);
      assert.equal((await ratingsOf(decided.id)).length, 1);
    });

    test('a request not yet decided cannot be rated: 409', async () => {
      const v = await applicant(open);
      const status = await v.get(`/requests/status/${open.tn}`);
      assert.equal(status.statusCode, 200);
      assert.ok(!status.body.includes('/rating"'), 'no rating form before the decision');
      const res = await v.post(`/requests/status/${open.tn}/rating`, { score: '5' });
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /申请尚未办结，办结后才能评价/);
      assert.equal((await ratingsOf(open.id)).length, 0);
    });

    test('without the access cookie, or with one for another request, the visitor is sent to the look-up form', async () => {
      const stranger = new Visitor(t.app);
      await stranger.get('/requests/track');
      const none = await stranger.post(`/requests/status/${decided.tn}/rating`, { score: '1' });
      assert.equal(none.statusCode, 303);
      assert.equal(none.headers.location, `/requests/track?tn=${decided.tn}`);
      // A genuine cookie for the open request does not open the decided one.
      const other = await applicant(open);
      const borrowed = await other.post(`/requests/status/${decided.tn}/rating`, { score: '1' });
      assert.equal(borrowed.statusCode, 303);
      assert.equal(borrowed.headers.location, `/requests/track?tn=${decided.tn}&expired=1`);
      // An expired cookie is refused the same way.
      const late = await applicant(decided);
      t.tdb.clock.advanceMinutes(31);
      try {
        const expired = await late.post(`/requests/status/${decided.tn}/rating`, { score: '1' });
        assert.equal(expired.statusCode, 303);
        assert.equal(expired.headers.location, `/requests/track?tn=${decided.tn}&expired=1`);
      } finally {
        t.tdb.clock.set('2026-11-26T02:00:00.000Z');
      }
      assert.deepEqual((await ratingsOf(decided.id)).map((r) => r.score), [4]);
    });
  });
}
