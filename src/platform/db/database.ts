import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './schema.js';

export type Engine = DatabaseConfig['engine'];
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: store functions accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly engine: Engine;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  const db = new Kysely<Database>({
    dialect: config.engine === 'sqlite' ? sqliteDialect(config.file) : postgresDialect(config.url),
    plugins: [new CamelCasePlugin()],
  });
  return { db, engine: config.engine, close: () => db.destroy() };
}

function sqliteDialect(file: string): SqliteDialect {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL'); // readers never block the writer
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000'); // a second process (CLI beside the server) waits instead of failing
  sqlite.pragma('synchronous = NORMAL'); // safe with WAL; a power cut loses at most the last commits
  return new SqliteDialect({ database: sqlite });
}

// COUNT(*) and BIGINT arrive from pg as strings; every such value here is far below 2^53.
const INT8_OID = 20;
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}
const pgTypes = { getTypeParser: typeParser };

function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes });
  // An idle connection the server ends (restart, failover, DROP DATABASE … FORCE) is discarded by
  // the pool and replaced on the next query; without a listener its 'error' would crash the process.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
