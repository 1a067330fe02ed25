import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../seed/demo.js';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';

const PASSWORD = 'Demo-Passw0rd!';

for (const engine of ENGINES) {
  describe(`accountability and notification pages on the demo city [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let openCase = 0;
    before(async () => {
      t = await createTestApp(engine);
      await seedDemo(t.tdb.ctx, { password: PASSWORD });
    });
    after(async () => t?.close());

    const signedIn = async (login: string) => {
      const v = new Visitor(t.app);
      const res = await v.login(login, PASSWORD);
      assert.ok(res.statusCode === 303 || res.statusCode === 302, `login ${login}: ${res.statusCode}`);
      return v;
    };

    test('the demo has cases, two of them followed up', async () => {
      const rows = await t.tdb.ctx.db.selectFrom('accountabilityCase').select(['id', 'status']).orderBy('id').execute();
      assert.ok(rows.length >= 3, `cases: ${rows.length}`);
      assert.equal(rows.filter((r) => r.status === 'rectified').length, 1);
      assert.equal(rows.filter((r) => r.status === 'criticised').length, 1);
      openCase = rows.find((r) => r.status === 'open')!.id;
    });

    test('the supervisor lists cases, orders rectification and records it done; bad input re-shows the form', async () => {
      const v = await signedIn('zhaozq');
      const list = await v.get('/staff/accountability?status=open');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`/staff/accountability/${openCase}"`));
      assert.equal((await v.get('/staff/accountability?status=&kind=&agency=&year=')).statusCode, 200, 'the empty filter form');
      const badFilter = await v.get('/staff/accountability?status=zzz&year=x');
      assert.equal(badFilter.statusCode, 400);
      assert.match(badFilter.body, /处理状态无效 \/ unknown status/);
      const page = await v.get(`/staff/accountability/${openCase}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="action"/);
      const bad = await v.post(`/staff/accountability/${openCase}/actions`, { action: 'rectification_ordered', actedOn: '2026-11-20', dueOn: '', note: '限期整改' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /请填写整改期限/);
      assert.match(bad.body, /限期整改/, 'the note is shown again');
      const ordered = await v.post(`/staff/accountability/${openCase}/actions`, { action: 'rectification_ordered', actedOn: '2026-11-20', dueOn: '2026-12-04', note: '限期整改' });
      assert.equal(ordered.statusCode, 303);
      // the due date is its own column, the note stays the officer's
      const stored = await t.tdb.ctx.db.selectFrom('accountabilityAction').select(['dueOn', 'note']).where('caseId', '=', openCase).where('action', '=', 'rectification_ordered').executeTakeFirstOrThrow();
      assert.deepEqual(stored, { dueOn: '2026-12-04', note: '限期整改' });
      const pending = await v.get(`/staff/accountability/${openCase}`);
      assert.match(pending.body, /整改期限 2026-12-04/);
      assert.doesNotMatch(pending.body, /已超过整改期限/, 'today (2026-11-26) is before the deadline');
      // a second order whose deadline (11-25) has passed: the latest order counts, and it is overdue
      await v.post(`/staff/accountability/${openCase}/actions`, { action: 'rectification_ordered', actedOn: '2026-11-21', dueOn: '2026-11-25', note: '' });
      const late = await v.get(`/staff/accountability/${openCase}`);
      assert.match(late.body, /整改期限 2026-11-25/);
      assert.match(late.body, /class="rqs-overdue"[^>]*>（已超过整改期限，尚未整改完成）/);
      const done = await v.post(`/staff/accountability/${openCase}/actions`, { action: 'rectified', actedOn: '2026-11-25', note: '已整改' });
      assert.equal(done.statusCode, 303);
      const after = await v.get(`/staff/accountability/${openCase}`);
      assert.match(after.body, /整改期限 2026-11-25/);
      assert.doesNotMatch(after.body, /已超过整改期限/, 'a rectified case is no longer overdue');
      assert.match(after.body, /已整改/);
      assert.doesNotMatch(after.body, /name="action"/);
    });

    test('oversight reads but cannot write; a district supervisor cannot open a city case; an editor has no access', async () => {
      const q = await signedIn('qianlh');
      const page = await q.get(`/staff/accountability/${openCase}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /name="action"/);
      assert.equal((await q.post(`/staff/accountability/${openCase}/actions`, { action: 'note', actedOn: '2026-11-20', note: 'x' })).statusCode, 403);
      const cityCase = await t.tdb.ctx.db
        .selectFrom('accountabilityCase as c')
        .innerJoin('agency as a', 'a.id', 'c.agencyId')
        .select('c.id')
        .where('a.code', 'in', ['ljs', 'ljs-jyj'])
        .executeTakeFirst();
      if (cityCase) assert.equal((await (await signedIn('heyu')).get(`/staff/accountability/${cityCase.id}`)).statusCode, 403);
      assert.equal((await (await signedIn('wangxm')).get('/staff/accountability')).statusCode, 403);
    });

    test('the digest on the workbench and its own page; an admin sets an e-mail address', async () => {
      const c = await signedIn('chensy');
      const home = await c.get('/staff');
      assert.match(home.body, /待办提醒/);
      const page = await c.get('/staff/notifications');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /未登记电子邮箱/);
      const admin = await signedIn('admin');
      await admin.get('/staff/users/chensy');
      const bad = await admin.post('/staff/users/chensy', { displayName: '陈思雨', roles: 'request_officer', email: 'not-an-address' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /电子邮箱格式不正确/);
      await admin.get('/staff/users/chensy');
      const ok = await admin.post('/staff/users/chensy', { displayName: '陈思雨', roles: 'request_officer', email: 'chensy@example.cn' });
      assert.equal(ok.statusCode, 303);
      const row = await t.tdb.ctx.db.selectFrom('appUser').select('email').where('login', '=', 'chensy').executeTakeFirstOrThrow();
      assert.equal(row.email, 'chensy@example.cn');
    });
  });
}
