import { Migrator, type MigrationResult } from 'kysely';
import type { DatabaseHandle } from './database.js';
import { allMigrations } from './migrations/index.js';

export interface MigrationOutcome {
  readonly applied: string[];
  readonly error?: unknown;
}

export function migrator(handle: DatabaseHandle): Migrator {
  const migrations = allMigrations(handle.engine);
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
}

/** Brings the schema up to date. Kysely's migrator never throws: the error comes back in the result. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationOutcome> {
  const { error, results } = await migrator(handle).migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  return error === undefined ? { applied } : { applied, error };
}

export async function migrateOrThrow(handle: DatabaseHandle): Promise<string[]> {
  const outcome = await migrateToLatest(handle);
  if (outcome.error !== undefined) {
    const reason = outcome.error instanceof Error ? outcome.error.message : JSON.stringify(outcome.error);
    throw new Error(`数据库迁移失败 / migration failed: ${reason}`, { cause: outcome.error });
  }
  return outcome.applied;
}
