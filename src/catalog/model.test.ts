import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadShippedSchedules } from '../platform/calendar/load.js';
import { WorkingDayCalendar } from '../platform/calendar/model.js';
import { canTransition, docNumberKey, formatIndexNumber, isPubliclyVisible, publicationDelay, recordInputSchema } from './model.js';
import { isTopic, TOPIC_VALUES } from './taxonomy.js';

const cal = new WorkingDayCalendar(loadShippedSchedules());

const valid = {
  title: '岚江市教育局关于做好2026年义务教育招生工作的通知',
  docNumber: '岚教发〔2026〕12号',
  writtenOn: '2026-04-01',
  formedOn: '2026-04-01',
  topic: '科技、教育\\教育',
  genre: '通知',
  category: '执行公开',
};

describe('索引号 and 文号', () => {
  test('index numbers follow {code}/{year}-{5 digits} like gov.cn (000014349/2017-00110)', () => {
    assert.equal(formatIndexNumber('000014349', 2017, 110), '000014349/2017-00110');
    assert.equal(formatIndexNumber('11441700007280420Y', 2026, 1), '11441700007280420Y/2026-00001');
  });

  test('the 文号 key folds bracket styles, full-width characters and spaces', () => {
    const key = docNumberKey('国办发〔2019〕47号');
    assert.equal(key, '国办发(2019)47号');
    for (const variant of ['国办发[2019]47号', '国办发(2019)47号', '国办发（2019）47号', '国办发 [ 2019 ] 47 号', '国办发［２０１９］４７号']) {
      assert.equal(docNumberKey(variant), key, variant);
    }
    assert.notEqual(docNumberKey('国办发〔2019〕48号'), key);
  });
});

describe('record input rules', () => {
  test('a proactive record needs no ground; withholding needs a ground and a reason', () => {
    assert.ok(recordInputSchema.safeParse(valid).success);
    const withheld = recordInputSchema.safeParse({ ...valid, mode: '不予公开' });
    assert.ok(!withheld.success);
    assert.deepEqual(withheld.error.issues.map((i) => i.path[0]).sort(), ['ground', 'groundReason']);
    assert.ok(recordInputSchema.safeParse({ ...valid, mode: '依申请公开', ground: 'PROCESS_INFO', groundReason: '该文件为征求意见过程稿，尚未定稿。' }).success);
    assert.ok(!recordInputSchema.safeParse({ ...valid, ground: 'PROCESS_INFO' }).success, 'a ground on a proactive record is a mistake');
  });

  test('an interpretation names its policy and kind; a press conference needs a video link', () => {
    const base = { ...valid, genre: '解读', docNumber: '' };
    assert.ok(!recordInputSchema.safeParse(base).success);
    assert.ok(recordInputSchema.safeParse({ ...base, interprets: '000000000/2026-00001', interpretationKind: '文字解读' }).success);
    const press = recordInputSchema.safeParse({ ...base, interprets: '000000000/2026-00001', interpretationKind: '新闻发布会' });
    assert.ok(!press.success);
    assert.equal(press.error.issues[0]?.path[0], 'videoUrl');
  });

  test('unknown topics, genres and impossible dates are refused', () => {
    assert.ok(!recordInputSchema.safeParse({ ...valid, topic: '教育' }).success, 'a sub-topic needs its parent');
    assert.ok(!recordInputSchema.safeParse({ ...valid, genre: '小说' }).success);
    assert.ok(!recordInputSchema.safeParse({ ...valid, writtenOn: '2026-02-30' }).success);
    assert.ok(!recordInputSchema.safeParse({ ...valid, formedOn: '2026-03-01' }).success, 'formed before written');
  });

  test('the taxonomy holds the 22 gov.cn topics with their sub-topics', () => {
    assert.ok(isTopic('科技、教育'));
    assert.ok(isTopic('综合政务\\政务公开'));
    assert.ok(!isTopic('综合政务\\教育'));
    assert.equal(TOPIC_VALUES.filter((t) => !t.includes('\\')).length, 22);
  });
});

describe('workflow steps', () => {
  test('drafts are edited and submitted; reviews are approved or returned; published records are revised or withdrawn', () => {
    assert.ok(canTransition('draft', 'edit'));
    assert.ok(canTransition('draft', 'submit'));
    assert.ok(canTransition('in_review', 'approve'));
    assert.ok(canTransition('in_review', 'return'));
    assert.ok(canTransition('published', 'revise'));
    assert.ok(canTransition('published', 'withdraw'));
    assert.ok(!canTransition('published', 'edit'), 'no edit in place of anything published');
    assert.ok(!canTransition('withdrawn', 'revise'));
    assert.ok(!canTransition('draft', 'approve'));
  });
});

describe('public visibility', () => {
  const now = '2026-11-26T02:00:00.000Z';
  const r = { mode: '主动公开', status: 'published', publishAt: null, publishedOn: '2026-11-20' };
  test('published proactive records are public; withheld and draft ones never', () => {
    assert.ok(isPubliclyVisible(r, now));
    assert.ok(!isPubliclyVisible({ ...r, mode: '依申请公开' }, now));
    assert.ok(!isPubliclyVisible({ ...r, status: 'draft', publishedOn: null }, now));
  });
  test('a scheduled record is public from its time on; a withdrawn one only if it was published', () => {
    assert.ok(!isPubliclyVisible({ ...r, status: 'scheduled', publishAt: '2026-11-26T02:00:00.001Z', publishedOn: null }, now));
    assert.ok(isPubliclyVisible({ ...r, status: 'scheduled', publishAt: now, publishedOn: null }, now));
    assert.ok(isPubliclyVisible({ ...r, status: 'withdrawn' }, now));
    assert.ok(!isPubliclyVisible({ ...r, status: 'withdrawn', publishedOn: null }, now), 'withdrawn before its scheduled time');
  });
});

describe('条例 第二十六条 timeliness', () => {
  test('publication within 20 working days of formation is on time; the 21st working day is late', () => {
    // Formed Thu 2026-04-02. Working days after it: 04-03 (1); 04-04..06 清明 off; 04-07..10 (5);
    // 04-13..17 (10); 04-20..24 (15); 04-27..30 (19); 05-01..05 劳动节 off; 05-06 (20); 05-07 (21).
    assert.deepEqual(publicationDelay(cal, '2026-04-02', '2026-05-06'), { workingDays: 20, late: false, provisional: false });
    assert.deepEqual(publicationDelay(cal, '2026-04-02', '2026-05-07'), { workingDays: 21, late: true, provisional: false });
    assert.equal(publicationDelay(cal, '2026-04-02', '2026-04-02').workingDays, 0);
  });
});
