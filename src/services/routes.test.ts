import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { createTestApp, type TestApp } from '../test-support/http.js';
import { addResult, saveItem } from './service.js';

const by = { actor: { id: null, login: 'test' } };
const R1 = { on: '2026-01-05', document: '测政发〔2026〕1号', reason: '公布政务服务事项清单' };
const R2 = { on: '2026-06-30', document: '测政发〔2026〕9号' };
const R3 = { on: '2026-09-01', document: '测政发〔2026〕15号' };

const guide = (code: string, name: string, agency: string, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  type: '行政许可',
  agency,
  legalBasis: '《中华人民共和国民办教育促进法》第十八条',
  conditions: '申请人具备相应的办学条件。',
  materials: [
    { name: '民办学校设立申请书', form: '原件', copies: 1, format: '纸质，A4', source: '申请人自备', required: true },
    { name: '校舍租赁合同', form: '复印件', copies: 2, source: '申请人自备', required: false, condition: '租用校舍的提供' },
  ],
  steps: ['申请', '受理', '审查', '决定'],
  statutoryDays: 20,
  promisedDays: 10,
  fees: '不收费',
  place: '测试市政务服务中心三楼教育窗口',
  hours: '工作日 9:00—17:00',
  phone: '0000-12345678',
  onlineUrl: 'https://zwfw.example.gov.cn/items/EDU-0001',
  visits: '最多跑一次',
  events: ['教育'],
  faq: [{ q: '可以委托他人办理吗？', a: '可以，需提交授权委托书。' }],
  ...extra,
});

for (const engine of ENGINES) {
  describe(`便民服务 pages and API [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    const get = (url: string) => t.app.inject({ url });

    before(async () => {
      t = await createTestApp(engine);
      await makeHierarchy(t.tdb.ctx);
      const deps = t.tdb.ctx;
      // Round 1: the city publishes three items (0 → 3); round 2 cancels one and adjusts another
      // (3 → 2); round 3 merges one into the other (2 → 1). The district's item is its own list.
      await saveItem(deps, by, guide('EDU-0001', '民办学校设立审批', 'city-edu'), { kind: 'added', ...R1 });
      await saveItem(deps, by, guide('EDU-0002', '教师资格认定', 'city-edu', { type: '行政确认', events: ['教育', '就业'], visits: '全程网办' }), { kind: 'added', ...R1 });
      await saveItem(deps, by, guide('CITY-0001', '市级民生补助申领', 'city', { type: '行政给付', events: ['社会保障'] }), { kind: 'added', ...R1 });
      await saveItem(deps, by, guide('EDU-0002', '教师资格认定', 'city-edu', { type: '行政确认', events: ['教育', '就业'], visits: '全程网办' }), { kind: 'cancelled', ...R2, reason: '国务院决定取消该项审批' });
      await saveItem(deps, by, guide('EDU-0001', '民办学校设立审批', 'city-edu', { promisedDays: 5 }), { kind: 'changed', ...R2, reason: '承诺时限压缩为5个工作日' });
      await saveItem(deps, by, guide('CITY-0001', '市级民生补助申领', 'city', { type: '行政给付', events: ['社会保障'] }), { kind: 'merged', ...R3, reason: '整合为一个事项办理', target: 'EDU-0001' });
      await saveItem(deps, by, guide('D1-0001', '东区公共文化场馆预约', 'city-d1', { type: '公共服务', events: ['出行'] }), { kind: 'added', on: '2026-03-01', document: '东政发〔2026〕2号', reason: '公布' });

      await addResult(deps, by, {
        kind: '处罚', agency: 'city-edu', decisionNumber: '测教罚〔2026〕7号', subjectType: 'natural', subjectName: '张晓明', subjectId: '11010519491231002X',
        legalBasis: '《中华人民共和国民办教育促进法》第六十四条', content: '擅自举办培训机构，责令停止办学并罚款5000元', decidedOn: '2026-11-18', publishedOn: '2026-11-20', publicUntil: '2027-05-20',
      });
      await addResult(deps, by, {
        kind: '许可', agency: 'city-edu', decisionNumber: '测教许〔2026〕31号', subjectType: 'legal', subjectName: '测试市启明培训学校有限公司', subjectId: '91110000MA01ABCD2Q',
        legalBasis: '《中华人民共和国民办教育促进法》第十八条', content: '准予设立民办培训学校', decidedOn: '2026-11-10', publishedOn: '2026-11-12',
      });
      await addResult(deps, by, {
        kind: '处罚', agency: 'city-edu', decisionNumber: '测教罚〔2025〕2号', subjectType: 'legal', subjectName: '已过公示期的公司', subjectId: '91110000MA01QRTU3B',
        legalBasis: '某条', content: '警告', decidedOn: '2025-03-01', publishedOn: '2025-03-05', publicUntil: '2025-09-05',
      });
    });
    after(async () => t?.close());

    test('the hall lists life events in two groups, departments, types and the 清理 and results links', async () => {
      const res = await get('/services');
      assert.equal(res.statusCode, 200);
      for (const text of ['个人办事', '法人办事', '生育收养', '设立变更', '测试市教育局', '行政许可', '/services/cleanup/city', '/services/cleanup/city-d1', 'href="/results"']) {
        assert.ok(res.body.includes(text), text);
      }
      assert.ok(res.body.includes(`href="/services/items?event=${encodeURIComponent('教育')}"`), 'event links are encoded');
      assert.ok(!res.body.includes('/services/cleanup/other'), 'a government without items has no 清理 link');
    });

    test('the list filters by event, agency, type and name, with a heading that says so', async () => {
      const byEvent = await get(`/services/items?event=${encodeURIComponent('教育')}`);
      assert.equal(byEvent.statusCode, 200);
      assert.ok(byEvent.body.includes('<h1>主题：教育</h1>'));
      assert.ok(byEvent.body.includes('民办学校设立审批'));
      assert.ok(byEvent.body.includes('承诺时限 5 个工作日'));
      assert.ok(byEvent.body.includes('最多跑一次'));
      assert.ok(!byEvent.body.includes('教师资格认定'), 'a cancelled item leaves the list');
      const byQ = await get(`/services/items?q=${encodeURIComponent('文化场馆')}`);
      assert.ok(byQ.body.includes('东区公共文化场馆预约'));
      assert.ok(!byQ.body.includes('民办学校设立审批'));
      const byType = await get(`/services/items?type=${encodeURIComponent('公共服务')}&agency=city-d1`);
      assert.ok(byType.body.includes('类型：公共服务'));
      assert.ok(byType.body.includes('部门：测试市东区人民政府'));
      assert.equal((await get(`/services/items?event=${encodeURIComponent('不存在')}`)).statusCode, 400);
      assert.equal((await get('/services/items?agency=nope')).statusCode, 404);
    });

    test('an item page is the 办事指南: basic information, conditions, materials, steps, FAQ and history', async () => {
      const res = await get('/services/items/EDU-0001');
      assert.equal(res.statusCode, 200);
      for (const text of [
        '基本信息', '事项名称', '事项编码', '事项类型', '实施机关', '设定依据', '法定办结时限', '承诺办结时限', '收费标准及依据', '办理地点', '办理时间', '咨询电话', '到办事现场次数',
        '1 次（最多跑一次）', 'https://zwfw.example.gov.cn/items/EDU-0001', '受理条件', '申请材料', '民办学校设立申请书', '校舍租赁合同', '必要', '视情况', '租用校舍的提供',
        '办理流程', '<li>审查</li>', '常见问题', '可以委托他人办理吗？', '变更记录', '承诺时限压缩为5个工作日', '调整', '测政发〔2026〕9号', '?print=1', '?checklist=1',
      ]) {
        assert.ok(res.body.includes(text), text);
      }
      assert.ok(!res.body.includes('本事项已不在'), 'an item on the list has no notice');
      assert.equal((await get('/services/items/NOPE-0000')).statusCode, 404);
    });

    test('the print view has no navigation; the checklist is plain labelled checkboxes', async () => {
      const print = await get('/services/items/EDU-0001?print=1');
      assert.equal(print.statusCode, 200);
      assert.doesNotMatch(print.body, /class="main-nav"/);
      assert.ok(print.body.includes('民办学校设立申请书'));
      assert.ok(print.body.includes('办理流程'));
      const list = await get('/services/items/EDU-0001?checklist=1');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes('<input type="checkbox" id="sv-m-1"'));
      assert.ok(list.body.includes('<label for="sv-m-1">民办学校设立申请书</label>'));
      assert.ok(list.body.includes('打印'));
      assert.doesNotMatch(list.body, /<script/);
    });

    test('an item taken off the list keeps its page with a notice of why', async () => {
      const cancelled = await get('/services/items/EDU-0002');
      assert.equal(cancelled.statusCode, 200);
      assert.ok(cancelled.body.includes('本事项已不在政务服务事项清单中'));
      assert.ok(cancelled.body.includes('国务院决定取消该项审批'));
      const merged = await get('/services/items/CITY-0001');
      assert.ok(merged.body.includes('整合为一个事项办理'));
      assert.ok(merged.body.includes('href="/services/items/EDU-0001"'), 'the notice links the item it was merged into');
    });

    test('the 清理 page shows each round with counts computed from the histories', async () => {
      const res = await get('/services/cleanup/city');
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('0 → 3 → 2 → 1'));
      assert.ok(res.body.includes('0 项 → 3 项'));
      assert.ok(res.body.includes('3 项 → 2 项'));
      assert.ok(res.body.includes('2 项 → 1 项'));
      for (const text of ['测政发〔2026〕1号', '测政发〔2026〕9号', '测政发〔2026〕15号', '取消', '合并', '国务院决定取消该项审批', 'href="/services/items/EDU-0002"']) assert.ok(res.body.includes(text), text);
      assert.ok(!res.body.includes('东区公共文化场馆预约'), "the district's items are on the district's list");
      assert.ok((await get('/services/cleanup/city-d1')).body.includes('0 项 → 1 项'));
      assert.equal((await get('/services/cleanup/city-edu')).statusCode, 404, 'a department has no list of its own');
    });

    test('results never show a natural person in full, on the page or in the API', async () => {
      for (const url of ['/results', `/results?kind=${encodeURIComponent('处罚')}`, '/api/v1/results', `/api/v1/results?kind=${encodeURIComponent('处罚')}`]) {
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        assert.ok(!res.body.includes('张晓明'), url);
        assert.ok(!res.body.includes('11010519491231002X'), url);
        assert.ok(res.body.includes('张*明'), url);
        assert.ok(res.body.includes('1101************2X'), url);
        assert.ok(!res.body.includes('已过公示期的公司'), 'penalties leave after their publicity period');
      }
      const page = await get('/results');
      for (const text of ['决定文书号', '行政相对人', '证件号码', '决定内容', '决定日期', '实施机关', '公示截止', '2027-05-20', '自然人姓名不可检索', '测试市启明培训学校有限公司']) {
        assert.ok(page.body.includes(text), text);
      }
      const licences = (await get(`/api/v1/results?kind=${encodeURIComponent('许可')}`)).json();
      assert.deepEqual(licences.items.map((r: { decisionNumber: string }) => r.decisionNumber), ['测教许〔2026〕31号']);
      assert.equal((await get(`/api/v1/results?q=${encodeURIComponent('张晓明')}`)).json().total, 0, 'no search by a natural person’s name');
      assert.equal((await get(`/api/v1/results?q=${encodeURIComponent('启明')}`)).json().total, 1);
      assert.equal((await get('/api/v1/results?kind=nope')).statusCode, 400);
    });

    test('results filter by agency (with the agencies below it) and by the year of the decision', async () => {
      const numbers = async (query: string): Promise<string[]> => (await get(`/api/v1/results?${query}`)).json<{ items: { decisionNumber: string }[] }>().items.map((r) => r.decisionNumber);
      assert.deepEqual(await numbers('agency=city'), ['测教罚〔2026〕7号', '测教许〔2026〕31号'], 'the city covers its education bureau');
      assert.deepEqual(await numbers('agency=city-edu&year=2026'), ['测教罚〔2026〕7号', '测教许〔2026〕31号']);
      assert.deepEqual(await numbers('agency=city-d1'), []);
      assert.deepEqual(await numbers('year=2025'), [], 'the 2025 penalty has left public view');
      assert.equal((await get('/api/v1/results?agency=nope')).statusCode, 404);
      assert.equal((await get('/api/v1/results?year=20x6')).statusCode, 400);
      const page = await get('/results?agency=city-edu&year=2026');
      assert.match(page.body, /<option value="city-edu" selected>测试市教育局<\/option>/);
      assert.match(page.body, /<option value="2026" selected>2026年<\/option>/);
      assert.ok(!page.body.includes('<option value="2025"'), 'only years with decisions on view are offered');
      assert.ok(page.body.includes(`href="/results?kind=${encodeURIComponent('处罚')}&amp;agency=city-edu&amp;year=2026"`), 'the kind tabs keep the filters');
    });

    test('the API gives lists in the standard envelope and a guide with agency, history and onList', async () => {
      const list = (await get(`/api/v1/service-items?event=${encodeURIComponent('教育')}`)).json();
      assert.deepEqual(Object.keys(list).sort(), ['items', 'page', 'pageSize', 'total']);
      assert.equal(list.total, 1);
      assert.deepEqual(list.items[0].agency, { code: 'city-edu', name: '测试市教育局' });
      assert.equal(list.items[0].promisedDays, 5);
      assert.equal((await get('/api/v1/service-items?agency=city')).json().total, 1, 'an agency includes its own departments, not the lower governments');
      const item = (await get('/api/v1/service-items/EDU-0002')).json();
      assert.equal(item.onList, false);
      assert.deepEqual(item.agency, { code: 'city-edu', name: '测试市教育局' });
      assert.deepEqual(item.history.map((h: { label: string }) => h.label), ['新增', '取消']);
      assert.equal(item.materials.length, 2);
      const missing = await get('/api/v1/service-items/NOPE-0000');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'NOT_FOUND');
      const doc = (await get('/api/openapi.json')).json();
      for (const path of ['/api/v1/service-items', '/api/v1/service-items/{code}', '/api/v1/results']) assert.ok(doc.paths[path]?.get, path);
    });

    test('the 繁體 pages convert by phrase and their filter values still work', async () => {
      const hall = await get('/services?lang=zh-Hant');
      assert.ok(hall.body.includes('個人辦事'));
      assert.ok(hall.body.includes(`event=${encodeURIComponent('社会保障')}`), 'encoded links are left alone');
      const guidePage = await get('/services/items/EDU-0001?lang=zh-Hant');
      assert.ok(guidePage.body.includes('申請材料'));
      assert.ok(guidePage.body.includes('辦理流程'));
      const typed = await get(`/services/items?lang=zh-Hant&type=${encodeURIComponent('行政許可')}&q=${encodeURIComponent('學校')}`);
      assert.equal(typed.statusCode, 200);
      assert.ok(typed.body.includes('民辦學校設立審批'));
      const results = await get('/results?lang=zh-Hant');
      assert.ok(!results.body.includes('張曉明') && !results.body.includes('张晓明'));
    });
  });
}
