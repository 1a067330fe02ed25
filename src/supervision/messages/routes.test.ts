import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';
import { submitMessage } from './service.js';

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
      await makeUser(t.tdb.ctx, { login: 'sup', agencyId: h.city.id, roles: ['supervisor'] });
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

    test('not accepted: the reason is kept apart from the answer and shown, masked, to the author and on the board', async () => {
      // Filed through the service: the form's per-IP limit is spent by the tests above.
      const filed = await submitMessage(t.tdb.ctx, { ...FORM, kind: 'consult', ground: '', subject: '同一问题再次咨询', body: '与上周的留言相同。' }, { ipHash: 'ip-reject' });
      const { id, trackingNumber: tn } = filed.message;
      const officer = new Visitor(t.app);
      await officer.login('officer', TEST_PASSWORD);
      const empty = await officer.post(`/staff/messages/${id}/reject`, { reason: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /请填写不予受理的理由 \/ enter the reason/);
      const reason = '赵小兰已于上周提交相同留言（电话13912345678），已合并办理，不再重复受理。';
      const refused = await officer.post(`/staff/messages/${id}/reject`, { reason, publish: '1' });
      assert.equal(refused.statusCode, 303);
      assert.equal(refused.headers.location, `/staff/messages/${id}?done=rejected`);
      const row = await t.tdb.ctx.db.selectFrom('message').select(['status', 'answer', 'rejectReason', 'published']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'rejected', answer: null, rejectReason: reason, published: 1 });
      const staffPage = await officer.get(`/staff/messages/${id}`);
      assert.match(staffPage.body, /<h2>不予受理的理由<\/h2>/);
      assert.ok(staffPage.body.includes(reason), 'staff read the reason as written');
      assert.ok(!staffPage.body.includes('提交答复'), 'no answer form once refused');

      const masked = '赵*兰已于上周提交相同留言（电话139****5678），已合并办理，不再重复受理。';
      const author = new Visitor(t.app);
      await author.get('/messages/track');
      const mine = await author.post('/messages/track', { trackingNumber: tn, queryCode: filed.queryCode });
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /id="ly-status">不予受理</);
      assert.ok(mine.body.includes(`id="ly-reject-reason">${masked}<`), 'the author reads the reason, masked');
      assert.ok(!mine.body.includes('id="ly-answer"'));

      const board = await new Visitor(t.app).get('/messages');
      assert.ok(board.body.includes(`<strong>不予受理的理由：</strong>${masked}`), 'the board shows the reason, masked');
      const one = await new Visitor(t.app).get(`/messages/${tn}`);
      assert.equal(one.statusCode, 200);
      assert.match(one.body, /<h2>不予受理的理由<\/h2>/);
      assert.ok(one.body.includes(masked));
      for (const page of [mine, board, one]) for (const secret of ['赵小兰', '13912345678', 'zxl@example.cn']) assert.ok(!page.body.includes(secret), `leaks ${secret}`);
      const api = (await new Visitor(t.app).get('/api/v1/messages?kind=consult')).json<{ items: { trackingNumber: string; status: string; answer: string | null; rejectReason: string | null }[] }>();
      const item = api.items.find((i) => i.trackingNumber === tn);
      assert.deepEqual(item && { status: item.status, answer: item.answer, rejectReason: item.rejectReason }, { status: 'rejected', answer: null, rejectReason: masked });
    });

    test('the supervisor records a finding with its note; the staff page shows both', async () => {
      const filed = await submitMessage(t.tdb.ctx, { ...FORM, subject: '招生简章未公开' }, { ipHash: 'ip-finding' });
      const id = filed.message.id;
      const sup = new Visitor(t.app);
      await sup.login('sup', TEST_PASSWORD);
      const before = await sup.get(`/staff/messages/${id}`);
      assert.match(before.body, /id="ly-finding">尚未核查</);
      const noNote = await sup.post(`/staff/messages/${id}/finding`, { finding: 'verified', note: '' });
      assert.equal(noNote.statusCode, 400);
      assert.match(noNote.body, /请填写核查说明 \/ enter a note/);
      const note = '经核查，招生简章确未按期公开，已督促教育局三日内发布。';
      const saved = await sup.post(`/staff/messages/${id}/finding`, { finding: 'verified', note });
      assert.equal(saved.statusCode, 303);
      const row = await t.tdb.ctx.db.selectFrom('message').select(['finding', 'findingNote', 'answer']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { finding: 'verified', findingNote: note, answer: null });
      const watcher = new Visitor(t.app);
      await watcher.login('watcher', TEST_PASSWORD);
      for (const v of [sup, watcher]) {
        const page = await v.get(`/staff/messages/${id}`);
        assert.match(page.body, /id="ly-finding">情况属实，督促整改</);
        assert.ok(page.body.includes(`id="ly-finding-note">${note}<`));
      }
      // oversight reads but may not rule
      assert.equal((await watcher.post(`/staff/messages/${id}/finding`, { finding: 'unfounded', note: 'x' })).statusCode, 403);
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
