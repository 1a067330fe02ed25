import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.js';

/**
 * 依申请公开: requests with the applicant's data (never public), their dated events (the clock is
 * derived from them), letters, appeals, attachments, reminders, and per-agency/year counters for
 * tracking and letter numbers. Every table carries the agency or hangs off a request that does.
 */
export function requests(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('request_counter')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('request_counter_pk', ['agency_id', 'year', 'kind'])
        .execute();

      await idColumn(db.schema.createTable('request'), engine)
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
        .addColumn('query_code_hash', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('external_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('applicant_type', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('id_doc_type', 'text', (c) => c.notNull())
        .addColumn('id_doc_number', 'text', (c) => c.notNull())
        .addColumn('contact_person', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('delivery_form', 'text', (c) => c.notNull())
        .addColumn('delivery_method', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('submitted_on', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('receipt_rule', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text')
        .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('assigned_to', 'integer', (c) => c.references('app_user.id'))
        .addColumn('outcome', 'text')
        .addColumn('closed_on', 'text')
        .addColumn('on_time', 'integer')
        .addColumn('public_summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('release_consent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('released_record_id', 'integer', (c) => c.references('record.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('request_agency_state_idx').on('request').columns(['agency_id', 'state', 'due_on']).execute();
      // Covering for the annual report's received-in-year and carried-over counts (reports/store.ts).
      await db.schema.createIndex('request_agency_received_idx').on('request').columns(['agency_id', 'received_on', 'closed_on', 'applicant_type']).execute();
      // 信息处理费 按件 counts one applicant's requests per calendar month (国办函〔2020〕109号 第四条).
      await db.schema.createIndex('request_applicant_idx').on('request').columns(['agency_id', 'id_doc_number', 'received_on']).execute();

      await idColumn(db.schema.createTable('request_event'), engine)
        .addColumn('request_id', 'integer', (c) => c.notNull().references('request.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('on_date', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor_login', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        // Internal notes and pending approvals are for staff only; the applicant sees the rest.
        .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('request_event_request_idx').on('request_event').columns(['request_id', 'id']).execute();

      await idColumn(db.schema.createTable('request_letter'), engine)
        .addColumn('request_id', 'integer', (c) => c.notNull().references('request.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('plain_text', 'text', (c) => c.notNull())
        // A consultation letter goes to a third party, not to the applicant.
        .addColumn('to_applicant', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('request_letter_request_idx').on('request_letter').column('request_id').execute();

      await idColumn(db.schema.createTable('request_appeal'), engine)
        .addColumn('request_id', 'integer', (c) => c.notNull().references('request.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('filed_on', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('concluded_on', 'text')
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('request_appeal_request_idx').on('request_appeal').column('request_id').execute();

      await idColumn(db.schema.createTable('request_attachment'), engine)
        .addColumn('request_id', 'integer', (c) => c.notNull().references('request.id').onDelete('cascade'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('for_applicant', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('request_attachment_request_idx').on('request_attachment').column('request_id').execute();

      await idColumn(db.schema.createTable('request_reminder'), engine)
        .addColumn('request_id', 'integer', (c) => c.notNull().references('request.id').onDelete('cascade'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('dismissed_at', 'text')
        .addUniqueConstraint('request_reminder_once', ['request_id', 'kind', 'due_on'])
        .execute();
      await db.schema.createIndex('request_reminder_agency_idx').on('request_reminder').columns(['agency_id', 'dismissed_at']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['request_reminder', 'request_attachment', 'request_appeal', 'request_letter', 'request_event', 'request', 'request_counter']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
