import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csvLine } from '../platform/files/csv.js';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';

const HEADER = ['事项编码', '事项名称', '事项类型', '实施机关', '设定依据', '申请材料', '承诺办结时限', '服务主题'];
const ROW = ['D1-0101', '东区公共文化场馆预约', '公共服务', 'city-d1', '《中华人民共和国公共文化服务保障法》第三十一条', '居民身份证｜原件｜1', '即办', '出行'];
const sheet = (...rows: string[][]) => new TextEncoder().encode(`\uFEFF${rows.map((r) => csvLine(r)).join('')}`);
const upload = (v: Visitor, bytes: Uint8Array, fields: Record<string, string> = {}) => v.postFile('/staff/services/import', { field: 'file', name: '事项.csv', type: 'text/csv', bytes }, fields);

for (const engine of ENGINES) {
  describe(`便民服务 workbench [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    const as = async (login: string) => {
      const v = new Visitor(t.app);
      assert.equal((await v.login(login, TEST_PASSWORD)).statusCode, 303, `${login} signs in`);
      return v;
    };
    const itemCount = async () => Number((await t.tdb.ctx.db.selectFrom('serviceItem').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await createTestApp(engine);
      const h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'bianji', agencyId: h.district.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'jiandu', agencyId: h.city.id, roles: ['supervisor'] });
    });
    after(async () => t?.close());

    test('an upload with problems saves nothing and lists each by line, column and reason', async () => {
      const editor = await as('bianji');
      const outside = [...ROW];
      outside[0] = 'EDU-0101';
      outside[3] = 'city-edu'; // the city's bureau: not in a district editor's scope
      const badType = [...ROW];
      badType[0] = 'D1-0102';
      badType[2] = '行政审批';
      const res = await upload(editor, sheet(HEADER, ROW, outside, badType));
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.includes('有 2 处问题，未导入任何事项'));
      assert.match(res.body, /<td>3<\/td><td>实施机关<\/td><td>无权维护“测试市教育局”的事项/);
      assert.match(res.body, /<td>4<\/td><td>事项类型<\/td><td>无法识别“行政审批”/);
      assert.equal(await itemCount(), 0);

      const dry = await upload(editor, sheet(HEADER, ROW), { dryRun: '1' });
      assert.equal(dry.statusCode, 200);
      assert.ok(dry.body.includes('检查通过（未写入）'));
      assert.equal(await itemCount(), 0);
    });

    test('a good upload saves the items with their 新增 change; skip-invalid saves the valid rows only', async () => {
      const editor = await as('bianji');
      const badType = [...ROW];
      badType[0] = 'D1-0102';
      badType[2] = '行政审批';
      const res = await upload(editor, sheet(HEADER, ROW, badType), { skipInvalid: '1' });
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('新增 1 个、更新 0 个事项'));
      assert.ok(res.body.includes('以下 1 处问题所在的行已跳过'));
      const list = await editor.get('/staff/services');
      assert.ok(list.body.includes('东区公共文化场馆预约'));
      assert.ok(list.body.includes('2026-11-26 新增'), 'the change is recorded on the import day');
      const item = await editor.get('/staff/services/items/D1-0101');
      assert.ok(item.body.includes('批量导入'));

      assert.equal((await editor.get('/staff/services?agency=city-edu')).statusCode, 403, 'another agency’s list');
      assert.equal((await editor.get(`/staff/services?agency=${'x'.repeat(101)}`)).statusCode, 400);
      const csv = await editor.get('/staff/services/export.csv');
      assert.equal(csv.statusCode, 200);
      assert.ok(csv.body.startsWith('\uFEFF事项编码,事项名称'));
      assert.ok(csv.body.includes('D1-0101,东区公共文化场馆预约,公共服务,city-d1'));
    });

    test('a list change takes an item off the list, and the public page says why', async () => {
      const editor = await as('bianji');
      const wrong = await editor.post('/staff/services/items/D1-0101/change', { kind: 'merged', on: '2026-11-26', reason: '整合', target: 'NOPE-1' });
      assert.equal(wrong.statusCode, 400);
      assert.ok(wrong.body.includes('合并须填写并入的事项编码'));
      const done = await editor.post('/staff/services/items/D1-0101/change', { kind: 'cancelled', on: '2026-11-26', reason: '场馆改由街道管理', document: '东政发〔2026〕9号' });
      assert.equal(done.statusCode, 303);
      const page = await new Visitor(t.app).get('/services/items/D1-0101');
      assert.ok(page.body.includes('场馆改由街道管理'));
      const again = await editor.post('/staff/services/items/D1-0101/change', { kind: 'cancelled', on: '2026-11-26', reason: '再次取消' });
      assert.equal(again.statusCode, 400, 'an item off the list cannot be cancelled again');
    });

    test('双公示: other people’s personal data in the decision text is refused; a published decision is masked in public', async () => {
      const editor = await as('bianji');
      const decision = {
        kind: '处罚',
        agency: 'city-d1',
        decisionNumber: '东文罚〔2026〕12号',
        subjectType: 'natural',
        subjectName: '张晓明',
        subjectId: '11010519491231002X',
        legalBasis: '《营业性演出管理条例》第四十三条',
        content: '当事人张晓明未经批准举办营业性演出，证人李某（电话13812345678）在场。处罚：警告，罚款5000元。',
        decidedOn: '2026-11-24',
        publicUntil: '2027-11-24',
      };
      const refused = await editor.post('/staff/services/results', decision);
      assert.equal(refused.statusCode, 400);
      assert.ok(refused.body.includes('含有手机号码（138****5678）'));
      assert.ok(refused.body.includes('东文罚〔2026〕12号'), 'the form keeps what was typed');

      const noPeriod = await editor.post('/staff/services/results', { ...decision, content: '当事人张晓明未经批准举办营业性演出。处罚：警告。', publicUntil: '' });
      assert.equal(noPeriod.statusCode, 400);
      assert.ok(noPeriod.body.includes('行政处罚须填写公示截止日期'));

      const ok = await editor.post('/staff/services/results', { ...decision, content: '当事人张晓明（身份证号11010519491231002X）未经批准举办营业性演出。处罚：警告。' });
      assert.equal(ok.statusCode, 303);
      const pub = await new Visitor(t.app).get('/results');
      assert.ok(pub.body.includes('当事人张*明（身份证号1101************2X）'));
      assert.ok(!pub.body.includes('张晓明') && !pub.body.includes('11010519491231002X'));

      // 2026-11-24 (Tue) → 11-26 (Thu): 2 working days, on time.
      const staffList = await (await as('jiandu')).get('/staff/services/results');
      assert.match(staffList.body, /<td>2026-11-26<\/td><td>2<\/td>/);
      assert.ok(!staffList.body.includes('<form method="post" action="/staff/services/results"'), 'a supervisor only reads');
    });
  });
}
