import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { EXE_BYTES, makeDocx } from '../platform/files/fixtures/make.js';
import { ENGINES, skipReason } from '../test-support/db.js';
import { makeHierarchy, makeUser, TEST_PASSWORD } from '../test-support/factories.js';
import { createTestApp, Visitor, type TestApp } from '../test-support/http.js';
import * as catalog from './service.js';

const form = {
  agency: 'city-edu',
  title: '测试市教育局关于推进课后服务提质增效的通知',
  docNumber: '测教发〔2026〕30号',
  writtenOn: '2026-11-20',
  formedOn: '2026-11-20',
  topic: '科技、教育\\教育',
  genre: '通知',
  category: '执行公开',
  statutoryItem: '11',
  mode: '主动公开',
  validity: '有效',
  bodyHtml: '<p>各中小学：现就推进课后服务提质增效通知如下。</p>',
};

for (const engine of ENGINES) {
  describe(`catalogue workbench over HTTP [${engine}]`, { skip: await skipReason(engine) }, () => {
    let t: TestApp;
    const editor = () => new Visitor(t.app);
    before(async () => {
      t = await createTestApp(engine);
      const h = await makeHierarchy(t.tdb.ctx);
      await makeUser(t.tdb.ctx, { login: 'bianji', agencyId: h.bureau.id, roles: ['editor'] });
      await makeUser(t.tdb.ctx, { login: 'shenhe', agencyId: h.bureau.id, roles: ['reviewer'] });
    });
    after(async () => t?.close());

    const newestId = async () => (await catalog.listStaffRecords(t.tdb.ctx.db, null, undefined, 1, 1)).items[0]!.id;

    /** The editor drafts and submits through the forms; the reviewer has the record page open. */
    async function submittedByEditor(docNumber: string) {
      const ed = editor();
      await ed.login('bianji', TEST_PASSWORD);
      await ed.get('/staff/records/new');
      await ed.post('/staff/records', { ...form, docNumber });
      const id = await newestId();
      await ed.get(`/staff/records/${id}`);
      await ed.post(`/staff/records/${id}/submit`);
      const rv = new Visitor(t.app);
      await rv.login('shenhe', TEST_PASSWORD);
      await rv.get(`/staff/records/${id}`);
      return { ed, rv, id };
    }

    test('draft → upload → submit (hit in the attachment) → override → published with the file and its hash', async () => {
      const ed = editor();
      await ed.login('bianji', TEST_PASSWORD);
      await ed.get('/staff/records/new');
      const bad = await ed.post('/staff/records', { ...form, title: '短' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('请修改以下问题'));
      assert.ok(bad.body.includes('测教发〔2026〕30号'), 'the form keeps what was typed');
      const created = await ed.post('/staff/records', form);
      assert.equal(created.statusCode, 303);
      const id = await newestId();
      await ed.get(`/staff/records/${id}`);

      const exe = await ed.postFile(`/staff/records/${id}/attachments`, { field: 'file', name: '通知.pdf', type: 'application/pdf', bytes: EXE_BYTES });
      assert.equal(exe.statusCode, 415);
      assert.ok(exe.body.includes('文件内容与扩展名不符'));
      const docx = makeDocx(['课后服务安排', '联系人：李老师，手机13800138000']);
      const uploaded = await ed.postFile(`/staff/records/${id}/attachments`, { field: 'file', name: '课后服务安排.docx', type: 'application/octet-stream', bytes: docx });
      assert.equal(uploaded.statusCode, 303);

      await ed.get(`/staff/records/${id}`);
      assert.equal((await ed.post(`/staff/records/${id}/submit`)).statusCode, 303);
      const page = await ed.get(`/staff/records/${id}`);
      // The fixture DOCX repeats the number in its footer (makeDocx), so the scan finds it twice.
      assert.ok(page.body.includes('发布前检查发现 2 处疑似问题'));
      assert.ok(page.body.includes('手机号码'));
      assert.ok(page.body.includes('课后服务安排.docx'), 'the hit names the attachment it came from');

      const rv = new Visitor(t.app);
      await rv.login('shenhe', TEST_PASSWORD);
      await rv.get(`/staff/records/${id}`);
      const refused = await rv.post(`/staff/records/${id}/approve`, { overrideReason: '可以' });
      assert.equal(refused.statusCode, 409);
      assert.ok(refused.body.includes('须处理或由审核人员填写理由后放行'));
      const approved = await rv.post(`/staff/records/${id}/approve`, { overrideReason: '该手机号为学校公开的课后服务咨询专线。' });
      assert.equal(approved.statusCode, 303);

      const publicPage = await t.app.inject({ url: `/records/${id}` });
      const expectedHash = createHash('sha256').update(docx).digest('hex');
      assert.ok(publicPage.body.includes(expectedHash), 'the page shows the SHA-256 of the file');
      const attachmentId = /href="\/attachments\/(\d+)"/.exec(publicPage.body)?.[1];
      const download = await t.app.inject({ url: `/attachments/${attachmentId}` });
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.match(String(download.headers['content-disposition']), /filename\*=UTF-8''%E8%AF%BE%E5%90%8E/);
      assert.equal(createHash('sha256').update(download.rawPayload).digest('hex'), expectedHash);
    });

    test('a reviewer returns with a comment, revises a published record and withdraws it; history and notice are public', async () => {
      const { ed, rv, id } = await submittedByEditor('测教发〔2026〕31号');
      assert.equal((await rv.post(`/staff/records/${id}/return`, { comment: '请补充服务时间。' })).statusCode, 303);
      const back = await ed.get(`/staff/records/${id}`);
      assert.ok(back.body.includes('退回意见：请补充服务时间。'));
      await ed.post(`/staff/records/${id}/submit`);
      await rv.get(`/staff/records/${id}`);
      await rv.post(`/staff/records/${id}/approve`, {});
      await rv.get(`/staff/records/${id}/revise`);
      const noReason = await rv.post(`/staff/records/${id}/revise`, { ...form, bodyHtml: '<p>课后服务时间为每周一至周五。</p>', reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.equal((await rv.post(`/staff/records/${id}/revise`, { ...form, bodyHtml: '<p>课后服务时间为每周一至周五。</p>', reason: '补充服务时间' })).statusCode, 303);
      const publicPage = await t.app.inject({ url: `/records/${id}` });
      assert.ok(publicPage.body.includes('补充服务时间'));
      assert.ok(publicPage.body.includes('课后服务时间为每周一至周五'));
      await rv.get(`/staff/records/${id}`);
      assert.equal((await rv.post(`/staff/records/${id}/withdraw`, { reason: '课后服务安排已并入新学期通知。' })).statusCode, 303);
      const gone = await t.app.inject({ url: `/records/${id}` });
      assert.ok(gone.body.includes('课后服务安排已并入新学期通知。'));
    });

    test('scheduled publication through the form uses Beijing time; bad times are refused', async () => {
      const { rv, id } = await submittedByEditor('测教发〔2026〕32号');
      assert.equal((await rv.post(`/staff/records/${id}/approve`, { publishAt: '明天上午' })).statusCode, 400);
      // The test clock is 2026-11-26T02:00Z = 10:00 Beijing; 2026-11-27 09:00 Beijing is 01:00Z next day.
      assert.equal((await rv.post(`/staff/records/${id}/approve`, { publishAt: '2026-11-27 09:00' })).statusCode, 303);
      const r = await catalog.findRecord(t.tdb.ctx.db, id);
      assert.equal(r?.status, 'scheduled');
      assert.equal(r?.publishAt, '2026-11-27T01:00:00.000Z');
    });

    test('the workbench home shows workflow counts for record staff', async () => {
      const rv = new Visitor(t.app);
      await rv.login('shenhe', TEST_PASSWORD);
      const home = await rv.get('/staff');
      assert.match(home.body, /待审核 \d+ 条/);
      assert.ok(home.body.includes('本年度及上年度'));
    });
  });
}
