import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { listAudit } from '../platform/audit/store.js';
import type { Role, StaffIdentity } from '../platform/auth/model.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../test-support/db.js';
import { makeHierarchy } from '../test-support/factories.js';
import * as catalog from './service.js';

const system = { actor: SYSTEM_ACTOR, staff: null };
function as(role: Role, agencyId: number, login: string = role): catalog.Actor {
  const staff: StaffIdentity = { id: 1, login, displayName: login, agencyId, roles: [role] };
  return { actor: { id: 1, login }, staff };
}

const base = {
  title: '测试市教育局关于做好2026年义务教育招生入学工作的通知',
  docNumber: '测教发〔2026〕3号',
  writtenOn: '2026-11-20',
  formedOn: '2026-11-20',
  topic: '科技、教育\\教育',
  genre: '通知',
  category: '执行公开',
  statutoryItem: 11,
  bodyHtml: '<p>各区县教育局：</p><p>现就推进义务教育招生工作通知如下。</p><script>alert(1)</script><p onclick="x()">联系电话：0748-83001234。</p>',
};

for (const engine of ENGINES) {
  describe(`catalogue workflow [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let h: Awaited<ReturnType<typeof makeHierarchy>>;
    let editor: catalog.Actor;
    let reviewer: catalog.Actor;
    const now = () => tdb.clock.now().toISOString();
    before(async () => {
      tdb = await createTestDatabase(engine);
      h = await makeHierarchy(tdb.ctx);
      editor = as('editor', h.bureau.id, 'bianji');
      reviewer = as('reviewer', h.bureau.id, 'shenhe');
    });
    after(async () => tdb?.drop());

    test('drafts get 索引号 in sequence per agency and year; the body is sanitised', async () => {
      const a = await catalog.createDraft(tdb.ctx, editor, 'city-edu', base);
      const b = await catalog.createDraft(tdb.ctx, editor, 'city-edu', { ...base, docNumber: '测教发〔2026〕4号' });
      assert.equal(a.indexNumber, 'city-edu/2026-00001');
      assert.equal(b.indexNumber, 'city-edu/2026-00002');
      const other = await catalog.createDraft(tdb.ctx, system, 'city-d1-cz', { ...base, docNumber: '' });
      assert.equal(other.indexNumber, 'city-d1-cz/2026-00001');
      assert.doesNotMatch(a.bodyHtml, /script|onclick|alert/);
      assert.match(a.bodyText, /现就推进义务教育招生工作通知如下。/);
      assert.equal(a.status, 'draft');
      assert.equal(a.docNumberKey, '测教发(2026)3号');
    });

    test('dates after today are refused (they would hide a late publication)', async () => {
      // The test clock is 2026-11-26 (Beijing); 2026-11-27 is tomorrow.
      await assert.rejects(catalog.createDraft(tdb.ctx, editor, 'city-edu', { ...base, formedOn: '2026-11-27' }), (e: { code: string; details: string[] }) => e.code === 'VALIDATION_FAILED' && e.details.length === 1);
      await assert.rejects(catalog.createDraft(tdb.ctx, editor, 'city-edu', { ...base, writtenOn: '2026-12-01', formedOn: '2026-12-01' }), (e: { details: string[] }) => e.details.length === 2);
      assert.equal((await catalog.createDraft(tdb.ctx, editor, 'city-edu', { ...base, formedOn: '2026-11-26' })).formedOn, '2026-11-26');
    });

    test('only editors of the agency (or above it) draft; reviewers cannot', async () => {
      await assert.rejects(catalog.createDraft(tdb.ctx, reviewer, 'city-edu', base), { code: 'FORBIDDEN' });
      await assert.rejects(catalog.createDraft(tdb.ctx, as('editor', h.otherCity.id), 'city-edu', base), { code: 'FORBIDDEN' });
      await assert.rejects(catalog.createDraft(tdb.ctx, as('supervisor', h.city.id), 'city-edu', base), { code: 'FORBIDDEN' });
      const cityEditor = await catalog.createDraft(tdb.ctx, as('editor', h.city.id), 'city-edu', base);
      assert.equal(cityEditor.agencyId, h.bureau.id, 'an editor of the city government may draft for its departments');
    });

    test('a clean record goes draft → review → published, version 1, visible to the public', async () => {
      const draft = await catalog.createDraft(tdb.ctx, editor, 'city-edu', base);
      const { record, hits } = await catalog.submitForReview(tdb.ctx, editor, draft.id);
      assert.equal(record.status, 'in_review');
      assert.deepEqual(hits, []);
      await assert.rejects(catalog.approve(tdb.ctx, editor, draft.id), { code: 'FORBIDDEN' }, 'editors do not approve');
      const published = await catalog.approve(tdb.ctx, reviewer, draft.id);
      assert.equal(published.status, 'published');
      assert.equal(published.publishedOn, '2026-11-26');
      assert.equal((await catalog.versionsOf(tdb.ctx.db, draft.id)).length, 1);
      const listing = await catalog.listPublicRecords(tdb.ctx.db, now(), { agencyIds: [h.bureau.id] }, 1, 50);
      assert.ok(listing.items.some((r) => r.id === draft.id));
      const byTopTopic = await catalog.listPublicRecords(tdb.ctx.db, now(), { topic: '科技、教育' }, 1, 50);
      assert.ok(byTopTopic.items.some((r) => r.id === draft.id), 'a top-level topic finds its sub-topics');
      const events = (await catalog.eventsOf(tdb.ctx.db, draft.id)).map((e) => e.action);
      assert.deepEqual(events, ['create', 'submit', 'approve', 'publish']);
    });

    test('a scan hit blocks approval until the reviewer writes an override reason', async () => {
      const draft = await catalog.createDraft(tdb.ctx, editor, 'city-edu', { ...base, bodyHtml: '<p>联系人：张某某，手机13800138000。</p>' });
      const { hits } = await catalog.submitForReview(tdb.ctx, editor, draft.id);
      assert.equal(hits.length, 1);
      assert.equal(hits[0]?.rule, 'mobile');
      await assert.rejects(catalog.approve(tdb.ctx, reviewer, draft.id), (e: { code: string; details: string[] }) => {
        assert.equal(e.code, 'SCAN_BLOCKED');
        assert.ok(!e.details.join().includes('13800138000'), 'the error shows the number masked');
        return true;
      });
      await assert.rejects(catalog.approve(tdb.ctx, reviewer, draft.id, { overrideReason: '可以' }), { code: 'SCAN_BLOCKED' });
      const ok = await catalog.approve(tdb.ctx, reviewer, draft.id, { overrideReason: '该号码为学校公开的招生咨询专线，已核实可公开。' });
      assert.equal(ok.status, 'published');
      assert.equal(ok.scanOverrideReason, '该号码为学校公开的招生咨询专线，已核实可公开。');
      const audit = await listAudit(tdb.ctx.db, { agencyIds: null, action: 'record.scan-override', page: 1, pageSize: 10 });
      assert.equal(audit.total, 1);
    });

    test('a reviewer returns a draft with a comment; the editor fixes and resubmits', async () => {
      const draft = await catalog.createDraft(tdb.ctx, editor, 'city-edu', base);
      await catalog.submitForReview(tdb.ctx, editor, draft.id);
      await assert.rejects(catalog.returnToEditor(tdb.ctx, reviewer, draft.id, ''), { code: 'VALIDATION_FAILED' });
      const returned = await catalog.returnToEditor(tdb.ctx, reviewer, draft.id, '请补充招生咨询电话。');
      assert.equal(returned.status, 'draft');
      assert.equal(returned.reviewComment, '请补充招生咨询电话。');
      const edited = await catalog.updateDraft(tdb.ctx, editor, draft.id, { ...base, title: `${base.title}（补充）` });
      assert.match(edited.title, /补充/);
      assert.equal((await catalog.submitForReview(tdb.ctx, editor, draft.id)).record.status, 'in_review');
      await assert.rejects(catalog.updateDraft(tdb.ctx, editor, draft.id, base), { code: 'CONFLICT' }, 'no editing while in review');
    });

    test('withheld records need a confirmed ground, never appear publicly, and are counted per ground', async () => {
      const draft = await catalog.createDraft(tdb.ctx, editor, 'city-edu', {
        ...base,
        title: '测试市教育局2026年内部人事调整方案',
        mode: '依申请公开',
        ground: 'INTERNAL_AFFAIRS',
        groundReason: '属于本机关人事管理的内部事务信息。',
      });
      await catalog.submitForReview(tdb.ctx, editor, draft.id);
      await assert.rejects(catalog.approve(tdb.ctx, reviewer, draft.id), { code: 'VALIDATION_FAILED' });
      const withheld = await catalog.approve(tdb.ctx, reviewer, draft.id, { confirmGround: true });
      assert.equal(withheld.status, 'withheld');
      assert.equal(withheld.groundApprovedBy, 'shenhe');
      const all = await catalog.listPublicRecords(tdb.ctx.db, now(), {}, 1, 500);
      assert.ok(!all.items.some((r) => r.id === draft.id));
      assert.deepEqual(await catalog.countsByGround(tdb.ctx.db, [h.bureau.id]), [{ mode: '依申请公开', ground: 'INTERNAL_AFFAIRS', n: 1 }]);
    });

    test('a policy that needs interpretation waits for an approved interpretation; both go live together', async () => {
      const policy = await catalog.createDraft(tdb.ctx, editor, 'city-edu', { ...base, title: '测试市促进学前教育普惠发展若干措施', genre: '方案', needsInterpretation: '1', docNumber: '测教发〔2026〕9号' });
      await catalog.submitForReview(tdb.ctx, editor, policy.id);
      await assert.rejects(catalog.approve(tdb.ctx, reviewer, policy.id), { code: 'CONFLICT' });
      assert.equal((await catalog.findRecord(tdb.ctx.db, policy.id))?.status, 'in_review', 'the refused approval changed nothing');
      const reading = await catalog.createDraft(tdb.ctx, editor, 'city-edu', {
        ...base,
        title: '《测试市促进学前教育普惠发展若干措施》政策解读',
        genre: '解读',
        docNumber: '',
        interprets: policy.indexNumber,
        interpretationKind: '文字解读',
      });
      await catalog.submitForReview(tdb.ctx, editor, reading.id);
      assert.equal((await catalog.approve(tdb.ctx, reviewer, reading.id)).status, 'ready', 'waits for its policy');
      const live = await catalog.approve(tdb.ctx, reviewer, policy.id);
      assert.equal(live.status, 'published');
      const after = await catalog.findRecord(tdb.ctx.db, reading.id);
      assert.equal(after?.status, 'published');
      assert.equal(after?.publishedOn, live.publishedOn);
      assert.deepEqual((await catalog.interpretationsOf(tdb.ctx.db, policy.id)).map((r) => r.id), [reading.id]);
    });

    test('scheduled publication becomes visible at its time and is recorded by the sweep', async () => {
      const draft = await catalog.createDraft(tdb.ctx, editor, 'city-edu', { ...base, title: '测试市教育局关于寒假安全提醒的通知' });
      await catalog.submitForReview(tdb.ctx, editor, draft.id);
      const at = new Date(tdb.clock.now().getTime() + 3600_000).toISOString();
      assert.equal((await catalog.approve(tdb.ctx, reviewer, draft.id, { publishAt: at })).status, 'scheduled');
      const visible = async () => (await catalog.listPublicRecords(tdb.ctx.db, now(), {}, 1, 500)).items.some((r) => r.id === draft.id);
      assert.equal(await visible(), false);
      tdb.clock.advanceMinutes(61);
      assert.equal(await visible(), true, 'visible as soon as the time has come, even before the sweep');
      assert.equal(await catalog.publishDue(tdb.ctx, system), 1);
      assert.equal((await catalog.findRecord(tdb.ctx.db, draft.id))?.status, 'published');
    });

    test('a published record changes only by a revision with a reason, then may be withdrawn with a public reason', async () => {
      const draft = await catalog.createDraft(tdb.ctx, editor, 'city-edu', base);
      await catalog.submitForReview(tdb.ctx, editor, draft.id);
      await catalog.approve(tdb.ctx, reviewer, draft.id);
      await assert.rejects(catalog.updateDraft(tdb.ctx, editor, draft.id, base), { code: 'CONFLICT' });
      await assert.rejects(catalog.revise(tdb.ctx, reviewer, draft.id, base, ''), { code: 'VALIDATION_FAILED' });
      await assert.rejects(
        catalog.revise(tdb.ctx, reviewer, draft.id, { ...base, bodyHtml: '<p>咨询：13800138000</p>' }, '更正联系方式'),
        { code: 'SCAN_BLOCKED' },
      );
      const v2 = await catalog.revise(tdb.ctx, reviewer, draft.id, { ...base, bodyHtml: '<p>咨询电话更正为0748-83009999。</p>' }, '更正咨询电话');
      assert.equal(v2.version, 2);
      const versions = await catalog.versionsOf(tdb.ctx.db, draft.id);
      assert.deepEqual(versions.map((v) => [v.version, v.reason]), [[1, '首次发布'], [2, '更正咨询电话']]);
      assert.match(versions[0]!.bodyHtml, /现就推进/, 'the old text stays in the history');
      const gone = await catalog.withdraw(tdb.ctx, reviewer, draft.id, '该通知已被新的招生通知替代。');
      assert.equal(gone.status, 'withdrawn');
      assert.equal(gone.withdrawnReason, '该通知已被新的招生通知替代。');
      assert.ok(!(await catalog.listPublicRecords(tdb.ctx.db, now(), {}, 1, 500)).items.some((r) => r.id === draft.id));
      await assert.rejects(catalog.revise(tdb.ctx, reviewer, draft.id, base, '再次修改'), { code: 'CONFLICT' });
    });
  });
}
