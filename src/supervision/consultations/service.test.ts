/**
 * 意见征集 through the services on both engines: the window rule on publishing, comments only while
 * open, moderation and its counts, adoption and feedback only after closing, and the agency scope.
 * Today is 2026-11-26 (the test clock); every expected figure is written out by hand.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffIdentity } from '../../platform/auth/model.js';
import { AppError } from '../../platform/errors.js';
import { createTestDatabase, ENGINES, skipReason, type TestDatabase } from '../../test-support/db.js';
import { makeHierarchy, makeUser } from '../../test-support/factories.js';
import { moderateComment, recordAdoption, submitComment } from './comment.service.js';
import { listSummaries, publicConsultation } from './queries.js';
import { createConsultation, linkFinalPolicy, publishConsultation, publishFeedback, updateConsultation, withdrawConsultation } from './service.js';

async function refused(p: Promise<unknown>): Promise<{ status: number; problems: readonly string[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, problems: e.details ?? [e.zh] };
    throw e;
  }
  throw new Error('expected a refusal');
}

const TEXT = '第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。\n第三条 本办法自发布之日起施行。';

for (const engine of ENGINES) {
  describe(`consultation service [${engine}]`, { skip: await skipReason(engine) }, () => {
    let tdb: TestDatabase;
    let editor: StaffIdentity;
    let stranger: StaffIdentity;
    const as = (u: StaffIdentity) => ({ actor: { id: u.id, login: u.login }, staff: u });

    before(async () => {
      tdb = await createTestDatabase(engine);
      const h = await makeHierarchy(tdb.ctx);
      editor = await makeUser(tdb.ctx, { login: 'bianji', agencyId: h.bureau.id, roles: ['editor'] });
      stranger = await makeUser(tdb.ctx, { login: 'waidi', agencyId: h.otherCity.id, roles: ['editor'] });
    });
    after(async () => tdb?.drop());

    test('publishing is refused for a window shorter than 30 days or starting before today; 30 days pass', async () => {
      tdb.clock.set('2026-11-26T02:00:00.000Z');
      const base = { agency: 'city-edu', title: '测试市校外培训管理办法（征求意见稿）', text: TEXT, opensOn: '2026-11-26', closesOn: '2026-12-24' };
      const c = await createConsultation(tdb.ctx, as(editor), base);
      assert.deepEqual(JSON.parse(c.articles), [
        { no: 1, heading: '第一条', text: '为了规范管理，制定本办法。' },
        { no: 2, heading: '第二条', text: '本办法适用于全市。' },
        { no: 3, heading: '第三条', text: '本办法自发布之日起施行。' },
      ]);
      assert.deepEqual(await refused(publishConsultation(tdb.ctx, as(editor), c.id)), {
        status: 400,
        problems: ['closesOn: 征求意见期限为 29 日，不得少于 30 日 / the window is 29 days; at least 30 are required'],
      });
      await updateConsultation(tdb.ctx, as(editor), c.id, { ...base, opensOn: '2026-11-20', closesOn: '2026-12-31' });
      assert.deepEqual((await refused(publishConsultation(tdb.ctx, as(editor), c.id))).problems, ['opensOn: 开始日期不能早于发布当天 / the window cannot start before today']);
      assert.deepEqual((await refused(createConsultation(tdb.ctx, as(editor), { ...base, title: ' ' }))).problems, ['title: 请填写标题 / enter a title']);
      await updateConsultation(tdb.ctx, as(editor), c.id, { ...base, closesOn: '2026-12-25' });
      const published = await publishConsultation(tdb.ctx, as(editor), c.id);
      assert.equal(published.status, 'published');
      assert.equal((await refused(updateConsultation(tdb.ctx, as(editor), c.id, base))).status, 409, 'a published text is not edited');
      const audit = await tdb.ctx.db.selectFrom('auditEntry').select(['action', 'actorLogin']).where('objectType', '=', 'consultation').where('objectId', '=', String(c.id)).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['consultation.create', 'consultation.update', 'consultation.update', 'consultation.publish']);
    });

    test('an editor of another city is refused everywhere', async () => {
      tdb.clock.set('2026-11-26T02:00:00.000Z');
      const c = await createConsultation(tdb.ctx, as(editor), { agency: 'city-edu', title: '范围测试', text: TEXT, opensOn: '2026-11-26', closesOn: '2026-12-25' });
      assert.deepEqual((await refused(createConsultation(tdb.ctx, as(stranger), { agency: 'city-edu', title: '越权', text: TEXT, opensOn: '2026-11-26', closesOn: '2026-12-25' }))).problems, [
        'agency: 只能为本机关及下级机关发起意见征集 / only for agencies in your scope',
      ]);
      assert.equal((await refused(publishConsultation(tdb.ctx, as(stranger), c.id))).status, 403);
      assert.equal((await refused(withdrawConsultation(tdb.ctx, as(stranger), c.id, { reason: '越权' }))).status, 403);
      await publishConsultation(tdb.ctx, as(editor), c.id);
      const comment = await submitComment(tdb.ctx, c.id, { body: '这是一条测试意见。' }, 'ip');
      assert.equal((await refused(moderateComment(tdb.ctx, as(stranger), comment.id, { decision: 'approve' }))).status, 403);
      assert.deepEqual((await listSummaries(tdb.ctx, { agencyIds: [], publicOnly: false, page: 1, pageSize: 10 })).total, 0);
    });

    test('a withdrawal keeps its reason apart from the feedback and cannot be repeated', async () => {
      tdb.clock.set('2026-11-26T02:00:00.000Z');
      const c = await createConsultation(tdb.ctx, as(editor), { agency: 'city-edu', title: '撤回测试', text: TEXT, opensOn: '2026-11-26', closesOn: '2026-12-25' });
      await publishConsultation(tdb.ctx, as(editor), c.id);
      const withdrawn = await withdrawConsultation(tdb.ctx, as(editor), c.id, { reason: '上位法修订，草案需重新起草' });
      assert.equal(withdrawn.status, 'withdrawn');
      assert.equal(withdrawn.withdrawnReason, '上位法修订，草案需重新起草');
      assert.equal(withdrawn.feedback, null, 'the feedback column stays for 采纳情况反馈 only');
      assert.equal((await refused(withdrawConsultation(tdb.ctx, as(editor), c.id, { reason: '再次撤回' }))).status, 409);
    });

    test('comments while open, moderation counts, feedback and adoption only after the window closes', async () => {
      tdb.clock.set('2026-11-26T02:00:00.000Z');
      const c = await createConsultation(tdb.ctx, as(editor), { agency: 'city-edu', title: '流程测试', text: TEXT, opensOn: '2026-11-26', closesOn: '2026-12-25' });
      assert.equal((await refused(submitComment(tdb.ctx, c.id, { body: '草稿阶段的意见' }, 'ip'))).status, 404, 'a draft is not public');
      await publishConsultation(tdb.ctx, as(editor), c.id);
      assert.deepEqual((await refused(submitComment(tdb.ctx, c.id, { body: '短' }, 'ip'))).problems, ['body: 意见内容至少 5 个字 / at least 5 characters']);
      assert.deepEqual((await refused(submitComment(tdb.ctx, c.id, { article: '9', body: '第九条并不存在。' }, 'ip'))).problems, ['article: 所选条文不存在 / no such article']);
      const a = await submitComment(tdb.ctx, c.id, { article: '2', body: '建议适用范围包括各区县。', name: '张晓明', contact: '13800138000' }, 'ip');
      const b = await submitComment(tdb.ctx, c.id, { body: '广告：优惠课程报名中', contact: 'ad@example.com' }, 'ip');
      const p = await submitComment(tdb.ctx, c.id, { body: '建议尽快施行本办法。' }, 'ip');
      await moderateComment(tdb.ctx, as(editor), a.id, { decision: 'approve' });
      assert.deepEqual((await refused(moderateComment(tdb.ctx, as(editor), b.id, { decision: 'reject', reason: '' }))).problems, ['reason: 不予公开须说明原因 / give the reason for rejecting']);
      await moderateComment(tdb.ctx, as(editor), b.id, { decision: 'reject', reason: '含有广告内容' });
      assert.equal((await refused(moderateComment(tdb.ctx, as(editor), a.id, { decision: 'reject', reason: '改主意' }))).status, 409);

      let view = await publicConsultation(tdb.ctx, c.id);
      assert.equal(view.phase, 'open');
      assert.deepEqual(view.counts, { received: 3, pending: 1, approved: 1, rejected: 1, adopted: 0, partly: 0, notAdopted: 0, undecided: 1 });
      assert.deepEqual(view.rejections, [{ reason: '含有广告内容', count: 1 }]);
      assert.deepEqual(view.comments.map((m) => [m.article, m.author, m.body]), [[2, '张*明', '建议适用范围包括各区县。']]);
      assert.ok(!JSON.stringify(view).includes('13800138000') && !JSON.stringify(view).includes('ad@example.com'), 'no contact in the public shape');

      assert.deepEqual((await refused(publishFeedback(tdb.ctx, as(editor), c.id, { feedback: '说明' }))).problems, ['征求意见截止后才能公开采纳情况 / only after the window has closed']);
      assert.equal((await refused(recordAdoption(tdb.ctx, as(editor), a.id, { adoption: 'adopted' }))).status, 409);

      tdb.clock.set('2026-12-26T02:00:00.000Z'); // the day after closing
      assert.equal((await refused(submitComment(tdb.ctx, c.id, { body: '截止后才提交的意见' }, 'ip'))).status, 409);
      assert.deepEqual((await refused(publishFeedback(tdb.ctx, as(editor), c.id, { feedback: '' }))).problems, [
        '还有 1 条意见未审核 / 1 comment(s) still to moderate',
        '还有 1 条意见未标明是否采纳 / 1 comment(s) without an adoption decision',
        'feedback: 请填写采纳情况说明 / enter the feedback text',
      ]);
      await moderateComment(tdb.ctx, as(editor), p.id, { decision: 'approve' });
      assert.deepEqual((await refused(recordAdoption(tdb.ctx, as(editor), a.id, { adoption: 'not_adopted' }))).problems, ['reason: 未采纳的意见须说明理由 / give the reason for not adopting']);
      await recordAdoption(tdb.ctx, as(editor), a.id, { adoption: 'not_adopted', reason: '区县另行制定办法' });
      await recordAdoption(tdb.ctx, as(editor), p.id, { adoption: 'adopted' });
      assert.equal((await publicConsultation(tdb.ctx, c.id)).comments[0]?.adoption, null, 'adoption shown only once the feedback is out');
      await publishFeedback(tdb.ctx, as(editor), c.id, { feedback: '共收到意见3条，采纳1条。' });
      assert.equal((await refused(publishFeedback(tdb.ctx, as(editor), c.id, { feedback: '再来' }))).problems[0], '采纳情况已经公开 / the feedback is already published');

      view = await publicConsultation(tdb.ctx, c.id);
      assert.equal(view.phase, 'feedback');
      assert.equal(view.feedback, '共收到意见3条，采纳1条。');
      assert.equal(view.feedbackPublishedOn, '2026-12-26');
      assert.deepEqual(view.counts, { received: 3, pending: 0, approved: 2, rejected: 1, adopted: 1, partly: 0, notAdopted: 1, undecided: 0 });
      assert.deepEqual(view.comments.map((m) => [m.author, m.adoptionLabel, m.adoptionReason]), [
        ['张*明', '未采纳', '区县另行制定办法'],
        ['匿名', '采纳', null],
      ]);
      assert.deepEqual((await refused(linkFinalPolicy(tdb.ctx, as(editor), c.id, { record: '999999' }))).problems, ['record: 找不到索引号或编号为“999999”的信息 / no such record']);
      const actions = await tdb.ctx.db.selectFrom('auditEntry').select('action').where('objectType', '=', 'consultation_comment').where('objectId', 'in', [a, b, p].map((x) => String(x.id))).orderBy('id').execute();
      assert.deepEqual(actions.map((x) => x.action), ['consultation-comment.approve', 'consultation-comment.reject', 'consultation-comment.approve', 'consultation-comment.adoption', 'consultation-comment.adoption']);
      tdb.clock.set('2026-11-26T02:00:00.000Z');
    });
  });
}
