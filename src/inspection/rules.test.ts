import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { columnFindings, columnTypeOf, homepageFindings, type ColumnPage } from './columns.js';
import { datesIn, daysBetween } from './dates.js';
import type { Finding } from './model.js';
import { loadRules, parseRules, RulesError } from './rules.js';
import { scoreInspection } from './scoring.js';

const rules = loadRules();
const TODAY = '2026-11-26';
const f = (kind: Finding['kind'], extra: Partial<Finding> = {}): Finding => ({ kind, url: 'http://s/x', foundOn: null, status: null, detail: '', onHomepage: false, ...extra });

describe('dates on pages', () => {
  test('full forms, CJK form and width variants; future and implausible dates ignored', () => {
    assert.deepEqual(datesIn('发布时间：2026-11-20 来源：市政府', TODAY), ['2026-11-20']);
    assert.deepEqual(datesIn('2026/3/5 · 2026.03.06 · 2026年3月7日 · ２０２６－０３－０８', TODAY), ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    assert.deepEqual(datesIn('2026-12-01 开幕 · 1985-01-01 · 2026-02-30', TODAY), [], 'after today, before 1990, not a day');
    assert.deepEqual(datesIn('电话 0731-8888-1234 文号 2026-123', TODAY), []);
  });
  test('MM-DD only when asked: this year, or last year when that day is still to come', () => {
    assert.deepEqual(datesIn('[11-20] 关于…的通知', TODAY), []);
    assert.deepEqual(datesIn('[11-20] 关于…的通知', TODAY, { short: true }), ['2026-11-20']);
    assert.deepEqual(datesIn('12-30 年终总结', TODAY, { short: true }), ['2025-12-30']);
    assert.deepEqual(datesIn('2026-11-20', TODAY, { short: true }), ['2026-11-20'], 'a full date is not read again as MM-DD');
  });
  test('days between', () => {
    assert.equal(daysBetween('2026-11-12', TODAY), 14);
    assert.equal(daysBetween('2025-11-26', TODAY), 365);
  });
});

describe('columns and homepage (首页不更新, 栏目不更新)', () => {
  test('the type comes from the name, the longest keyword winning', () => {
    assert.equal(columnTypeOf('工作动态', rules)?.type, 'dynamic');
    assert.equal(columnTypeOf('通知公告', rules)?.type, 'notice');
    assert.equal(columnTypeOf('人事信息', rules)?.type, 'personnel-plan');
    assert.equal(columnTypeOf('机构职能', rules), null);
  });
  test('dynamic columns: 14 days; notice columns: 183 days; blank columns whatever their type', () => {
    const col = (name: string, itemDates: string[], extra: Partial<ColumnPage> = {}): ColumnPage => ({ url: `http://s/${name}`, name, itemDates, entries: itemDates.length, saysEmpty: false, ...extra });
    const found = columnFindings(
      [
        col('工作动态', ['2026-11-12']), // 14 days: on time
        col('部门动态', ['2026-11-11', '2026-10-01']), // 15 days: stale
        col('通知公告', ['2026-05-27']), // 183 days: on time
        col('政策文件', ['2026-05-26']), // 184 days: stale
        col('机构职能', ['2020-01-01']), // no type: never stale
        col('专题专栏', [], { saysEmpty: true }),
        col('友情链接', [], { entries: 12 }), // undated links: not blank
      ],
      rules,
      TODAY,
    );
    assert.deepEqual(
      found.map((x) => [x.kind, x.url, x.columnType ?? null]),
      [
        ['column-stale', 'http://s/部门动态', 'dynamic'],
        ['column-stale', 'http://s/政策文件', 'notice'],
        ['column-blank', 'http://s/专题专栏', null],
      ],
    );
    assert.match(found[0]?.detail ?? '', /最新信息为 2026-11-11，已 15 天未更新（应在 14 天内）/);
  });
  test('the homepage: newest date within 14 days, or a finding; no date at all is its own finding', () => {
    assert.deepEqual(homepageFindings('http://s/', ['2026-01-01', '2026-11-12'], rules, TODAY), []);
    assert.deepEqual(homepageFindings('http://s/', ['2026-11-11'], rules, TODAY).map((x) => x.kind), ['homepage-stale']);
    assert.deepEqual(homepageFindings('http://s/', [], rules, TODAY).map((x) => x.kind), ['homepage-undated']);
  });
});

describe('scoring (指标说明: veto first, then deductions from 100, each capped)', () => {
  const probes = { total: 140, unreachable: 0 };
  test('no finding: 100, 合格', () => {
    const r = scoreInspection({ findings: [], probes }, rules);
    assert.equal(r.verdict, '合格');
    assert.equal(r.score, 100);
    assert.deepEqual(r.notEvaluated, []);
  });
  test('站点无法访问: 7 of 140 probes (5%) is a veto, 6 (4.3%) is not', () => {
    assert.deepEqual(scoreInspection({ findings: [], probes: { total: 140, unreachable: 7 } }, rules).vetoes.map((v) => v.indicator), ['站点无法访问']);
    assert.equal(scoreInspection({ findings: [], probes: { total: 140, unreachable: 6 } }, rules).verdict, '合格');
    const unprobed = scoreInspection({ findings: [], probes: null }, rules);
    assert.equal(unprobed.verdict, '合格');
    assert.equal(unprobed.notEvaluated.length, 1, 'said, not silently passed');
  });
  test('栏目不更新: 3 dynamic + 2 notice stale columns is a veto; 4 is not; 5 blank columns is a veto', () => {
    const stale = (type: 'dynamic' | 'notice', n: number) => Array.from({ length: n }, () => f('column-stale', { columnType: type }));
    const veto = scoreInspection({ findings: [...stale('dynamic', 3), ...stale('notice', 2)], probes }, rules);
    assert.equal(veto.verdict, '不合格');
    assert.equal(veto.score, null, 'nothing else is scored after a veto');
    assert.equal(scoreInspection({ findings: [...stale('dynamic', 2), ...stale('notice', 2)], probes }, rules).vetoes.length, 0);
    assert.deepEqual(scoreInspection({ findings: Array.from({ length: 5 }, () => f('column-blank')), probes }, rules).vetoes.map((v) => v.indicator), ['栏目不更新']);
  });
  test('首页不更新: a stale or an undated homepage is a veto', () => {
    assert.equal(scoreInspection({ findings: [f('homepage-stale', { onHomepage: true })], probes }, rules).verdict, '不合格');
    assert.equal(scoreInspection({ findings: [f('homepage-undated', { onHomepage: true })], probes }, rules).verdict, '不合格');
  });
  test('deductions with the shipped settings: homepage links 1 each (cap 5), other pages 0.1 each (cap 5)', () => {
    const findings = [
      ...Array.from({ length: 3 }, () => f('broken-link', { onHomepage: true })),
      f('missing-image', { onHomepage: true }),
      ...Array.from({ length: 80 }, () => f('broken-link')), // 8 → capped at 5
      f('column-stale', { columnType: 'notice' }), // 5
    ];
    const r = scoreInspection({ findings, probes }, rules);
    // 100 − 4 − 5 − 5 = 86
    assert.equal(r.score, 86);
    assert.equal(r.verdict, '合格');
    const other = r.deductions.find((d) => d.id === 'other-broken-links');
    assert.deepEqual([other?.findings, other?.points, other?.capped], [80, 5, true]);
  });
  test('below the pass mark is 不合格', () => {
    const custom = parseRules({ ...rules, deductions: [{ id: 'links', label: '链接', kinds: ['broken-link'], perFinding: 10, cap: 50 }] });
    const r = scoreInspection({ findings: Array.from({ length: 5 }, () => f('broken-link')), probes }, custom);
    assert.deepEqual([r.score, r.verdict], [50, '不合格']);
  });
  test('a bad rules file is refused with the path of each problem', () => {
    assert.throws(() => parseRules({ ...rules, passMark: 120, deductions: [{ id: 'X', label: '', kinds: ['nope'], perFinding: 1, cap: 1 }] }), (e: unknown) => e instanceof RulesError && /passMark/.test(e.message) && /deductions\.0\.kinds\.0/.test(e.message));
  });
});
