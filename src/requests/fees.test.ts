import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { perPageFee, perRequestFee, perRequestRate } from './fees.js';

// Worked examples from shared/reference/regulations.md §6 (国办函〔2020〕109号 第四、五条).
describe('信息处理费 按量 (per page, one request)', () => {
  test('250 pages → 70×10 + 100×20 + 50×40 = 4,700 yuan (the reference example)', () => {
    const fee = perPageFee(250);
    assert.equal(fee.amount, 4700);
    assert.deepEqual(
      fee.lines.map((l) => [l.from, l.to, l.rate, l.amount]),
      [[1, 30, 0, 0], [31, 100, 10, 700], [101, 200, 20, 2000], [201, 250, 40, 2000]],
    );
  });

  test('band edges: 30 free, 31 → 10, 100 → 700, 101 → 720, 200 → 2,700, 201 → 2,740', () => {
    for (const [pages, yuan] of [[1, 0], [30, 0], [31, 10], [100, 700], [101, 720], [200, 2700], [201, 2740]] as const) {
      assert.equal(perPageFee(pages).amount, yuan, `${pages} pages`);
    }
  });
});

describe('信息处理费 按件 (per request, same applicant, one calendar month)', () => {
  test('the 1st–10th are free, the 11th–30th cost 100 yuan each', () => {
    for (const n of [1, 10]) assert.equal(perRequestRate(n), 0, `request ${n}`);
    for (const n of [11, 30]) assert.equal(perRequestRate(n), 100, `request ${n}`);
  });

  test('from the 31st, each further band of 10 adds 100 yuan per request', () => {
    for (const [n, yuan] of [[31, 200], [40, 200], [41, 300], [50, 300], [51, 400], [61, 500]] as const) {
      assert.equal(perRequestRate(n), yuan, `request ${n}`);
    }
  });

  test('a month of 45 requests costs 20×100 + 10×200 + 5×300 = 5,500 yuan in all', () => {
    let total = 0;
    for (let n = 1; n <= 45; n++) total += perRequestFee(n).amount;
    assert.equal(total, 5500);
  });

  test('counts must be positive whole numbers', () => {
    assert.throws(() => perRequestRate(0), RangeError);
    assert.throws(() => perPageFee(2.5), RangeError);
  });
});
