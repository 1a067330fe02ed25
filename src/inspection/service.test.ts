/**
 * 政府网站检查 in the platform, through the service on both engines: registering sites (every
 * refusal with its message), a real inspection of the fixture site stored with its summary, a
 * failed one, the one-run-at-a-time guard, what is due by hand-written dates, the hourly sweep,
 * and the ranking of sites (a single veto last) with its order written out by hand.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import type { StaffIdentity } from '../platform/auth/model.js';
import { AppError } from '../platform/errors.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy, makeUser } from '../test-support/factories.js';
import { storeActiveRun, storeDoneRun } from './fixtures/runs.js';
import { startFixtureSite, type FixtureSite } from './fixtures/site.js';
import { loadRules, type InspectionRules } from './rules.js';
import { deleteSite, dueSites, optionsOf, queueRun, rankOrder, rankSites, registerSite, runInspection, sweepInspections, updateSite, type RankedSite } from './service.js';
import * as store from './store.js';

const system = { actor: SYSTEM_ACTOR, staff: null };
/** The fixture site is small and local: fewer connections and a short timeout keep the test quick. */
const FAST = { concurrency: 4, timeoutSeconds: 5, retries: 1 };

/** The problems of a refused call (VALIDATION_FAILED details, or the message of another refusal). */
async function refused(p: Promise<unknown>): Promise<{ status: number; problems: readonly string[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, problems: e.details ?? [e.zh] };
    throw e;
  }
  throw new Error('expected a refusal');
}

for (const engine of ENGINES) {
  describe(`inspection service [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let fixture: FixtureSite & { external: FixtureSite };
    let districtInspector: StaffIdentity;

    before(async () => {
      tdb = await createTestDatabase(engine);
      const h = await makeHierarchy(tdb.ctx);
      districtInspector = await makeUser(tdb.ctx, { login: 'jianchayuan', agencyId: h.district.id, roles: ['inspector'] });
      fixture = await startFixtureSite();
    });
    after(async () => {
      await fixture?.close();
      await fixture?.external.close();
      await tdb?.drop();
    });

    test('registering refuses bad addresses, unknown or out-of-scope agencies, duplicates and bad settings, each with its message', async () => {
      const by = { actor: { id: districtInspector.id, login: districtInspector.login }, staff: districtInspector };
      const base = { agency: 'city-d1', name: '东区政府网站', url: 'https://www.d1.example.gov.cn/' };
      const cases: [Record<string, unknown>, string][] = [
        [{ url: 'ftp://www.d1.example.gov.cn/' }, 'url: 只能检查 http:// 或 https:// 网址 / http(s) addresses only'],
        [{ url: 'www.d1.example.gov.cn' }, 'url: 网址无效，应如 https://www.example.gov.cn/ / not a valid address'],
        [{ url: 'https://user:pw@www.d1.example.gov.cn/' }, 'url: 网址不能包含用户名或密码 / no user name or password in the address'],
        [{ name: ' ' }, 'name: 请填写网站名称 / enter the name'],
        [{ everyDays: '-1' }, 'everyDays: 检查周期（天）不能小于 0 / at least 0'],
        [{ maxPages: 'many' }, 'maxPages: 最多抓取页面数应为整数 / a whole number'],
        [{ exclude: '\\.pdf$\n(' }, 'exclude: 第 2 条不是有效的正则表达式 / pattern 2 is not a regular expression: ('],
        [{ include: 'col/' }, 'include: 路径前缀应以 / 开头 / the path prefix starts with /'],
        [{ agency: 'nowhere' }, 'agency: 机关“nowhere”不存在 / unknown agency'],
        [{ agency: 'city' }, 'agency: 只能登记本机关及下级机关的网站 / only sites of agencies in your scope'],
      ];
      for (const [change, message] of cases) {
        const r = await refused(registerSite(tdb.ctx, by, { ...base, ...change }));
        assert.deepEqual([r.status, r.problems], [400, [message]], JSON.stringify(change));
      }
      const site = await registerSite(tdb.ctx, by, { ...base, url: 'HTTPS://WWW.D1.example.gov.cn#top', everyDays: '7', exclude: '\\.pdf$\n\n/search' });
      assert.equal(site.url, 'https://www.d1.example.gov.cn/', 'stored normalised');
      assert.deepEqual(optionsOf(site), { maxPages: 2000, maxDepth: 20, concurrency: 8, delayMs: 0, timeoutSeconds: 15, retries: 2, ignoreRobots: false, checkExternal: true, include: '/', exclude: ['\\.pdf$', '/search'] });
      const dup = await refused(registerSite(tdb.ctx, by, { ...base, name: '重复' }));
      assert.deepEqual(dup.problems, ['url: 该网址已登记为“东区政府网站” / this address is already registered']);
      const audit = await tdb.ctx.db.selectFrom('auditEntry').select(['action', 'actorLogin']).where('objectType', '=', 'inspection_site').execute();
      assert.deepEqual(audit, [{ action: 'inspection-site.create', actorLogin: 'jianchayuan' }]);
      await store.deleteSite(tdb.ctx.db, site.id);
      // Nor may they change or remove a site of the city.
      const city = await registerSite(tdb.ctx, system, { agency: 'city', name: '市政府网站', url: 'https://city.example.gov.cn/' });
      assert.equal((await refused(updateSite(tdb.ctx, by, city.id, { ...base, agency: 'city-d1' }))).status, 403);
      assert.equal((await refused(deleteSite(tdb.ctx, by, city.id))).status, 403);
      await store.deleteSite(tdb.ctx.db, city.id);
    });

    test('an inspection of the fixture site is stored: 合格, 81.7, its summary and the whole report', async () => {
      const site = await registerSite(tdb.ctx, system, { agency: 'city-d1', name: '测试局网站', url: `${fixture.url}/`, ...FAST });
      const queued = await queueRun(tdb.ctx, 'jianchayuan', site.id);
      assert.equal(queued.status, 'queued');
      const done = await runInspection(tdb.ctx, queued.id);
      assert.equal(done?.status, 'done', done?.error ?? '');
      assert.deepEqual(
        { verdict: done?.verdict, score: done?.score, vetoes: done?.vetoes, findings: done?.findings, startedAt: done?.startedAt, finishedAt: done?.finishedAt },
        { verdict: '合格', score: 81.7, vetoes: 0, findings: 11, startedAt: '2026-11-26T02:00:00.000Z', finishedAt: '2026-11-26T02:00:00.000Z' },
      );
      const report = store.storedReport((await store.findRun(tdb.ctx.db, queued.id))!);
      assert.equal(report?.score, 81.7);
      assert.equal(report?.homepage.newestDate, '2026-11-23', 'freshness counted to the test clock’s day');
      assert.equal(report?.pages, done?.pages);
      assert.equal(await runInspection(tdb.ctx, queued.id).then((r) => r?.status), 'done', 'running a finished run again changes nothing');
    });

    test('a run that throws is stored as failed with the error; only one run per site at a time', async () => {
      const site = await registerSite(tdb.ctx, system, { agency: 'city-d1', name: '另一个网站', url: 'http://127.0.0.1:9/d1/', retries: 0 });
      const run = await queueRun(tdb.ctx, 'jianchayuan', site.id);
      const again = await refused(queueRun(tdb.ctx, 'jianchayuan', site.id));
      assert.deepEqual(again, { status: 409, problems: ['该网站的检查正在进行，请等待完成后再检查'] });
      // Two processes queueing at once: the partial unique index refuses the second insert.
      await assert.rejects(store.insertRun(tdb.ctx.db, { siteId: site.id, status: 'running', requestedBy: 'x', queuedAt: '2026-11-26T02:00:00.000Z' }));
      const broken: InspectionRules = Object.defineProperty({ ...loadRules() }, 'deductions', {
        get() {
          throw new Error('规则文件损坏');
        },
      });
      const failed = await runInspection({ ...tdb.ctx, rules: broken }, run.id);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.error, '检查失败 / failed: 规则文件损坏');
      assert.equal(failed?.finishedAt, '2026-11-26T02:00:00.000Z');
      assert.equal((await queueRun(tdb.ctx, 'jianchayuan', site.id)).status, 'queued', 'a new run once the last one ended');
      // A run queued 13 hours ago lost its process: the next request ends it and queues anew.
      await tdb.ctx.db.updateTable('inspectionRun').set({ queuedAt: '2026-11-25T13:00:00.000Z' }).where('siteId', '=', site.id).where('status', '=', 'queued').execute();
      assert.equal((await queueRun(tdb.ctx, 'jianchayuan', site.id)).status, 'queued');
      const statuses = (await store.runsOfSite(tdb.ctx.db, site.id)).map((r) => `${r.status} ${r.error ?? ''}`.trim());
      assert.deepEqual(statuses, ['queued', 'failed 检查失败 / failed: 规则文件损坏', 'failed 检查中断（超过 12 小时未完成）/ interrupted']);
      await store.deleteSite(tdb.ctx.db, site.id);
      await tdb.ctx.db.deleteFrom('inspectionSite').execute();
    });

    test('dueSites: scheduled sites last queued at least every_days ago, or never; manual sites never', async () => {
      const now = new Date('2026-11-26T02:00:00.000Z');
      const make = async (name: string, everyDays: number, lastRun: string | null, failed = false) => {
        const site = await registerSite(tdb.ctx, system, { agency: 'city-d1', name, url: `https://${name}.example.gov.cn/`, everyDays });
        if (lastRun !== null) {
          if (failed) await store.insertRun(tdb.ctx.db, { siteId: site.id, status: 'failed', requestedBy: 'scheduler', queuedAt: lastRun, finishedAt: lastRun, error: 'x' });
          else await storeDoneRun(tdb.ctx.db, site, lastRun, 80);
        }
        return site;
      };
      await make('weekly-exactly', 7, '2026-11-19T02:00:00.000Z'); // 7 days ago to the millisecond: due
      await make('weekly-recent', 7, '2026-11-20T00:00:00.000Z'); // 6 days 2 hours: not yet
      await make('monthly-never', 30, null); // never inspected: due
      await make('manual', 0, null); // manual only: never due
      await make('daily-failed', 1, '2026-11-24T10:00:00.000Z', true); // a failed run counts as the last one
      await make('yearly', 365, '2026-01-01T00:00:00.000Z'); // not for another month
      assert.deepEqual((await dueSites(tdb.ctx.db, now)).map((s) => s.name), ['weekly-exactly', 'monthly-never', 'daily-failed']);
      assert.deepEqual((await dueSites(tdb.ctx.db, new Date('2026-11-19T01:59:59.999Z'))).map((s) => s.name), ['monthly-never'], 'a week earlier only the never-inspected site is due');
      await tdb.ctx.db.deleteFrom('inspectionRun').execute();
      await tdb.ctx.db.deleteFrom('inspectionSite').execute();
    });

    test('the sweep ends lost runs and inspects what is due, one site after another; a second sweep finds nothing', async () => {
      const due = await registerSite(tdb.ctx, system, { agency: 'city-d1', name: '定期检查网站', url: `${fixture.url}/`, everyDays: 7, ...FAST });
      const manual = await registerSite(tdb.ctx, system, { agency: 'city-d1', name: '手动网站', url: 'http://127.0.0.1:9/manual/' });
      await storeActiveRun(tdb.ctx.db, manual.id, '2026-11-25T12:00:00.000Z', 'running');
      const first = await sweepInspections(tdb.ctx);
      assert.deepEqual(first, { reaped: 1, inspected: 1, failed: 0, skipped: false });
      const [run] = await store.runsOfSite(tdb.ctx.db, due.id);
      assert.deepEqual([run?.status, run?.requestedBy, run?.score], ['done', 'scheduler', 81.7]);
      assert.deepEqual(await sweepInspections(tdb.ctx), { reaped: 0, inspected: 0, failed: 0, skipped: false });
      // Seven days on, it is due again.
      assert.deepEqual((await dueSites(tdb.ctx.db, new Date('2026-12-03T02:00:00.000Z'))).map((s) => s.id), [due.id]);
      await tdb.ctx.db.deleteFrom('inspectionRun').execute();
      await tdb.ctx.db.deleteFrom('inspectionSite').execute();
    });

    test('ranking: by the latest finished inspection’s score, a single veto last, never-inspected sites unranked', async () => {
      const site = (agency: string, name: string) => registerSite(tdb.ctx, system, { agency, name, url: `https://${agency}.rank.example.gov.cn/` });
      const city = await site('city', '测试市政府网站');
      const edu = await site('city-edu', '测试市教育局网站');
      const d1 = await site('city-d1', '东区政府网站');
      const cz = await site('city-d1-cz', '东区财政局网站');
      const other = await site('other', '另一市政府网站');
      // city: vetoed in September, 72.5 since → ranked by 72.5.
      await storeDoneRun(tdb.ctx.db, city, '2026-09-01T02:00:00.000Z', null);
      await storeDoneRun(tdb.ctx.db, city, '2026-11-01T02:00:00.000Z', 72.5);
      // city-edu: 95.0 in October, then a veto → ranked last whatever it scored before.
      await storeDoneRun(tdb.ctx.db, edu, '2026-10-01T02:00:00.000Z', 95);
      await storeDoneRun(tdb.ctx.db, edu, '2026-11-10T02:00:00.000Z', null);
      // city-d1: 91.0; a later run still queued does not count yet.
      await storeDoneRun(tdb.ctx.db, d1, '2026-11-05T02:00:00.000Z', 91);
      await storeActiveRun(tdb.ctx.db, d1.id, '2026-11-26T01:00:00.000Z');
      await storeDoneRun(tdb.ctx.db, other, '2026-11-05T02:00:00.000Z', 99);
      const line = (r: RankedSite) => `${r.rank ?? '-'} ${r.site.name} ${r.latest?.score ?? (r.latest ? '否决' : '未检查')}${r.last && r.last.id !== r.latest?.id ? ` (${r.last.status})` : ''}`;
      const cityIds = [city.agencyId, edu.agencyId, d1.agencyId, cz.agencyId];
      assert.deepEqual((await rankSites(tdb.ctx.db, cityIds)).map(line), ['1 东区政府网站 91 (queued)', '2 测试市政府网站 72.5', '3 测试市教育局网站 否决', '- 东区财政局网站 未检查']);
      assert.deepEqual((await rankSites(tdb.ctx.db, null)).map(line)[0], '1 另一市政府网站 99', 'all sites for a system admin');
      assert.deepEqual(await rankSites(tdb.ctx.db, []), []);
    });

    test('rankOrder: equal scores share a rank, vetoed sites share the one after the scored', () => {
      const item = (id: number, code: string, score: number | null | undefined): Omit<RankedSite, 'rank'> => {
        const latest = score === undefined ? null : { id, siteId: id, status: 'done', requestedBy: 't', queuedAt: '', startedAt: null, finishedAt: null, verdict: score === null ? '不合格' : '合格', score, pages: 1, vetoes: 0, findings: 0, error: null };
        return { site: { id, agencyId: id, agencyCode: code, agencyName: code, url: '', name: `s${id}`, everyDays: 0, options: '{}', createdAt: '', updatedAt: '' }, latest, last: latest };
      };
      const ranked = rankOrder([item(1, 'b', 80), item(2, 'a', null), item(3, 'c', 90), item(4, 'a', 80), item(5, 'z', undefined), item(6, 'b', null)]);
      assert.deepEqual(
        ranked.map((r) => `${r.rank ?? '-'}:${r.site.id}`),
        ['1:3', '2:4', '2:1', '4:2', '4:6', '-:5'],
      );
    });
  });
}
