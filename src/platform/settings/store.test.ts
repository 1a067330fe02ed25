import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ENGINES, createTestDatabase, skipReason, type TestDatabase } from '../../test-support/db.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { ensureAppSecret, getSetting, getSiteInfo, putSetting, putSiteInfo } from './store.js';

const DEFAULT_SITE = {
  siteName: '政务公开平台',
  shortName: '政务公开',
  governmentCode: '',
  host: '',
  organizer: '',
  siteCode: '',
  icp: '',
  psb: '',
  contact: '',
  address: '',
};

for (const engine of ENGINES) {
  describe(`settings store [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let dir: string | undefined;
    // A second handle on the same database stands in for a second process; SQLite therefore uses a file.
    let second: DatabaseHandle;
    before(async () => {
      if (engine === 'sqlite') {
        dir = mkdtempSync(join(tmpdir(), 'gk-settings-'));
        tdb = await createTestDatabase(engine, { DATABASE_URL: `sqlite:${join(dir, 'gongkai.db')}` });
      } else {
        tdb = await createTestDatabase(engine);
      }
      second = openDatabase(tdb.config.database);
    });
    after(async () => {
      await second?.close();
      await tdb?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('ensureAppSecret creates one secret and every later call, from any process, reads it', async () => {
      assert.equal(await getSetting(tdb.ctx.db, 'app_secret'), undefined);
      const first = await ensureAppSecret(tdb.ctx.db);
      assert.match(first, /^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      assert.equal(await ensureAppSecret(tdb.ctx.db), first);
      assert.equal(await ensureAppSecret(second.db), first);
      assert.equal(await getSetting(second.db, 'app_secret'), first);
      const rows = await tdb.ctx.db.selectFrom('appSetting').selectAll().where('key', '=', 'app_secret').execute();
      assert.equal(rows.length, 1);
    });

    test('two processes starting at once on a fresh secret agree', async () => {
      await tdb.ctx.db.deleteFrom('appSetting').where('key', '=', 'app_secret').execute();
      const [a, b, c] = await Promise.all([ensureAppSecret(tdb.ctx.db), ensureAppSecret(second.db), ensureAppSecret(tdb.ctx.db)]);
      assert.equal(a, b);
      assert.equal(b, c);
      assert.equal(await getSetting(tdb.ctx.db, 'app_secret'), a);
    });

    test('putSetting inserts, then updates in place', async () => {
      assert.equal(await getSetting(tdb.ctx.db, 'demo.key'), undefined);
      await putSetting(tdb.ctx.db, 'demo.key', 'one');
      assert.equal(await getSetting(tdb.ctx.db, 'demo.key'), 'one');
      await putSetting(second.db, 'demo.key', '二');
      assert.equal(await getSetting(tdb.ctx.db, 'demo.key'), '二');
      const rows = await tdb.ctx.db.selectFrom('appSetting').selectAll().where('key', '=', 'demo.key').execute();
      assert.deepEqual(rows, [{ key: 'demo.key', value: '二' }]);
      await putSetting(tdb.ctx.db, 'demo.other', '');
      assert.equal(await getSetting(tdb.ctx.db, 'demo.other'), '');
      assert.equal(await getSetting(tdb.ctx.db, 'demo.key'), '二');
    });

    test('getSiteInfo gives the defaults when nothing is stored', async () => {
      assert.deepEqual(await getSiteInfo(tdb.ctx.db), DEFAULT_SITE);
    });

    test('putSiteInfo fills defaults, stores, and is read back by other processes', async () => {
      const saved = await putSiteInfo(tdb.ctx.db, { siteName: '测试市政务公开', shortName: '测试政务公开', icp: '湘ICP备00000000号', siteCode: '4304000001' });
      const expected = { ...DEFAULT_SITE, siteName: '测试市政务公开', shortName: '测试政务公开', icp: '湘ICP备00000000号', siteCode: '4304000001' };
      assert.deepEqual(saved, expected);
      assert.deepEqual(await getSiteInfo(tdb.ctx.db), expected);
      assert.deepEqual(await getSiteInfo(second.db), expected);
    });

    test('putSiteInfo validates and stores nothing on a bad value', async () => {
      const before = await getSiteInfo(tdb.ctx.db);
      const names = { siteName: '测试市政务公开', shortName: '测试政务公开' };
      await assert.rejects(putSiteInfo(tdb.ctx.db, { ...names, siteName: '网'.repeat(81) }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(putSiteInfo(tdb.ctx.db, { ...names, siteName: '' }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(putSiteInfo(tdb.ctx.db, { siteName: '测试市政务公开' }), { code: 'VALIDATION_FAILED' }, 'the short name is required when writing');
      await assert.rejects(putSiteInfo(tdb.ctx.db, { ...names, siteCode: 'x'.repeat(21) }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(putSiteInfo(tdb.ctx.db, { ...names, siteName: 42 }), { code: 'VALIDATION_FAILED' });
      assert.deepEqual(await getSiteInfo(tdb.ctx.db), before);
      // The limits themselves are allowed.
      const max = await putSiteInfo(tdb.ctx.db, { ...names, siteName: '网'.repeat(80), siteCode: 'x'.repeat(20) });
      assert.equal(max.siteName.length, 80);
    });
  });
}
