import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as requests from '../requests/service.js';
import { addResult } from '../services/service.js';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';
import { loadInputs } from './inputs.js';

const FIGURES = {
  rulesMade: '2',
  rulesRepealed: '1',
  rulesInForce: '17',
  normMade: '12',
  normRepealed: '3',
  normInForce: '86',
  licensing: '4321',
  penalties: '56',
  enforcement: '7',
  feesTenThousandYuan: '12.5',
  feesCollectedOutsideYuan: '30',
};

for (const engine of ENGINES) {
  describe(`annual reports in the workbench [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    const signedIn = async (login: string) => {
      const v = new Visitor(t.app);
      assert.equal((await v.login(login, TEST_PASSWORD)).statusCode, 303);
      return v;
    };
    before(async () => {
      t = await createTestApp(engine);
      h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'jyj.admin', agencyId: h.bureau.id, roles: ['agency_admin'] });
      await makeUser(t.tdb.ctx, { login: 'jyj.editor', agencyId: h.bureau.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'city.admin', agencyId: h.city.id, roles: ['agency_admin'] });
      await makeUser(t.tdb.ctx, { login: 'district.editor', agencyId: h.district.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'other.admin', agencyId: h.otherCity.id, roles: ['agency_admin'] });
    });
    after(async () => t?.close());

    test('the list shows the agencies in scope with their reports, state and deadline', async () => {
      const v = await signedIn('city.admin');
      const page = await v.get('/staff/reports');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('2025年度政府信息公开工作年度报告'), 'last year by default');
      assert.ok(page.body.includes('href="/staff/reports/city-edu/2025"'));
      assert.ok(page.body.includes('href="/staff/reports/city/2025?scope=consolidated"'), 'a government has a consolidated report');
      assert.ok(!page.body.includes('/staff/reports/city-edu/2025?scope=consolidated'), 'a department has none');
      assert.ok(page.body.includes('2026年1月31日') && page.body.includes('2026年3月31日'));
      assert.ok(page.body.includes('已过期限，尚未公布'));
      assert.ok(!page.body.includes('另一市人民政府'), 'another city is outside the scope');
      assert.equal((await v.get('/staff/reports?year=2024')).statusCode, 200);
      assert.equal((await v.get('/staff/reports?year=1999')).statusCode, 400);
    });

    test('an agency admin saves figures (a bad value is refused and nothing stored) and sections', async () => {
      const v = await signedIn('jyj.admin');
      const first = await v.get('/staff/reports/city-edu/2025');
      assert.equal(first.statusCode, 200);
      assert.ok(first.body.includes('全部校验通过'));
      assert.ok(first.body.includes('二、主动公开政府信息情况') && first.body.includes('三、收到和处理政府信息公开申请情况') && first.body.includes('四、政府信息公开行政复议、行政诉讼情况'));
      assert.ok(first.body.includes('2025年，本机关通过政府信息公开平台主动公开政府信息0条。'), 'empty sections are prefilled with the draft');
      assert.ok(first.body.includes('草稿只是起点'), 'the prefilled text is marked as a draft');
      assert.ok(first.body.includes('平台外收取的信息处理费（元）'));

      const bad = await v.post('/staff/reports/city-edu/2025/figures', { ...FIGURES, rulesMade: '两件', feesTenThousandYuan: '1.00001' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('规章本年制发件数应为非负整数'));
      assert.ok(bad.body.includes('最多4位小数'));
      assert.ok(bad.body.includes('value="两件"'), 'the typed value is kept');
      assert.ok(bad.body.includes('aria-invalid="true"'));
      assert.equal((await loadInputs(t.tdb.ctx.db, h.bureau.id, 2025, 'agency')).row, undefined, 'nothing stored');

      const saved = await v.post('/staff/reports/city-edu/2025/figures', FIGURES);
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/staff/reports/city-edu/2025?saved=figures');
      const afterFigures = await v.get(String(saved.headers.location));
      assert.ok(afterFigures.body.includes('已保存数据'));
      assert.ok(afterFigures.body.includes('>4321<'), 'table 二 shows the saved figure');
      assert.ok(afterFigures.body.includes('>12.5<'));
      assert.ok(afterFigures.body.includes('全部校验通过'));

      const sections = await v.post('/staff/reports/city-edu/2025/sections', { proactive: '本机关主动公开规范性文件12件。', other: '无。' });
      assert.equal(sections.statusCode, 303);
      assert.equal(sections.headers.location, '/staff/reports/city-edu/2025?saved=sections');
      const afterSections = await v.get(String(sections.headers.location));
      assert.ok(afterSections.body.includes('已保存文字部分'));
      assert.ok(afterSections.body.includes('本机关主动公开规范性文件12件。'));
      const stored = await loadInputs(t.tdb.ctx.db, h.bureau.id, 2025, 'agency');
      assert.equal(stored.manual.licensing, 4321);
      assert.equal(stored.sections.other, '无。');

      const tooLong = await v.post('/staff/reports/city-edu/2025/sections', { proactive: '字'.repeat(20_001) });
      assert.equal(tooLong.statusCode, 400);
      assert.ok(tooLong.body.includes('每部分最多20000字'));
      assert.equal((await loadInputs(t.tdb.ctx.db, h.bureau.id, 2025, 'agency')).sections.proactive, '本机关主动公开规范性文件12件。');
    });

    test('行政许可 and 行政处罚 show the count of 双公示 decisions; a blank keeps it, a number overrides it', async () => {
      const seed = { actor: { id: null, login: 'system' } };
      const decided = (kind: '许可' | '处罚', decisionNumber: string, decidedOn: string, subjectId: string) =>
        addResult(t.tdb.ctx, seed, {
          kind,
          agency: 'city-edu',
          decisionNumber,
          subjectType: 'legal',
          subjectName: '测试教育科技有限公司',
          subjectId,
          legalBasis: '《中华人民共和国民办教育促进法》',
          content: `${kind}决定`,
          decidedOn,
          publishedOn: decidedOn,
          publicUntil: kind === '处罚' ? '2023-12-31' : null,
        });
      // 2022: 许可 ×2, 处罚 ×1; a 2023 许可 is another year's.
      await decided('许可', '测教许〔2022〕1号', '2022-03-01', '91110000MA01ABCD2Q');
      await decided('许可', '测教许〔2022〕2号', '2022-08-01', '91110000MA01QRTU3B');
      await decided('处罚', '测教罚〔2022〕1号', '2022-09-01', '91350100M000100Y43');
      await decided('许可', '测教许〔2023〕1号', '2023-01-03', '91350100M000100Y43');

      const v = await signedIn('jyj.admin');
      const page = await v.get('/staff/reports/city-edu/2022');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /id="ars-figures-licensing-hint">平台统计：2（留空即采用）/);
      assert.match(page.body, /id="ars-figures-penalties-hint">平台统计：1（留空即采用）/);
      assert.ok(!page.body.includes('id="ars-figures-enforcement-hint">平台统计'), '行政强制 has no platform count');
      assert.match(page.body, /<input id="ars-figures-licensing"[^>]* value[ />]/, 'nothing stored: the field is blank (an empty value attribute)');

      const saved = await v.post('/staff/reports/city-edu/2022/figures', { ...FIGURES, licensing: '', penalties: '6', enforcement: '3' });
      assert.equal(saved.statusCode, 303);
      const stored = await loadInputs(t.tdb.ctx.db, h.bureau.id, 2022, 'agency');
      assert.equal(stored.manual.licensing, null, 'a blank is stored as "use the count", not as 0');
      assert.equal(stored.manual.penalties, 6);
      const csv = (await v.get('/staff/reports/city-edu/2022/report.csv')).body;
      assert.ok(csv.includes('表二,第二十条第（五）项 / 行政许可,本年处理决定数量,2\r\n'), 'the count');
      assert.ok(csv.includes('表二,第二十条第（六）项 / 行政处罚,本年处理决定数量,6\r\n'), 'the override');
      assert.ok(csv.includes('表二,第二十条第（六）项 / 行政强制,本年处理决定数量,3\r\n'), 'entered');
      const after = await v.get('/staff/reports/city-edu/2022');
      assert.match(after.body, /id="ars-figures-penalties-hint">平台统计：1（留空即采用）/, 'the count stays shown beside an override');
      assert.match(after.body, /id="ars-figures-penalties"[^>]*value="6"/);
    });

    test('an editor generates the catalogue draft once; a second attempt shows the existing link', async () => {
      const v = await signedIn('jyj.editor');
      const page = await v.get('/staff/reports/city-edu/2024');
      assert.ok(page.body.includes('生成年度报告信息草稿'));
      const created = await v.post('/staff/reports/city-edu/2024/record');
      assert.equal(created.statusCode, 303);
      const location = String(created.headers.location);
      assert.match(location, /^\/staff\/records\/\d+$/);
      const record = await v.get(location);
      assert.equal(record.statusCode, 200);
      assert.ok(record.body.includes('测试市教育局2024年政府信息公开工作年度报告'));

      const again = await v.post('/staff/reports/city-edu/2024/record');
      assert.equal(again.statusCode, 409);
      assert.ok(again.body.includes('不再重复生成'));
      assert.ok(again.body.includes(`href="${location}"`));
      const count = await t.tdb.ctx.db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', '%2024年政府信息公开工作年度报告%').executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1, 'no duplicate');
      const list = await v.get('/staff/reports?year=2024');
      assert.ok(list.body.includes(`href="${location}"`), 'the list links the record with its state');

      // An agency admin may edit the report but not draft catalogue records.
      const admin = await signedIn('jyj.admin');
      assert.ok(!(await admin.get('/staff/reports/city-edu/2023')).body.includes('生成年度报告信息草稿</button>'));
      assert.equal((await admin.post('/staff/reports/city-edu/2023/record')).statusCode, 403);
    });

    test('tables that do not add up are listed, and no draft can be generated', async () => {
      const seed = { actor: { id: null, login: 'system' }, staff: null };
      const { request } = await requests.registerReceived(t.tdb.ctx, seed, {
        agency: 'city-d1',
        applicantType: 'natural',
        applicantName: '张晓明',
        idDocType: 'resident-id',
        idDocNumber: '11010519491231002X',
        phone: '13800138000',
        title: '东区2025年老旧小区改造计划',
        deliveryForm: 'paper',
        deliveryMethod: 'pickup',
        oneMatter: '1',
        channel: 'in-person',
        submittedOn: '2026-11-26',
      });
      // Closed without an outcome (only possible by a broken import): 一+二 ≠ 三+四.
      await t.tdb.ctx.db.updateTable('request').set({ receivedOn: '2025-05-06', closedOn: '2025-06-01', outcome: null }).where('id', '=', request.id).execute();
      const v = await signedIn('district.editor');
      const page = await v.get('/staff/reports/city-d1/2025');
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes('全部校验通过'));
      assert.match(page.body, /role="alert"[^>]*>\s*<h3 id="ars-check-title">校验发现/);
      assert.ok(page.body.includes('第一项加第二项之和，等于第三项加第四项之和'));
      assert.match(page.body, /<button type="submit" disabled[^>]*>生成年度报告信息草稿/);
      const refused = await v.post('/staff/reports/city-d1/2025/record');
      assert.equal(refused.statusCode, 400);
      assert.ok(refused.body.includes('the tables do not add up'));
      assert.equal((await loadInputs(t.tdb.ctx.db, h.district.id, 2025, 'agency')).row, undefined, 'nothing stored');
    });

    test('a user of another city gets 403', async () => {
      const v = await signedIn('other.admin');
      assert.equal((await v.get('/staff/reports/city-edu/2025')).statusCode, 403);
      assert.equal((await v.get('/staff/reports/city-edu/2025/report.csv')).statusCode, 403);
      assert.equal((await v.post('/staff/reports/city-edu/2025/figures', FIGURES)).statusCode, 403);
      assert.equal((await v.post('/staff/reports/city-edu/2025/sections', {})).statusCode, 403);
      const admin = await signedIn('jyj.admin');
      assert.equal((await admin.get('/staff/reports/city/2025?scope=consolidated')).statusCode, 403, 'the city government is above the bureau');
      assert.equal((await admin.get('/staff/reports/city-edu/2025?scope=consolidated')).statusCode, 400, 'a department has no consolidated report');
      assert.equal((await admin.get('/staff/reports/nowhere/2025')).statusCode, 404);
    });

    test('the CSV download has the BOM, the header line and a Chinese file name', async () => {
      const v = await signedIn('jyj.admin');
      const csv = await v.get('/staff/reports/city-edu/2025/report.csv');
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.ok(csv.body.startsWith('\uFEFF表,行,列,数值\r\n'));
      assert.ok(csv.body.includes('表二,第二十条第（五）项 / 行政许可,本年处理决定数量,4321\r\n'));
      assert.ok(String(csv.headers['content-disposition']).includes(`filename*=UTF-8''${encodeURIComponent('测试市教育局-2025-年度报告.csv')}`));
      const consolidated = await (await signedIn('city.admin')).get('/staff/reports/city/2025/report.csv?scope=consolidated');
      assert.equal(consolidated.statusCode, 200);
      assert.ok(String(consolidated.headers['content-disposition']).includes(encodeURIComponent('（汇总）')));
    });

    test('the workbench home reminds of the reports in January and of the consolidated one until March', async () => {
      try {
        t.tdb.clock.set('2026-01-10T02:00:00.000Z');
        const bureau = await (await signedIn('jyj.admin')).get('/staff');
        assert.ok(bureau.body.includes('年度报告提醒'));
        assert.ok(bureau.body.includes('2025年度政府信息公开工作年度报告应于<time datetime="2026-01-31">2026年1月31日</time>前公布'));
        assert.ok(bureau.body.includes('尚未生成信息草稿'));
        assert.ok(bureau.body.includes('href="/staff/reports/city-edu/2025"'));
        const city = await (await signedIn('city.admin')).get('/staff');
        assert.ok(city.body.includes('2026年1月31日') && city.body.includes('2026年3月31日'));
        assert.ok(city.body.includes('href="/staff/reports/city/2025?scope=consolidated"'));

        t.tdb.clock.set('2026-02-10T02:00:00.000Z');
        const february = await (await signedIn('city.admin')).get('/staff');
        assert.ok(!february.body.includes('2026年1月31日') && february.body.includes('2026年3月31日'), 'only the consolidated report is still due');
        const bureauFebruary = await (await signedIn('jyj.admin')).get('/staff');
        assert.ok(!bureauFebruary.body.includes('年度报告提醒'));
        assert.ok(bureauFebruary.body.includes('href="/staff/reports"'));
      } finally {
        t.tdb.clock.set('2026-11-26T02:00:00.000Z');
      }
    });
  });
}
