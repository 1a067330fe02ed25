import type { Executor } from '../platform/db/database.js';
import type { HelpPageRow } from '../platform/db/schema.js';

/** The only code that queries the `help_page` table. */
export async function listHelpPages(db: Executor): Promise<HelpPageRow[]> {
  return db.selectFrom('helpPage').selectAll().orderBy('sortOrder').orderBy('slug').execute();
}

export async function findHelpPage(db: Executor, slug: string): Promise<HelpPageRow | undefined> {
  return db.selectFrom('helpPage').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function countHelpPages(db: Executor): Promise<number> {
  const r = await db.selectFrom('helpPage').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Inserts a new page; `undefined` when the slug is taken. The database decides (primary key), so
 * two processes creating the same slug at once cannot overwrite each other.
 */
export async function insertHelpPage(db: Executor, row: HelpPageRow): Promise<HelpPageRow | undefined> {
  return db
    .insertInto('helpPage')
    .values(row)
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Writes a page by slug, creating it or replacing every field. */
export async function upsertHelpPage(db: Executor, row: HelpPageRow): Promise<HelpPageRow> {
  const { slug: _slug, ...changes } = row;
  return db
    .insertInto('helpPage')
    .values(row)
    .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}
