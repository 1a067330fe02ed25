import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { fixedClock } from '../platform/clock.js';
import { loadConfig, type AppConfig } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { openDatabase, type DatabaseHandle, type Engine } from '../platform/db/database.js';
import { migrateOrThrow } from '../platform/db/migrate.js';

/**
 * Every store and HTTP suite runs once per engine. GONGKAI_TEST_ENGINES narrows the list
 * (e.g. `sqlite` on a laptop without PostgreSQL). Under CI=true PostgreSQL is required: a missing
 * server fails the run instead of skipping.
 */
export const TEST_PG_ADMIN_URL = process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ENGINES: readonly Engine[] = (process.env.GONGKAI_TEST_ENGINES ?? 'sqlite,postgres')
  .split(',')
  .map((e) => e.trim())
  .filter((e): e is Engine => e === 'sqlite' || e === 'postgres');

let pgAvailable: Promise<boolean> | undefined;
async function postgresAnswers(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgAvailable;
}

/** Why a suite for this engine must be skipped, or false to run it. Throws under CI when PostgreSQL is down. */
export async function skipReason(engine: Engine): Promise<string | false> {
  if (engine === 'sqlite') return false;
  if (await postgresAnswers()) return false;
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true but ${TEST_PG_ADMIN_URL} does not answer`);
  return `PostgreSQL at ${TEST_PG_ADMIN_URL} does not answer`;
}

export interface TestDatabase {
  readonly handle: DatabaseHandle;
  readonly config: AppConfig;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly ctx: AppContext;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated database of its own: an in-memory SQLite file, or a new PostgreSQL database
 * named gk_test_<random> that `drop()` removes again.
 */
export async function createTestDatabase(engine: Engine, env: Record<string, string> = {}): Promise<TestDatabase> {
  let url = 'sqlite::memory:';
  let dropDatabase = async () => undefined as void;
  if (engine === 'postgres') {
    const name = `gk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = withDatabase(TEST_PG_ADMIN_URL, name);
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  // Uploaded files of a test go to a directory of its own, removed again by drop().
  const dataDir = env.GONGKAI_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'gongkai-test-'));
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', GONGKAI_DATA_DIR: dataDir, ...env });
  const handle = openDatabase(config.database);
  await migrateOrThrow(handle);
  const clock = fixedClock('2026-11-26T02:00:00.000Z');
  return {
    handle,
    config,
    clock,
    ctx: { config, db: handle.db, engine, clock },
    async drop() {
      await handle.close();
      await dropDatabase();
      if (!env.GONGKAI_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For CLI tests: the command reads its database from the environment like in production, so this
 * points the environment at a fresh database of the engine (a data directory for SQLite, a new
 * PostgreSQL database) and `restore()` puts the environment back and removes both.
 */
export async function cliEnvironment(engine: Engine): Promise<{ dir: string; restore(): Promise<void> }> {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
  let tdb: TestDatabase | undefined;
  if (engine === 'postgres') {
    tdb = await createTestDatabase('postgres');
    const db = tdb.config.database;
    process.env.DATABASE_URL = db.engine === 'postgres' ? db.url : '';
  } else {
    process.env.GONGKAI_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  }
  return {
    dir,
    async restore() {
      process.env = saved;
      await tdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
