import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse, analyzeQuery, atoms, docNumberToken, normalizeText, segmentedForIndex, tokenize, type AnalyzedQuery } from './analysis.js';

const PLAIN = /^[\p{L}\p{N}]+$/u;

function ok(q: string): AnalyzedQuery {
  const r = analyzeQuery(q);
  assert.ok(!('error' in r), `expected a query, got ${JSON.stringify(r)}`);
  return r;
}

describe('normalizeText', () => {
  test('full-width letters and digits become half-width lower case', () => {
    assert.equal(normalizeText('ＡＢＣ１２３'), 'abc123');
    assert.deepEqual(tokenize('ＡＢＣ１２３'), ['abc123']);
  });

  test('Traditional becomes Simplified', () => {
    assert.equal(normalizeText('政務公開'), '政务公开');
    assert.equal(normalizeText('國務院辦公廳'), '国务院办公厅');
  });

  test('文号 brackets fold to () and whitespace collapses', () => {
    assert.equal(normalizeText('  国办发〔2019〕47号\u3000\n 國辦發（2019）47號 '), '国办发(2019)47号 国办发(2019)47号');
    assert.equal(normalizeText('［2019］【2019】'), '(2019)(2019)');
  });
});

describe('tokenize', () => {
  test('政務公開 and 政务公开 give the same tokens: the atoms of the word, in order', () => {
    assert.deepEqual(tokenize('政務公開'), ['政务', '公开']);
    assert.deepEqual(tokenize('政务公开'), tokenize('政務公開'));
    assert.deepEqual(analyse('推进政務公開工作'), { stream: ['推进', '政务', '公开', '工作'], extra: [] });
  });

  test('a word splits the same way alone and inside a longer word', () => {
    assert.deepEqual(atoms('普惠托育'), ['普惠', '托育']);
    assert.deepEqual(tokenize('普惠托育服务'), ['普惠', '托育', '服务']);
    assert.deepEqual(ok('托育服务').phrases, [['托育', '服务']]);
    assert.deepEqual(atoms('放管服'), ['放管服'], 'no sub-word: whole');
    assert.deepEqual(atoms('民政局'), ['民政', '局']);
  });

  test('words the dictionary does not know stay in the stream as single characters, in order', () => {
    const { stream } = analyse('岚江市石门坎村');
    assert.ok(stream.join(' ').startsWith('岚 江 市'), stream.join(' '));
  });

  test('user-dictionary terms are found as one term or one phrase of their atoms', () => {
    const stream = ` ${tokenize('深化放管服改革，全面推行双随机一公开，推进一网通办').join(' ')} `;
    for (const q of ['放管服', '双随机一公开', '一网通办', '深化', '改革']) {
      const a = ok(q);
      for (const p of [...a.terms.map((t) => [t]), ...a.phrases]) assert.ok(stream.includes(` ${p.join(' ')} `), `${q}: ${p.join(' ')}`);
    }
    assert.deepEqual(ok('双随机一公开').phrases, [['双', '随机', '一', '公开']]);
    assert.deepEqual(ok('放管服').terms, ['放管服']);
  });

  test('a compound law name is findable by its parts, not by words straddling them', () => {
    const stream = ` ${tokenize('根据《中华人民共和国政府信息公开条例》第二十条').join(' ')} `;
    for (const q of ['中华人民共和国', '政府信息公开', '条例', '政府', '信息公开', '人民', '信息公开条例']) {
      const a = ok(q);
      for (const p of [...a.terms.map((t) => [t]), ...a.phrases]) assert.ok(stream.includes(` ${p.join(' ')} `), `${q}: ${p.join(' ')}`);
    }
    for (const noise of ['国政', '华人']) assert.ok(!stream.includes(` ${noise} `), noise);
    const law = tokenize('中华人民共和国政府采购法');
    for (const part of ['政府', '采购']) assert.ok(law.includes(part), part);
    for (const noise of ['国政', '华人']) assert.ok(!law.includes(noise), noise);
  });

  test('民政 is found in 民政局, not in 人民政府', () => {
    assert.deepEqual(tokenize('人民政府'), ['人民', '政府']);
    assert.ok(tokenize('岚江市民政局').includes('民政'));
  });

  test('Latin words and numbers are tokens; punctuation and spaces are not', () => {
    const tokens = tokenize('PM2.5 浓度下降，GDP 增长 5.6%，2026年');
    assert.deepEqual(tokens, ['pm2', '5', '浓度', '下降', 'gdp', '增长', '5', '6', '2026', '年']);
    assert.deepEqual(ok('GDP 2026').terms, ['gdp', '2026']);
    assert.deepEqual(ok('pm2.5').phrases, [['pm2', '5']]);
    assert.deepEqual(tokenize('2026-01-05'), ['2026', '1', '5']);
    assert.deepEqual(tokenize('2026年1月5日'), ['2026', '年', '1', '月', '5', '日']);
  });

  test('文号 bracket variants give the same key token, and the parts stay findable', () => {
    const variants = ['国办发〔2019〕47号', '国办发[2019]47号', '国办发(2019)47号', '國辦發（2019）47號', '国办发［2019］第047号'];
    for (const v of variants) {
      assert.equal(docNumberToken(v), '国办发201947号', v);
      const tokens = tokenize(v);
      for (const t of ['国办发201947号', '2019', '47']) assert.ok(tokens.includes(t), `${v}: ${t}`);
      assert.deepEqual(ok(v).terms, ['国办发201947号']);
    }
    assert.equal(docNumberToken('国办发'), null);
    assert.ok(tokenize('根据国办发〔2019〕47号文件精神').includes('国办发201947号'));
    assert.deepEqual(ok('国办发 2019 47').terms, ['2019', '47']);
  });

  test('the stored column is the tokens joined by single spaces', () => {
    const text = '岚江市人民政府 关于  推进政务公开（2026年）';
    assert.equal(segmentedForIndex(text), tokenize(text).join(' '));
    assert.ok(!segmentedForIndex(text).includes('  '));
    assert.equal(segmentedForIndex(''), '');
    assert.equal(segmentedForIndex('。，！'), '');
  });
});

describe('analyzeQuery', () => {
  test('quoted phrases, exclusions, unknown words and Latin compounds', () => {
    assert.deepEqual(ok('"政务公开" -双减 岚江市政府 pm2.5'), {
      terms: [],
      phrases: [['政务', '公开'], ['岚', '江', '市', '政府'], ['pm2', '5']],
      excluded: ['双减'],
      excludedPhrases: [],
    });
  });

  test('several dictionary words stand alone; a word with unknown characters is one phrase', () => {
    assert.deepEqual(ok('优化营商环境').phrases, [['优化', '营商', '环境']]);
    assert.deepEqual(ok('营商环境 优化').phrases, [['营商', '环境']]);
    assert.deepEqual(ok('营商环境 优化').terms, ['优化']);
    assert.deepEqual(ok('"优化营商环境"').phrases, [['优化', '营商', '环境']]);
    assert.deepEqual(ok('2026年政府工作报告').phrases, [['2026', '年', '政府', '工作', '报告']]);
  });

  test('curly and corner quotes, Traditional phrases, excluded phrases', () => {
    assert.deepEqual(ok('“依申请 公开” 条例').phrases, [['依', '申请', '公开']]);
    assert.deepEqual(ok('“依申请 公开” 条例').terms, ['条例']);
    assert.deepEqual(ok('「政務公開」').phrases, [['政务', '公开']]);
    const q = ok('政务 -岚江 -"行政审批" -双减');
    assert.deepEqual([q.terms, q.excluded, q.excludedPhrases], [['政务'], ['双减'], [['岚', '江'], ['行政', '审批']]]);
  });

  test('absurd input gives the right result or error code and never throws', () => {
    assert.deepEqual(analyzeQuery(''), { error: 'EMPTY' });
    assert.deepEqual(analyzeQuery(' \u3000\n'), { error: 'EMPTY' });
    assert.deepEqual(analyzeQuery('字'.repeat(10 * 1024)), { error: 'TOO_LONG' });
    assert.deepEqual(analyzeQuery(Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ')), { error: 'TOO_LONG' });
    assert.deepEqual(analyzeQuery('。，！？……—— ()[]'), { error: 'NO_TERMS' });
    assert.deepEqual(analyzeQuery('*'), { error: 'NO_TERMS' });
    assert.deepEqual(analyzeQuery('-双减'), { error: 'NO_TERMS' });
    assert.deepEqual(analyzeQuery('-- - "'), { error: 'NO_TERMS' });
    assert.deepEqual(ok('NEAR(').terms, ['near']);
    const sql = ok('" OR 1=1; --');
    assert.deepEqual([sql.terms, sql.phrases, sql.excluded], [['or'], [['1', '1']], []]);
  });

  test('every token of any query is plain letters and digits (seeded fuzz)', () => {
    const alphabet = [...'*"():^\';-—“”「」 NEARORAND政务公开國辦發〔2019〕47号ａ１.%_\\\u0000\ud83d\ude00'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const q = Array.from({ length: 1 + Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const r = analyzeQuery(q);
      if ('error' in r) {
        assert.ok(['EMPTY', 'TOO_LONG', 'NO_TERMS'].includes(r.error), q);
        continue;
      }
      for (const t of [r.terms, r.excluded, ...r.phrases, ...r.excludedPhrases].flat()) assert.match(t, PLAIN, q);
    }
  });
});
