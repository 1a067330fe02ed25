import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';

const FORM = {
  agency: 'city-edu',
  kind: 'complaint',
  ground: 'not_disclosed',
  subject: '招生信息未公开',
  body: '我是赵小兰，身份证11010519491231002X，电话13912345678，至今未见公开。',
  authorName: '赵小兰',
  contact: 'zxl@example.cn',
  publishConsent: '1',
};

for (const engine of ENGINES) {
  describe(`留言 HTTP [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
      const h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'officer', agencyId: h.city.id, roles: ['request_officer'] });
      await makeUser(t.tdb.ctx, { login: 'watcher', agencyId: h.city.id, roles: ['oversight'] });
      const now = t.tdb.clock.now().toISOString();
      await t.tdb.ctx.db.insertInto('serviceItem').values({ code: 'edu-001', agencyId: h.bureau.id, name: '学籍证明', type: '公共服务', guide: '{}', visits: '', promisedDays: null, createdAt: now, updatedAt: now }).execute();
    });
    after(async () => t?.close());

    test('a refused form answers 400 in Chinese and English and shows the values again', async () => {
      const v = new Visitor(t.app);
      assert.equal((await v.get('/messages/new')).statusCode, 200);
      const res = await v.post('/messages', { ...FORM, subject: '', contact: 'not a contact' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /请填写标题 \/ enter a title/);
      assert.match(res.body, /请填写有效的电话号码或电子邮箱 \/ enter a valid phone number or e-mail address/);
      assert.match(res.body, /value="赵小兰"/);
      const noCsrf = await t.app.inject({ method: 'POST', url: '/messages', payload: new URLSearchParams(FORM).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(noCsrf.statusCode, 403);
    });

    test('file, answer with publication, look up; the board never shows name or contact', async () => {
      const citizen = new Visitor(t.app);
      await citizen.get('/messages/new');
      const filed = await citizen.post('/messages', FORM);
      assert.equal(filed.statusCode, 201);
      const tn = /id="ly-tracking-number">([^<]+)</.exec(filed.body)?.[1] ?? '';
      const qc = /id="ly-query-code"[^>]*>([^<]+)</.exec(filed.body)?.[1] ?? '';
      assert.equal(tn, 'LY2026-000001');
      assert.match(filed.body, /2026-12-10/);

      const watcher = new Visitor(t.app);
      await watcher.login('watcher', TEST_PASSWORD);
      const id = (await t.tdb.ctx.db.selectFrom('message').select('id').where('trackingNumber', '=', tn).executeTakeFirstOrThrow()).id;
      const seen = await watcher.get(`/staff/messages/${id}`);
      assert.equal(seen.statusCode, 200);
      assert.ok(!seen.body.includes('zxl@example.cn') && seen.body.includes('z***@example.cn'), 'oversight sees the contact masked');
      assert.ok(!seen.body.includes('提交答复'));
      assert.equal((await watcher.post(`/staff/messages/${id}/answer`, { answer: 'x' })).statusCode, 403);

      const officer = new Visitor(t.app);
      await officer.login('officer', TEST_PASSWORD);
      const detail = await officer.get(`/staff/messages/${id}`);
      assert.ok(detail.body.includes('zxl@example.cn'), 'the answering officer sees the contact');
      const answered = await officer.post(`/staff/messages/${id}/answer`, { answer: '已联系赵小兰，招生信息已于今日公开。', publish: '1' });
      assert.equal(answered.statusCode, 303);

      for (const path of ['/messages', `/messages/${tn}`, '/api/v1/messages', '/messages?lang=zh-Hant']) {
        const page = await new Visitor(t.app).get(path);
        assert.equal(page.statusCode, 200, path);
        for (const secret of ['赵小兰', '趙小蘭', 'zxl@example.cn', '13912345678', '11010519491231002X']) assert.ok(!page.body.includes(secret), `${path} leaks ${secret}`);
      }
      const board = await citizen.get('/messages');
      assert.match(board.body, /招生信息已于今日公开/);
      assert.match(board.body, /139\*\*\*\*5678/);
      const api = (await citizen.get('/api/v1/messages?agency=city-edu')).json<{ total: number; items: { trackingNumber: string; onTime: boolean }[] }>();
      assert.equal(api.total, 1);
      assert.equal(api.items[0]?.onTime, true);

      await citizen.get('/messages/track');
      assert.equal((await citizen.post('/messages/track', { trackingNumber: tn, queryCode: 'WRONGWRONG' })).statusCode, 404);
      const mine = await citizen.post('/messages/track', { trackingNumber: tn.toLowerCase(), queryCode: qc });
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /已答复/);
    });

    test('JSON API: files and refuses with error bodies', async () => {
      const ok = await t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: { ...FORM, kind: 'consult', ground: '' } });
      assert.equal(ok.statusCode, 201);
      assert.match(ok.json<{ trackingNumber: string }>().trackingNumber, /^LY2026-\d{6}$/);
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: { ...FORM, agency: 'nowhere' } });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json<{ error: { details: string[] } }>().error.details.includes('agency: 受理机关不存在 / unknown agency'));
    });

    test('ratings: once per visitor cookie, then 409; the roll-up API', async () => {
      const v = new Visitor(t.app);
      await v.get('/messages/new');
      const first = await v.post('/ratings', { objectType: 'service_item', objectRef: 'edu-001', score: '4', comment: '有用' });
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, '/services/items/edu-001?rated=1#rating');
      assert.ok(v.cookies.has('gk_v'));
      const again = await v.post('/ratings', { objectType: 'service_item', objectRef: 'edu-001', score: '1' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /您已经评价过/);
      const summary = (await v.get('/api/v1/ratings/summary?agency=city-edu')).json<{ overall: { count: number; mean: number } }>();
      assert.deepEqual(summary.overall, { count: 1, mean: 4, distribution: [0, 0, 0, 1, 0], satisfaction: 1 });
      assert.equal((await v.get('/api/v1/ratings/summary')).statusCode, 400);
    });
  });
}
