import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.js';

/**
 * Annual reports (条例 第四十九、五十条): the figures staff enter by hand (those the platform
 * cannot know), the text sections, and publication. The tables themselves are always computed
 * from the records; an index lets table 三 count a year's closed requests per agency in SQL.
 */
export function reports(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      // Covering: a year's results, and the open-at-a-boundary counts, read from the index alone.
      await db.schema.createIndex('request_agency_closed_idx').on('request').columns(['agency_id', 'closed_on', 'received_on', 'applicant_type', 'outcome']).execute();
      await idColumn(db.schema.createTable('annual_report'), engine)
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        // 'agency': the agency's own report; 'consolidated': a government with its departments.
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('manual', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('sections', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
        .addColumn('record_id', 'integer', (c) => c.references('record.id'))
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('annual_report_once', ['agency_id', 'year', 'scope'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('annual_report').execute();
      await db.schema.dropIndex('request_agency_closed_idx').execute();
    },
  };
}
