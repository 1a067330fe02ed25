/**
 * The demo city's website inspections (src/seed/inspection.ts): every made-up report reads back as
 * a report, is scored by the shipped rules to the scores written here by hand, is the same on
 * every seeding, and ranks the three sites as the demo story says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DEMO_SITES, demoReport, seedDemoInspection } from '../seed/inspection.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeAgency } from '../test-support/factories.js';
import { loadRules } from './rules.js';
import { rankSites } from './service.js';
import { reportSchema, storedReport } from './store.js';

const rules = loadRules();
const scores = (agency: string) => DEMO_SITES.find((s) => s.agency === agency)?.runs.map((r) => demoReport('https://x.example.gov.cn/', r, rules).score ?? '否决');

describe('demo inspections', () => {
  test('each site’s scores over 2026, as the demo tells it', () => {
    assert.deepEqual(scores('ljs'), [73.2, 83.6, 92.5, 80.9, 95]);
    assert.deepEqual(scores('ljs-hxq'), [67, '否决', 78, 85, 91.2]);
    assert.deepEqual(scores('ljs-tyx'), [80.7, 66, 55.6, '否决', '否决']);
  });

  test('every report is a valid report, the same each time, dated in 2026, of a demo agency', () => {
    const agencies = new Set((JSON.parse(readFileSync(new URL('../../data/demo/agencies.json', import.meta.url), 'utf8')) as { code: string }[]).map((a) => a.code));
    for (const site of DEMO_SITES) {
      assert.ok(agencies.has(site.agency), site.agency);
      for (const r of site.runs) {
        const report = demoReport(site.url, r, rules);
        assert.equal(reportSchema.safeParse(report).success, true, `${site.agency} ${r.on}`);
        assert.deepEqual(report, demoReport(site.url, r, rules), 'deterministic');
        assert.match(report.startedAt, /^2026-/);
        assert.equal(report.verdict === '不合格', report.score === null || report.score < 60, `${site.agency} ${r.on}: verdict and score agree`);
      }
    }
  });
});

for (const engine of ENGINES) {
  describe(`demo inspections seeded [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(engine);
      const city = await makeAgency(tdb.ctx, { code: 'ljs', name: '岚江市人民政府' });
      for (const [code, name] of [['ljs-hxq', '岚江市湖西区人民政府'], ['ljs-tyx', '桐源县人民政府']] as const) {
        await makeAgency(tdb.ctx, { code, name, level: '县', parentCode: city.code });
      }
    });
    after(async () => tdb?.drop());

    test('three manual-only sites with five stored runs each, ranked 95.0, 91.2, then the vetoed county', async () => {
      assert.deepEqual(await seedDemoInspection(tdb.ctx), { sites: 3, runs: 15 });
      const ranking = await rankSites(tdb.ctx.db, null);
      assert.deepEqual(
        ranking.map((r) => [r.rank, r.site.name, r.latest?.score ?? null, r.site.everyDays]),
        [
          [1, '岚江市人民政府门户网站', 95, 0],
          [2, '岚江市湖西区人民政府网站', 91.2, 0],
          [3, '桐源县人民政府网站', null, 0],
        ],
      );
      const runs = await tdb.ctx.db.selectFrom('inspectionRun').selectAll().execute();
      for (const run of runs) {
        const report = storedReport(run);
        assert.deepEqual([run.verdict, run.score, run.findings, run.vetoes], [report?.verdict, report?.score, report?.findings.length, report?.vetoes.length], `run ${run.id}`);
      }
    });
  });
}
