import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.js';

/**
 * Platform foundation: settings, agencies, staff users and roles, sessions, the append-only
 * audit log and admin-entered holiday schedules. Frozen: never edit once released; add a new file.
 */
export function foundation(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('app_setting')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('agency'), engine)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) => c.references('agency.id').onDelete('restrict'))
        .addColumn('credit_code', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('office_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('office_address', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('office_hours', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('fax', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('mail_address', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('web_form_url', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('fee_policy', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('classification', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('how_to_obtain', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agency_parent_idx').on('agency').column('parent_id').execute();

      await idColumn(db.schema.createTable('app_user'), engine)
        .addColumn('login', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id').onDelete('restrict'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('last_login_at', 'text')
        .addColumn('password_changed_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('user_role')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role'])
        .execute();

      await db.schema
        .createTable('session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('csrf_secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

      // No foreign keys: an audit entry must outlive anything it mentions.
      await idColumn(db.schema.createTable('audit_entry'), engine)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_login', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('before_digest', 'text')
        .addColumn('after_digest', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_entry_at_idx').on('audit_entry').column('at').execute();
      await db.schema.createIndex('audit_entry_agency_idx').on('audit_entry').columns(['agency_id', 'at']).execute();
      await db.schema.createIndex('audit_entry_object_idx').on('audit_entry').columns(['object_type', 'object_id']).execute();
      await forbidAuditChanges(db, engine);

      await db.schema
        .createTable('holiday_schedule')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'text', (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<any>) {
      for (const t of ['holiday_schedule', 'audit_entry', 'session', 'user_role', 'app_user', 'agency', 'app_setting']) {
        await db.schema.dropTable(t).execute();
      }
      if (engine === 'postgres') await sql`DROP FUNCTION IF EXISTS audit_entry_append_only()`.execute(db);
    },
  };
}

/** The audit log is append-only in the database itself, not only by convention in the code. */
async function forbidAuditChanges(db: Kysely<any>, engine: MigrationEngine): Promise<void> {
  if (engine === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_entry_no_${op.toLowerCase()} BEFORE ${op} ON audit_entry
           BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_entry is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`,
    )
    .execute(db);
}
