import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forLang, isLang, pageForLang, toSimplified, toTraditional } from './chinese.js';

describe('Simplified → Traditional page conversion', () => {
  test('converts by phrase, so one simplified character maps to the right traditional one in context', () => {
    // 发 is 發 in 发展 but 髮 in 头发; 干 is 幹 in 干部; 后 is 後 in 后勤 but stays 后 in 皇后.
    assert.equal(toTraditional('发展和改革委员会'), '發展和改革委員會');
    assert.equal(toTraditional('头发'), '頭髮');
    assert.equal(toTraditional('干部'), '幹部');
    assert.equal(toTraditional('后勤管理'), '後勤管理');
    assert.equal(toTraditional('皇后'), '皇后');
  });

  test('keeps mainland vocabulary (no Taiwan phrase substitution) and never inserts pinyin', () => {
    const out = toTraditional('政府信息公开指南，推进依法行政');
    assert.equal(out, '政府信息公開指南，推進依法行政');
    assert.doesNotMatch(out, /\(|[a-z]/);
  });

  test('leaves HTML markup and Latin text untouched', () => {
    const html = '<a href="/agencies?lang=zh-Hant" class="nav">机构 API v1</a>';
    assert.equal(forLang(html, 'zh-Hant'), '<a href="/agencies?lang=zh-Hant" class="nav">機構 API v1</a>');
    assert.equal(forLang(html, 'zh-Hans'), html);
  });

  test('a page keeps form values exactly as typed: a name is data, not page text', () => {
    const html = '<label for="n">申请人姓名</label><input id="n" name="n" value="张伟"><textarea name="d">发展规划\n头发</textarea><option value="发展">发展</option>';
    assert.equal(
      pageForLang(html, 'zh-Hant'),
      '<label for="n">申請人姓名</label><input id="n" name="n" value="张伟"><textarea name="d">发展规划\n头发</textarea><option value="发展">發展</option>',
    );
    assert.equal(pageForLang(html, 'zh-Hans'), html);
  });

  test('converts back to Simplified', () => {
    assert.equal(toSimplified('政務公開'), '政务公开');
  });

  test('recognises only the two page languages', () => {
    assert.ok(isLang('zh-Hant'));
    assert.ok(!isLang('en'));
    assert.ok(!isLang(undefined));
  });
});
