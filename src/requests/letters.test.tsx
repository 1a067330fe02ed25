import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { perPageFee, perRequestFee } from './fees.js';
import {
  appealRightsSentence,
  buildLetter,
  chineseDate,
  LETTER_KINDS,
  LETTER_TITLES,
  letterPlainText,
  paragraphs,
  renderLetter,
  yuanInWords,
  type LetterInput,
  type LetterKind,
  type ReplyLetterInput,
} from './letters.js';
import { OUTCOME_REASONS } from './model.js';

const common = {
  number: '岚教公开答〔2026〕第5号',
  issuedOn: '2026-11-26',
  agency: {
    name: '岚江市教育局',
    officeName: '岚江市教育局政府信息公开办公室',
    phone: '0571-12345678',
    address: '岚江市岚山区文教路1号',
    postcode: '310000',
    email: 'gk@edu.lanjiang.gov.cn',
  },
  applicant: { name: '张三', isOrganisation: false },
  request: {
    trackingNumber: 'YSQ-LJ-2026-00042',
    title: '2025年岚江市义务教育学校招生计划',
    description: '各区义务教育学校2025年招生计划及划片范围。',
    receivedOn: '2026-10-29',
    submittedOn: '2026-10-28',
  },
};

function reply(outcome: string, extra: Partial<ReplyLetterInput> = {}): ReplyLetterInput {
  return {
    ...common,
    kind: 'reply',
    outcome,
    reasons: '第一段理由。\n\n第二段理由。',
    provided: '见本机关门户网站“政府信息公开”栏目。',
    deliveryForm: 'electronic',
    deliveryMethod: 'email',
    reconsiderationBody: '岚江市人民政府',
    court: '岚江市岚山区人民法院',
    ...extra,
  };
}

const samples: { [K in LetterKind]: Extract<LetterInput, { kind: K }> } = {
  reply: reply('disclosed.provided'),
  correction: { ...common, kind: 'correction', whatToCorrect: '请说明所需招生计划的学段和区域。', respondBy: '2026-11-12' },
  extension: { ...common, kind: 'extension', workingDays: 20, newDueDate: '2026-12-24', reason: '申请的信息涉及多个区教育局，需要汇总核实。' },
  consultation: {
    ...common,
    kind: 'consultation',
    party: { name: '岚江市某某教育科技有限公司', isAgency: false },
    infoSummary: '岚江市教育局与你公司签订的2025年教育信息化采购合同。',
    replyBy: '2026-11-18',
  },
  'fee-notice': { ...common, kind: 'fee-notice', method: 'per-page', fee: perPageFee(250), payBy: '2026-12-10', payment: '通过本平台在线缴纳。' },
  acknowledgement: { ...common, kind: 'acknowledgement', dueDate: '2026-11-26' },
};

/** The text of every <p> and table cell, unescaped, as a reader sees it. */
function visibleSentences(html: string): string[] {
  const body = html.slice(html.indexOf('<main'));
  return [...body.matchAll(/<p[^>]*>(.*?)<\/p>/gs)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

describe('yuanInWords (大写金额)', () => {
  test('the worked examples', () => {
    for (const [n, words] of [
      [0, '零元整'],
      [100, '壹佰元整'],
      [4700, '肆仟柒佰元整'],
      [10050, '壹万零伍拾元整'],
      [200000, '贰拾万元整'],
    ] as const) {
      assert.equal(yuanInWords(n), words, String(n));
    }
  });

  test('zeros inside and between the 万/亿 groups read as one 零', () => {
    for (const [n, words] of [
      [10, '壹拾元整'],
      [1005, '壹仟零伍元整'],
      [1050, '壹仟零伍拾元整'],
      [100000, '壹拾万元整'],
      [100500, '壹拾万零伍佰元整'],
      [1000001, '壹佰万零壹元整'],
      [12345678, '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元整'],
      [100000001, '壹亿零壹元整'],
      [100010000, '壹亿零壹万元整'],
      [120000000, '壹亿贰仟万元整'],
    ] as const) {
      assert.equal(yuanInWords(n), words, String(n));
    }
  });

  test('rejects fractions, negatives and amounts beyond 千亿', () => {
    for (const n of [-1, 1.5, Number.NaN, 1e12]) assert.throws(() => yuanInWords(n), RangeError);
  });
});

describe('helpers', () => {
  test('dates in Chinese, no leading zeros; invalid dates throw', () => {
    assert.equal(chineseDate('2026-11-26'), '2026年11月26日');
    assert.equal(chineseDate('2026-01-05'), '2026年1月5日');
    assert.throws(() => chineseDate('2026-02-30'), RangeError);
  });

  test('plain text splits into one paragraph per non-blank line', () => {
    assert.deepEqual(paragraphs(' 一 \n\n二\r\n三\n  \n'), ['一', '二', '三']);
  });
});

describe('every kind renders a complete letter', () => {
  for (const kind of LETTER_KINDS) {
    test(kind, () => {
      const input = samples[kind];
      const html = renderLetter(input);
      assert.ok(html.startsWith('<!DOCTYPE html><html lang="zh-Hans">'));
      assert.match(html, /<meta charset="utf-8"\s*\/?>/i);
      assert.ok(html.includes('<link rel="stylesheet" href="/static/letter.css"'));
      assert.ok(!/<script/i.test(html), 'no script');
      assert.match(html, /<title>岚江市教育局.+（岚教公开答〔2026〕第5号）<\/title>/);
      assert.ok(html.includes('<span class="letter-agency">岚江市教育局</span>'));
      assert.ok(html.includes(kind === 'consultation' ? '征求第三方意见函' : LETTER_TITLES[kind]));
      assert.ok(html.includes('<p class="letter-number">岚教公开答〔2026〕第5号</p>'));
      assert.ok(html.includes('<p class="letter-date">2026年11月26日</p>'));
      assert.ok(html.includes('<p class="letter-signature">岚江市教育局</p>'));
      assert.ok(html.includes('联系方式：岚江市教育局政府信息公开办公室；联系电话：0571-12345678；通信地址：岚江市岚山区文教路1号'));
      assert.ok(html.includes('使用浏览器的打印功能（Ctrl+P）'));
      assert.ok(html.includes(kind === 'consultation' ? '岚江市某某教育科技有限公司：' : '<p class="letter-salutation">张三：</p>'));
    });
  }

  test('the reply opening quotes the dates, tracking number and title', () => {
    const html = renderLetter(samples.reply);
    assert.ok(
      html.includes(
        '你于2026年10月28日向本机关提出的政府信息公开申请（申请编号：YSQ-LJ-2026-00042）收悉，本机关于2026年10月29日收到。你申请公开“2025年岚江市义务教育学校招生计划”。经审查，现答复如下：',
      ),
    );
    assert.ok(html.includes('本机关决定予以公开。'));
    assert.ok(html.includes('提供形式：电子文档；获取方式：电子邮件。'));
  });

  test('an organisation is addressed as 你单位', () => {
    const html = renderLetter({ ...samples.reply, applicant: { name: '岚江市某某律师事务所', isOrganisation: true } });
    assert.ok(html.includes('岚江市某某律师事务所：'));
    assert.ok(html.includes('你单位于2026年10月28日'));
  });
});

describe('the reply, for each of the 22 outcome codes', () => {
  test('there are 22 codes', () => assert.equal(OUTCOME_REASONS.length, 22));
  for (const o of OUTCOME_REASONS) {
    test(o.code, () => {
      const input = reply(o.code);
      const html = renderLetter(input);
      const text = letterPlainText(input);
      // 行政复议法 (2023) 第二十三条第一款第（四）项: a refusal (in whole or in part) goes to 复议 first.
      const first = o.group === 'withheld' || o.group === 'partial';
      const appeal = first
        ? '如对本答复不服，应当先在收到本答复书之日起60日内向岚江市人民政府申请行政复议；对行政复议决定不服的，可以依法向岚江市岚山区人民法院提起行政诉讼。'
        : '如对本答复不服，可以在收到本答复书之日起60日内向岚江市人民政府申请行政复议，或者在6个月内向岚江市岚山区人民法院提起行政诉讼。';
      assert.equal(appealRightsSentence('岚江市人民政府', '岚江市岚山区人民法院', first), appeal);
      for (const out of [html, text]) {
        assert.ok(out.includes(`根据${o.basis}的规定`), 'the basis, verbatim');
        assert.ok(out.includes(appeal), 'the appeal-rights sentence');
        assert.ok(out.includes(first ? '《中华人民共和国行政复议法》第二十条和第二十三条第一款第（四）项' : '《中华人民共和国政府信息公开条例》第五十一条、《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条'));
      }
    });
  }

  test('withheld: the decision and the officer’s reasons, one paragraph per line', () => {
    const html = renderLetter(reply('withheld.third-party'));
    assert.ok(html.includes('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。'));
    assert.ok(html.includes('本机关决定不予公开。'));
    assert.ok(html.includes('<p>理由如下：第一段理由。</p><p>第二段理由。</p>'));
  });

  test('partial: the disclosable part is provided, the rest withheld with reasons', () => {
    const html = renderLetter(reply('partial'));
    assert.ok(html.includes('能够作区分处理'));
    assert.ok(html.includes('予以公开的部分：见本机关门户网站'));
    assert.ok(html.includes('不予公开部分的理由：第一段理由。'));
  });

  test('not held: 该政府信息不存在, or the referral (第三十六条（五）)', () => {
    const plain = renderLetter(reply('unavailable.not-held'));
    assert.ok(plain.includes('经检索，本机关未制作或获取该政府信息'));
    assert.ok(plain.includes('申请公开的政府信息不存在'));
    const referred = renderLetter(reply('unavailable.not-held', { referral: { agencyName: '岚江市财政局', contact: '0571-87654321' } }));
    assert.ok(referred.includes('该政府信息由岚江市财政局负责公开，联系方式：0571-87654321。'));
  });

  test('an unknown outcome code throws', () => {
    assert.throws(() => renderLetter(reply('withheld.nope')), RangeError);
  });
});

describe('the other letters', () => {
  test('correction (第三十条)', () => {
    const html = renderLetter(samples.correction);
    for (const s of [
      '第三十条的规定，现一次性告知你需要补正的事项如下：',
      '请说明所需招生计划的学段和区域。',
      '请你于2026年11月12日前',
      '答复期限自本机关收到补正后的申请之日起重新计算',
      '无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请',
    ]) {
      assert.ok(html.includes(s), s);
    }
  });

  test('extension (第三十三条第二款): head of office, reason, days, new due date; at most 20 days', () => {
    const html = renderLetter(samples.extension);
    for (const s of [
      '根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定',
      '政府信息公开工作机构负责人同意',
      '延期理由：申请的信息涉及多个区教育局',
      '答复期限延长20个工作日',
      '2026年12月24日前作出答复',
    ]) {
      assert.ok(html.includes(s), s);
    }
    for (const workingDays of [0, 21, 2.5]) assert.throws(() => renderLetter({ ...samples.extension, workingDays }), RangeError);
  });

  test('consultation of a third party (第三十二条): 15 working days, silence → the organ decides', () => {
    const html = renderLetter(samples.consultation);
    assert.ok(html.includes('征求第三方意见函'));
    assert.ok(html.includes('有申请人申请公开'));
    assert.ok(html.includes('第三十二条'));
    assert.ok(html.includes('自收到本函之日起15个工作日内（于2026年11月18日前）'));
    assert.ok(html.includes('逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开'));
  });

  test('consultation of another organ (第三十四条): 15 working days, silence → consent', () => {
    const input: LetterInput = { ...samples.consultation, party: { name: '岚江市财政局', isAgency: true } };
    const html = renderLetter(input);
    assert.ok(html.includes('<span class="letter-title">征求意见函</span>'));
    assert.ok(html.includes('<p class="letter-salutation">岚江市财政局：</p>'));
    assert.ok(html.includes('第三十四条'));
    assert.ok(html.includes('逾期未提出意见的，视为同意公开。'));
  });

  test('a consultation letter never names the applicant', () => {
    for (const isAgency of [false, true]) {
      const input = { ...samples.consultation, party: { name: '岚江市财政局', isAgency } } as LetterInput;
      assert.ok(!renderLetter(input).includes('张三'));
      assert.ok(!letterPlainText(input).includes('张三'));
      const org = { ...input, applicant: { name: '岚江市某某律师事务所', isOrganisation: true } };
      assert.ok(!renderLetter(org).includes('律师事务所'));
    }
  });

  test('fee notice, per page: the breakdown table, total in figures and in words, basis, deadline', () => {
    const html = renderLetter(samples['fee-notice']);
    for (const s of [
      '第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定',
      '按量计收',
      '<th scope="row">第1—30页</th><td>30页</td><td>免费</td><td>0元</td>',
      '<th scope="row">第31—100页</th><td>70页</td><td>10元/页</td><td>700元</td>',
      '<th scope="row">第101—200页</th><td>100页</td><td>20元/页</td><td>2,000元</td>',
      '<th scope="row">第201—250页</th><td>50页</td><td>40元/页</td><td>2,000元</td>',
      '应缴纳信息处理费合计人民币4,700元（大写：肆仟柒佰元整）',
      '请你于2026年12月10日前缴纳。',
      '缴费方式：通过本平台在线缴纳。',
      '逾期未缴纳的，视为放弃申请，本机关不再处理',
    ]) {
      assert.ok(html.includes(s), s);
    }
  });

  test('fee notice, per request; the method must match the fee', () => {
    const input = { ...samples['fee-notice'], method: 'per-request' as const, fee: perRequestFee(31) };
    const html = renderLetter(input);
    assert.ok(html.includes('按件计收'));
    assert.ok(html.includes('<th scope="row">第31件</th><td>1件</td><td>200元/件</td><td>200元</td>'));
    assert.ok(html.includes('（大写：贰佰元整）'));
    assert.throws(() => renderLetter({ ...input, fee: perPageFee(40) }), RangeError);
  });

  test('acknowledgement: tracking number, receipt date, due date (第三十三条)', () => {
    const html = renderLetter(samples.acknowledgement);
    assert.ok(html.includes('申请编号：YSQ-LJ-2026-00042'));
    assert.ok(html.includes('收到申请日期：2026年10月29日'));
    assert.ok(html.includes('本机关将在2026年11月26日前答复（法定期限：自收到申请之日起20个工作日，《中华人民共和国政府信息公开条例》第三十三条）。'));
  });
});

// preact-render-to-string escapes & < " in text (that is what makes markup inert); it leaves > as is.
describe('escaping', () => {
  const evil = '<script>alert(1)</script>';
  const inputs: LetterInput[] = [
    reply('withheld.state-secret', { reasons: evil, applicant: { name: evil, isOrganisation: false }, court: evil }),
    { ...samples.correction, whatToCorrect: evil, agency: { ...common.agency, name: evil } },
    { ...samples.extension, reason: evil, number: evil },
    { ...samples.consultation, infoSummary: evil, party: { name: evil, isAgency: false } },
    { ...samples['fee-notice'], payment: evil },
    { ...samples.acknowledgement, request: { ...common.request, title: evil, description: `"${evil}" & more` } },
  ];
  for (const input of inputs) {
    test(input.kind, () => {
      const html = renderLetter(input);
      assert.ok(!/<script/i.test(html), 'no live script tag');
      assert.ok(!html.includes('</script'), 'no closing tag either');
      assert.ok(/&lt;script(>|&gt;)alert\(1\)&lt;\/script(>|&gt;)/.test(html), 'shown as text');
      assert.ok(visibleSentences(html).some((s) => s.includes(evil)), 'the reader sees what was typed');
      assert.ok(letterPlainText(input).includes(evil), 'plain text keeps it verbatim');
    });
  }
});

describe('letterPlainText', () => {
  for (const kind of LETTER_KINDS) {
    test(`${kind}: the same sentences as the HTML`, () => {
      const input = samples[kind];
      const text = letterPlainText(input);
      const html = renderLetter(input);
      const sentences = visibleSentences(html);
      assert.ok(sentences.length > 5);
      for (const s of sentences) assert.ok(text.includes(s), s);
      const doc = buildLetter(input);
      for (const s of [doc.agencyName, doc.title, doc.number, doc.salutation, doc.date, doc.contact]) assert.ok(text.includes(s), s);
      assert.ok(!text.includes('<'), 'no markup');
    });
  }

  test('body paragraphs are indented two characters; the date is on the right', () => {
    const text = letterPlainText(samples.reply);
    assert.match(text, /\n\u3000\u3000你于2026年10月28日/);
    assert.match(text, /\n {20,}2026年11月26日\n/);
  });

  test('the fee breakdown appears as lines', () => {
    const text = letterPlainText(samples['fee-notice']);
    assert.ok(text.includes('第31—100页：70页 × 10元/页 = 700元'));
    assert.ok(text.includes('合计：4,700元'));
  });
});
