import type { CreateTableBuilder } from 'kysely';

/** Migrations take the engine name instead of importing app code, so they stay frozen in time. */
export type MigrationEngine = 'sqlite' | 'postgres';

/** An auto-incrementing integer primary key named `id` on either engine. */
export function idColumn<T extends string>(table: CreateTableBuilder<T, never>, engine: MigrationEngine): CreateTableBuilder<T, 'id'> {
  return engine === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
