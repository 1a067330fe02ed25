import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.js';

/**
 * 政府网站检查 in the platform: the sites inspectors register (one agency's website each, with a
 * schedule and crawl settings) and every inspection run with its summary and full report (JSON,
 * the InspectionReport of src/inspection/inspect.ts), so a site's scores form a history.
 */
export function inspection(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      await idColumn(db.schema.createTable('inspection_site'), engine)
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        // Days between scheduled inspections; 0 = inspected only when someone asks.
        .addColumn('every_days', 'integer', (c) => c.notNull().defaultTo(0))
        // JSON: crawl settings (maxPages, concurrency, ignoreRobots …) as inspection/service.ts validates them.
        .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inspection_site_agency_idx').on('inspection_site').column('agency_id').execute();

      await idColumn(db.schema.createTable('inspection_run'), engine)
        .addColumn('site_id', 'integer', (c) => c.notNull().references('inspection_site.id').onDelete('cascade'))
        // 'queued' | 'running' | 'done' | 'failed'
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('queued_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        // Summary of a done run (null before): '合格' | '不合格'; the score is null after a veto.
        .addColumn('verdict', 'text')
        // float8 on PostgreSQL (float4 would round 81.7); REAL affinity on SQLite.
        .addColumn('score', engine === 'postgres' ? 'double precision' : 'real')
        .addColumn('pages', 'integer')
        .addColumn('vetoes', 'integer')
        .addColumn('findings', 'integer')
        .addColumn('report', 'text')
        .addColumn('error', 'text')
        .execute();
      // A site's history by time, and its latest run (ORDER BY queued_at DESC LIMIT 1).
      await db.schema.createIndex('inspection_run_site_idx').on('inspection_run').columns(['site_id', 'queued_at']).execute();
      // One queued or running inspection per site at a time, even with several processes sweeping.
      await db.schema
        .createIndex('inspection_run_active_idx')
        .unique()
        .on('inspection_run')
        .column('site_id')
        .where(sql<boolean>`status in ('queued', 'running')`)
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['inspection_run', 'inspection_site']) await db.schema.dropTable(t).execute();
    },
  };
}
