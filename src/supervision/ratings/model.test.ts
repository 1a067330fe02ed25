import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ratingInputSchema, summarise, summariseCounts } from './model.js';

describe('rating roll-up (hand-written figures)', () => {
  test('count, mean to one decimal, distribution, satisfaction', () => {
    // 5,5,4,3,1 → sum 18 / 5 = 3.6; 4–5 stars: 3 of 5 = 0.6
    assert.deepEqual(summarise([5, 5, 4, 3, 1]), { count: 5, mean: 3.6, distribution: [1, 0, 1, 1, 2], satisfaction: 0.6 });
    // 4,3,3,3 → 13 / 4 = 3.25 → 3.3 (half up); 1 of 4 = 0.25
    assert.deepEqual(summarise([4, 3, 3, 3]), { count: 4, mean: 3.3, distribution: [0, 0, 3, 1, 0], satisfaction: 0.25 });
    // 5,4,4 → 13 / 3 = 4.33… → 4.3; 3 of 3 = 1
    assert.deepEqual(summarise([5, 4, 4]), { count: 3, mean: 4.3, distribution: [0, 0, 0, 2, 1], satisfaction: 1 });
    assert.deepEqual(summarise([]), { count: 0, mean: null, distribution: [0, 0, 0, 0, 0], satisfaction: null });
  });
});

describe('rating input', () => {
  test('score 1–5 whole numbers; comments without personal data', () => {
    assert.equal(ratingInputSchema.safeParse({ objectType: 'record', objectRef: '1', score: '3' }).success, true);
    assert.equal(ratingInputSchema.safeParse({ objectType: 'record', objectRef: '1', score: '0' }).success, false);
    assert.equal(ratingInputSchema.safeParse({ objectType: 'record', objectRef: '1', score: '2.5' }).success, false);
    assert.equal(ratingInputSchema.safeParse({ objectType: 'record', objectRef: '1', score: '4', comment: 'x'.repeat(501) }).success, false);
    assert.equal(ratingInputSchema.safeParse({ objectType: 'record', objectRef: '1', score: '4', comment: '邮箱 a@b.cn' }).success, false);
  });
  test('counts per score give the same roll-up, across several groups of one score', () => {
    assert.deepEqual(summariseCounts([{ score: 5, n: 2 }, { score: 5, n: 1 }, { score: 2, n: 1 }]), { count: 4, mean: 4.3, distribution: [0, 1, 0, 0, 3], satisfaction: 0.75 });
  });
});
