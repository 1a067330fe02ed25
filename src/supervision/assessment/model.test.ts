/**
 * 工作考核 arithmetic against figures worked out by hand (the arithmetic is written beside each).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_WEIGHTS, emptyCounts, indicatorScore, monthPeriod, rank, rollUp, roundHalfUp, weightedScore, weightProblems, type AgencyCounts, type Counts, type IndicatorKey } from './model.js';

const counts = (c: Partial<Record<IndicatorKey, Counts>>): AgencyCounts => {
  const e = emptyCounts();
  return { indicators: { ...e.indicators, ...c }, extras: e.extras };
};

describe('indicator scores', () => {
  test('ratio indicators are 100 × on time / counted', () => {
    assert.equal(indicatorScore('disclosure', { num: 2, den: 3 }), 66.7); // 200/3 = 66.666… → 66.7
    assert.equal(indicatorScore('requests', { num: 1, den: 3 }), 33.3); // 100/3 = 33.333… → 33.3
    assert.equal(indicatorScore('services', { num: 0, den: 4 }), 0);
  });
  test('not applicable when nothing was counted', () => {
    assert.equal(indicatorScore('messages', { num: 0, den: 0 }), null);
  });
  test('website: Σ tenths / (10 × sites); evaluation: 20 × Σ stars / ratings', () => {
    assert.equal(indicatorScore('website', { num: 725 + 0, den: 2 }), 36.3); // (72.5 + 0 veto) / 2 = 36.25 → 36.3 (half up)
    assert.equal(indicatorScore('evaluation', { num: 9, den: 2 }), 90); // (4 + 5) / 2 = 4.5 stars × 20 = 90
    assert.equal(indicatorScore('evaluation', { num: 10, den: 3 }), 66.7); // 10/3 × 20 = 66.666… → 66.7
  });
});

describe('rounding: half up at one decimal, exact on the boundary', () => {
  test('0.05 goes up, just below stays', () => {
    assert.equal(roundHalfUp({ n: 7225n, d: 100n }), 72.3); // 72.25 → 72.3
    assert.equal(roundHalfUp({ n: 1005n, d: 1000n }), 1.0); // 1.005 → 1.0 (one decimal)
    assert.equal(roundHalfUp({ n: 145n, d: 100n }), 1.5); // 1.45 exactly → 1.5; in binary floats 1.45 is 1.4499999… and Math.round(14.5) hides it
    assert.equal(roundHalfUp({ n: 144999n, d: 100000n }), 1.4);
    assert.equal(roundHalfUp({ n: 2n, d: 3n }, 2), 0.67);
  });
  test('a weighted score landing exactly on .x5 is rounded up', () => {
    // disclosure 1/2 = 50, requests 3/4 = 75; weights 20 and 20 (others not applicable):
    // (20×50 + 20×75) / 40 = 2500/40 = 62.5 — on the integer boundary, one decimal keeps it: 62.5.
    assert.equal(weightedScore(counts({ disclosure: { num: 1, den: 2 }, requests: { num: 3, den: 4 } }), DEFAULT_WEIGHTS).score, 62.5);
    // disclosure 1/2 = 50 (w 20), interpretation 1/4 = 25 (w 10), evaluation 19 stars / 4 ratings = 4.75 × 20 = 95 (w 10):
    // (20×50 + 10×25 + 10×95) / 40 = (1000 + 250 + 950) / 40 = 2200/40 = 55 → 55
    assert.equal(weightedScore(counts({ disclosure: { num: 1, den: 2 }, interpretation: { num: 1, den: 4 }, evaluation: { num: 19, den: 4 } }), DEFAULT_WEIGHTS).score, 55);
    // requests 1/8 = 12.5 (w 20), services 1/1 = 100 (w 10): (250 + 1000)/30 = 41.666… → 41.7
    assert.equal(weightedScore(counts({ requests: { num: 1, den: 8 }, services: { num: 1, den: 1 } }), DEFAULT_WEIGHTS).score, 41.7);
    // disclosure 1/8 = 12.5 (w 20) and one site at 72.6 with its weight set to 20:
    // (20×12.5 + 20×72.6) / 40 = (250 + 1452)/40 = 42.55 → 42.6 (exactly on the half: up)
    const w = { ...DEFAULT_WEIGHTS, website: 20 };
    assert.equal(weightedScore(counts({ disclosure: { num: 1, den: 8 }, website: { num: 726, den: 1 } }), w).score, 42.6);
  });
});

describe('weighted score', () => {
  test('inapplicable indicators drop out with their weight', () => {
    // disclosure 2/3 (w 20), messages 1/2 = 50 (w 15):
    // (20 × 200/3 + 15 × 50) / 35 = (4000/3 + 750) / 35 = (6250/3) / 35 = 6250/105 = 59.5238… → 59.5
    const s = weightedScore(counts({ disclosure: { num: 2, den: 3 }, messages: { num: 1, den: 2 } }), DEFAULT_WEIGHTS);
    assert.equal(s.score, 59.5);
    assert.equal(s.weightUsed, 35);
    assert.equal(s.indicators.disclosure, 66.7);
    assert.equal(s.indicators.requests, null);
  });
  test('no applicable indicator: no score', () => {
    assert.equal(weightedScore(emptyCounts(), DEFAULT_WEIGHTS).score, null);
  });
  test('a zero weight leaves the indicator shown but not scored', () => {
    // requests 0/1 = 0 with weight 0; services 1/1 = 100 (w 10) → 100
    const s = weightedScore(counts({ requests: { num: 0, den: 1 }, services: { num: 1, den: 1 } }), { ...DEFAULT_WEIGHTS, requests: 0 });
    assert.equal(s.score, 100);
    assert.equal(s.indicators.requests, 0);
  });
  test('weights are checked', () => {
    assert.deepEqual(weightProblems({ ...DEFAULT_WEIGHTS }), []);
    assert.equal(weightProblems({ ...DEFAULT_WEIGHTS, website: 101 }).length, 1);
    assert.equal(weightProblems({ disclosure: 0, requests: 0, interpretation: 0, website: 0, messages: 0, evaluation: 0, services: 0, serviceItems: 0 }).length, 1);
    // a weighting without the eighth key is refused here (settings.ts defaults it before this is asked)
    assert.equal(weightProblems({ disclosure: 20, requests: 20, interpretation: 10, website: 15, messages: 15, evaluation: 10, services: 10 }).length, 1);
  });
  test('the eighth indicator, 办事事项更新及时率, weighs 5 beside the unchanged seven', () => {
    assert.deepEqual(DEFAULT_WEIGHTS, { disclosure: 20, requests: 20, interpretation: 10, website: 15, messages: 15, evaluation: 10, services: 10, serviceItems: 5 });
    assert.equal(indicatorScore('serviceItems', { num: 1, den: 3 }), 33.3); // 100/3 = 33.333… → 33.3
    // services 1/2 = 50 (w 10), serviceItems 3/4 = 75 (w 5): (500 + 375) / 15 = 875/15 = 58.333… → 58.3
    const s = weightedScore(counts({ services: { num: 1, den: 2 }, serviceItems: { num: 3, den: 4 } }), DEFAULT_WEIGHTS);
    assert.equal(s.score, 58.3);
    assert.equal(s.weightUsed, 15);
  });
});

describe('ranking', () => {
  test('ties share a rank (1, 2, 2, 4), by name within a tie; unscored last, unranked', () => {
    const r = rank([
      { name: '丁', score: 50 },
      { name: '乙', score: 80 },
      { name: '甲', score: 90 },
      { name: '戊', score: null },
      { name: '丙', score: 80 },
    ]);
    // code points: 丁 U+4E01 < 丙 U+4E19 < 乙 U+4E59 < 戊 U+620A < 甲 U+7532
    assert.deepEqual(
      r.map((x) => [x.name, x.rank]),
      [
        ['甲', 1],
        ['丙', 2],
        ['乙', 2],
        ['丁', 4],
        ['戊', null],
      ],
    );
  });
});

describe('roll-up sums numerators and denominators', () => {
  test('not an average of scores', () => {
    // district: disclosure 1/1 = 100; bureau below: disclosure 1/3 = 33.3. Average of scores would be 66.7;
    // the roll-up is (1+1)/(1+3) = 2/4 = 50.
    const up = rollUp([counts({ disclosure: { num: 1, den: 1 }, website: { num: 800, den: 1 } }), counts({ disclosure: { num: 1, den: 3 }, website: { num: 0, den: 1 } })]);
    assert.deepEqual(up.indicators.disclosure, { num: 2, den: 4 });
    assert.equal(indicatorScore('disclosure', up.indicators.disclosure), 50);
    // website: (80 + 0 veto) / 2 sites = 40
    assert.equal(indicatorScore('website', up.indicators.website), 40);
  });
});

test('month periods end on the month’s last day', () => {
  assert.deepEqual(monthPeriod(2026, 2), { from: '2026-02-01', to: '2026-02-28' });
  assert.deepEqual(monthPeriod(2024, 2), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(monthPeriod(2026, 12), { from: '2026-12-01', to: '2026-12-31' });
});
