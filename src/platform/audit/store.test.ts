import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ENGINES, createTestDatabase, skipReason, type TestDatabase } from '../../test-support/db.js';
import { SYSTEM_ACTOR, auditValues, changedFields, type AuditInput } from './model.js';
import { appendAudit, listAudit, type AuditFilter } from './store.js';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
const base = { actor: SYSTEM_ACTOR, agencyId: null, objectType: 'thing', objectId: '1', summary: 's' } satisfies Omit<AuditInput, 'action'>;

describe('audit model', () => {
  test('digest is sha256: + 64 hex of canonical JSON, independent of key order', () => {
    const a = auditValues({ ...base, action: 'x.update', before: { a: 1, b: 2 }, after: { b: 2, a: 1 } });
    assert.match(a.beforeDigest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(a.beforeDigest, a.afterDigest);
    // Canonical JSON sorts keys at every depth; worked out by hand.
    assert.equal(a.beforeDigest, sha256('{"a":1,"b":2}'));
    const nested = auditValues({ ...base, action: 'x.create', after: { z: { y: 1, x: [{ b: 1, a: 2 }] }, m: '中文' } });
    assert.equal(nested.afterDigest, sha256('{"m":"中文","z":{"x":[{"a":2,"b":1}],"y":1}}'));
    assert.deepEqual(JSON.parse(a.detail), { changed: [] });
  });

  test('changedFields lists the top-level fields that differ, sorted', () => {
    assert.deepEqual(changedFields({ a: 1, b: 2, c: 3 }, { a: 1, b: 5, d: 4 }), ['b', 'c', 'd']);
    assert.deepEqual(changedFields({ list: [1, 2], o: { x: 1 } }, { list: [1, 2], o: { x: 1 } }), []);
    assert.deepEqual(changedFields({ list: [1, 2] }, { list: [2, 1] }), ['list']);
    assert.deepEqual(changedFields(undefined, { z: 1, a: null }), ['a', 'z']);
  });

  test('a creation records its fields without secrets; an update records only field names', () => {
    const created = auditValues({
      ...base,
      action: 'user.create',
      after: { login: 'amy', passwordHash: 'scrypt$32768$8$1$SALT$KEY', password: 'Plain-Passw0rd!', csrfSecret: 'CSRF', queryCode: 'QC', roles: ['editor'] },
    });
    assert.deepEqual(JSON.parse(created.detail), { changed: [], created: { login: 'amy', roles: ['editor'] } });
    for (const secret of ['SALT', 'KEY', 'Plain-Passw0rd!', 'CSRF', 'QC']) assert.ok(!created.detail.includes(secret), secret);
    assert.equal(created.beforeDigest, null);
    // The digest covers the full snapshot, secrets included, so a password change changes it.
    assert.notEqual(created.afterDigest, auditValues({ ...base, action: 'user.create', after: { login: 'amy', roles: ['editor'] } }).afterDigest);

    const updated = auditValues({ ...base, action: 'user.update', before: { name: 'A', passwordHash: 'OLD' }, after: { name: 'A', passwordHash: 'NEW' } });
    assert.deepEqual(JSON.parse(updated.detail), { changed: ['passwordHash'] });
    assert.ok(!updated.detail.includes('OLD') && !updated.detail.includes('NEW'));
    assert.notEqual(updated.beforeDigest, updated.afterDigest);

    const plain = auditValues({ ...base, action: 'auth.login' });
    assert.deepEqual(plain, { beforeDigest: null, afterDigest: null, detail: '{"changed":[]}' });
  });
});

for (const engine of ENGINES) {
  describe(`audit store [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    const all: AuditFilter = { agencyIds: null, page: 1, pageSize: 100 };
    const ids = async (f: Partial<AuditFilter>) => (await listAudit(tdb.ctx.db, { ...all, ...f })).items.map((e) => e.objectId);

    before(async () => {
      tdb = await createTestDatabase(engine);
      const alice = { id: 1, login: 'alice' };
      const bob = { id: 2, login: 'bob' };
      // Appended in time order; objectId names each entry. Beijing time = UTC + 8.
      const entries: [string, AuditInput][] = [
        ['2026-11-25T15:59:59.999Z', { actor: alice, agencyId: 1, action: 'agency.create', objectType: 'agency', objectId: 'e1', summary: 'Beijing 11-25 23:59:59.999' }],
        ['2026-11-25T16:00:00.000Z', { actor: bob, agencyId: 2, action: 'agency.update', objectType: 'agency', objectId: 'e2', summary: 'Beijing 11-26 00:00' }],
        ['2026-11-25T17:00:00.000Z', { actor: alice, agencyId: 1, action: 'user.create', objectType: 'user', objectId: 'e3', summary: 'Beijing 11-26 01:00' }],
        ['2026-11-26T15:59:59.999Z', { actor: SYSTEM_ACTOR, agencyId: null, action: 'calendar.enter', objectType: 'holiday_schedule', objectId: 'e4', summary: 'Beijing 11-26 23:59:59.999' }],
        ['2026-11-26T16:00:00.000Z', { actor: bob, agencyId: 3, action: 'agencyx.create', objectType: 'other', objectId: 'e5', summary: 'Beijing 11-27 00:00' }],
        ['2026-11-27T02:00:00.000Z', { actor: bob, agencyId: 3, action: 'agency.create', objectType: 'agency', objectId: 'e6', summary: 'Beijing 11-27 10:00', after: { code: 'x' }, ip: '10.0.0.1' }],
      ];
      for (const [at, input] of entries) await appendAudit(tdb.ctx.db, new Date(at), input);
    });
    after(async () => tdb?.drop());

    test('stores every column; newest first', async () => {
      const { total, items } = await listAudit(tdb.ctx.db, all);
      assert.equal(total, 6);
      assert.deepEqual(items.map((e) => e.objectId), ['e6', 'e5', 'e4', 'e3', 'e2', 'e1']);
      const e6 = items[0]!;
      assert.equal(e6.at, '2026-11-27T02:00:00.000Z');
      assert.equal(e6.actorId, 2);
      assert.equal(e6.actorLogin, 'bob');
      assert.equal(e6.agencyId, 3);
      assert.equal(e6.objectType, 'agency');
      assert.equal(e6.ip, '10.0.0.1');
      assert.equal(e6.beforeDigest, null);
      assert.equal(e6.afterDigest, sha256('{"code":"x"}'));
      assert.deepEqual(JSON.parse(e6.detail), { changed: [], created: { code: 'x' } });
      const e4 = items[2]!;
      assert.equal(e4.actorId, null);
      assert.equal(e4.actorLogin, 'system');
      assert.equal(e4.agencyId, null);
      assert.equal(e4.ip, '');
    });

    test('agencyIds: an empty list sees nothing, null sees everything, a list only its agencies', async () => {
      assert.deepEqual(await listAudit(tdb.ctx.db, { ...all, agencyIds: [] }), { total: 0, items: [] });
      assert.equal((await listAudit(tdb.ctx.db, { ...all, agencyIds: null })).total, 6);
      assert.deepEqual(await ids({ agencyIds: [1] }), ['e3', 'e1']);
      assert.deepEqual(await ids({ agencyIds: [1, 2] }), ['e3', 'e2', 'e1']);
      assert.deepEqual(await ids({ agencyIds: [99] }), []);
    });

    test('actorLogin, objectType and action-prefix filters', async () => {
      assert.deepEqual(await ids({ actorLogin: 'alice' }), ['e3', 'e1']);
      assert.deepEqual(await ids({ actorLogin: 'system' }), ['e4']);
      assert.deepEqual(await ids({ actorLogin: 'nobody' }), []);
      assert.deepEqual(await ids({ objectType: 'agency' }), ['e6', 'e2', 'e1']);
      // `agency.` matches agency.create and agency.update but not agencyx.create.
      assert.deepEqual(await ids({ action: 'agency.' }), ['e6', 'e2', 'e1']);
      assert.deepEqual(await ids({ action: 'agency' }), ['e6', 'e5', 'e2', 'e1']);
      assert.deepEqual(await ids({ action: 'agency.update' }), ['e2']);
      assert.deepEqual(await ids({ action: 'create' }), []); // a prefix, not a substring
      // LIKE wildcards typed by the user are not wildcards.
      assert.deepEqual(await ids({ action: '%.create' }), []);
      assert.deepEqual(await ids({ action: 'agency.', actorLogin: 'bob', agencyIds: [3] }), ['e6']);
    });

    test('date range is in Beijing days', async () => {
      // 2026-11-25T17:00Z is 2026-11-26 01:00 in Beijing.
      assert.deepEqual(await ids({ from: '2026-11-26', to: '2026-11-26' }), ['e4', 'e3', 'e2']);
      assert.deepEqual(await ids({ to: '2026-11-25' }), ['e1']);
      assert.deepEqual(await ids({ from: '2026-11-27' }), ['e6', 'e5']);
      assert.deepEqual(await ids({ from: '2026-11-26' }), ['e6', 'e5', 'e4', 'e3', 'e2']);
      assert.deepEqual(await ids({ from: '2026-11-28' }), []);
      assert.deepEqual(await ids({ from: '2026-11-25', to: '2026-11-25', agencyIds: [2] }), []);
    });

    test('pagination: total counts every match, pages hold at most pageSize', async () => {
      const page = async (p: number, f: Partial<AuditFilter> = {}) => listAudit(tdb.ctx.db, { ...all, ...f, page: p, pageSize: 4 });
      const p1 = await page(1);
      const p2 = await page(2);
      const p3 = await page(3);
      assert.deepEqual([p1.total, p2.total, p3.total], [6, 6, 6]);
      assert.deepEqual(p1.items.map((e) => e.objectId), ['e6', 'e5', 'e4', 'e3']);
      assert.deepEqual(p2.items.map((e) => e.objectId), ['e2', 'e1']);
      assert.deepEqual(p3.items, []);
      const filtered = await page(1, { action: 'agency.' });
      assert.equal(filtered.total, 3);
      assert.equal(filtered.items.length, 3);
      const small = await listAudit(tdb.ctx.db, { ...all, from: '2026-11-26', page: 2, pageSize: 2 });
      assert.equal(small.total, 5);
      assert.deepEqual(small.items.map((e) => e.objectId), ['e4', 'e3']);
    });

    test('the database itself refuses UPDATE and DELETE on audit entries', async () => {
      const before = await listAudit(tdb.ctx.db, all);
      await assert.rejects(tdb.ctx.db.updateTable('auditEntry').set({ summary: 'x' }).execute(), /append-only/);
      await assert.rejects(tdb.ctx.db.updateTable('auditEntry').set({ summary: 'x' }).where('objectId', '=', 'e1').execute(), /append-only/);
      await assert.rejects(tdb.ctx.db.deleteFrom('auditEntry').execute(), /append-only/);
      await assert.rejects(tdb.ctx.db.deleteFrom('auditEntry').where('objectId', '=', 'e6').execute(), /append-only/);
      if (engine === 'postgres') await assert.rejects(sql`TRUNCATE audit_entry`.execute(tdb.ctx.db), /append-only/);
      // Inside a transaction the refusal also rolls back.
      await assert.rejects(
        tdb.ctx.db.transaction().execute(async (tx) => {
          await tx.updateTable('auditEntry').set({ actorLogin: 'mallory' }).execute();
        }),
        /append-only/,
      );
      assert.deepEqual(await listAudit(tdb.ctx.db, all), before);
      // Appending still works.
      await appendAudit(tdb.ctx.db, new Date('2026-11-28T00:00:00.000Z'), { ...base, action: 'x.y', objectId: 'e7' });
      assert.equal((await listAudit(tdb.ctx.db, all)).total, 7);
    });
  });
}
