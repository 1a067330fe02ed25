import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.js';

/**
 * The proactive-disclosure catalogue: records with statutory metadata, their 发文机关, versions,
 * workflow events, attachments, and the per-agency/year counters behind 索引号 (never reused).
 */
export function catalogue(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('index_counter')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('index_counter_pk', ['agency_id', 'year'])
        .execute();

      await idColumn(db.schema.createTable('record'), engine)
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('index_number', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
        // 文号 with brackets and spaces folded, so 〔2019〕, [2019] and (2019) find the same record.
        .addColumn('doc_number_key', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('written_on', 'text', (c) => c.notNull())
        .addColumn('formed_on', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text')
        .addColumn('publish_at', 'text')
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('genre', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('statutory_item', 'integer')
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('ground', 'text')
        .addColumn('ground_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('ground_approved_by', 'text')
        .addColumn('validity', 'text', (c) => c.notNull())
        .addColumn('replaced_by_id', 'integer', (c) => c.references('record.id'))
        .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('needs_interpretation', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('interprets_id', 'integer', (c) => c.references('record.id'))
        .addColumn('interpretation_kind', 'text')
        .addColumn('video_url', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('scan_hits', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('scan_override_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('review_comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('withdrawn_on', 'text')
        .addColumn('withdrawn_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('record_agency_status_idx').on('record').columns(['agency_id', 'status', 'published_on']).execute();
      await db.schema.createIndex('record_public_idx').on('record').columns(['status', 'mode', 'published_on']).execute();
      await db.schema.createIndex('record_doc_number_idx').on('record').column('doc_number_key').execute();
      await db.schema.createIndex('record_interprets_idx').on('record').column('interprets_id').execute();

      await db.schema
        .createTable('record_issuer')
        .addColumn('record_id', 'integer', (c) => c.notNull().references('record.id').onDelete('cascade'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('record_issuer_pk', ['record_id', 'agency_id'])
        .execute();

      // One row per published version; the record row always holds the current one.
      await idColumn(db.schema.createTable('record_version'), engine)
        .addColumn('record_id', 'integer', (c) => c.notNull().references('record.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('record_version_unique', ['record_id', 'version'])
        .execute();

      // The workflow history shown on the staff page (the audit log holds the digests).
      await idColumn(db.schema.createTable('record_event'), engine)
        .addColumn('record_id', 'integer', (c) => c.notNull().references('record.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_login', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('record_event_record_idx').on('record_event').columns(['record_id', 'at']).execute();

      await idColumn(db.schema.createTable('attachment'), engine)
        .addColumn('record_id', 'integer', (c) => c.notNull().references('record.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('text_content', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('added_in_version', 'integer', (c) => c.notNull())
        .addColumn('removed_in_version', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachment_record_idx').on('attachment').column('record_id').execute();
    },

    async down(db: Kysely<any>) {
      for (const t of ['attachment', 'record_event', 'record_version', 'record_issuer', 'record', 'index_counter']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
