/**
 * 工作考核 on real databases (both engines): fixture rows for 2026 in the test hierarchy, then the
 * exact indicator figures, weighted scores, ranking, roll-up and monthly trend — every expected
 * number worked out by hand below (today is 2026-11-26; 2026 calendar: no holiday in March or
 * June 1–18, so working days there are Monday–Friday).
 *
 *   March 2026:  Mo 2 9 16 23 30 · Tu 3 10 17 24 31 · … · Fr 6 13 20 27
 *   (2026-03-02, 2026-03-30] = 20 working days (on time, 第二十六条 allows 20); to 03-31 = 21 (late).
 *   (2026-03-02, 2026-03-11] = 7 working days (双公示 on time); to 03-12 = 8 (late).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffIdentity } from '../../platform/auth/model.js';
import type { Db } from '../../platform/db/database.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy, makeUser } from '../../test-support/factories.js';
import { agencyReport, dashboard, drill, publicSummary, saveSettings } from './service.js';
import { SYSTEM_ACTOR } from '../../platform/audit/model.js';

const T = '2026-01-01T00:00:00.000Z';
let seq = 0;

async function record(db: Db, agencyId: number, title: string, formedOn: string, publishedOn: string | null, extra: { status?: string; needsInterpretation?: number; interpretsId?: number } = {}) {
  seq++;
  const row = await db
    .insertInto('record')
    .values({
      agencyId,
      indexNumber: `T/${seq}`,
      title,
      docNumber: '',
      docNumberKey: '',
      writtenOn: formedOn,
      formedOn,
      publishedOn,
      publishAt: null,
      topic: '综合政务',
      genre: '通知',
      category: '决策',
      statutoryItem: null,
      mode: '主动公开',
      ground: null,
      groundReason: '',
      groundApprovedBy: null,
      validity: '有效',
      replacedById: null,
      keywords: '',
      bodyHtml: '',
      bodyText: '',
      needsInterpretation: extra.needsInterpretation ?? 0,
      interpretsId: extra.interpretsId ?? null,
      interpretationKind: extra.interpretsId ? '文字解读' : null,
      videoUrl: '',
      status: extra.status ?? 'published',
      createdBy: 'test',
      createdAt: T,
      updatedAt: T,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function request(db: Db, agencyId: number, r: { state: string; dueOn: string; closedOn?: string; outcome?: string }) {
  seq++;
  await db
    .insertInto('request')
    .values({
      agencyId,
      trackingNumber: `YSQ-t-2026-${String(seq).padStart(5, '0')}`,
      queryCodeHash: 'x',
      source: 'staff',
      applicantType: 'natural',
      applicantName: '张三',
      idDocType: 'resident-id',
      idDocNumber: '',
      title: `申请${seq}`,
      deliveryForm: 'electronic',
      deliveryMethod: 'email',
      channel: 'online',
      submittedOn: '2026-02-10',
      receivedOn: '2026-02-10',
      state: r.state,
      dueOn: r.dueOn,
      assignedTo: null,
      outcome: r.outcome ?? null,
      closedOn: r.closedOn ?? null,
      onTime: null,
      releasedRecordId: null,
      createdAt: T,
      updatedAt: T,
    })
    .execute();
}

async function site(db: Db, agencyId: number, name: string) {
  const row = await db.insertInto('inspectionSite').values({ agencyId, url: `https://${name}.example.gov.cn/`, name, createdAt: T, updatedAt: T }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function run(db: Db, siteId: number, finishedAt: string, score: number | null, status = 'done') {
  await db
    .insertInto('inspectionRun')
    .values({ siteId, status, requestedBy: 'test', queuedAt: finishedAt, startedAt: finishedAt, finishedAt, verdict: score === null ? '不合格' : '合格', score, pages: 10, vetoes: score === null ? 1 : 0, findings: 0, report: null, error: null })
    .execute();
}

async function message(db: Db, agencyId: number, m: { status: string; receivedOn: string; dueOn: string; answeredOn?: string }) {
  seq++;
  await db
    .insertInto('message')
    .values({
      trackingNumber: `LY-${seq}`,
      queryCodeHash: 'x',
      kind: 'consult',
      ground: null,
      relatedRequest: null,
      agencyId,
      supervisorAgencyId: null,
      subject: `留言${seq}`,
      body: '内容',
      authorName: '李四',
      contact: '13800000000',
      status: m.status,
      submittedAt: T,
      receivedOn: m.receivedOn,
      dueOn: m.dueOn,
      answer: m.answeredOn ? '答复' : null,
      answeredAt: m.answeredOn ? `${m.answeredOn}T02:00:00.000Z` : null,
      answeredOn: m.answeredOn ?? null,
      answeredBy: null,
      finding: null,
      ipHash: 'x',
    })
    .execute();
}

async function rating(db: Db, agencyId: number, score: number, createdOn: string) {
  seq++;
  await db.insertInto('rating').values({ objectType: 'record', objectId: seq, agencyId, score, comment: null, visitorHash: `v${seq}`, ipHash: 'x', createdAt: `${createdOn}T02:00:00.000Z`, createdOn }).execute();
}

async function decision(db: Db, agencyId: number, decidedOn: string, publishedOn: string) {
  seq++;
  await db
    .insertInto('resultDecision')
    .values({ agencyId, kind: '许可', decisionNumber: `许决〔2026〕${seq}号`, subjectType: 'legal', subjectName: '某公司', legalBasis: '某法', content: '准予许可', decidedOn, publishedOn, publicUntil: null, createdBy: 'test', createdAt: T })
    .execute();
}

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
      assert.deepEqual(city.scored.indicators, { disclosure: 75, requests: 33.3, interpretation: 100, website: 36.3, messages: 33.3, evaluation: 90, services: 50 });
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
      // city-edu: (20×100 + 10×60) / 30 = 2600/30 = 86.67 → 86.7
      assert.equal(score('city-edu'), 86.7);
      // city-d1: disclosure 0 (w20), requests 100 (w20), messages 100 (w15): 3500/55 = 63.64 → 63.6
      assert.equal(score('city-d1'), 63.6);
      // city-d1-cz: disclosure 200/3 (w20) + requests 0 (w20) + website 80 (w15) + evaluation 260/3 (w10) + services 100 (w10)
      // = (1333.33 + 0 + 1200 + 866.67 + 1000) / 75 = 4400/75 = 58.67 → 58.7
      assert.equal(score('city-d1-cz'), 58.7);
      assert.equal(score('other'), null);
    });

    test('the ranking: by score, the agency with no figure unranked', async () => {
      const d = await dashboard(tdb.ctx, admin, 2026, undefined);
      assert.deepEqual(
        d.ranking.map((r) => [r.agency.code, r.rank, r.score]),
        [
          ['city-edu', 1, 86.7],
          ['city-d1', 2, 63.6],
          ['city-d1-cz', 3, 58.7],
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
      assert.deepEqual(up.scored.indicators, { disclosure: 50, requests: 50, interpretation: null, website: 80, messages: 100, evaluation: 86.7, services: 100 });
      // (20×50 + 20×50 + 15×80 + 15×100 + 10×260/3 + 10×100) / 90 = (1000+1000+1200+1500+866.67+1000)/90
      // = 6566.67/90 = 72.96 → 73.0
      assert.equal(up.scored.score, 73);
    });

    test('roll-up of the city over all four agencies', async () => {
      const up = (await dashboard(tdb.ctx, admin, 2026, 'city')).rollup!;
      assert.equal(up.agencies, 4);
      assert.deepEqual(up.counts.indicators.disclosure, { num: 6, den: 9 }); // 3/4 + 1/1 + 0/1 + 2/3
      assert.deepEqual(up.counts.indicators.website, { num: 1525, den: 3 }); // 725 + 0 + 800 over 3 sites
      assert.deepEqual(up.counts.indicators.evaluation, { num: 25, den: 6 }); // 9 + 3 + 13 stars over 6
      assert.deepEqual(up.scored.indicators, { disclosure: 66.7, requests: 40, interpretation: 100, website: 50.8, messages: 50, evaluation: 83.3, services: 66.7 });
      // 20×200/3 + 20×40 + 10×100 + 15×152.5/3 + 15×50 + 10×250/3 + 10×200/3
      // = 1333.33 + 800 + 1000 + 762.5 + 750 + 833.33 + 666.67 = 6145.83 → /100 = 61.46 → 61.5
      assert.equal(up.scored.score, 61.5);
    });

    test('monthly trend: March, November, December', async () => {
      const r = await agencyReport(tdb.ctx, admin, 'city', 2026);
      const march = r.months[2]!;
      // disclosure 1/2 (R1, R2), requests 1/2, website 80 (the March run), messages 1/2, evaluation 4 stars, services 1/2
      assert.deepEqual(march.scored.indicators, { disclosure: 50, requests: 50, interpretation: null, website: 80, messages: 50, evaluation: 80, services: 50 });
      // (1000 + 1000 + 1200 + 750 + 800 + 500) / 90 = 5250/90 = 58.33 → 58.3
      assert.equal(march.scored.score, 58.3);
      // November: the open request and the pending message, both overdue: 0/1 each → 0
      assert.deepEqual(r.months[10]!.counts.indicators.requests, { num: 0, den: 1 });
      assert.equal(r.months[10]!.scored.score, 0);
      assert.equal(r.months[11]!.scored.score, null); // December has not begun
      assert.equal(r.own.scored.score, 56.1);
      assert.equal(r.rollup?.scored.score, 61.5);
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
    });

    test('scope: a district supervisor sees the district only; oversight the whole city', async () => {
      const d = await dashboard(tdb.ctx, districtSupervisor, 2026, undefined);
      assert.deepEqual(d.ranking.map((r) => r.agency.code), ['city-d1', 'city-d1-cz']);
      assert.equal(d.rollup?.scored.score, 73);
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
      await saveSettings(tdb.ctx, { actor: SYSTEM_ACTOR }, { assessmentWeights: { disclosure: 100, requests: 0, interpretation: 0, website: 0, messages: 0, evaluation: 0, services: 0 } });
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
  });
}
