/**
 * With REDIS_URL set, rate-limit counters live in Redis, so several stateless web processes
 * enforce one limit together. Two app instances stand in for two processes here.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createTestApp, Visitor, type TestApp } from '../src/test-support/http.js';
import { redisSkipReason, TEST_REDIS_URL } from '../src/test-support/redis.js';

const REDIS_URL = TEST_REDIS_URL;

describe('rate limits shared through Redis', { skip: await redisSkipReason() }, () => {
  const prefix = `gk_test_${randomBytes(4).toString('hex')}:`;
  const env = { REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, PUBLIC_POST_LIMIT_PER_MINUTE: '3' };
  let first: TestApp;
  let second: TestApp;
  const redis = new Redis(REDIS_URL);

  before(async () => {
    first = await createTestApp('sqlite', env);
    second = await createTestApp('sqlite', env);
  });
  after(async () => {
    await first?.close();
    await second?.close();
    // Each run uses its own key prefix and removes its keys again.
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  test('two web processes count one client together, under the configured key prefix', async () => {
    const a = new Visitor(first.app);
    const b = new Visitor(second.app);
    await a.get('/staff/login');
    await b.get('/staff/login');
    const statuses = [
      (await a.post('/staff/login', { login: 'nobody', password: 'x' })).statusCode,
      (await b.post('/staff/login', { login: 'nobody', password: 'x' })).statusCode,
      (await a.post('/staff/login', { login: 'nobody', password: 'x' })).statusCode,
      (await b.post('/staff/login', { login: 'nobody', password: 'x' })).statusCode,
    ];
    assert.deepEqual(statuses, [401, 401, 401, 429]);
    const keys = await redis.keys(`${prefix}*`);
    assert.ok(keys.length >= 1, 'the counter is stored in Redis under the prefix');
  });
});
