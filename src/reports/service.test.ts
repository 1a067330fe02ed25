import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as catalog from '../catalog/service.js';
import type { Role } from '../platform/auth/model.js';
import { fixedClock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import type { ApplicantType } from '../requests/model.js';
import * as requestStore from '../requests/store.js';
import { addResult } from '../services/service.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { buildTable3, checkTable3, checkTable4, TABLE3_COLUMNS, type Table3Column } from './model.js';
import { loadInputs, saveInputs } from './inputs.js';
import { computeAnnualReport } from './service.js';

const T: Record<string, ApplicantType> = { N: 'natural', B: 'business', R: 'research', P: 'public-interest', L: 'legal-services', O: 'other-org' };

/** [label, applicant, received, closed or null, outcome or null] */
type Case = readonly [string, keyof typeof T, string, string | null, string | null];

// The worked example of the 2025 report of 测试市教育局 (city-edu). Every expected number below was
// counted by hand from this list (see the comments on each row of EXPECTED).
const CASES: readonly Case[] = [
  // carried in from 2024
  ['c1', 'N', '2024-12-20', '2025-01-10', 'disclosed.provided'],
  ['c2', 'B', '2024-12-28', '2025-01-20', 'withheld.third-party'],
  ['c3', 'N', '2024-11-15', null, null],
  ['c4', 'N', '2024-06-01', '2024-07-01', 'disclosed.provided'], // closed in 2024: not in 2025 at all
  // received and closed in 2025
  ['1', 'N', '2025-02-01', '2025-02-20', 'disclosed.provided'],
  ['2', 'N', '2025-02-03', '2025-02-21', 'disclosed.already-public'],
  ['3', 'B', '2025-02-05', '2025-02-25', 'disclosed.provided'],
  ['4', 'R', '2025-02-10', '2025-03-01', 'disclosed.provided'],
  ['5', 'P', '2025-03-03', '2025-03-20', 'partial'],
  ['6', 'L', '2025-03-04', '2025-03-21', 'partial'],
  ['7', 'O', '2025-03-05', '2025-03-24', 'partial'],
  ['8', 'N', '2025-03-10', '2025-04-01', 'withheld.state-secret'],
  ['9', 'N', '2025-03-11', '2025-04-02', 'withheld.law-prohibited'],
  ['10', 'B', '2025-03-12', '2025-04-03', 'withheld.three-safety'],
  ['11', 'B', '2025-03-13', '2025-04-07', 'withheld.third-party'],
  ['12', 'R', '2025-04-01', '2025-04-20', 'withheld.internal-affairs'],
  ['13', 'P', '2025-04-02', '2025-04-21', 'withheld.process-info'],
  ['14', 'L', '2025-04-03', '2025-04-22', 'withheld.enforcement-file'],
  ['15', 'O', '2025-04-07', '2025-04-23', 'withheld.administrative-query'],
  ['16', 'N', '2025-05-06', '2025-05-20', 'unavailable.not-held'],
  ['17', 'N', '2025-05-07', '2025-05-21', 'unavailable.not-held'],
  ['18', 'B', '2025-05-08', '2025-05-22', 'unavailable.needs-creation'],
  ['19', 'R', '2025-05-09', '2025-06-10', 'unavailable.still-unclear'],
  ['20', 'N', '2025-06-02', '2025-06-05', 'not-processed.petition'],
  ['21', 'P', '2025-06-03', '2025-06-06', 'not-processed.repeat'],
  ['22', 'L', '2025-06-04', '2025-06-09', 'not-processed.publication'],
  ['23', 'O', '2025-06-05', '2025-06-10', 'not-processed.excessive'],
  ['24', 'N', '2025-06-06', '2025-06-11', 'not-processed.confirm-reissue'],
  ['25', 'N', '2025-07-01', '2025-07-25', 'other.correction-overdue'],
  ['26', 'B', '2025-07-02', '2025-08-20', 'other.fee-unpaid'],
  ['27', 'R', '2025-07-03', '2025-07-28', 'other.other'],
  ['28', 'N', '2025-08-01', '2025-08-20', 'disclosed.provided'],
  ['29', 'N', '2025-08-04', '2025-08-21', 'disclosed.provided'],
  ['30', 'B', '2025-08-05', '2025-08-29', 'partial'],
  ['31', 'N', '2025-09-01', '2025-09-15', 'unavailable.not-held'],
  ['32', 'L', '2025-09-02', '2025-09-16', 'disclosed.already-public'],
  ['33', 'O', '2025-09-03', '2025-09-17', 'unavailable.not-held'],
  ['34', 'P', '2025-10-09', '2025-10-30', 'disclosed.provided'],
  ['35', 'N', '2025-10-10', '2025-11-05', 'withheld.third-party'],
  // received in 2025, still open at its end
  ['36', 'N', '2025-12-15', '2026-01-10', 'disclosed.provided'],
  ['37', 'B', '2025-12-22', null, null],
  ['38', 'L', '2025-12-30', null, null],
  // a 2026 request: not in the 2025 report
  ['40', 'N', '2026-01-05', null, null],
];

// Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const EXPECTED: Record<string, readonly number[]> = {
  new: [14, 7, 4, 4, 5, 4, 38], // rows 1–38: N 1,2,8,9,16,17,20,24,25,28,29,31,35,36; B 3,10,11,18,26,30,37; …
  'carried-in': [2, 1, 0, 0, 0, 0, 3], // c1, c3 (N); c2 (B)
  disclosed: [5, 1, 1, 1, 1, 0, 9], // c1,1,2,28,29 (N); 3 (B); 4 (R); 34 (P); 32 (L)
  partial: [0, 1, 0, 1, 1, 1, 4], // 30 (B); 5 (P); 6 (L); 7 (O)
  'withheld.state-secret': [1, 0, 0, 0, 0, 0, 1],
  'withheld.law-prohibited': [1, 0, 0, 0, 0, 0, 1],
  'withheld.three-safety': [0, 1, 0, 0, 0, 0, 1],
  'withheld.third-party': [1, 2, 0, 0, 0, 0, 3], // 35 (N); 11, c2 (B)
  'withheld.internal-affairs': [0, 0, 1, 0, 0, 0, 1],
  'withheld.process-info': [0, 0, 0, 1, 0, 0, 1],
  'withheld.enforcement-file': [0, 0, 0, 0, 1, 0, 1],
  'withheld.administrative-query': [0, 0, 0, 0, 0, 1, 1],
  'unavailable.not-held': [3, 0, 0, 0, 0, 1, 4], // 16, 17, 31 (N); 33 (O)
  'unavailable.needs-creation': [0, 1, 0, 0, 0, 0, 1],
  'unavailable.still-unclear': [0, 0, 1, 0, 0, 0, 1],
  'not-processed.petition': [1, 0, 0, 0, 0, 0, 1],
  'not-processed.repeat': [0, 0, 0, 1, 0, 0, 1],
  'not-processed.publication': [0, 0, 0, 0, 1, 0, 1],
  'not-processed.excessive': [0, 0, 0, 0, 0, 1, 1],
  'not-processed.confirm-reissue': [1, 0, 0, 0, 0, 0, 1],
  'other.correction-overdue': [1, 0, 0, 0, 0, 0, 1],
  'other.fee-unpaid': [0, 1, 0, 0, 0, 0, 1],
  'other.other': [0, 0, 1, 0, 0, 0, 1],
  'results-total': [14, 7, 4, 4, 4, 4, 37], // c1, c2 and rows 1–35
  'carried-out': [2, 1, 0, 0, 1, 0, 4], // c3, 36 (N); 37 (B); 38 (L)
};

const rowOf = (table: Record<string, Record<Table3Column, number>>, key: string) => TABLE3_COLUMNS.map((c) => table[key]?.[c]);

for (const engine of ENGINES) {
  describe(`annual report tables from the records [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    const ids = new Map<string, number>();

    async function insert(agencyId: number, [label, type, received, closed, outcome]: Case) {
      const now = '2026-11-26T02:00:00.000Z';
      const row = await requestStore.insertRequest(tdb.handle.db, {
        agencyId,
        trackingNumber: `YSQ-t-${agencyId}-${label}-${received}`,
        queryCodeHash: 'x',
        source: 'import',
        applicantType: T[type]!,
        applicantName: '（历史登记）',
        idDocType: 'other',
        idDocNumber: '',
        title: `申请 ${label}`,
        deliveryForm: 'paper',
        deliveryMethod: 'post',
        channel: 'in-person',
        submittedOn: received,
        receivedOn: received,
        state: closed && closed <= '2026-11-26' ? 'closed' : 'received',
        dueOn: null,
        assignedTo: null,
        outcome,
        closedOn: closed,
        onTime: null,
        releasedRecordId: null,
        createdAt: now,
        updatedAt: now,
      });
      ids.set(`${agencyId}:${label}`, row.id);
      return row.id;
    }

    async function appeal(requestId: number, kind: string, filedOn: string, result: string, concludedOn: string | null) {
      await requestStore.insertAppeal(tdb.handle.db, { requestId, kind, filedOn, result, concludedOn, note: '', createdBy: 't', createdAt: filedOn, updatedAt: filedOn });
    }

    before(async () => {
      tdb = await createTestDatabase(engine);
      h = await makeHierarchy(tdb.ctx);
      for (const c of CASES) await insert(h.bureau.id, c);
      // Noise: a lower government's request and an old one elsewhere never count for city-edu.
      const noise = await insert(h.district.id, ['39', 'N', '2025-03-01', '2025-03-20', 'disclosed.provided']);
      await insert(h.otherCity.id, ['41', 'R', '2025-05-01', '2025-06-01', 'partial']);
      // The city government's own request (for the consolidated report).
      await insert(h.city.id, ['g1', 'N', '2025-11-20', null, null]);

      const id = (label: string) => ids.get(`${h.bureau.id}:${label}`)!;
      await appeal(id('8'), 'reconsideration', '2025-03-01', 'upheld', '2025-05-01');
      await appeal(id('11'), 'reconsideration', '2025-04-01', 'corrected', '2025-06-01');
      await appeal(id('35'), 'reconsideration', '2025-11-01', 'upheld', '2026-01-20'); // decided after the year: 尚未审结
      await appeal(id('16'), 'litigation-direct', '2025-05-01', 'pending', null);
      await appeal(id('12'), 'litigation-direct', '2025-06-01', 'other', '2025-12-01');
      await appeal(id('8'), 'litigation-after-reconsideration', '2025-06-01', 'upheld', '2025-10-01');
      await appeal(id('c4'), 'reconsideration', '2024-08-01', 'upheld', '2024-10-01'); // filed in 2024
      await appeal(noise, 'reconsideration', '2025-04-01', 'corrected', '2025-05-01'); // another agency
    });
    after(async () => tdb?.drop());

    test('table 三 of the worked example, row by row, as counted by hand', async () => {
      const report = await computeAnnualReport(tdb.ctx, 'city-edu', 2025);
      for (const [key, expected] of Object.entries(EXPECTED)) assert.deepEqual(rowOf(report.table3, key), expected, key);
      assert.deepEqual(report.problems, []);
    });

    test('table 四: appeals filed in the year, with their result at the year end', async () => {
      const { table4 } = await computeAnnualReport(tdb.ctx, 'city-edu', 2025);
      assert.deepEqual(table4.reconsideration, { upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 });
      assert.deepEqual(table4['litigation-direct'], { upheld: 0, corrected: 0, other: 1, pending: 1, total: 2 });
      assert.deepEqual(table4['litigation-after-reconsideration'], { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    });

    test("a government's consolidated report adds its departments, not the lower governments", async () => {
      const own = await computeAnnualReport(tdb.ctx, 'city', 2025);
      assert.deepEqual(rowOf(own.table3, 'new'), [1, 0, 0, 0, 0, 0, 1]);
      const all = await computeAnnualReport(tdb.ctx, 'city', 2025, 'consolidated');
      // city-edu's 38 + the city's own 1; the district government's request 39 is not included.
      assert.deepEqual(rowOf(all.table3, 'new'), [15, 7, 4, 4, 5, 4, 39]);
      assert.deepEqual(rowOf(all.table3, 'carried-out'), [3, 1, 0, 0, 1, 0, 5]);
      assert.equal(all.table4.reconsideration.total, 3);
      await assert.rejects(computeAnnualReport(tdb.ctx, 'city-edu', 2025, 'consolidated'), (e: unknown) => e instanceof AppError && (e.details ?? []).some((d) => d.includes('只有人民政府')));
    });

    test('the year before carries its open requests into this one', async () => {
      const y2024 = await computeAnnualReport(tdb.ctx, 'city-edu', 2024);
      // 2024: c1–c4 received; c4 closed; c1, c2 (closed 2025) and c3 carried out.
      assert.deepEqual(rowOf(y2024.table3, 'new'), [3, 1, 0, 0, 0, 0, 4]);
      assert.deepEqual(rowOf(y2024.table3, 'carried-out'), [2, 1, 0, 0, 0, 0, 3]);
      const y2025 = await computeAnnualReport(tdb.ctx, 'city-edu', 2025);
      assert.deepEqual(rowOf(y2025.table3, 'carried-in'), rowOf(y2024.table3, 'carried-out'));
    });
  });
}

for (const engine of ENGINES) {
  describe(`table 二 第二十条第（一）项 from the catalogue [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    after(async () => tdb?.drop());

    test('规章 are the records promulgated by order; made, repealed and in force counted by their dates; staff may override', async () => {
      tdb = await createTestDatabase(engine);
      const h = await makeHierarchy(tdb.ctx);
      const staff = (role: Role, login: string) => ({ actor: { id: 1, login }, staff: { id: 1, login, displayName: login, agencyId: h.bureau.id, roles: [role] } });
      const editor = staff('editor', 'bianji');
      const reviewer = staff('reviewer', 'shenhe');
      const on = (day: string) => ({ ...tdb.ctx, clock: fixedClock(`${day}T02:00:00.000Z`) });
      const publish = async (day: string, fields: { title: string; docNumber: string; genre: string; writtenOn: string; statutoryItem: number }) => {
        const draft = await catalog.createDraft(on(day), editor, 'city-edu', {
          ...fields,
          formedOn: fields.writtenOn,
          topic: '科技、教育\\教育',
          category: '决策公开',
          bodyHtml: '<p>正文。</p>',
        });
        await catalog.submitForReview(on(day), editor, draft.id);
        return catalog.approve(on(day), reviewer, draft.id);
      };
      await publish('2025-03-02', { title: '测试市中小学校安全管理办法', docNumber: '测试市教育局令第1号', genre: '办法', writtenOn: '2025-03-01', statutoryItem: 1 });
      await publish('2025-04-02', { title: '关于规范校外培训收费的通知', docNumber: '测教发〔2025〕2号', genre: '通知', writtenOn: '2025-04-01', statutoryItem: 1 });
      await publish('2024-05-02', { title: '关于做好课后服务工作的通知', docNumber: '测教发〔2024〕5号', genre: '通知', writtenOn: '2024-05-01', statutoryItem: 1 });
      const old = await publish('2023-06-02', { title: '关于中小学收费管理的规定', docNumber: '测教发〔2023〕9号', genre: '规定', writtenOn: '2023-06-01', statutoryItem: 1 });
      await publish('2025-05-02', { title: '2025年教育工作要点', docNumber: '测教发〔2025〕7号', genre: '方案', writtenOn: '2025-05-01', statutoryItem: 2 });
      // Repealed by a revision published on 2025-09-01.
      await catalog.revise(on('2025-09-01'), reviewer, old.id, {
        title: old.title, docNumber: old.docNumber, writtenOn: old.writtenOn, formedOn: old.formedOn, topic: old.topic, genre: old.genre,
        category: old.category, statutoryItem: 1, validity: '废止', bodyHtml: '<p>本规定已废止。</p>',
      }, '已被新的管理办法取代');

      const report = await computeAnnualReport(tdb.ctx, 'city-edu', 2025);
      assert.deepEqual(report.table2.rules, { made: 1, repealed: 0, inForce: 1 });
      assert.deepEqual(report.table2.normativeDocuments, { made: 1, repealed: 1, inForce: 2 });
      const y2024 = await computeAnnualReport(tdb.ctx, 'city-edu', 2024);
      assert.deepEqual(y2024.table2.normativeDocuments, { made: 1, repealed: 0, inForce: 2 });

      // A count the office knows better (a 规章 published elsewhere) overrides; blank keeps the platform's.
      await saveInputs(tdb.ctx, { actor: { id: 1, login: 'admin' } }, { agencyId: h.bureau.id, agencyCode: 'city-edu', year: 2025, scope: 'agency' }, {
        manual: { rulesMade: '2', rulesInForce: '', licensing: '12', penalties: '', enforcement: '', feesTenThousandYuan: '1.25', feesCollectedOutsideYuan: '' },
      });
      const after = await computeAnnualReport(tdb.ctx, 'city-edu', 2025);
      assert.deepEqual(after.table2.rules, { made: 2, repealed: 0, inForce: 1 });
      assert.equal(after.table2.licensing, 12, 'an override of the (zero) count of 许可 decisions');
      assert.equal(after.manual.penalties, null, 'blank keeps the platform count');
      assert.equal(after.table2.penalties, 0, 'no 处罚 decisions held for city-edu');
      assert.equal(after.table2.enforcement, 0, '行政强制 is entered; blank is 0');
      assert.equal(after.table2.feesTenThousandYuan, 1.25);
      await assert.rejects(
        saveInputs(tdb.ctx, { actor: { id: 1, login: 'admin' } }, { agencyId: h.bureau.id, agencyCode: 'city-edu', year: 2025, scope: 'agency' }, { manual: { licensing: '-3', penalties: '', enforcement: '', feesTenThousandYuan: '0.00001', feesCollectedOutsideYuan: '' } }),
        (e: unknown) => e instanceof AppError && ['licensing', 'feesTenThousandYuan'].every((f) => (e.details ?? []).some((d) => d.startsWith(`${f}:`))),
      );
      assert.equal((await computeAnnualReport(tdb.ctx, 'city-edu', 2025)).table2.licensing, 12, 'nothing stored from a refused save');
    });
  });
}

/** A 双公示 decision as addResult takes it; a legal person carries a valid 统一社会信用代码. */
const decision = (agency: string, kind: '许可' | '处罚', decisionNumber: string, decidedOn: string, publicUntil: string | null = kind === '处罚' ? '2028-12-31' : null) => ({
  kind,
  agency,
  decisionNumber,
  subjectType: 'legal',
  subjectName: '测试科技有限公司',
  subjectId: '91110000MA01ABCD2Q',
  legalBasis: '《中华人民共和国行政许可法》',
  content: `${kind}决定 ${decisionNumber}`,
  decidedOn,
  publishedOn: decidedOn,
  publicUntil,
});

for (const engine of ENGINES) {
  describe(`table 二 第二十条第（五）、（六）项 from the 双公示 decisions [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    const admin = { actor: { id: 1, login: 'admin' } };

    before(async () => {
      tdb = await createTestDatabase(engine);
      h = await makeHierarchy(tdb.ctx);
      const add = (agency: string, kind: '许可' | '处罚', n: string, on: string, until?: string) => addResult(tdb.ctx, admin, decision(agency, kind, n, on, until));
      // city-edu: 2025 — 许可 ×3 (on the year's first and last days too), 处罚 ×2 (one whose
      // publicity period ended in 2025: no longer on view, still decided in 2025); 2024 处罚 ×1; 2026 许可 ×1.
      await add('city-edu', '许可', '测教许〔2025〕1号', '2025-01-01');
      await add('city-edu', '许可', '测教许〔2025〕2号', '2025-06-15');
      await add('city-edu', '许可', '测教许〔2025〕3号', '2025-12-31');
      await add('city-edu', '处罚', '测教罚〔2025〕1号', '2025-03-10', '2025-09-10');
      await add('city-edu', '处罚', '测教罚〔2025〕2号', '2025-11-20');
      await add('city-edu', '处罚', '测教罚〔2024〕9号', '2024-12-31');
      await add('city-edu', '许可', '测教许〔2026〕1号', '2026-01-01');
      // The city government's own: 2025 处罚 ×1.
      await add('city', '处罚', '测政罚〔2025〕1号', '2025-05-05');
      // A lower government and its bureau (not in the city's consolidated report): 2025 许可 ×1, 处罚 ×1.
      await add('city-d1', '许可', '东政许〔2025〕1号', '2025-04-01');
      await add('city-d1-cz', '处罚', '东财罚〔2025〕1号', '2025-04-02');
      // Another city: 2025 许可 ×1.
      await add('other', '许可', '另政许〔2025〕1号', '2025-07-07');
    });
    after(async () => tdb?.drop());

    test("an agency's report counts its own decisions made in the year, by kind", async () => {
      const y2025 = await computeAnnualReport(tdb.ctx, 'city-edu', 2025);
      assert.deepEqual(y2025.known.decisions, { licensing: 3, penalties: 2 });
      assert.equal(y2025.table2.licensing, 3);
      assert.equal(y2025.table2.penalties, 2);
      assert.equal(y2025.table2.enforcement, 0, '行政强制 is not counted from the decisions');
      const y2024 = await computeAnnualReport(tdb.ctx, 'city-edu', 2024);
      assert.deepEqual([y2024.table2.licensing, y2024.table2.penalties], [0, 1]);
      const y2026 = await computeAnnualReport(tdb.ctx, 'city-edu', 2026);
      assert.deepEqual([y2026.table2.licensing, y2026.table2.penalties], [1, 0]);
      const other = await computeAnnualReport(tdb.ctx, 'other', 2025);
      assert.deepEqual([other.table2.licensing, other.table2.penalties], [1, 0]);
    });

    test("a consolidated report adds its departments' decisions, not a lower government's", async () => {
      const own = await computeAnnualReport(tdb.ctx, 'city', 2025);
      assert.deepEqual([own.table2.licensing, own.table2.penalties], [0, 1]);
      const all = await computeAnnualReport(tdb.ctx, 'city', 2025, 'consolidated');
      // city 处罚 1 + city-edu 许可 3, 处罚 2; city-d1 and city-d1-cz report for themselves.
      assert.deepEqual(all.known.decisions, { licensing: 3, penalties: 3 });
      assert.deepEqual([all.table2.licensing, all.table2.penalties], [3, 3]);
      const district = await computeAnnualReport(tdb.ctx, 'city-d1', 2025, 'consolidated');
      assert.deepEqual([district.table2.licensing, district.table2.penalties], [1, 1]);
    });

    test('an override wins over the count; blank keeps the count; each scope has its own', async () => {
      await saveInputs(tdb.ctx, admin, { agencyId: h.city.id, agencyCode: 'city', year: 2025, scope: 'consolidated' }, {
        manual: { licensing: '10', penalties: '', enforcement: '4', feesTenThousandYuan: '', feesCollectedOutsideYuan: '' },
      });
      const all = await computeAnnualReport(tdb.ctx, 'city', 2025, 'consolidated');
      assert.deepEqual([all.table2.licensing, all.table2.penalties, all.table2.enforcement], [10, 3, 4]);
      assert.deepEqual(all.known.decisions, { licensing: 3, penalties: 3 }, 'the count is still known beside the override');
      const own = await computeAnnualReport(tdb.ctx, 'city', 2025);
      assert.deepEqual([own.table2.licensing, own.table2.penalties, own.table2.enforcement], [0, 1, 0], 'the agency scope is untouched');

      // An override of 0 is a figure, not a blank.
      await saveInputs(tdb.ctx, admin, { agencyId: h.city.id, agencyCode: 'city', year: 2025, scope: 'consolidated' }, {
        manual: { licensing: '', penalties: 0, enforcement: '4', feesTenThousandYuan: '', feesCollectedOutsideYuan: '' },
      });
      const zero = await computeAnnualReport(tdb.ctx, 'city', 2025, 'consolidated');
      assert.deepEqual([zero.table2.licensing, zero.table2.penalties], [3, 0]);

      await assert.rejects(
        saveInputs(tdb.ctx, admin, { agencyId: h.city.id, agencyCode: 'city', year: 2025, scope: 'consolidated' }, { manual: { licensing: '1.5', penalties: '-1', enforcement: '', feesTenThousandYuan: '', feesCollectedOutsideYuan: '' } }),
        (e: unknown) => e instanceof AppError && ['licensing', 'penalties'].every((f) => (e.details ?? []).some((d) => d.startsWith(`${f}:`) && d.includes('或留空采用平台统计'))),
      );
    });

    test('rows stored when 行政许可 and 行政处罚 were entered still parse: their numbers stay overrides', async () => {
      const store = async (agencyId: number, year: number, manual: Record<string, unknown>) =>
        tdb.handle.db.insertInto('annualReport').values({ agencyId, year, scope: 'agency', manual: JSON.stringify(manual), updatedBy: 'admin', updatedAt: '2025-12-01T00:00:00.000Z' }).execute();
      // Saved by the form before this change: every figure a number, a blank stored as 0.
      await store(h.bureau.id, 2025, {
        rulesMade: null, rulesRepealed: null, rulesInForce: null, normMade: null, normRepealed: null, normInForce: null,
        licensing: 7, penalties: 0, enforcement: 2, feesTenThousandYuan: 0.5, feesCollectedOutsideYuan: 0,
      });
      // Saved before 第二十条第（一）项 was counted at all: no keys for the document counts.
      await store(h.bureau.id, 2024, { licensing: 0, penalties: 5, enforcement: 0, feesTenThousandYuan: 0, feesCollectedOutsideYuan: 0 });

      const stored = await loadInputs(tdb.handle.db, h.bureau.id, 2025, 'agency');
      assert.equal(stored.manual.licensing, 7);
      assert.equal(stored.manual.penalties, 0);
      const y2025 = await computeAnnualReport(tdb.ctx, 'city-edu', 2025);
      assert.deepEqual([y2025.table2.licensing, y2025.table2.penalties, y2025.table2.enforcement, y2025.table2.feesTenThousandYuan], [7, 0, 2, 0.5]);
      assert.deepEqual(y2025.known.decisions, { licensing: 3, penalties: 2 });
      const y2024 = await computeAnnualReport(tdb.ctx, 'city-edu', 2024);
      assert.deepEqual([y2024.table2.licensing, y2024.table2.penalties], [0, 5]);
      assert.equal(y2024.manual.rulesMade, null, 'missing document counts still mean the platform count');
    });
  });
}

describe('consistency checks name the wrong cell', () => {
  test('a hand-entered figure that breaks a sum is caught, with the cell and the expected value', () => {
    const t = buildTable3([
      { row: 'new', applicantType: 'natural', n: 5 },
      { row: 'disclosed', applicantType: 'natural', n: 4 },
      { row: 'carried-out', applicantType: 'natural', n: 1 },
    ]);
    assert.deepEqual(checkTable3(t), []);
    t['withheld.state-secret']!.natural = 2; // typed into the wrong row, totals not updated
    const problems = checkTable3(t);
    assert.ok(problems.some((p) => p.cell === '表三 1.属于国家秘密 × 总计' && p.expected === 2 && p.actual === 0));
    assert.ok(problems.some((p) => p.cell === '表三 （七）总计 × 自然人' && p.expected === 6 && p.actual === 4));
    t['results-total']!.natural = 6;
    t['results-total']!.total = 6;
    t['withheld.state-secret']!.total = 2;
    const balance = checkTable3(t);
    assert.deepEqual(
      balance.map((p) => p.cell),
      ['表三 自然人列', '表三 总计列'],
    );
    assert.equal(balance[0]?.expected, 5); // 一 + 二
    assert.equal(balance[0]?.actual, 7); // 三（七） + 四
  });

  test('table 四 totals and negative numbers', () => {
    const t4 = { reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 2 }, 'litigation-direct': { upheld: 0, corrected: 0, other: 0, pending: -1, total: -1 }, 'litigation-after-reconsideration': { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 } };
    const cells = checkTable4(t4).map((p) => p.cell);
    assert.ok(cells.includes('表四 行政复议 × 总计'));
    assert.ok(cells.includes('表四 行政诉讼·未经复议直接起诉 × 尚未审结'));
  });
});
