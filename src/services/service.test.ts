import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadShippedSchedules } from '../platform/calendar/load.js';
import { WorkingDayCalendar } from '../platform/calendar/model.js';
import { AppError } from '../platform/errors.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { addResult, cleanupOf, getItem, lateResults, listItems, listPublicResults, publicationDelayDays, saveItem } from './service.js';

const by = { actor: { id: null, login: 'test' } };
const guide = (code: string, name: string, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  type: '行政许可',
  agency: 'city-edu',
  legalBasis: '《中华人民共和国民办教育促进法》第十二条',
  materials: [{ name: '申请书', form: '原件', copies: 1, required: true }],
  steps: ['受理', '审查', '决定', '送达'],
  statutoryDays: 20,
  promisedDays: 10,
  events: ['教育'],
  ...extra,
});
const change = (kind: string, on: string, document: string, reason = '公布', target = '') => ({ kind, on, reason, document, target });

for (const engine of ENGINES) {
  describe(`service items and 双公示 [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(engine);
      await makeHierarchy(tdb.ctx);
    });
    after(async () => tdb?.drop());

    test('items keep their list history; leaving the list follows from the last change', async () => {
      await saveItem(tdb.ctx, by, guide('city-edu-XK-0001', '民办学校设立审批'), change('added', '2019-06-30', '测政发〔2019〕1号'));
      await saveItem(tdb.ctx, by, guide('city-edu-XK-0002', '教师资格认定', { type: '行政确认', events: ['教育', '就业'] }), change('added', '2019-06-30', '测政发〔2019〕1号'));
      await saveItem(tdb.ctx, by, guide('city-edu-XK-0003', '校外培训机构审批'), change('added', '2019-06-30', '测政发〔2019〕1号'));
      await saveItem(tdb.ctx, by, guide('city-edu-XK-0003', '校外培训机构审批'), change('merged', '2022-04-15', '测政发〔2022〕2号', '与民办学校设立审批合并办理', 'city-edu-XK-0001'));
      await assert.rejects(saveItem(tdb.ctx, by, guide('city-edu-XK-0009', '新事项'), change('changed', '2022-04-15', 'x')), AppError);

      const merged = await getItem(tdb.handle.db, 'city-edu-XK-0003');
      assert.equal(merged.row.onList, 0);
      assert.deepEqual(merged.history.map((h) => h.kind), ['added', 'merged']);
      const list = await listItems(tdb.handle.db, { agency: 'city', event: '教育', type: '', q: '', page: 1, pageSize: 20 });
      assert.deepEqual(list.items.map((i) => i.code), ['city-edu-XK-0001', 'city-edu-XK-0002'], 'the department is under the city; the merged item is off the list');
      assert.equal((await listItems(tdb.handle.db, { agency: '', event: '就业', type: '', q: '', page: 1, pageSize: 20 })).total, 1);
      assert.equal((await listItems(tdb.handle.db, { agency: '', event: '', type: '', q: '资格', page: 1, pageSize: 20 })).items[0]?.code, 'city-edu-XK-0002');

      const { rounds } = await cleanupOf(tdb.handle.db, 'city');
      assert.deepEqual(rounds.map((r) => [r.document, r.before, r.after]), [['测政发〔2019〕1号', 0, 3], ['测政发〔2022〕2号', 3, 2]]);
    });

    test('a natural person is masked on the public list and cannot be found by name; penalties leave the list after their period', async () => {
      await addResult(tdb.ctx, by, {
        kind: '处罚', agency: 'city-edu', decisionNumber: '测教罚〔2026〕3号', subjectType: 'natural', subjectName: '张晓明', subjectId: '11010519491231002X',
        legalBasis: '《校外培训行政处罚暂行办法》第十九条', content: '当事人张晓明（身份证号11010519491231002X）未经批准开展校外培训。处罚内容：警告。', decidedOn: '2026-03-02', publishedOn: '2026-03-05', publicUntil: '2027-03-02',
      });
      await addResult(tdb.ctx, by, {
        kind: '许可', agency: 'city-edu', decisionNumber: '测教许〔2026〕8号', subjectType: 'legal', subjectName: '测试市启明培训学校有限公司', subjectId: '91350100M000100Y43',
        legalBasis: '《中华人民共和国民办教育促进法》第十二条', content: '准予设立', decidedOn: '2026-04-01', publishedOn: '2026-04-20',
      });
      const today = '2026-11-26';
      const all = await listPublicResults(tdb.handle.db, { today, page: 1, pageSize: 20 });
      const text = JSON.stringify(all.items);
      assert.ok(!text.includes('张晓明') && !text.includes('11010519491231002X'));
      assert.ok(text.includes('张*明') && text.includes('1101************2X'));
      assert.ok(text.includes('当事人张*明（身份证号1101************2X）'), 'mentions inside the decision text are masked too');
      assert.ok(text.includes('测试市启明培训学校有限公司'), 'organisations are published in full');
      assert.equal((await listPublicResults(tdb.handle.db, { q: '张晓明', today, page: 1, pageSize: 20 })).total, 0);
      assert.equal((await listPublicResults(tdb.handle.db, { q: '启明', today, page: 1, pageSize: 20 })).total, 1);
      assert.equal((await listPublicResults(tdb.handle.db, { kind: '处罚', today: '2027-03-03', page: 1, pageSize: 20 })).total, 0, 'the publicity period ended');
      await assert.rejects(addResult(tdb.ctx, by, { kind: '许可', agency: 'city-edu', decisionNumber: 'x', subjectType: 'legal', subjectName: 'y', legalBasis: 'z', content: 'c', decidedOn: '2026-05-02', publishedOn: '2026-05-01' }), AppError);

      // 2026-04-01 (Wed) → 2026-04-20 (Mon): 04-02, 03, 07–10 (清明 04-04–06 off), 13–17, 20 = 12 working days: late (> 7).
      const cal = new WorkingDayCalendar(loadShippedSchedules());
      assert.equal(publicationDelayDays(cal, { decidedOn: '2026-04-01', publishedOn: '2026-04-20' }), 12);
      // The penalty (decided 03-02, published 03-05: 3 working days) is on time; the licence is flagged.
      const late = await lateResults(tdb.handle.db, cal, null, '2026-01-01');
      assert.deepEqual(late.map((r) => [r.decisionNumber, r.workingDays]), [['测教许〔2026〕8号', 12]]);
    });
  });
}
