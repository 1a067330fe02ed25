import type { Kysely, Migration } from 'kysely';

/** Editable help-centre pages (帮助中心 / 培训). Slugs are permanent URLs. */
export function help(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('help_page')
        .addColumn('slug', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('help_page').execute();
    },
  };
}
