import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffIdentity } from '../../platform/auth/model.js';
import { loadConfig } from '../../platform/config.js';
import * as requests from '../../requests/service.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy, makeUser } from '../../test-support/factories.js';
import { sampleApplication } from '../../test-support/requests.js';
import { decodedBody, startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.js';
import { detectAccountabilityCases } from '../accountability/service.js';
import { mailerFromConfig, sendDailyDigests, type Mailer } from './mailer.js';
import { digestFor } from './service.js';

for (const engine of ENGINES) {
  describe(`notification digests by e-mail [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let sink: SmtpSink;
    let mailer: Mailer;
    let officer: StaffIdentity;
    let supervisor: StaffIdentity;
    let tracking = '';
    const at = (day: string) => tdb.clock.set(`${day}T01:00:00.000Z`);
    const setEmail = (id: number, email: string) => tdb.ctx.db.updateTable('appUser').set({ email }).where('id', '=', id).execute();
    const digestRows = () => tdb.ctx.db.selectFrom('notificationDigest').select(['userId', 'digestOn', 'outcome', 'items']).orderBy('digestOn').orderBy('userId').execute();

    before(async () => {
      sink = await startSmtpSink();
      tdb = await createTestDatabase(engine, { PUBLIC_BASE_URL: 'https://gk.example.cn', SMTP_URL: sink.url });
      mailer = mailerFromConfig(tdb.config)!;
      const h = await makeHierarchy(tdb.ctx);
      officer = await makeUser(tdb.ctx, { login: 'jingban', displayName: '王经办', agencyId: h.bureau.id, roles: ['request_officer'] });
      await makeUser(tdb.ctx, { login: 'jingban2', agencyId: h.bureau.id, roles: ['request_officer'] });
      supervisor = await makeUser(tdb.ctx, { login: 'jiandu', displayName: '孙监督', agencyId: h.city.id, roles: ['supervisor'] });
      await makeUser(tdb.ctx, { login: 'bianji', agencyId: h.bureau.id, roles: ['editor'] });
      await setEmail(officer.id, 'jingban@example.cn');
      await setEmail(supervisor.id, 'jiandu@example.cn');
      // received Tue 10-20, due Tue 11-17: overdue on 11-26
      at('2026-10-20');
      tracking = (await requests.submitOnline(tdb.ctx, sampleApplication('city-edu'))).request.trackingNumber;
      at('2026-11-26');
      await detectAccountabilityCases(tdb.ctx);
    });
    after(async () => {
      mailer?.close();
      await tdb?.drop();
      await sink?.close();
    });

    test('SMTP settings come from the environment; without SMTP_URL there is no mailer', () => {
      assert.equal(tdb.config.smtpUrl, sink.url);
      assert.equal(mailerFromConfig(loadConfig({})), null);
      assert.throws(() => loadConfig({ SMTP_URL: 'http://mail' }));
    });

    test('the digest of a request officer and of a supervisor', async () => {
      const o = await digestFor(tdb.ctx.db, officer, '2026-11-26');
      assert.deepEqual(o.sections.map((s) => [s.group, s.items.length]), [['requests_overdue', 1]]);
      const s = await digestFor(tdb.ctx.db, supervisor, '2026-11-26');
      assert.deepEqual(s.sections.map((x) => [x.group, x.items.length]), [['cases_open', 1]]);
    });

    test('one e-mail per user per day; users without an address are recorded; a second sweep sends nothing', async () => {
      const first = await sendDailyDigests(tdb.ctx, mailer);
      assert.deepEqual(first, { sent: 2, failed: 0, noEmail: 1, already: 0 });
      assert.equal(sink.messages.length, 2);
      const toOfficer = sink.messages.find((m) => m.to.includes('jingban@example.cn'));
      assert.ok(toOfficer, 'the officer got one');
      const body = decodedBody(toOfficer.raw);
      assert.ok(body.includes(tracking), 'the overdue request is named');
      assert.ok(body.includes('https://gk.example.cn/staff/requests/'), 'with an absolute link');
      assert.match(toOfficer.raw, /text\/html/);
      assert.ok(sink.messages.some((m) => m.to.includes('jiandu@example.cn')));
      const again = await sendDailyDigests(tdb.ctx, mailer);
      assert.deepEqual(again, { sent: 0, failed: 0, noEmail: 0, already: 3 });
      assert.equal(sink.messages.length, 2);
      assert.deepEqual(
        (await digestRows()).map((r) => r.outcome),
        ['sent', 'no_email', 'sent'],
      );
    });

    test('digests go out on working days from 08:00 Beijing time only', async () => {
      tdb.clock.set('2026-11-28T01:00:00.000Z'); // Saturday 09:00 in Beijing: not a working day
      assert.deepEqual(await sendDailyDigests(tdb.ctx, mailer), { sent: 0, failed: 0, noEmail: 0, already: 0 });
      tdb.clock.set('2026-12-01T23:30:00.000Z'); // Wednesday 12-02 07:30 in Beijing: before the hour
      assert.deepEqual(await sendDailyDigests(tdb.ctx, mailer), { sent: 0, failed: 0, noEmail: 0, already: 0 });
      assert.equal((await digestRows()).filter((r) => r.digestOn === '2026-11-28' || r.digestOn === '2026-12-02').length, 0, 'no day claimed');
    });

    test('a failing server is recorded as failed and tried again the next day only', async () => {
      at('2026-11-27');
      sink.failWith = '554 5.3.0 mailbox unavailable';
      assert.deepEqual(await sendDailyDigests(tdb.ctx, mailer), { sent: 0, failed: 2, noEmail: 1, already: 0 });
      sink.failWith = null;
      assert.deepEqual(await sendDailyDigests(tdb.ctx, mailer), { sent: 0, failed: 0, noEmail: 0, already: 3 }, 'not retried the same day');
      assert.equal(sink.messages.length, 2);
      const failed = (await digestRows()).filter((r) => r.digestOn === '2026-11-27' && r.outcome === 'failed');
      assert.equal(failed.length, 2);
      at('2026-11-30');
      assert.deepEqual(await sendDailyDigests(tdb.ctx, mailer), { sent: 2, failed: 0, noEmail: 1, already: 0 });
      assert.equal(sink.messages.length, 4);
    });
  });
}
