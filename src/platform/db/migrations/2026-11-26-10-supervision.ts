import { type Kysely, type Migration } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.js';

/**
 * 监督保障 · 公众参与 · 责任追究 (条例 第四十六、四十七、五十一条): consultations on drafts and their
 * comments, messages and complaints about disclosure work, public ratings, accountability cases with
 * their follow-ups, and the log of notification digests sent. Every table carries the agency and a
 * date so it can be partitioned later.
 */
export function supervision(engine: MigrationEngine): Migration {
  return {
    async up(db: Kysely<any>) {
      // ---- 意见征集: a draft policy open for comment between opens_on and closes_on.
      await idColumn(db.schema.createTable('consultation'), engine)
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        // 起草说明: why the draft, what it changes (plain text).
        .addColumn('explanation', 'text', (c) => c.notNull().defaultTo(''))
        // JSON array of { no, heading, text }: the draft's articles, so comments can name one.
        .addColumn('articles', 'text', (c) => c.notNull())
        // the 征求意见稿 in the catalogue, and later the final policy (both optional links).
        .addColumn('draft_record_id', 'integer', (c) => c.references('record.id'))
        .addColumn('final_record_id', 'integer', (c) => c.references('record.id'))
        .addColumn('opens_on', 'text', (c) => c.notNull())
        .addColumn('closes_on', 'text', (c) => c.notNull())
        // 'draft' | 'published' | 'withdrawn'; open/closed follow from the dates.
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('withdrawn_reason', 'text')
        // 采纳情况反馈 (plain text), published once the window has closed.
        .addColumn('feedback', 'text')
        .addColumn('feedback_published_at', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .execute();
      await db.schema.createIndex('consultation_agency_idx').on('consultation').columns(['agency_id', 'closes_on']).execute();

      await idColumn(db.schema.createTable('consultation_comment'), engine)
        .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
        // the article commented on; null = the whole text
        .addColumn('article_no', 'integer')
        .addColumn('body', 'text', (c) => c.notNull())
        // null = anonymous; the contact is never shown on public pages
        .addColumn('author_name', 'text')
        .addColumn('contact', 'text')
        // 'pending' | 'approved' | 'rejected'
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reject_reason', 'text')
        // 'adopted' | 'partly' | 'not_adopted' | null (not yet decided), with the reason
        .addColumn('adoption', 'text')
        .addColumn('adoption_reason', 'text')
        // sha256 of the visitor's address under the app secret, for abuse limits only
        .addColumn('ip_hash', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('moderated_at', 'text')
        .addColumn('moderated_by', 'integer', (c) => c.references('app_user.id'))
        .execute();
      await db.schema.createIndex('consultation_comment_idx').on('consultation_comment').columns(['consultation_id', 'status']).execute();

      // ---- 留言 / 投诉 (条例 第四十七条第二款, 第五十一条)
      await idColumn(db.schema.createTable('message'), engine)
        .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
        .addColumn('query_code_hash', 'text', (c) => c.notNull())
        // 'consult' (咨询) | 'suggestion' (建议) | 'complaint' (投诉)
        .addColumn('kind', 'text', (c) => c.notNull())
        // for complaints: 'not_disclosed' (未依法主动公开) | 'request_unlawful' (未依法答复申请) | 'other'
        .addColumn('ground', 'text')
        .addColumn('related_request', 'text')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        // the government above the agency, which also sees the message (条例 第四十七条)
        .addColumn('supervisor_agency_id', 'integer', (c) => c.references('agency.id'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('contact', 'text', (c) => c.notNull())
        // 1 = the author agrees the question and reply are published (masked)
        .addColumn('publish_consent', 'integer', (c) => c.notNull().defaultTo(1))
        // 'pending' | 'answered' | 'rejected' (not accepted: abusive, duplicate, outside scope)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('answered_on', 'text')
        .addColumn('answered_by', 'integer', (c) => c.references('app_user.id'))
        // why a message was not accepted (status 'rejected'), shown to the author and on the board
        .addColumn('reject_reason', 'text')
        // for complaints: whether the supervisor found it justified ('verified' | 'unfounded'), and why
        .addColumn('finding', 'text')
        .addColumn('finding_note', 'text')
        // 1 = shown on the public board
        .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ip_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('message_agency_idx').on('message').columns(['agency_id', 'received_on']).execute();
      await db.schema.createIndex('message_status_idx').on('message').columns(['status', 'due_on']).execute();

      // ---- 社会评议: one rating per visitor per object
      await idColumn(db.schema.createTable('rating'), engine)
        // 'record' | 'service_item' | 'request'
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'integer', (c) => c.notNull())
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        // hash of the visitor token (cookie) or, for requests, of the tracking number
        .addColumn('visitor_hash', 'text', (c) => c.notNull())
        .addColumn('ip_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_on', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rating_once_idx').unique().on('rating').columns(['object_type', 'object_id', 'visitor_hash']).execute();
      await db.schema.createIndex('rating_agency_idx').on('rating').columns(['agency_id', 'created_on']).execute();

      // ---- 责任追究: one case per failure, with its follow-ups
      await idColumn(db.schema.createTable('accountability_case'), engine)
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        // 'overdue_request' | 'late_disclosure' | 'unanswered_message' | 'verified_complaint' | 'website_veto'
        .addColumn('kind', 'text', (c) => c.notNull())
        // what failed: 'request' | 'record' | 'message' | 'inspection_run', and its id
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('detected_on', 'text', (c) => c.notNull())
        // the officer the audit trail names (null when none could be found)
        .addColumn('responsible_user_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('responsible_name', 'text')
        // 'open' | 'rectified' (整改完成) | 'criticised' (通报批评) | 'referred' (移送) | 'dismissed'
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accountability_case_once_idx').unique().on('accountability_case').columns(['kind', 'object_type', 'object_id']).execute();
      await db.schema.createIndex('accountability_case_agency_idx').on('accountability_case').columns(['agency_id', 'detected_on']).execute();

      await idColumn(db.schema.createTable('accountability_action'), engine)
        .addColumn('case_id', 'integer', (c) => c.notNull().references('accountability_case.id').onDelete('cascade'))
        // 'rectification_ordered' (督促整改) | 'rectified' | 'criticised' | 'referred' | 'dismissed' | 'note'
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('acted_on', 'text', (c) => c.notNull())
        // 督促整改: the date by which the agency must have corrected the failure
        .addColumn('due_on', 'text')
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('by_user_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accountability_action_case_idx').on('accountability_action').column('case_id').execute();

      // Staff e-mail addresses, for the digests (empty = workbench only).
      await db.schema.alterTable('app_user').addColumn('email', 'text', (c) => c.notNull().defaultTo('')).execute();

      // ---- notification digests: one per user per day, whichever process sends it first
      await idColumn(db.schema.createTable('notification_digest'), engine)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('digest_on', 'text', (c) => c.notNull())
        .addColumn('items', 'integer', (c) => c.notNull())
        // 'sending' (claimed, in flight) | 'sent' | 'failed' | 'no_email'
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notification_digest_once_idx').unique().on('notification_digest').columns(['user_id', 'digest_on']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['notification_digest', 'accountability_action', 'accountability_case', 'rating', 'message', 'consultation_comment', 'consultation']) {
        await db.schema.dropTable(t).execute();
      }
      await db.schema.alterTable('app_user').dropColumn('email').execute();
    },
  };
}
