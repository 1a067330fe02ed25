import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resultProblems, type ResultFacts } from './result-rules.js';

// A licence to an organisation with a valid 统一社会信用代码 (GB 32100 check character Q).
const LICENCE: ResultFacts = {
  kind: '许可',
  subjectType: 'legal',
  subjectId: '91110000MA01ABCD2Q',
  legalBasis: '《中华人民共和国民办教育促进法》第十八条',
  content: '准予设立民办培训学校',
  decidedOn: '2026-11-10',
  publishedOn: '2026-11-12',
  publicUntil: null,
};
const PENALTY: ResultFacts = {
  ...LICENCE,
  kind: '处罚',
  subjectType: 'natural',
  subjectId: '11010519491231002X', // GB 11643 example: check digit X
  content: '当事人张晓明（身份证号11010519491231002X）未经批准开展校外培训。处罚内容：警告。',
  publicUntil: '2027-11-10',
};
const fields = (p: string[]) => p.map((x) => x.split(':')[0]);

describe('resultProblems (双公示 before publication)', () => {
  test('a valid licence and a penalty naming only its own subject pass', () => {
    assert.deepEqual(resultProblems(LICENCE), []);
    assert.deepEqual(resultProblems(PENALTY), [], "the subject's own ID may stay: it is masked on output");
  });

  test('identifiers are checked by their check character', () => {
    assert.deepEqual(fields(resultProblems({ ...LICENCE, subjectId: '91110000MA01ABCD2X' })), ['subjectId']);
    assert.deepEqual(fields(resultProblems({ ...LICENCE, subjectId: '' })), ['subjectId'], 'an organisation is identified by its credit code');
    assert.deepEqual(fields(resultProblems({ ...PENALTY, subjectId: '110105194912310021', content: '警告' })), ['subjectId']);
    assert.deepEqual(resultProblems({ ...PENALTY, subjectId: 'E12345678', content: '警告' }), [], 'a passport number is not a resident ID');
  });

  test('a penalty needs its publicity period; dates keep their order', () => {
    assert.deepEqual(fields(resultProblems({ ...PENALTY, publicUntil: null })), ['publicUntil']);
    assert.deepEqual(fields(resultProblems({ ...PENALTY, publicUntil: '2026-11-01' })), ['publicUntil']);
    assert.deepEqual(fields(resultProblems({ ...LICENCE, publishedOn: '2026-11-09' })), ['publishedOn']);
  });

  test("another person's ID or mobile number in the text is refused, shown masked", () => {
    const p = resultProblems({ ...PENALTY, content: '证人李某（身份证号110101199003071233，电话 13812345678）在场。' });
    assert.deepEqual(fields(p), ['content', 'content']);
    assert.match(p[0] ?? '', /居民身份证号码（110101\*{8}1233）/);
    assert.match(p[1] ?? '', /手机号码（138\*{4}5678）/);
    assert.deepEqual(fields(resultProblems({ ...LICENCE, legalBasis: '联系人 13812345678' })), ['legalBasis']);
  });
});
