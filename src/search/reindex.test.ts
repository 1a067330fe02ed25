import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as catalog from '../catalog/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import { prepareDocument } from './document.js';
import { searchIndexFor } from './index.js';
import { searchQuerySchema } from './model.js';
import { reindex } from './reindex.js';
import { searchRecords } from './service.js';
import { documentsOf, replaceEntries } from './sync.js';

const system = { actor: SYSTEM_ACTOR, staff: null };
const fields = (title: string, body: string) => ({
  title, docNumber: '', issuers: [], writtenOn: '2026-11-02', formedOn: '2026-11-02', topic: '综合政务\\政务公开', genre: '通知', category: '执行公开',
  statutoryItem: null, mode: '主动公开', ground: null, groundReason: '', validity: '有效', keywords: [], bodyHtml: `<p>${body}</p>`,
  needsInterpretation: false, interprets: '', interpretationKind: null, videoUrl: '',
});

for (const engine of ENGINES) {
  describe(`reindex [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    const titles = async (q: string) => (await searchRecords(tdb.ctx, searchQuerySchema.parse({ q }))).hits.map((h) => h.title).sort();
    before(async () => {
      tdb = await createTestDatabase(engine);
      await makeHierarchy(tdb.ctx);
      for (let i = 1; i <= 25; i++) {
        const d = await catalog.createDraft(tdb.ctx, system, i % 2 ? 'city' : 'city-edu', fields(`第${i}号河道保洁工作通知`, `做好河道保洁，第${i}批次。`));
        await catalog.submitForReview(tdb.ctx, system, d.id);
        await catalog.approve(tdb.ctx, system, d.id);
      }
      await catalog.createDraft(tdb.ctx, system, 'city', fields('未发布的河道保洁草稿', '草稿。'));
    });
    after(async () => tdb?.drop());

    test('rebuilds an emptied index in batches, inline or on a worker thread, with progress', async () => {
      const index = searchIndexFor(engine);
      for (const workers of [0, 1]) {
        await index.clear(tdb.ctx.db);
        assert.deepEqual(await titles('河道保洁'), []);
        const progress: [number, number][] = [];
        const result = await reindex(tdb.ctx, { workers, batchSize: 10, onProgress: (done, total) => progress.push([done, total]) });
        assert.equal(result.documents, 25);
        assert.deepEqual(progress, [[0, 25], [10, 25], [20, 25], [25, 25]]);
        assert.equal((await searchRecords(tdb.ctx, searchQuerySchema.parse({ q: '河道保洁' }))).total, 25);
        assert.equal((await index.size(tdb.ctx.db)).documents, 25);
      }
    });

    test('replaces existing entries and removes those of records no longer public', async () => {
      const victim = (await catalog.listStaffRecords(tdb.ctx.db, null, 'published', 1, 1)).items[0]!;
      await catalog.withdraw(tdb.ctx, system, victim.id, '内容已过时失效');
      // A stale entry, as if the record had been withdrawn while an older rebuild was running.
      const [doc] = await documentsOf(tdb.ctx.db, [{ ...victim, publishedOn: victim.publishedOn! }]);
      const index = searchIndexFor(engine);
      await replaceEntries(tdb.ctx.db, engine, [victim.id], [index.toRow(prepareDocument(doc!))]);
      assert.ok((await titles(victim.title)).length === 0, 'the service itself never shows a withdrawn record');
      const result = await reindex(tdb.ctx, { workers: 0 });
      assert.equal(result.documents, 24);
      assert.equal(result.removed, 1);
      assert.equal((await index.size(tdb.ctx.db)).documents, 24);
    });
  });
}
