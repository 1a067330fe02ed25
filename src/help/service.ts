import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SYSTEM_ACTOR, type AuditActor } from '../platform/audit/model.js';
import { appendAudit } from '../platform/audit/store.js';
import type { ServiceDeps } from '../platform/context.js';
import type { HelpPageRow } from '../platform/db/schema.js';
import { errors } from '../platform/errors.js';
import { sanitizeRichText } from '../platform/html/sanitize.js';
import * as store from './store.js';

export { findHelpPage, listHelpPages } from './store.js';

/** The shipped guidance, loaded into an empty table by `seedHelpPages`. */
export const SHIPPED_HELP_PAGES = new URL('../../data/help/pages.json', import.meta.url);

export const HELP_SLUG_PATTERN = /^[a-z][a-z0-9-]{1,40}$/;
export const MAX_BODY_BYTES = 100 * 1024;

// `new` would read like the staff "new page" form (/staff/help/new), so it is never a slug.
const slugSchema = z
  .string()
  .trim()
  .regex(HELP_SLUG_PATTERN, '地址应为 2–41 位小写字母、数字或连字符，以字母开头 / lower-case letters, digits and hyphens, starting with a letter')
  .refine((s) => s !== 'new', '“new”是保留地址 / “new” is reserved');

// Forms send every field as text: an empty sort order is "missing", not 0.
const sortOrderSchema = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce.number('排序应为整数 / sort order must be a whole number').int('排序应为整数 / sort order must be a whole number').min(0).max(9999),
);

const pageInputSchema = z.object({
  title: z.string('请填写标题 / title is required').trim().min(2, '标题应为 2–60 个字 / title must be 2–60 characters').max(60, '标题应为 2–60 个字 / title must be 2–60 characters'),
  summary: z.string().trim().max(200, '摘要不超过 200 个字 / summary must be at most 200 characters').default(''),
  // Sanitised on input, so every page shows the stored HTML as is (and the size check sees the raw text).
  bodyHtml: z
    .string('请填写正文 / body is required')
    .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_BODY_BYTES, '正文不超过 100 KB / body must be at most 100 KB')
    .transform(sanitizeRichText)
    .refine((s) => s.length > 0, '请填写正文（清理不允许的标签后为空）/ body is empty after sanitising'),
  sortOrder: sortOrderSchema,
});
export type HelpPageInput = z.infer<typeof pageInputSchema>;

const newPageSchema = pageInputSchema.extend({ slug: slugSchema });

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw errors.validation(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

type By = { actor: AuditActor; ip?: string };

/** Creates a page; the slug is its permanent address (/help/<slug>). Taken slug → CONFLICT. */
export async function createHelpPage(deps: ServiceDeps, by: By, raw: unknown): Promise<HelpPageRow> {
  const input = parse(newPageSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const row = await store.insertHelpPage(tx, { ...input, updatedBy: by.actor.login, updatedAt: deps.clock.now().toISOString() });
    if (!row) throw errors.conflict(`地址“${input.slug}”已被使用`, 'That address is already in use');
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: null,
      action: 'help.create',
      objectType: 'help_page',
      objectId: row.slug,
      summary: `新建帮助页面“${row.title}”`,
      after: row,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}

/** Changes a page's title, summary, order and body (never its slug), audited with before/after. */
export async function updateHelpPage(deps: ServiceDeps, by: By, slug: string, raw: unknown): Promise<HelpPageRow> {
  const input = parse(pageInputSchema, raw);
  return deps.db.transaction().execute(async (tx) => {
    const before = await store.findHelpPage(tx, slug);
    if (!before) throw errors.notFound('帮助页面');
    const after = await store.upsertHelpPage(tx, { ...input, slug, updatedBy: by.actor.login, updatedAt: deps.clock.now().toISOString() });
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: null,
      action: 'help.update',
      objectType: 'help_page',
      objectId: slug,
      summary: `修改帮助页面“${after.title}”`,
      before,
      after,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return after;
  });
}

const shippedPageSchema = z.object({ slug: z.string(), title: z.string(), summary: z.string(), order: z.number(), bodyHtml: z.string() });

/**
 * Loads the shipped help pages when the table is empty (a fresh site), as the system, each page
 * validated and sanitised like a staff edit. Returns how many pages were inserted; staff edits are
 * never overwritten because a table with any page is left alone.
 */
export async function seedHelpPages(deps: ServiceDeps, file: URL = SHIPPED_HELP_PAGES): Promise<number> {
  const shipped = z.array(shippedPageSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
  const pages = shipped.map((p) => parse(newPageSchema, { ...p, sortOrder: p.order }));
  return deps.db.transaction().execute(async (tx) => {
    if ((await store.countHelpPages(tx)) > 0) return 0;
    let inserted = 0;
    for (const p of pages) {
      const row = await store.insertHelpPage(tx, { ...p, updatedBy: SYSTEM_ACTOR.login, updatedAt: deps.clock.now().toISOString() });
      if (!row) continue; // another process seeded the same page meanwhile
      inserted += 1;
      await appendAudit(tx, deps.clock.now(), {
        actor: SYSTEM_ACTOR,
        agencyId: null,
        action: 'help.create',
        objectType: 'help_page',
        objectId: row.slug,
        summary: `载入帮助页面“${row.title}”`,
        after: row,
      });
    }
    return inserted;
  });
}
