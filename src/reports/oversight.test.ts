// 一（五）监督保障 of the annual report: the year's 工作考核 result (src/supervision/assessment), the
// ratings and the accountability cases, on a small fixture whose figures are worked out by hand below.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { computeAnnualReport, draftSections } from './service.js';

for (const engine of ENGINES) {
  describe(`annual report 监督保障 text with the assessment result [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;

    before(async () => {
      tdb = await createTestDatabase(engine); // clock: 2026-11-26
      const h = await makeHierarchy(tdb.ctx);
      const db = tdb.ctx.db;
      let visitor = 0;
      const rate = async (agencyId: number, score: number, on: string) => {
        visitor++;
        await db.insertInto('rating').values({ objectType: 'record', objectId: 1, agencyId, score, comment: null, visitorHash: `v${visitor}`, ipHash: 'x', createdAt: `${on}T02:00:00.000Z`, createdOn: on }).execute();
      };
      const inspect = async (agencyId: number, name: string, score: number) => {
        const site = await db.insertInto('inspectionSite').values({ agencyId, url: `https://${name}.example.gov.cn/`, name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
        await db
          .insertInto('inspectionRun')
          .values({ siteId: site.id, status: 'done', requestedBy: 'scheduler', queuedAt: '2026-06-01T01:00:00.000Z', finishedAt: '2026-06-01T02:00:00.000Z', verdict: '合格', score, vetoes: 0, pages: 10, findings: 0 })
          .execute();
      };
      // Default weights: website 15, evaluation 10 (the only indicators this fixture makes applicable).
      // 测试市教育局 (city-edu): ratings 5, 4, 2 → evaluation 20 × 11/3 = 73.33…; its site scored 90.0.
      //   score = (15 × 90 + 10 × 220/3) / 25 = (1350 + 733.33…) / 25 = 83.33… → 83.3
      await rate(h.bureau.id, 5, '2026-03-01');
      await rate(h.bureau.id, 4, '2026-06-01');
      await rate(h.bureau.id, 2, '2026-11-01');
      await inspect(h.bureau.id, 'edu', 90);
      // and one 2025 rating of 1 star: 2025's only scored figure → evaluation 20.0, rank 1 of 1
      await rate(h.bureau.id, 1, '2025-12-31');
      // 测试市人民政府 (city): ratings 5, 4 → evaluation 90.0 = score 90.0
      await rate(h.city.id, 5, '2026-04-01');
      await rate(h.city.id, 4, '2026-05-01');
      // 测试市东区人民政府 (city-d1): its site scored 86.5 → score 86.5
      await inspect(h.district.id, 'd1', 86.5);
      // 另一市人民政府 (other): one rating of 3 → evaluation 60.0
      await rate(h.otherCity.id, 3, '2026-07-01');
      // 测试市东区财政局 (city-d1-cz): nothing to count → not scored, not ranked.
      // 2026 ranking: city 90.0 (1), city-d1 86.5 (2), city-edu 83.3 (3), other 60.0 (4): 4 ranked.

      // A complaint against the bureau found true, 通报批评 (条例 第四十七条第二款).
      await db
        .insertInto('accountabilityCase')
        .values({ agencyId: h.bureau.id, kind: 'verified_complaint', objectType: 'message', objectId: 1, summary: '投诉 LY-1 经核查属实', detectedOn: '2026-10-01', responsibleUserId: null, responsibleName: null, status: 'criticised', closedOn: '2026-10-10', createdAt: '2026-10-01T02:00:00.000Z', updatedAt: '2026-10-10T02:00:00.000Z' })
        .execute();
    });
    after(async () => tdb?.drop());

    const oversight = async (code: string, year: number, scope: 'agency' | 'consolidated' = 'agency') => draftSections(await computeAnnualReport(tdb.ctx, code, year, scope, { draft: true })).oversight;

    test("a department's report: its own score and rank among the agencies ranked, then ratings and cases", async () => {
      assert.deepEqual((await computeAnnualReport(tdb.ctx, 'city-edu', 2026, 'agency', { draft: true })).known.supervision.assessment, { score: 83.3, ranked: { rank: 3, of: 4 }, rolledUpOf: null });
      assert.equal(
        await oversight('city-edu', 2026),
        // ratings: (5 + 4 + 2) / 3 = 3.67 → 3.7
        '2026年，本机关年度政府信息公开工作考核得分83.3分（在4个单位中排名第3）；开展政府信息公开社会评议，收到评价3条，平均3.7分（满分5分）；发现投诉经核查属实1起，共1起，已整改0起，通报批评1起，移送纪检监察机关0起，不予追究0起，尚在处理0起。',
      );
    });

    test('the year is the report year: 2025 counts only the 2025 rating', async () => {
      assert.equal(await oversight('city-edu', 2025), '2025年，本机关年度政府信息公开工作考核得分20.0分（在1个单位中排名第1）；开展政府信息公开社会评议，收到评价1条，平均1.0分（满分5分）；未发现需要追究责任的问题。');
    });

    test("a government's own report ranks its own figures; its consolidated report scores the sums", async () => {
      assert.equal(await oversight('city', 2026), '2026年，本机关年度政府信息公开工作考核得分90.0分（在4个单位中排名第1）；开展政府信息公开社会评议，收到评价2条，平均4.5分（满分5分）；未发现需要追究责任的问题。');
      // consolidated = city + its department city-edu (not the district government):
      // evaluation (5 + 4 + 5 + 4 + 2) / 5 = 4 stars → 80; website: one site, 90
      // score = (15 × 90 + 10 × 80) / 25 = 2150 / 25 = 86.0
      assert.equal(
        await oversight('city', 2026, 'consolidated'),
        '2026年，本机关年度政府信息公开工作考核得分86.0分（本级及所属部门共2个单位汇总计分）；开展政府信息公开社会评议，收到评价5条，平均4.0分（满分5分）；发现投诉经核查属实1起，共1起，已整改0起，通报批评1起，移送纪检监察机关0起，不予追究0起，尚在处理0起。',
      );
    });

    test('an agency with nothing scored says nothing about the assessment', async () => {
      assert.equal((await computeAnnualReport(tdb.ctx, 'city-d1-cz', 2026, 'agency', { draft: true })).known.supervision.assessment, null);
      assert.equal((await computeAnnualReport(tdb.ctx, 'city-edu', 2026)).known.supervision.assessment, null, 'the tables alone do not score the platform');
      assert.equal(await oversight('city-d1-cz', 2026), '2026年，本机关开展政府信息公开社会评议，未收到评价；未发现需要追究责任的问题。');
    });
  });
}
