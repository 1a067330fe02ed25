import { Redis } from 'ioredis';

/** The Redis the tests use (this machine kind runs one); each test run uses its own key prefix. */
export const TEST_REDIS_URL = process.env.GONGKAI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Why a Redis suite is skipped, or false; under CI=true a Redis that does not answer is a failure. */
export async function redisSkipReason(): Promise<string | false> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return false;
  } catch {
    if (process.env.CI === 'true') throw new Error(`Redis is required under CI=true but ${TEST_REDIS_URL} does not answer`);
    return `Redis at ${TEST_REDIS_URL} does not answer`;
  } finally {
    probe.disconnect();
  }
}

/** Removes every key under a test's prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
