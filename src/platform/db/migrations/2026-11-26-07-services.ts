import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.js';

/**
 * 便民服务: service items with their guides (办事指南) and list history, and results disclosure
 * (双公示: 行政许可 and 行政处罚 decisions). Structured parts of a guide (materials, steps, FAQ) are
 * JSON documents validated by services/model.ts; what lists filter on is in columns.
 */
export function services(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      await idColumn(db.schema.createTable('service_item'), engine)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('guide', 'text', (c) => c.notNull())
        // '|教育|就业|': one LIKE '%|教育|%' finds an event without a join table.
        .addColumn('events', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('visits', 'text', (c) => c.notNull())
        .addColumn('promised_days', 'integer')
        .addColumn('on_list', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('service_item_agency_idx').on('service_item').columns(['agency_id', 'on_list']).execute();

      await idColumn(db.schema.createTable('service_item_change'), engine)
        .addColumn('item_id', 'integer', (c) => c.notNull().references('service_item.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('on_date', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('service_item_change_item_idx').on('service_item_change').columns(['item_id', 'on_date']).execute();

      await idColumn(db.schema.createTable('result_decision'), engine)
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('decision_number', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('decided_on', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('public_until', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('result_decision_number', ['agency_id', 'decision_number'])
        .execute();
      await db.schema.createIndex('result_decision_public_idx').on('result_decision').columns(['kind', 'published_on']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['result_decision', 'service_item_change', 'service_item']) await db.schema.dropTable(t).execute();
    },
  };
}
