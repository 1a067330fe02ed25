import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, skipReason } from '../../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../../test-support/http.js';

for (const engine of ENGINES) {
  describe(`sign-in, sessions and accounts over HTTP [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    let districtId: number;
    before(async () => {
      t = await createTestApp(engine, { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '10', PUBLIC_POST_LIMIT_PER_MINUTE: '100' });
      const h = await makeHierarchy(t.tdb.ctx);
      districtId = h.district.id;
      await makeUser(t.tdb.ctx, { login: 'editor.one', agencyId: h.district.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'admin.one', agencyId: h.city.id, roles: ['system_admin'] });
    });
    after(async () => t?.close());

    test('sign in sets an httpOnly session cookie, returns to the page asked for, and sign out ends the session', async () => {
      const v = new Visitor(t.app);
      const first = await v.get('/staff/agencies');
      assert.equal(first.statusCode, 302);
      await v.get(String(first.headers.location));
      const res = await v.post('/staff/login', { login: 'editor.one', password: TEST_PASSWORD, next: '/staff/agencies' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/staff/agencies');
      const cookie = res.cookies.find((c) => c.name === 'gk_session');
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie?.sameSite, 'Lax');
      const staffPage = await v.get('/staff');
      assert.equal(staffPage.statusCode, 200);
      assert.equal(staffPage.headers['cache-control'], 'no-store');
      const token = v.cookies.get('gk_session')!;
      assert.equal((await v.post('/staff/logout')).statusCode, 303);
      // The old cookie no longer opens anything, even if replayed.
      const replay = await t.app.inject({ url: '/staff', headers: { cookie: `gk_session=${token}` } });
      assert.equal(replay.statusCode, 302);
    });

    test('a login target outside the workbench is ignored (no open redirect)', async () => {
      for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', '/staffevil', '/staff//evil.example']) {
        const v = new Visitor(t.app);
        await v.get('/staff/login');
        const res = await v.post('/staff/login', { login: 'editor.one', password: TEST_PASSWORD, next });
        assert.equal(res.headers.location, '/staff', next);
      }
    });

    test('repeated wrong passwords lock the account; the lock is audited and an admin can lift it', async () => {
      const v = new Visitor(t.app);
      await v.get('/staff/login');
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await v.post('/staff/login', { login: 'editor.one', password: 'wrong-password' })).statusCode);
      assert.deepEqual(statuses, [401, 401, 423]);
      const locked = await v.post('/staff/login', { login: 'editor.one', password: TEST_PASSWORD });
      assert.equal(locked.statusCode, 423);
      assert.ok(locked.body.includes('账号已暂时锁定'));
      const admin = new Visitor(t.app);
      await admin.login('admin.one', TEST_PASSWORD);
      const audit = await admin.get('/staff/audit?action=auth.lockout');
      assert.ok(audit.body.includes('editor.one'));
      await admin.get('/staff/users/editor.one');
      const unlock = await admin.post('/staff/users/editor.one', { displayName: 'editor.one', roles: 'editor', unlock: '1' });
      assert.equal(unlock.statusCode, 303);
      assert.equal((await v.post('/staff/login', { login: 'editor.one', password: TEST_PASSWORD })).statusCode, 303);
    });

    test('a system admin creates an account through the form; the new user can sign in', async () => {
      const admin = new Visitor(t.app);
      await admin.login('admin.one', TEST_PASSWORD);
      await admin.get('/staff/users/new');
      const weak = await admin.post('/staff/users', { login: 'new.user', displayName: '新用户', agencyId: String(districtId), roles: ['editor', 'reviewer'], password: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.ok(weak.body.includes('密码至少10位'));
      assert.doesNotMatch(weak.body, /value="short"/, 'a rejected password is not echoed back');
      const ok = await admin.post('/staff/users', { login: 'new.user', displayName: '新用户', agencyId: String(districtId), roles: ['editor', 'reviewer'], password: 'Another-Passw0rd' });
      assert.equal(ok.statusCode, 303);
      const list = await admin.get('/staff/users');
      assert.ok(list.body.includes('new.user'));
      assert.ok(list.body.includes('信息编辑、信息审核'));
      const user = new Visitor(t.app);
      assert.equal((await user.login('new.user', 'Another-Passw0rd')).statusCode, 303);
    });
  });
}

for (const engine of ENGINES) {
  describe(`rate limit on public forms [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine, { PUBLIC_POST_LIMIT_PER_MINUTE: '3' });
    });
    after(async () => t?.close());

    test('public POSTs beyond the limit get 429 with Retry-After; GETs are not limited', async () => {
      const v = new Visitor(t.app);
      await v.get('/staff/login');
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await v.post('/staff/login', { login: 'nobody', password: 'x' })).statusCode);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      const limited = await v.post('/staff/login', { login: 'nobody', password: 'x' });
      assert.equal(limited.headers['retry-after'], '60');
      assert.ok(limited.body.includes('操作过于频繁'));
      assert.equal((await v.get('/staff/login')).statusCode, 200);
    });
  });
}
