import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ENGINES, createTestDatabase, skipReason, type TestDatabase } from '../../test-support/db.js';
import { TEST_PASSWORD, makeHierarchy, makeUser } from '../../test-support/factories.js';
import { SYSTEM_ACTOR } from '../audit/model.js';
import { listAudit } from '../audit/store.js';
import { ROLES, can, grantableRoles, inScope, passwordProblems, type Role, type StaffIdentity } from './model.js';
import { hashPassword, verifyPassword } from './password.js';
import { changeOwnPassword, changeUser, createUser, login, logout, purgeExpiredSessions, resolveSession } from './service.js';

const POLICY = { maxFailures: 3, lockMinutes: 15, sessionTtlHours: 12 } as const;
const bySystem = { actor: SYSTEM_ACTOR, staff: null };
const NEW_PASSWORD = 'Another-Passw0rd#';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const attempt = (loginName: string, password = TEST_PASSWORD) => ({ login: loginName, password, ip: '203.0.113.7', userAgent: 'node-test' });
const identity = (agencyId: number, roles: Role[]): StaffIdentity => ({ id: 1, login: 'x', displayName: 'X', agencyId, roles });

describe('password hashing', () => {
  test('round trip: the right password verifies, a wrong one does not', async () => {
    const hash = await hashPassword(TEST_PASSWORD);
    assert.equal(await verifyPassword(TEST_PASSWORD, hash), true);
    assert.equal(await verifyPassword('Test-Passw0rd?', hash), false);
    assert.equal(await verifyPassword('', hash), false);
  });

  test('self-describing scrypt format with N=2^15, r=8, p=1, 16-byte salt and 32-byte key', async () => {
    const hash = await hashPassword(TEST_PASSWORD);
    // base64url without padding: 16 bytes → 22 characters, 32 bytes → 43 characters.
    assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.ok(!hash.includes(TEST_PASSWORD));
  });

  test('two hashes of the same password differ (random salt) and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword(TEST_PASSWORD), hashPassword(TEST_PASSWORD)]);
    assert.notEqual(a, b);
    assert.notEqual(a.split('$')[4], b.split('$')[4]);
    assert.equal(await verifyPassword(TEST_PASSWORD, a), true);
    assert.equal(await verifyPassword(TEST_PASSWORD, b), true);
  });

  test('a malformed stored hash verifies nothing', async () => {
    const good = await hashPassword(TEST_PASSWORD);
    const [, , , , salt] = good.split('$');
    for (const stored of ['', 'plain-text', 'bcrypt$32768$8$1$aa$bb', 'scrypt$abc$8$1$aa$bb', `scrypt$32768$8$1$${salt}$`, `scrypt$32768$8$1$${salt}`, `${good}$extra`,
      // Damaged parameters: not a power of two, not a number, absurdly large (would need gigabytes).
      good.replace('$32768$', '$3$'), good.replace('$8$1$', '$x$1$'), good.replace('$32768$', '$1099511627776$')]) {
      assert.equal(await verifyPassword(TEST_PASSWORD, stored), false, `stored hash ${JSON.stringify(stored)}`);
    }
  });

  test('passwords are compared after NFKC normalisation (full-width input equals half-width)', async () => {
    const hash = await hashPassword('Test-Passw0rd!');
    assert.equal(await verifyPassword('Ｔｅｓｔ－Ｐａｓｓｗ０ｒｄ！', hash), true);
  });
});

describe('role and password rules', () => {
  test('passwordProblems: at least 10 characters, at most 200, three of four character classes', () => {
    assert.deepEqual(passwordProblems(TEST_PASSWORD), []);
    assert.deepEqual(passwordProblems('Abcdefghi1'), []); // exactly 10, three classes
    assert.deepEqual(passwordProblems('abcdefgh1!'), []); // lower, digit, symbol
    assert.deepEqual(passwordProblems('Abcdefgh1'), ['密码至少10位 / at least 10 characters']);
    assert.deepEqual(passwordProblems('abcdefghij1'), ['须包含大写字母、小写字母、数字、符号中的至少三类 / use at least three of: lower case, upper case, digits, symbols']);
    assert.deepEqual(passwordProblems('short'), [
      '密码至少10位 / at least 10 characters',
      '须包含大写字母、小写字母、数字、符号中的至少三类 / use at least three of: lower case, upper case, digits, symbols',
    ]);
    assert.deepEqual(passwordProblems(`Aa1${'x'.repeat(198)}`), ['密码过长 / at most 200 characters']); // 201 chars
    assert.deepEqual(passwordProblems(`Aa1${'x'.repeat(197)}`), []); // 200 chars
  });

  test('can: supervisors only read; only system admins manage the calendar', () => {
    const supervisor = identity(1, ['supervisor']);
    assert.equal(can(supervisor, 'agency.manage'), false);
    assert.equal(can(supervisor, 'user.manage'), false);
    assert.equal(can(supervisor, 'calendar.manage'), false);
    assert.equal(can(supervisor, 'audit.read'), true);
    assert.equal(can(supervisor, 'agency.view'), true);
    assert.equal(can(supervisor, 'workbench.view'), true);

    const editor = identity(1, ['editor']);
    assert.equal(can(editor, 'audit.read'), false);
    assert.equal(can(editor, 'user.manage'), false);
    assert.equal(can(editor, 'workbench.view'), true);

    const agencyAdmin = identity(1, ['agency_admin']);
    assert.equal(can(agencyAdmin, 'user.manage'), true);
    assert.equal(can(agencyAdmin, 'agency.manage'), true);
    assert.equal(can(agencyAdmin, 'calendar.manage'), false);

    const sysAdmin = identity(1, ['system_admin']);
    assert.equal(can(sysAdmin, 'calendar.manage'), true);
    assert.equal(can(identity(1, []), 'workbench.view'), false);
    // Roles add up: an editor who is also agency admin may manage users.
    assert.equal(can(identity(1, ['editor', 'agency_admin']), 'user.manage'), true);
  });

  test('inScope: own agency and anything whose ancestry contains it; system admins everywhere', () => {
    const user = identity(5, ['editor']);
    assert.equal(inScope(user, [5]), true);
    assert.equal(inScope(user, [7, 5, 1]), true); // a department below agency 5
    assert.equal(inScope(user, [1]), false); // the parent government
    assert.equal(inScope(user, [8, 1]), false); // a sibling branch
    assert.equal(inScope(user, []), false);
    assert.equal(inScope(identity(5, ['system_admin']), [8, 1]), true);
  });

  test('grantableRoles: agency admins grant everything except system_admin; others nothing', () => {
    assert.deepEqual(grantableRoles(identity(1, ['agency_admin'])), ['editor', 'reviewer', 'request_officer', 'agency_admin', 'supervisor', 'inspector']);
    assert.deepEqual(grantableRoles(identity(1, ['system_admin'])), [...ROLES]);
    assert.deepEqual(grantableRoles(identity(1, ['supervisor'])), []);
    assert.deepEqual(grantableRoles(identity(1, ['editor', 'reviewer'])), []);
  });
});

for (const engine of ENGINES) {
  describe(`auth service [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    before(async () => {
      tdb = await createTestDatabase(engine);
      h = await makeHierarchy(tdb.ctx);
    });
    after(async () => tdb?.drop());

    const userRow = (loginName: string) => tdb.ctx.db.selectFrom('appUser').selectAll().where('login', '=', loginName).executeTakeFirstOrThrow();
    const auditOf = async (action: string, objectId: string) =>
      (await listAudit(tdb.ctx.db, { agencyIds: null, action, page: 1, pageSize: 500 })).items.filter((e) => e.action === action && e.objectId === objectId);

    describe('login', () => {
      test('opens a session stored under the SHA-256 of the token, and audits it', async () => {
        const user = await makeUser(tdb.ctx, { login: 'alice', agencyId: h.bureau.id, roles: ['editor', 'reviewer'] });
        const result = await login(tdb.ctx, POLICY, attempt('alice'));
        assert.equal(result.user.id, user.id);
        assert.equal(result.user.agencyId, h.bureau.id);
        assert.deepEqual([...result.user.roles].sort(), ['editor', 'reviewer']);
        assert.match(result.token, /^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

        const sessions = await tdb.ctx.db.selectFrom('session').selectAll().where('userId', '=', user.id).execute();
        assert.equal(sessions.length, 1);
        const [session] = sessions;
        assert.equal(session!.id, sha256(result.token));
        assert.notEqual(session!.id, result.token);
        assert.equal(session!.createdAt, '2026-11-26T02:00:00.000Z');
        assert.equal(session!.expiresAt, '2026-11-26T14:00:00.000Z'); // + 12 hours
        assert.equal(session!.ip, '203.0.113.7');
        const byToken = await tdb.ctx.db.selectFrom('session').select('id').where('id', '=', result.token).execute();
        assert.equal(byToken.length, 0);

        const row = await userRow('alice');
        assert.equal(row.lastLoginAt, '2026-11-26T02:00:00.000Z');
        const entries = await auditOf('auth.login', 'alice');
        assert.equal(entries.length, 1);
        assert.equal(entries[0]!.actorId, user.id);
        assert.equal(entries[0]!.actorLogin, 'alice');
        assert.equal(entries[0]!.agencyId, h.bureau.id);
        assert.equal(entries[0]!.ip, '203.0.113.7');
        assert.ok(!entries[0]!.detail.includes(result.token));
      });

      test('a wrong password fails with LOGIN_FAILED and counts the failure; a success resets the count', async () => {
        await makeUser(tdb.ctx, { login: 'bob', agencyId: h.bureau.id, roles: ['editor'] });
        await assert.rejects(login(tdb.ctx, POLICY, attempt('bob', 'Wrong-Passw0rd!')), { code: 'LOGIN_FAILED', status: 401 });
        assert.equal((await userRow('bob')).failedLogins, 1);
        await assert.rejects(login(tdb.ctx, POLICY, attempt('bob', 'Wrong-Passw0rd!')), { code: 'LOGIN_FAILED' });
        assert.equal((await userRow('bob')).failedLogins, 2);
        assert.equal((await userRow('bob')).lockedUntil, null);
        await login(tdb.ctx, POLICY, attempt('bob'));
        assert.equal((await userRow('bob')).failedLogins, 0);
        // The count starts again from zero: two more failures do not lock (limit 3).
        await assert.rejects(login(tdb.ctx, POLICY, attempt('bob', 'x')), { code: 'LOGIN_FAILED' });
        await assert.rejects(login(tdb.ctx, POLICY, attempt('bob', 'x')), { code: 'LOGIN_FAILED' });
        assert.equal((await userRow('bob')).failedLogins, 2);
        assert.equal((await userRow('bob')).lockedUntil, null);
      });

      test('an unknown login and a disabled account both fail with LOGIN_FAILED', async () => {
        await assert.rejects(login(tdb.ctx, POLICY, attempt('nobody')), { code: 'LOGIN_FAILED' });
        await makeUser(tdb.ctx, { login: 'carol', agencyId: h.bureau.id, roles: ['editor'] });
        await tdb.ctx.db.updateTable('appUser').set({ disabled: 1 }).where('login', '=', 'carol').execute();
        await assert.rejects(login(tdb.ctx, POLICY, attempt('carol')), { code: 'LOGIN_FAILED' });
        const sessions = await tdb.ctx.db.selectFrom('session').innerJoin('appUser', 'appUser.id', 'session.userId').select('session.id').where('appUser.login', '=', 'carol').execute();
        assert.equal(sessions.length, 0);
      });

      test('three failures in a row lock the account for 15 minutes, even against the right password', async () => {
        tdb.clock.set('2026-11-26T03:00:00.000Z');
        await makeUser(tdb.ctx, { login: 'dave', agencyId: h.district.id, roles: ['editor'] });
        await assert.rejects(login(tdb.ctx, POLICY, attempt('dave', 'bad-1')), { code: 'LOGIN_FAILED' });
        await assert.rejects(login(tdb.ctx, POLICY, attempt('dave', 'bad-2')), { code: 'LOGIN_FAILED' });
        assert.equal((await auditOf('auth.lockout', 'dave')).length, 0);
        await assert.rejects(login(tdb.ctx, POLICY, attempt('dave', 'bad-3')), { code: 'ACCOUNT_LOCKED', status: 423 });

        assert.equal((await userRow('dave')).lockedUntil, '2026-11-26T03:15:00.000Z');
        const lockouts = await auditOf('auth.lockout', 'dave');
        assert.equal(lockouts.length, 1);
        assert.equal(lockouts[0]!.agencyId, h.district.id);
        assert.equal(lockouts[0]!.at, '2026-11-26T03:00:00.000Z');

        await assert.rejects(login(tdb.ctx, POLICY, attempt('dave')), { code: 'ACCOUNT_LOCKED' });
        tdb.clock.advanceMinutes(14);
        await assert.rejects(login(tdb.ctx, POLICY, attempt('dave')), { code: 'ACCOUNT_LOCKED' });
        tdb.clock.advanceMinutes(1); // 03:15, the lock has ended
        const ok = await login(tdb.ctx, POLICY, attempt('dave'));
        assert.equal(ok.user.login, 'dave');
        const row = await userRow('dave');
        assert.equal(row.failedLogins, 0);
        assert.equal(row.lockedUntil, null);
        // Only one lockout was written: the refused right-password attempts are not new lockouts.
        assert.equal((await auditOf('auth.lockout', 'dave')).length, 1);
      });
    });

    describe('sessions', () => {
      test('resolveSession returns the identity with its roles', async () => {
        tdb.clock.set('2026-11-27T01:00:00.000Z');
        const user = await makeUser(tdb.ctx, { login: 'erin', agencyId: h.district.id, roles: ['request_officer', 'editor'] });
        const { token } = await login(tdb.ctx, POLICY, attempt('erin'));
        const found = await resolveSession(tdb.ctx, POLICY, token);
        assert.ok(found);
        assert.deepEqual({ ...found.user, roles: [...found.user.roles].sort() }, {
          id: user.id,
          login: 'erin',
          displayName: 'erin',
          agencyId: h.district.id,
          roles: ['editor', 'request_officer'],
        });
        assert.equal(found.session.id, sha256(token));
        assert.equal(await resolveSession(tdb.ctx, POLICY, `${token}x`), undefined);
        assert.equal(await resolveSession(tdb.ctx, POLICY, ''), undefined);
      });

      test('a session expires after the TTL', async () => {
        tdb.clock.set('2026-11-27T02:00:00.000Z');
        await makeUser(tdb.ctx, { login: 'frank', agencyId: h.district.id, roles: ['editor'] });
        const { token } = await login(tdb.ctx, POLICY, attempt('frank'));
        tdb.clock.advanceMinutes(12 * 60 - 1); // 13:59, one minute before expiry: still valid
        assert.ok(await resolveSession(tdb.ctx, POLICY, token));
        // That use more than 5 minutes after login slid the expiry to 13:59 + 12h = 2026-11-28T01:59Z.
        tdb.clock.set('2026-11-28T01:58:00.000Z');
        assert.ok(await resolveSession(tdb.ctx, POLICY, token));
        tdb.clock.set('2026-11-28T13:59:00.000Z'); // 01:58 + 12h = 13:58: past it
        assert.equal(await resolveSession(tdb.ctx, POLICY, token), undefined);
      });

      test('an idle session ends exactly TTL hours after the last use', async () => {
        tdb.clock.set('2026-11-29T02:00:00.000Z');
        await makeUser(tdb.ctx, { login: 'grace', agencyId: h.district.id, roles: ['editor'] });
        const { token } = await login(tdb.ctx, POLICY, attempt('grace'));
        tdb.clock.advanceMinutes(12 * 60); // expiresAt is not later than now
        assert.equal(await resolveSession(tdb.ctx, POLICY, token), undefined);
        // The periodic purge removes expired rows and keeps live ones.
        const live = await login(tdb.ctx, POLICY, attempt('grace'));
        const before = await tdb.ctx.db.selectFrom('session').select('id').execute();
        const purged = await purgeExpiredSessions(tdb.ctx);
        const after = await tdb.ctx.db.selectFrom('session').select('id').execute();
        assert.ok(purged >= 1);
        assert.equal(after.length, before.length - purged);
        assert.ok(after.some((s) => s.id === createHash('sha256').update(live.token).digest('hex')));
      });

      test('logout ends the session and writes auth.logout', async () => {
        tdb.clock.set('2026-11-30T02:00:00.000Z');
        await makeUser(tdb.ctx, { login: 'heidi', agencyId: h.city.id, roles: ['editor'] });
        const { token, user } = await login(tdb.ctx, POLICY, attempt('heidi'));
        const other = await login(tdb.ctx, POLICY, attempt('heidi'));
        assert.ok(await resolveSession(tdb.ctx, POLICY, token));
        await logout(tdb.ctx, token, user, '198.51.100.1');
        assert.equal(await resolveSession(tdb.ctx, POLICY, token), undefined);
        assert.ok(await resolveSession(tdb.ctx, POLICY, other.token), 'only that one session ends');
        const entries = await auditOf('auth.logout', 'heidi');
        assert.equal(entries.length, 1);
        assert.equal(entries[0]!.ip, '198.51.100.1');
        assert.equal(entries[0]!.agencyId, h.city.id);
      });
    });

    describe('createUser', () => {
      let districtAdmin: StaffIdentity;
      const byAdmin = () => ({ actor: { id: districtAdmin.id, login: districtAdmin.login }, staff: districtAdmin });
      const newUser = (loginName: string, agencyId: number, roles: string[] = ['editor'], password = TEST_PASSWORD) => ({
        login: loginName,
        displayName: `姓名 ${loginName}`,
        agencyId,
        roles,
        password,
      });
      before(async () => {
        districtAdmin = await makeUser(tdb.ctx, { login: 'd1-admin', agencyId: h.district.id, roles: ['agency_admin'] });
      });

      test('an agency admin creates accounts in their district and its departments', async () => {
        const a = await createUser(tdb.ctx, byAdmin(), newUser('d1-editor', h.district.id));
        assert.equal(a.agencyId, h.district.id);
        assert.deepEqual(a.roles, ['editor']);
        const b = await createUser(tdb.ctx, byAdmin(), newUser('d1-cz-officer', h.districtBureau.id, ['request_officer', 'agency_admin']));
        assert.equal(b.agencyId, h.districtBureau.id);
        const row = await userRow('d1-cz-officer');
        assert.equal(row.displayName, '姓名 d1-cz-officer');
        assert.equal(row.disabled, 0);
        assert.equal(await verifyPassword(TEST_PASSWORD, row.passwordHash), true);
        // The new account can sign in.
        assert.equal((await login(tdb.ctx, POLICY, attempt('d1-editor'))).user.login, 'd1-editor');
      });

      test('an agency admin cannot create accounts above or beside their scope, nor grant system_admin', async () => {
        await assert.rejects(createUser(tdb.ctx, byAdmin(), newUser('up-city', h.city.id)), { code: 'FORBIDDEN', status: 403 });
        await assert.rejects(createUser(tdb.ctx, byAdmin(), newUser('up-edu', h.bureau.id)), { code: 'FORBIDDEN' });
        await assert.rejects(createUser(tdb.ctx, byAdmin(), newUser('up-other', h.otherCity.id)), { code: 'FORBIDDEN' });
        await assert.rejects(createUser(tdb.ctx, byAdmin(), newUser('d1-root', h.district.id, ['system_admin'])), { code: 'FORBIDDEN' });
        await assert.rejects(createUser(tdb.ctx, byAdmin(), newUser('d1-root2', h.district.id, ['editor', 'system_admin'])), { code: 'FORBIDDEN' });
        // Non-admins cannot create accounts at all, even in their own agency.
        const editor = await makeUser(tdb.ctx, { login: 'd1-plain', agencyId: h.district.id, roles: ['editor', 'supervisor'] });
        await assert.rejects(createUser(tdb.ctx, { actor: editor, staff: editor }, newUser('d1-x', h.district.id)), { code: 'FORBIDDEN' });
        for (const loginName of ['up-city', 'up-edu', 'up-other', 'd1-root', 'd1-root2', 'd1-x']) {
          assert.equal(await tdb.ctx.db.selectFrom('appUser').select('id').where('login', '=', loginName).executeTakeFirst(), undefined);
        }
        // A system admin may grant system_admin anywhere.
        const root = await makeUser(tdb.ctx, { login: 'root', agencyId: h.district.id, roles: ['system_admin'] });
        const made = await createUser(tdb.ctx, { actor: root, staff: root }, newUser('root2', h.otherCity.id, ['system_admin']));
        assert.deepEqual(made.roles, ['system_admin']);
      });

      test('a duplicate login is a CONFLICT', async () => {
        await makeUser(tdb.ctx, { login: 'ivan', agencyId: h.city.id, roles: ['editor'] });
        await assert.rejects(createUser(tdb.ctx, bySystem, newUser('ivan', h.bureau.id)), { code: 'CONFLICT', status: 409 });
        assert.equal((await userRow('ivan')).agencyId, h.city.id);
      });

      test('input problems are VALIDATION_FAILED with every problem listed', async () => {
        await assert.rejects(
          createUser(tdb.ctx, bySystem, newUser('weak', h.city.id, ['editor'], 'password')),
          (e: { code: string; details: string[] }) => {
            assert.equal(e.code, 'VALIDATION_FAILED');
            assert.deepEqual(e.details, [
              'password: 密码至少10位 / at least 10 characters',
              'password: 须包含大写字母、小写字母、数字、符号中的至少三类 / use at least three of: lower case, upper case, digits, symbols',
            ]);
            return true;
          },
        );
        await assert.rejects(createUser(tdb.ctx, bySystem, newUser('badrole', h.city.id, ['editor', 'king'])), (e: { code: string; details: string[] }) => {
          assert.equal(e.code, 'VALIDATION_FAILED');
          assert.equal(e.details.length, 1);
          assert.match(e.details[0]!, /^roles\.1: /);
          return true;
        });
        await assert.rejects(createUser(tdb.ctx, bySystem, newUser('noroles', h.city.id, [])), { code: 'VALIDATION_FAILED' });
        await assert.rejects(createUser(tdb.ctx, bySystem, newUser('Bad Login', h.city.id)), { code: 'VALIDATION_FAILED' });
        await assert.rejects(createUser(tdb.ctx, bySystem, newUser('noagency', 999_999)), { code: 'VALIDATION_FAILED' });
        for (const loginName of ['weak', 'badrole', 'noroles', 'noagency']) {
          assert.equal(await tdb.ctx.db.selectFrom('appUser').select('id').where('login', '=', loginName).executeTakeFirst(), undefined);
        }
      });

      test('the audit entry never contains the password or its hash', async () => {
        const secret = 'Secret-Passw0rd-42!';
        await createUser(tdb.ctx, byAdmin(), newUser('judy', h.districtBureau.id, ['editor'], secret));
        const row = await userRow('judy');
        const [entry, ...rest] = await auditOf('user.create', 'judy');
        assert.ok(entry);
        assert.equal(rest.length, 0);
        assert.equal(entry.actorLogin, 'd1-admin');
        assert.equal(entry.agencyId, h.districtBureau.id);
        assert.ok(!entry.detail.includes(secret));
        assert.ok(!entry.detail.includes(row.passwordHash));
        for (const part of row.passwordHash.split('$').slice(4)) assert.ok(!entry.detail.includes(part));
        assert.ok(!entry.summary.includes(secret));
        const created = JSON.parse(entry.detail).created;
        assert.deepEqual(created, { login: 'judy', displayName: '姓名 judy', agencyId: h.districtBureau.id, roles: ['editor'] });
        assert.match(entry.afterDigest ?? '', /^sha256:[0-9a-f]{64}$/);
      });
    });

    describe('changeUser', () => {
      const change = (extra: Record<string, unknown> = {}) => ({ displayName: '改名', roles: ['editor'], ...extra });

      test('disabling an account ends its sessions and blocks sign-in', async () => {
        await makeUser(tdb.ctx, { login: 'ken', agencyId: h.bureau.id, roles: ['editor'] });
        const a = await login(tdb.ctx, POLICY, attempt('ken'));
        const b = await login(tdb.ctx, POLICY, attempt('ken'));
        await changeUser(tdb.ctx, bySystem, 'ken', change({ disabled: '1' }));
        assert.equal(await resolveSession(tdb.ctx, POLICY, a.token), undefined);
        assert.equal(await resolveSession(tdb.ctx, POLICY, b.token), undefined);
        const row = await userRow('ken');
        assert.equal(row.disabled, 1);
        assert.equal(row.displayName, '改名');
        const left = await tdb.ctx.db.selectFrom('session').select('id').where('userId', '=', row.id).execute();
        assert.equal(left.length, 0);
        await assert.rejects(login(tdb.ctx, POLICY, attempt('ken')), { code: 'LOGIN_FAILED' });
        // Enabling again lets them back in.
        await changeUser(tdb.ctx, bySystem, 'ken', change({ disabled: '0' }));
        assert.ok((await login(tdb.ctx, POLICY, attempt('ken'))).token);
      });

      test('a new password ends the sessions; only the new password signs in', async () => {
        await makeUser(tdb.ctx, { login: 'liam', agencyId: h.bureau.id, roles: ['editor'] });
        const { token } = await login(tdb.ctx, POLICY, attempt('liam'));
        await changeUser(tdb.ctx, bySystem, 'liam', change({ newPassword: NEW_PASSWORD }));
        assert.equal(await resolveSession(tdb.ctx, POLICY, token), undefined);
        await assert.rejects(login(tdb.ctx, POLICY, attempt('liam')), { code: 'LOGIN_FAILED' });
        assert.ok((await login(tdb.ctx, POLICY, attempt('liam', NEW_PASSWORD))).token);
        const [entry] = (await auditOf('user.update', 'liam'));
        assert.ok(entry);
        assert.ok(JSON.parse(entry.detail).changed.includes('passwordHash'));
        assert.ok(!entry.detail.includes(NEW_PASSWORD));
        assert.ok(!entry.detail.includes((await userRow('liam')).passwordHash));
      });

      test('a change without a new password or disabling keeps the sessions', async () => {
        await makeUser(tdb.ctx, { login: 'mia', agencyId: h.bureau.id, roles: ['editor'] });
        const { token } = await login(tdb.ctx, POLICY, attempt('mia'));
        await changeUser(tdb.ctx, bySystem, 'mia', change({ roles: ['editor', 'reviewer'], newPassword: '' }));
        const found = await resolveSession(tdb.ctx, POLICY, token);
        assert.ok(found);
        assert.deepEqual([...found.user.roles].sort(), ['editor', 'reviewer']);
        assert.equal(found.user.displayName, '改名');
      });

      test('an admin cannot disable their own account or add roles to it', async () => {
        const admin = await makeUser(tdb.ctx, { login: 'nina', agencyId: h.district.id, roles: ['agency_admin'] });
        const by = { actor: admin, staff: admin };
        await assert.rejects(changeUser(tdb.ctx, by, 'nina', { displayName: 'nina', roles: ['agency_admin'], disabled: '1' }), { code: 'BAD_REQUEST' });
        await assert.rejects(changeUser(tdb.ctx, by, 'nina', { displayName: 'nina', roles: ['agency_admin', 'reviewer'] }), { code: 'BAD_REQUEST' });
        assert.equal((await userRow('nina')).disabled, 0);
        // Renaming oneself is allowed.
        await changeUser(tdb.ctx, by, 'nina', { displayName: '倪娜', roles: ['agency_admin'] });
        assert.equal((await userRow('nina')).displayName, '倪娜');
      });

      test('an agency admin cannot change accounts outside their scope', async () => {
        const admin = await makeUser(tdb.ctx, { login: 'oscar', agencyId: h.district.id, roles: ['agency_admin'] });
        await makeUser(tdb.ctx, { login: 'city-person', agencyId: h.city.id, roles: ['editor'] });
        await assert.rejects(changeUser(tdb.ctx, { actor: admin, staff: admin }, 'city-person', change({ disabled: '1' })), { code: 'FORBIDDEN' });
        assert.equal((await userRow('city-person')).disabled, 0);
        await assert.rejects(changeUser(tdb.ctx, bySystem, 'no-such-user', change()), { code: 'NOT_FOUND' });
      });

      test('unlock clears lockedUntil and the failure count', async () => {
        tdb.clock.set('2026-12-01T02:00:00.000Z');
        await makeUser(tdb.ctx, { login: 'pat', agencyId: h.bureau.id, roles: ['editor'] });
        for (let i = 0; i < 2; i++) await assert.rejects(login(tdb.ctx, POLICY, attempt('pat', 'nope')), { code: 'LOGIN_FAILED' });
        await assert.rejects(login(tdb.ctx, POLICY, attempt('pat', 'nope')), { code: 'ACCOUNT_LOCKED' });
        assert.equal((await userRow('pat')).lockedUntil, '2026-12-01T02:15:00.000Z');
        await changeUser(tdb.ctx, bySystem, 'pat', { displayName: 'pat', roles: ['editor'], unlock: '1' });
        const row = await userRow('pat');
        assert.equal(row.lockedUntil, null);
        assert.equal(row.failedLogins, 0);
        assert.ok((await login(tdb.ctx, POLICY, attempt('pat'))).token, 'signs in at once, before the 15 minutes are over');
      });
    });

    describe('changeOwnPassword', () => {
      test('the current password is required', async () => {
        const user = await makeUser(tdb.ctx, { login: 'quinn', agencyId: h.bureau.id, roles: ['editor'] });
        const { token } = await login(tdb.ctx, POLICY, attempt('quinn'));
        const before = (await userRow('quinn')).passwordHash;
        await assert.rejects(
          changeOwnPassword(tdb.ctx, user, token, { currentPassword: 'Wrong-Passw0rd!', newPassword: NEW_PASSWORD }, '127.0.0.1'),
          { code: 'BAD_REQUEST' },
        );
        assert.equal((await userRow('quinn')).passwordHash, before);
        await assert.rejects(
          changeOwnPassword(tdb.ctx, user, token, { currentPassword: TEST_PASSWORD, newPassword: 'weak' }, '127.0.0.1'),
          { code: 'VALIDATION_FAILED' },
        );
        assert.ok(await resolveSession(tdb.ctx, POLICY, token));
      });

      test('success keeps the current session and ends the others', async () => {
        const user = await makeUser(tdb.ctx, { login: 'rosa', agencyId: h.bureau.id, roles: ['editor'] });
        const current = await login(tdb.ctx, POLICY, attempt('rosa'));
        const other = await login(tdb.ctx, POLICY, attempt('rosa'));
        const bystander = await login(tdb.ctx, POLICY, attempt('alice'));
        await changeOwnPassword(tdb.ctx, user, current.token, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, '127.0.0.1');
        assert.ok(await resolveSession(tdb.ctx, POLICY, current.token));
        assert.equal(await resolveSession(tdb.ctx, POLICY, other.token), undefined);
        assert.ok(await resolveSession(tdb.ctx, POLICY, bystander.token), "another user's session is untouched");
        await assert.rejects(login(tdb.ctx, POLICY, attempt('rosa')), { code: 'LOGIN_FAILED' });
        assert.ok((await login(tdb.ctx, POLICY, attempt('rosa', NEW_PASSWORD))).token);
        const [entry] = await auditOf('user.password', 'rosa');
        assert.ok(entry);
        assert.ok(!entry.detail.includes(NEW_PASSWORD));
        assert.ok(!entry.detail.includes((await userRow('rosa')).passwordHash));
        assert.notEqual(entry.beforeDigest, entry.afterDigest);
      });
    });
  });
}
