import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { listAudit } from '../platform/audit/store.js';
import type { StaffIdentity } from '../platform/auth/model.js';
import { ENGINES, createTestDatabase, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeAgency, makeHierarchy } from '../test-support/factories.js';
import { ancestryIds, createAgency, listAgencies, subtreeIds, updateAgency } from './service.js';

const bySystem = { actor: SYSTEM_ACTOR, staff: null };
const staff = (agencyId: number, roles: StaffIdentity['roles']): { actor: { id: number; login: string }; staff: StaffIdentity } => ({
  actor: { id: 99, login: 'tester' },
  staff: { id: 99, login: 'tester', displayName: 'Tester', agencyId, roles },
});

for (const engine of ENGINES) {
  describe(`agencies [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(engine);
    });
    after(async () => tdb?.drop());

    test('stores the hierarchy and walks it up and down', async () => {
      const h = await makeHierarchy(tdb.ctx);
      assert.deepEqual(await ancestryIds(tdb.ctx.db, h.districtBureau.id), [h.districtBureau.id, h.district.id, h.city.id]);
      assert.deepEqual(
        (await subtreeIds(tdb.ctx.db, h.city.id)).sort((a, b) => a - b),
        [h.city.id, h.bureau.id, h.district.id, h.districtBureau.id].sort((a, b) => a - b),
      );
      assert.equal((await listAgencies(tdb.ctx.db)).length, 5);
    });

    test('rejects a duplicate code with CONFLICT and writes nothing', async () => {
      const before = (await listAgencies(tdb.ctx.db)).length;
      await assert.rejects(makeAgency(tdb.ctx, { name: '重复' }), { code: 'CONFLICT' });
      assert.equal((await listAgencies(tdb.ctx.db)).length, before);
    });

    test('enforces placement: departments under a government of the same level, lower governments below', async () => {
      await assert.rejects(makeAgency(tdb.ctx, { code: 'orphan-dept', kind: 'department', parentCode: null }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(makeAgency(tdb.ctx, { code: 'dept-under-dept', kind: 'department', parentCode: 'city-edu' }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(makeAgency(tdb.ctx, { code: 'wrong-level', kind: 'department', level: '县', parentCode: 'city' }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(makeAgency(tdb.ctx, { code: 'same-level-gov', kind: 'government', level: '市', parentCode: 'city' }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(makeAgency(tdb.ctx, { code: 'no-parent', kind: 'department', parentCode: 'missing' }), { code: 'VALIDATION_FAILED' });
    });

    test('validates guide fields and reports every problem', async () => {
      await assert.rejects(
        makeAgency(tdb.ctx, { code: 'bad-guide', email: 'not-an-email', postcode: '12', webFormUrl: 'ftp://x' }),
        (e: { code: string; details: string[] }) => e.code === 'VALIDATION_FAILED' && e.details.length === 3,
      );
      await assert.rejects(makeAgency(tdb.ctx, { code: 'BAD CODE' }), { code: 'VALIDATION_FAILED' });
    });

    test('audits create and update with before/after digests and changed fields', async () => {
      tdb.clock.advanceMinutes(5);
      const updated = await updateAgency(tdb.ctx, bySystem, 'city-edu', {
        name: '测试市教育局',
        level: '市',
        kind: 'department',
        parentCode: 'city',
        phone: '0748-12345678',
      });
      assert.equal(updated.phone, '0748-12345678');
      const { items } = await listAudit(tdb.ctx.db, { agencyIds: null, objectType: 'agency', page: 1, pageSize: 50 });
      const update = items.find((e) => e.action === 'agency.update' && e.objectId === 'city-edu');
      assert.ok(update, 'update entry exists');
      assert.match(update.beforeDigest ?? '', /^sha256:[0-9a-f]{64}$/);
      assert.notEqual(update.beforeDigest, update.afterDigest);
      assert.deepEqual(JSON.parse(update.detail).changed, ['phone', 'updatedAt']);
      assert.equal(items.filter((e) => e.action === 'agency.create').length, 5);
    });

    test('staff may create only inside their own scope; supervisors never', async () => {
      const all = await listAgencies(tdb.ctx.db);
      const district = all.find((a) => a.code === 'city-d1')!;
      const input = { code: 'city-d1-jy', name: '测试市东区教育局', level: '县', kind: 'department', parentCode: 'city-d1' };
      await assert.rejects(createAgency(tdb.ctx, staff(district.id, ['supervisor']), input), { code: 'FORBIDDEN' });
      const otherCity = all.find((a) => a.code === 'other')!;
      await assert.rejects(createAgency(tdb.ctx, staff(otherCity.id, ['agency_admin']), input), { code: 'FORBIDDEN' });
      const created = await createAgency(tdb.ctx, staff(district.id, ['agency_admin']), input);
      assert.equal(created.parentId, district.id);
      // Only a system admin may add a new root government.
      const root = { code: 'new-root', name: '新市人民政府', level: '市', kind: 'government', parentCode: null };
      await assert.rejects(createAgency(tdb.ctx, staff(district.id, ['agency_admin']), root), { code: 'FORBIDDEN' });
      await createAgency(tdb.ctx, staff(district.id, ['system_admin']), root);
    });

    test('an agency cannot be moved below itself', async () => {
      await assert.rejects(
        updateAgency(tdb.ctx, bySystem, 'city', { name: '测试市人民政府', level: '市', kind: 'government', parentCode: 'city-d1' }),
        { code: 'VALIDATION_FAILED' },
      );
    });
  });
}
