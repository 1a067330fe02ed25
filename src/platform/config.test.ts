import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, redactedConfig } from './config.js';

describe('loadConfig', () => {
  test('defaults: port 3000 on 127.0.0.1, SQLite in <dataDir>/gongkai.db', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, join(process.cwd(), 'data'));
    assert.deepEqual(config.database, { engine: 'sqlite', file: join(process.cwd(), 'data', 'gongkai.db') });
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.cookieSecure, 'auto');
    assert.equal(config.trustProxy, false);
    assert.equal(config.sessionTtlHours, 12);
    assert.deepEqual(config.login, { maxFailures: 5, lockMinutes: 15 });
    assert.equal(config.publicPostLimitPerMinute, 20);
    assert.equal(config.rateLimitKeyPrefix, 'gongkai:');
    assert.ok(Object.isFrozen(config));
  });

  test('the data directory moves the default database with it', () => {
    const config = loadConfig({ GONGKAI_DATA_DIR: '/srv/gongkai' });
    assert.equal(config.dataDir, '/srv/gongkai');
    assert.deepEqual(config.database, { engine: 'sqlite', file: '/srv/gongkai/gongkai.db' });
  });

  test('values from the environment are parsed', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      COOKIE_SECURE: 'true',
      TRUST_PROXY: 'true',
      SESSION_TTL_HOURS: '8',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_MINUTES: '30',
      LOG_LEVEL: 'warn',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.cookieSecure, true);
    assert.equal(config.trustProxy, true);
    assert.equal(config.sessionTtlHours, 8);
    assert.deepEqual(config.login, { maxFailures: 3, lockMinutes: 30 });
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.redisUrl, 'redis://127.0.0.1:6379');
    assert.equal(loadConfig({ COOKIE_SECURE: 'false' }).cookieSecure, false);
  });

  test('DATABASE_URL selects the engine', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://app@db.internal:5432/gongkai' }).database, {
      engine: 'postgres',
      url: 'postgres://app@db.internal:5432/gongkai',
    });
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://app@db/gongkai' }).database.engine, 'postgres');
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database, { engine: 'sqlite', file: ':memory:' });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/gongkai/main.db' }).database, { engine: 'sqlite', file: '/var/lib/gongkai/main.db' });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:rel/x.db' }).database, { engine: 'sqlite', file: join(process.cwd(), 'rel', 'x.db') });
  });

  test('every problem is reported at once in a ConfigError', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://u@h/db', HOST: 'ok' }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(e.problems.length, 2);
        assert.ok(e.problems.some((p) => p.startsWith('PORT: ')));
        assert.ok(e.problems.some((p) => p.startsWith('DATABASE_URL: ')));
        assert.match(e.message, /PORT: /);
        assert.match(e.message, /DATABASE_URL: /);
        return true;
      },
    );
    assert.throws(() => loadConfig({ PORT: '70000' }), (e: unknown) => e instanceof ConfigError && e.problems.length === 1);
    assert.throws(() => loadConfig({ PORT: '80.5' }), ConfigError);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud', REDIS_URL: 'http://r', COOKIE_SECURE: 'yes' }), (e: unknown) => e instanceof ConfigError && e.problems.length === 3);
  });

  test('empty strings count as unset', () => {
    const config = loadConfig({ PORT: '', HOST: '', DATABASE_URL: '', GONGKAI_DATA_DIR: '', LOG_LEVEL: '', REDIS_URL: '', COOKIE_SECURE: '' });
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.database.engine, 'sqlite');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.cookieSecure, 'auto');
    assert.equal(config.dataDir, join(process.cwd(), 'data'));
    assert.equal(loadConfig({ PORT: undefined }).port, 3000);
  });
});

describe('redactedConfig', () => {
  test('masks passwords in database and Redis URLs and nothing else', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:secret@h/db', REDIS_URL: 'redis://:hunter2@cache:6379/0' });
    const shown = redactedConfig(config);
    assert.deepEqual(shown.database, { engine: 'postgres', url: 'postgres://u:***@h/db' });
    assert.equal(shown.redisUrl, 'redis://:***@cache:6379/0');
    const text = JSON.stringify(shown);
    assert.ok(!text.includes('secret'));
    assert.ok(!text.includes('hunter2'));
    assert.equal(shown.port, 3000);
    // The config itself keeps the real URL.
    assert.deepEqual(config.database, { engine: 'postgres', url: 'postgres://u:secret@h/db' });
  });

  test('URLs without a password and SQLite files are shown as they are', () => {
    assert.deepEqual(redactedConfig(loadConfig({ DATABASE_URL: 'postgres://app@db:5432/gongkai' })).database, {
      engine: 'postgres',
      url: 'postgres://app@db:5432/gongkai',
    });
    assert.deepEqual(redactedConfig(loadConfig({ GONGKAI_DATA_DIR: '/srv/g' })).database, { engine: 'sqlite', file: '/srv/g/gongkai.db' });
    assert.equal(redactedConfig(loadConfig({})).redisUrl, undefined);
  });

  test('a password containing @ and a password in the query string are masked too', () => {
    const at = JSON.stringify(redactedConfig(loadConfig({ DATABASE_URL: 'postgres://u:p@ss@h/db' })));
    assert.ok(!at.includes('p@ss') && !at.includes('@ss@'), at);
    const query = JSON.stringify(redactedConfig(loadConfig({ DATABASE_URL: 'postgres://h/db?password=secret' })));
    assert.ok(!query.includes('secret'), query);
  });

  test('PORT must be a plain decimal number; blank values count as unset', () => {
    assert.equal(loadConfig({ PORT: ' ' }).port, 3000);
    assert.throws(() => loadConfig({ PORT: '0x10' }), ConfigError);
  });
});
