/**
 * The supervisor's digest on both engines: complaints reach the government above the agency
 * (条例 第四十七条第二款), so a supervisor of that government is told of every complaint without a
 * finding in its subtree, and no one outside it is.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffIdentity } from '../../platform/auth/model.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy, makeUser } from '../../test-support/factories.js';
import { recordFinding, submitMessage } from '../messages/service.js';
import { digestFor } from './service.js';

const complaint = (agency: string, subject: string) => ({
  agency,
  kind: 'complaint',
  ground: 'not_disclosed',
  subject,
  body: '财政预算至今未公开。',
  authorName: '王小明',
  contact: '13800138000',
  publishConsent: '1',
});
const groupsOf = async (db: TestDatabase['ctx']['db'], staff: StaffIdentity) =>
  (await digestFor(db, staff, '2026-11-26')).sections.map((s) => [s.group, s.items.map((i) => i.text.split(' ')[1]?.split('（')[0])]);

for (const engine of ENGINES) {
  describe(`supervisor digest: complaints awaiting a finding [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let citySupervisor: StaffIdentity;
    let districtSupervisor: StaffIdentity;
    let otherSupervisor: StaffIdentity;
    let districtComplaint = 0;

    before(async () => {
      tdb = await createTestDatabase(engine);
      const h = await makeHierarchy(tdb.ctx);
      citySupervisor = await makeUser(tdb.ctx, { login: 'city.jd', agencyId: h.city.id, roles: ['supervisor'] });
      districtSupervisor = await makeUser(tdb.ctx, { login: 'd1.jd', agencyId: h.district.id, roles: ['supervisor'] });
      otherSupervisor = await makeUser(tdb.ctx, { login: 'other.jd', agencyId: h.otherCity.id, roles: ['supervisor'] });
      // A complaint against the district's finance bureau goes to the district government too.
      districtComplaint = (await submitMessage(tdb.ctx, complaint('city-d1-cz', '东区财政局预算未公开'), { ipHash: 'ip' })).message.id;
      await submitMessage(tdb.ctx, complaint('city-edu', '教育局未答复申请'), { ipHash: 'ip' });
      await submitMessage(tdb.ctx, { ...complaint('city-edu', '咨询开放时间'), kind: 'consult', ground: '' }, { ipHash: 'ip' });
    });
    after(async () => tdb?.drop());

    test('each supervisor is told of the complaints in its subtree only; consultations are not complaints', async () => {
      assert.deepEqual(await groupsOf(tdb.ctx.db, districtSupervisor), [['complaints_unreviewed', ['东区财政局预算未公开']]]);
      const city = await groupsOf(tdb.ctx.db, citySupervisor);
      assert.deepEqual(city.map(([g, items]) => [g, [...(items as string[])].sort()]), [['complaints_unreviewed', ['东区财政局预算未公开', '教育局未答复申请'].sort()]]);
      assert.deepEqual(await groupsOf(tdb.ctx.db, otherSupervisor), []);
    });

    test('a finding takes the complaint off the digest', async () => {
      await recordFinding(tdb.ctx, { actor: { id: districtSupervisor.id, login: districtSupervisor.login }, staff: districtSupervisor }, districtComplaint, { finding: 'unfounded', note: '预算已于11月公开' });
      assert.deepEqual(await groupsOf(tdb.ctx.db, districtSupervisor), []);
    });
  });
}
