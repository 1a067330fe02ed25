import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mulberry32 } from './random.js';

describe('mulberry32', () => {
  test('seed 1 gives the reference sequence', () => {
    // The reference algorithm traced with exact integer arithmetic (mod 2^32), not this module.
    const next = mulberry32(1);
    assert.deepEqual([next(), next(), next(), next()], [0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741]);
  });

  test('the same seed repeats its sequence, another seed differs, and values stay in [0, 1)', () => {
    const a = mulberry32(20261126);
    const b = mulberry32(20261126);
    const c = mulberry32(20261127);
    const first = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(Array.from({ length: 1000 }, () => b()), first);
    assert.notDeepEqual(Array.from({ length: 1000 }, () => c()), first);
    assert.ok(first.every((v) => v >= 0 && v < 1));
  });

  test('the seed is taken as an unsigned 32-bit integer', () => {
    assert.equal(mulberry32(2 ** 32 + 1)(), 0.6270739405881613);
  });
});
