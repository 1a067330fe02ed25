/**
 * 工作考核 on real databases (both engines): fixture rows for 2026 in the test hierarchy, then the
 * exact indicator figures, weighted scores, ranking, roll-up and monthly trend — every expected
 * number worked out by hand below (today is 2026-11-26; 2026 calendar: no holiday in March or
 * June 1–18, so working days there are Monday–Friday).
 *
 *   March 2026:  Mo 2 9 16 23 30 · Tu 3 10 17 24 31 · … · Fr 6 13 20 27
 *   (2026-03-02, 2026-03-30] = 20 working days (on time, 第二十六条 allows 20); to 03-31 = 21 (late).
 *   (2026-03-02, 2026-03-11] = 7 working days (双公示 on time); to 03-12 = 8 (late).
 *
 *   办事事项更新 (serviceItems, weight 5) across 劳动节 (regulations.md §4: 05-01 Fri – 05-05 Tue off,
 *   05-09 Sat 调休上班). 2026-04-28 is a Tuesday (04-04 is a Saturday, + 24 days). Counting (04-28, x]:
 *     Apr 29 Wed, 30 Thu                 →  2
 *     May 1–5 holiday; May 6, 7, 8       →  5
 *     May 9 (Sat, 调休上班)               →  6
 *     May 11–15                          → 11
 *     May 18–22                          → 16
 *     May 25, 26, 27, 28                 → 20   (to 05-28: on time, 第二十六条 allows 20)
 *     May 29                             → 21   (to 05-29: late)
 *   The recorded day is created_at as a Beijing date: 2026-05-28T16:30Z is 05-29 in Beijing (late),
 *   although its UTC date 05-28 would have been on time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffIdentity } from '../../platform/auth/model.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy, makeUser } from '../../test-support/factories.js';
import { agencyReport, dashboard, drill, publicSummary, saveSettings } from './service.js';
import { SYSTEM_ACTOR } from '../../platform/audit/model.js';
import { putSetting } from '../../platform/settings/store.js';
import { supervisionSettings } from '../settings.js';
import { decision, itemChange, message, rating, record, request, run, serviceItem, site, T } from './fixtures/rows.js';

for (const engine of ENGINES) {
  describe(`工作考核 figures [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let admin: StaffIdentity;
    let districtSupervisor: StaffIdentity;
    let oversight: StaffIdentity;

    before(async () => {
      tdb = await createTestDatabase(engine);
      const db = tdb.ctx.db;
      const h = await makeHierarchy(tdb.ctx);
      admin = await makeUser(tdb.ctx, { login: 'xtgly', agencyId: h.otherCity.id, roles: ['system_admin'] });
      districtSupervisor = await makeUser(tdb.ctx, { login: 'jd.d1', agencyId: h.district.id, roles: ['supervisor'] });
      oversight = await makeUser(tdb.ctx, { login: 'rd.city', agencyId: h.city.id, roles: ['oversight'] });

      // ---- city (测试市人民政府)
      const city = h.city.id;
      await record(db, city, 'R1 按时', '2026-03-02', '2026-03-30'); // 20 wd: on time
      await record(db, city, 'R2 超期', '2026-03-02', '2026-03-31'); // 21 wd: late
      const policy = await record(db, city, 'R3 需解读的政策', '2026-06-01', '2026-06-02', { needsInterpretation: 1 }); // 1 wd: on time
      await record(db, city, 'I1 解读', '2026-06-05', '2026-06-05', { interpretsId: policy }); // 0 wd: on time; 06-05 = 3 wd after 06-02: in sync
      await record(db, city, 'R4 草稿', '2026-03-02', null, { status: 'draft' }); // not published: not counted
      await record(db, city, 'R5 去年', '2025-03-02', '2025-03-03'); // 2025: not counted
      // disclosure 3/4 = 75; interpretation 1/1 = 100
      await request(db, city, { state: 'closed', dueOn: '2026-03-12', closedOn: '2026-03-10', outcome: 'disclosed.provided' }); // on time
      await request(db, city, { state: 'closed', dueOn: '2026-03-16', closedOn: '2026-03-20', outcome: 'withheld.state-secret' }); // late
      await request(db, city, { state: 'received', dueOn: '2026-11-20' }); // open, overdue on 11-26: late
      await request(db, city, { state: 'received', dueOn: '2026-12-10' }); // open, not due: not counted
      // requests 1/3 = 33.3
      const s1 = await site(db, city, 'citysite');
      await run(db, s1, '2026-03-10T02:00:00.000Z', 80);
      await run(db, s1, '2026-09-10T02:00:00.000Z', 72.5); // latest done run of 2026
      await run(db, s1, '2026-10-01T02:00:00.000Z', null, 'failed'); // not done: ignored
      const s2 = await site(db, city, 'cityportal');
      await run(db, s2, '2026-06-01T02:00:00.000Z', null); // single veto → 0
      // website (72.5 + 0) / 2 = 36.25 → 36.3, 1 veto
      await message(db, city, { status: 'answered', receivedOn: '2026-03-02', dueOn: '2026-03-16', answeredOn: '2026-03-13' }); // on time, 9 wd
      await message(db, city, { status: 'answered', receivedOn: '2026-03-02', dueOn: '2026-03-16', answeredOn: '2026-03-18' }); // late, 12 wd
      await message(db, city, { status: 'pending', receivedOn: '2026-11-06', dueOn: '2026-11-20' }); // overdue: late
      await message(db, city, { status: 'pending', receivedOn: '2026-11-19', dueOn: '2026-12-03' }); // not due yet: not counted
      await message(db, city, { status: 'rejected', receivedOn: '2026-03-02', dueOn: '2026-03-16' }); // rejected: not counted
      // messages 1/3 = 33.3; mean answer (9 + 12) / 2 = 10.5 working days
      await rating(db, city, 4, '2026-03-05');
      await rating(db, city, 5, '2026-06-05');
      await rating(db, city, 1, '2025-12-31'); // 2025: not counted
      // evaluation (4 + 5) / 2 = 4.5 stars → 90
      await decision(db, city, '2026-03-02', '2026-03-11'); // 7 wd: on time
      await decision(db, city, '2026-03-02', '2026-03-12'); // 8 wd: late
      // services 1/2 = 50
      await db.insertInto('accountabilityCase').values({ agencyId: city, kind: 'overdue_request', objectType: 'request', objectId: 1, summary: '逾期', detectedOn: '2026-11-21', responsibleUserId: null, responsibleName: null, status: 'open', closedOn: null, createdAt: T, updatedAt: T }).execute();
      await db
        .insertInto('consultation')
        .values({ agencyId: city, title: '征求意见', explanation: '', articles: '[]', draftRecordId: null, finalRecordId: null, opensOn: '2026-03-01', closesOn: '2026-03-31', status: 'published', feedback: null, feedbackPublishedAt: null, createdBy: null, createdAt: T, updatedAt: T, publishedAt: T })
        .execute();

      // ---- city-edu (测试市教育局)
      await record(db, h.bureau.id, 'E1', '2026-03-02', '2026-03-30'); // on time: 1/1 = 100
      await rating(db, h.bureau.id, 3, '2026-04-01'); // 3 stars → 60
      const edu1 = await serviceItem(db, h.bureau.id, 'T-EDU-1', '教师资格认定');
      const edu2 = await serviceItem(db, h.bureau.id, 'T-EDU-2', '民办学校设立');
      await itemChange(db, edu1, 'added', '2026-04-28', '2026-05-28T01:00:00.000Z'); // Beijing 05-28: 20 wd, on time
      await itemChange(db, edu2, 'changed', '2026-04-28', '2026-05-28T16:30:00.000Z'); // Beijing 05-29: 21 wd, late
      // serviceItems 1/2 = 50

      // ---- city-d1 (测试市东区人民政府)
      const d1 = h.district.id;
      await record(db, d1, 'X1 超期', '2026-03-02', '2026-03-31'); // late: 0/1
      await request(db, d1, { state: 'closed', dueOn: '2026-03-12', closedOn: '2026-03-10', outcome: 'partial' }); // 1/1
      await message(db, d1, { status: 'answered', receivedOn: '2026-03-02', dueOn: '2026-03-16', answeredOn: '2026-03-10' }); // 1/1, 6 wd

      // ---- city-d1-cz (测试市东区财政局)
      const cz = h.districtBureau.id;
      await record(db, cz, 'Z1', '2026-03-02', '2026-03-30');
      await record(db, cz, 'Z2', '2026-03-02', '2026-03-30');
      await record(db, cz, 'Z3', '2026-03-02', '2026-03-31'); // disclosure 2/3
      await request(db, cz, { state: 'awaiting-fee', dueOn: '2026-11-25' }); // open, overdue: 0/1
      const s3 = await site(db, cz, 'czsite');
      await run(db, s3, '2026-06-10T02:00:00.000Z', 80); // website 80
      await rating(db, cz, 5, '2026-05-06');
      await rating(db, cz, 4, '2026-05-07');
      await rating(db, cz, 4, '2026-05-08'); // 13/3 stars
      await decision(db, cz, '2026-03-02', '2026-03-02'); // 0 wd: 1/1
      const cz1 = await serviceItem(db, cz, 'T-CZ-1', '政府采购投诉处理');
      await itemChange(db, cz1, 'added', '2026-03-02', '2026-03-02T01:00:00.000Z'); // Beijing 03-02: 0 wd, on time
      await itemChange(db, cz1, 'cancelled', '2025-12-30', '2026-01-05T02:00:00.000Z'); // took effect in 2025: not counted in 2026
      // serviceItems 1/1 = 100
    });
    after(async () => tdb?.drop());

    test('each agency’s indicators, n/d and weighted score', async () => {
      const d = await dashboard(tdb.ctx, admin, 2026, 'city');
      const city = d.ranking.find((r) => r.agency.code === 'city')!;
      const c = city.counts.indicators;
      assert.deepEqual(c.disclosure, { num: 3, den: 4 });
      assert.deepEqual(c.requests, { num: 1, den: 3 });
      assert.deepEqual(c.interpretation, { num: 1, den: 1 });
      assert.deepEqual(c.website, { num: 725, den: 2 }); // tenths: 725 + 0
      assert.deepEqual(c.messages, { num: 1, den: 3 });
      assert.deepEqual(c.evaluation, { num: 9, den: 2 });
      assert.deepEqual(c.services, { num: 1, den: 2 });
      assert.deepEqual(c.serviceItems, { num: 0, den: 0 }); // the city has no list change: not applicable, score unchanged
      assert.deepEqual(city.scored.indicators, { disclosure: 75, requests: 33.3, interpretation: 100, website: 36.3, messages: 33.3, evaluation: 90, services: 50, serviceItems: null });
      assert.deepEqual(city.counts.extras.resultMix, { disclosed: 1, withheld: 1 });
      assert.equal(city.counts.extras.vetoes, 1);
      assert.equal(city.counts.extras.answerDays, 21); // 9 + 12
      assert.equal(city.counts.extras.answered, 2);
      assert.equal(city.counts.extras.openCases, 1);
      assert.equal(city.counts.extras.consultations, 1);
      // (20×75 + 20×100/3 + 10×100 + 15×36.25 + 15×100/3 + 10×90 + 10×50) / 100
      // = (1500 + 666.67 + 1000 + 543.75 + 500 + 900 + 500) / 100 = 5610.42 / 100 = 56.104… → 56.1
      assert.equal(city.score, 56.1);

      const score = (code: string) => d.ranking.find((r) => r.agency.code === code)?.score;
      // city-edu: disclosure 100 (w20), evaluation 60 (w10), serviceItems 1/2 = 50 (w5):
      // (2000 + 600 + 250) / 35 = 2850/35 = 81.43 → 81.4 (86.7 before the eighth indicator)
      const edu = d.ranking.find((r) => r.agency.code === 'city-edu')!;
      assert.deepEqual(edu.counts.indicators.serviceItems, { num: 1, den: 2 });
      assert.equal(edu.scored.indicators.serviceItems, 50);
      assert.equal(score('city-edu'), 81.4);
      // city-d1: disclosure 0 (w20), requests 100 (w20), messages 100 (w15): 3500/55 = 63.64 → 63.6
      assert.equal(score('city-d1'), 63.6);
      // city-d1-cz: disclosure 200/3 (w20) + requests 0 (w20) + website 80 (w15) + evaluation 260/3 (w10) + services 100 (w10)
      //   + serviceItems 1/1 = 100 (w5; the 2025 cancellation is not counted)
      // = (4000/3 + 0 + 1200 + 2600/3 + 1000 + 500) / 80 = (2200 + 1200 + 1000 + 500) / 80 = 4900/80 = 61.25 → 61.3 (half up)
      assert.deepEqual(d.ranking.find((r) => r.agency.code === 'city-d1-cz')!.counts.indicators.serviceItems, { num: 1, den: 1 });
      assert.equal(score('city-d1-cz'), 61.3);
      assert.equal(score('other'), null);
    });

    test('the ranking: by score, the agency with no figure unranked', async () => {
      const d = await dashboard(tdb.ctx, admin, 2026, undefined);
      assert.deepEqual(
        d.ranking.map((r) => [r.agency.code, r.rank, r.score]),
        [
          ['city-edu', 1, 81.4],
          ['city-d1', 2, 63.6],
          ['city-d1-cz', 3, 61.3],
          ['city', 4, 56.1],
          ['other', null, null],
        ],
      );
    });

    test('roll-up of city-d1 over city-d1-cz sums counts, then scores', async () => {
      const d = await dashboard(tdb.ctx, admin, 2026, 'city-d1');
      const up = d.rollup!;
      assert.equal(up.agencies, 2);
      assert.deepEqual(up.counts.indicators.disclosure, { num: 2, den: 4 }); // 0/1 + 2/3
      assert.deepEqual(up.counts.indicators.requests, { num: 1, den: 2 }); // 1/1 + 0/1
      assert.deepEqual(up.counts.indicators.website, { num: 800, den: 1 });
      assert.deepEqual(up.counts.indicators.evaluation, { num: 13, den: 3 });
      assert.deepEqual(up.counts.indicators.serviceItems, { num: 1, den: 1 }); // 0/0 + 1/1
      assert.deepEqual(up.scored.indicators, { disclosure: 50, requests: 50, interpretation: null, website: 80, messages: 100, evaluation: 86.7, services: 100, serviceItems: 100 });
      // (20×50 + 20×50 + 15×80 + 15×100 + 10×260/3 + 10×100 + 5×100) / 95
      // = (1000 + 1000 + 1200 + 1500 + 2600/3 + 1000 + 500) / 95 = (6200 + 866.67) / 95 = 7066.67/95 = 74.39 → 74.4
      // (before the eighth indicator: 6566.67/90 = 73.0)
      assert.equal(up.scored.score, 74.4);
    });

    test('roll-up of the city over all four agencies', async () => {
      const up = (await dashboard(tdb.ctx, admin, 2026, 'city')).rollup!;
      assert.equal(up.agencies, 4);
      assert.deepEqual(up.counts.indicators.disclosure, { num: 6, den: 9 }); // 3/4 + 1/1 + 0/1 + 2/3
      assert.deepEqual(up.counts.indicators.website, { num: 1525, den: 3 }); // 725 + 0 + 800 over 3 sites
      assert.deepEqual(up.counts.indicators.evaluation, { num: 25, den: 6 }); // 9 + 3 + 13 stars over 6
      assert.deepEqual(up.counts.indicators.serviceItems, { num: 2, den: 3 }); // city 0/0 + edu 1/2 + d1 0/0 + cz 1/1
      assert.deepEqual(up.scored.indicators, { disclosure: 66.7, requests: 40, interpretation: 100, website: 50.8, messages: 50, evaluation: 83.3, services: 66.7, serviceItems: 66.7 });
      // 20×200/3 + 20×40 + 10×100 + 15×152.5/3 + 15×50 + 10×250/3 + 10×200/3 + 5×200/3
      // = 1333.33 + 800 + 1000 + 762.5 + 750 + 833.33 + 666.67 + 333.33 = 6479.17 → /105 = 61.71 → 61.7
      // (before the eighth indicator: 6145.83/100 = 61.5)
      assert.equal(up.scored.score, 61.7);
    });

    test('monthly trend: March, November, December', async () => {
      const r = await agencyReport(tdb.ctx, admin, 'city', 2026);
      const march = r.months[2]!;
      // disclosure 1/2 (R1, R2), requests 1/2, website 80 (the March run), messages 1/2, evaluation 4 stars, services 1/2
      assert.deepEqual(march.scored.indicators, { disclosure: 50, requests: 50, interpretation: null, website: 80, messages: 50, evaluation: 80, services: 50, serviceItems: null });
      // (1000 + 1000 + 1200 + 750 + 800 + 500) / 90 = 5250/90 = 58.33 → 58.3
      assert.equal(march.scored.score, 58.3);
      // November: the open request and the pending message, both overdue: 0/1 each → 0
      assert.deepEqual(r.months[10]!.counts.indicators.requests, { num: 0, den: 1 });
      assert.equal(r.months[10]!.scored.score, 0);
      assert.equal(r.months[11]!.scored.score, null); // December has not begun
      assert.equal(r.own.scored.score, 56.1);
      assert.equal(r.rollup?.scored.score, 61.7);
    });

    test('monthly trend of the list changes: counted in the month they took effect', async () => {
      const r = await agencyReport(tdb.ctx, admin, 'city-edu', 2026);
      // March: E1 on time → disclosure 100, alone → 100
      assert.equal(r.months[2]!.scored.score, 100);
      // April: both changes (on_date 04-28) 1/2 = 50 (w5) and the 3-star rating 60 (w10): (250 + 600) / 15 = 850/15 = 56.67 → 56.7
      const april = r.months[3]!;
      assert.deepEqual(april.counts.indicators.serviceItems, { num: 1, den: 2 });
      assert.equal(april.scored.indicators.serviceItems, 50);
      assert.equal(april.scored.score, 56.7);
      // May: recorded in May but took effect in April → nothing in May
      assert.deepEqual(r.months[4]!.counts.indicators.serviceItems, { num: 0, den: 0 });
      assert.equal(r.months[4]!.scored.score, null);
      assert.equal(r.own.scored.score, 81.4);
    });

    test('drill-down lists what was counted', async () => {
      const x = await drill(tdb.ctx, admin, { code: 'city-d1', indicator: 'disclosure', year: 2026, month: null, subtree: true });
      assert.deepEqual(
        x.items.map((i) => [i.label, i.onTime, i.workingDays]),
        [
          ['Z1', true, 20],
          ['Z2', true, 20],
          ['X1 超期', false, 21],
          ['Z3', false, 21],
        ],
      );
      const own = await drill(tdb.ctx, admin, { code: 'city', indicator: 'messages', year: 2026, month: 3, subtree: false });
      assert.deepEqual(own.items.map((i) => [i.onTime, i.workingDays]), [
        [true, 9],
        [false, 12],
      ]);
      // list changes of the whole city: by the day they took effect, the item's code kept for its page
      const items = await drill(tdb.ctx, admin, { code: 'city', indicator: 'serviceItems', year: 2026, month: null, subtree: true });
      assert.deepEqual(
        items.items.map((i) => [i.label, i.agencyName, i.day, i.onTime, i.workingDays, i.ref, i.kind]),
        [
          ['政府采购投诉处理（T-CZ-1）', '测试市东区财政局', '2026-03-02', true, 0, 'T-CZ-1', 'item-change'],
          ['教师资格认定（T-EDU-1）', '测试市教育局', '2026-04-28', true, 20, 'T-EDU-1', 'item-change'],
          ['民办学校设立（T-EDU-2）', '测试市教育局', '2026-04-28', false, 21, 'T-EDU-2', 'item-change'],
        ],
      );
      assert.equal(items.items[2]!.note, '调整：生效 2026-04-28，登记 2026-05-29，用时 21 个工作日（限 20 个）');
    });

    test('scope: a district supervisor sees the district only; oversight the whole city', async () => {
      const d = await dashboard(tdb.ctx, districtSupervisor, 2026, undefined);
      assert.deepEqual(d.ranking.map((r) => r.agency.code), ['city-d1', 'city-d1-cz']);
      assert.equal(d.rollup?.scored.score, 74.4);
      await assert.rejects(dashboard(tdb.ctx, districtSupervisor, 2026, 'city-edu'), { code: 'FORBIDDEN' });
      await assert.rejects(agencyReport(tdb.ctx, districtSupervisor, 'city', 2026), { code: 'FORBIDDEN' });
      await assert.rejects(drill(tdb.ctx, districtSupervisor, { code: 'city-edu', indicator: 'disclosure', year: 2026, month: null, subtree: false }), { code: 'FORBIDDEN' });
      const o = await dashboard(tdb.ctx, oversight, 2026, undefined);
      assert.deepEqual(o.ranking.map((r) => r.agency.code).sort(), ['city', 'city-d1', 'city-d1-cz', 'city-edu']);
    });

    test('the public summary ranks every agency; new weights change the score', async () => {
      const p = await publicSummary(tdb.ctx, 2026);
      assert.deepEqual(p.ranking.map((r) => r.rank), [1, 2, 3, 4, null]);
      // Only disclosure weighted: the city scores its disclosure figure 75.
      await saveSettings(tdb.ctx, { actor: SYSTEM_ACTOR }, { assessmentWeights: { disclosure: 100, requests: 0, interpretation: 0, website: 0, messages: 0, evaluation: 0, services: 0, serviceItems: 0 } });
      const q = await publicSummary(tdb.ctx, 2026);
      assert.equal(q.ranking.find((r) => r.agency.code === 'city')?.score, 75);
      // city-edu 100 (1), city 75 (2), city-d1-cz 66.7 (3), city-d1 0 (4)
      assert.deepEqual(q.ranking.map((r) => [r.agency.code, r.rank]), [
        ['city-edu', 1],
        ['city', 2],
        ['city-d1-cz', 3],
        ['city-d1', 4],
        ['other', null],
      ]);
      const audit = await tdb.ctx.db.selectFrom('auditEntry').select(['action']).where('action', '=', 'supervision.settings').execute();
      assert.equal(audit.length, 1);
      await saveSettings(tdb.ctx, { actor: SYSTEM_ACTOR }, {});
    });

    test('weights stored before the eighth indicator still load, serviceItems at its default 5', async () => {
      const old = { disclosure: 0, requests: 0, interpretation: 0, website: 0, messages: 0, evaluation: 0, services: 10 };
      await putSetting(tdb.ctx.db, 'supervision.settings', JSON.stringify({ assessmentWeights: old }));
      const s = await supervisionSettings(tdb.ctx.db);
      assert.deepEqual(s.assessmentWeights, { ...old, serviceItems: 5 });
      // city-d1-cz under these weights: services 100 (w10) and serviceItems 100 (w5): (1000 + 500) / 15 = 100;
      // city-edu: serviceItems 50 alone (w5) → 50
      const p = await publicSummary(tdb.ctx, 2026);
      assert.equal(p.ranking.find((r) => r.agency.code === 'city-d1-cz')?.score, 100);
      assert.equal(p.ranking.find((r) => r.agency.code === 'city-edu')?.score, 50);
      await saveSettings(tdb.ctx, { actor: SYSTEM_ACTOR }, {});
    });
  });
}
