/** 意见征集 rules with worked examples written out by hand. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  adoptionProblems,
  articleProblems,
  articlesToText,
  chineseNumber,
  countComments,
  feedbackProblems,
  parseArticles,
  phaseOf,
  publicAuthor,
  publicBody,
  rejectionSummary,
  windowDays,
  windowProblems,
} from './model.js';

describe('consultation model', () => {
  test('phase from status, dates and today', () => {
    const c = { status: 'published', opensOn: '2026-11-26', closesOn: '2026-12-25', feedbackPublishedAt: null };
    assert.equal(phaseOf({ ...c, status: 'draft' }, '2026-11-26'), 'draft');
    assert.equal(phaseOf({ ...c, status: 'withdrawn' }, '2026-11-30'), 'withdrawn');
    assert.equal(phaseOf(c, '2026-11-25'), 'upcoming');
    assert.equal(phaseOf(c, '2026-11-26'), 'open');
    assert.equal(phaseOf(c, '2026-12-25'), 'open', 'the closing day is still open');
    assert.equal(phaseOf(c, '2026-12-26'), 'closed');
    assert.equal(phaseOf({ ...c, feedbackPublishedAt: '2027-01-05T02:00:00.000Z' }, '2027-01-05'), 'feedback');
  });

  test('window length in calendar days, both ends counted', () => {
    assert.equal(windowDays('2026-11-26', '2026-12-25'), 30);
    assert.equal(windowDays('2026-12-01', '2026-12-01'), 1);
    assert.equal(windowDays('2028-02-01', '2028-03-01'), 30, 'leap February has 29 days');
    assert.equal(addDays('2026-11-26', 29), '2026-12-25');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  test('the window rule: at least the minimum (default 30, 第十四条), not starting before today, not over', () => {
    assert.deepEqual(windowProblems('2026-11-26', '2026-12-25', 30, '2026-11-26'), []);
    assert.deepEqual(windowProblems('2026-11-26', '2026-12-24', 30, '2026-11-26'), ['closesOn: 征求意见期限为 29 日，不得少于 30 日 / the window is 29 days; at least 30 are required']);
    assert.deepEqual(windowProblems('2026-11-26', '2026-12-05', 10, '2026-11-26'), [], 'a government may set a shorter floor');
    assert.deepEqual(windowProblems('2026-11-20', '2026-12-31', 30, '2026-11-26'), ['opensOn: 开始日期不能早于发布当天 / the window cannot start before today']);
    assert.deepEqual(windowProblems('2026-10-01', '2026-11-20', 30, '2026-11-26'), [
      'opensOn: 开始日期不能早于发布当天 / the window cannot start before today',
      'closesOn: 截止日期已过 / the window closes in the past',
    ]);
    assert.deepEqual(windowProblems('2026-12-10', '2026-12-01', 30, '2026-11-26'), ['closesOn: 截止日期不能早于开始日期 / the window must end after it starts']);
  });

  test('Chinese numerals', () => {
    const cases: [string, number | null][] = [
      ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23], ['一百零五', 105], ['一百一十', 110], ['两百', 200], ['12', 12], ['１２', 12], ['', null], ['条', null],
    ];
    for (const [s, n] of cases) assert.equal(chineseNumber(s), n, s);
  });

  test('articles parsed from the draft text, chapters and preamble kept as passages', () => {
    const text = '为规范校外培训，制定本办法。\n第一章 总则\n第一条 为了规范管理，根据有关法律，制定本办法。\n第二条 本办法适用于本市行政区域。\n  本市以外的机构参照执行。\n\n第二章 附则\n第十一条 本办法自2027年1月1日起施行。';
    const articles = parseArticles(text);
    assert.deepEqual(articles, [
      { no: 0, heading: '', text: '为规范校外培训，制定本办法。' },
      { no: 0, heading: '第一章 总则', text: '' },
      { no: 1, heading: '第一条', text: '为了规范管理，根据有关法律，制定本办法。' },
      { no: 2, heading: '第二条', text: '本办法适用于本市行政区域。\n本市以外的机构参照执行。' },
      { no: 0, heading: '第二章 附则', text: '' },
      { no: 11, heading: '第十一条', text: '本办法自2027年1月1日起施行。' },
    ]);
    assert.deepEqual(parseArticles(articlesToText(articles)), articles, 'round trip through the edit form');
    assert.deepEqual(articleProblems(articles), []);
    assert.deepEqual(articleProblems(parseArticles('第一条 甲\n第一条 乙')), ['text: 第一条重复出现 / article numbered twice: 第一条']);
    assert.deepEqual(articleProblems(parseArticles('  \n ')), ['text: 请填写征求意见稿正文 / enter the text of the draft']);
    assert.deepEqual(parseArticles('没有条文编号的一段话。'), [{ no: 0, heading: '', text: '没有条文编号的一段话。' }]);
  });

  const comments = [
    { status: 'approved', adoption: 'adopted' },
    { status: 'approved', adoption: 'partly' },
    { status: 'approved', adoption: 'not_adopted' },
    { status: 'approved', adoption: null },
    { status: 'rejected', adoption: null, rejectReason: '与本次征求意见无关' },
    { status: 'rejected', adoption: null, rejectReason: '含有广告内容' },
    { status: 'rejected', adoption: null, rejectReason: '与本次征求意见无关' },
    { status: 'pending', adoption: null },
  ];

  test('comment counts by status and adoption, and the rejection reasons summarised', () => {
    assert.deepEqual(countComments(comments), { received: 8, pending: 1, approved: 4, rejected: 3, adopted: 1, partly: 1, notAdopted: 1, undecided: 1 });
    assert.deepEqual(rejectionSummary(comments), [
      { reason: '与本次征求意见无关', count: 2 },
      { reason: '含有广告内容', count: 1 },
    ]);
  });

  test('the feedback only after closing, with every comment moderated and decided', () => {
    const counts = countComments(comments);
    assert.deepEqual(feedbackProblems('open', counts, '说明'), ['征求意见截止后才能公开采纳情况 / only after the window has closed']);
    assert.deepEqual(feedbackProblems('closed', counts, ''), [
      '还有 1 条意见未审核 / 1 comment(s) still to moderate',
      '还有 1 条意见未标明是否采纳 / 1 comment(s) without an adoption decision',
      'feedback: 请填写采纳情况说明 / enter the feedback text',
    ]);
    const done = countComments(comments.slice(0, 3));
    assert.deepEqual(feedbackProblems('closed', done, '共收到意见3条。'), []);
    assert.deepEqual(feedbackProblems('feedback', done, '再次'), ['采纳情况已经公开 / the feedback is already published']);
    assert.deepEqual(adoptionProblems('not_adopted', ' '), ['reason: 未采纳的意见须说明理由 / give the reason for not adopting']);
    assert.deepEqual(adoptionProblems('adopted', ''), []);
  });

  test('what the public sees of a commenter and a comment', () => {
    assert.equal(publicAuthor(null), '匿名');
    assert.equal(publicAuthor('  '), '匿名');
    assert.equal(publicAuthor('张三'), '张*');
    assert.equal(publicAuthor('张晓明'), '张*明');
    assert.equal(publicAuthor('欧阳娜娜'), '欧**娜');
    assert.equal(publicBody('有问题请拨打13800138000联系我。'), '有问题请拨打138****8000联系我。');
    assert.equal(publicBody('建议第三条增加课后服务。'), '建议第三条增加课后服务。');
  });
});
