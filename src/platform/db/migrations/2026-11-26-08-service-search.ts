import type { Kysely, Migration } from 'kysely';
import { z } from 'zod';
import { itemSearchColumns } from '../../../services/search.js';

/**
 * 办事事项 found through the shared search analysis: `search_text` holds an item's index tokens
 * (name, agency name, type, life events, materials' names, conditions) and `name_tokens` its
 * name's alone, each as ' tok1 tok2 ' so that LIKE '% tok %' matches a whole token. Existing rows
 * are filled here, in TypeScript, by the same function saveItemIn uses.
 *
 * Unlike the other migrations this one runs app code (the analyser): the stored tokens must be
 * the analyser's, and a later change of the analyser needs a new step that refills them anyway.
 */

// Only what the tokens are made of, read leniently: the guide is services/model.ts's JSON.
const guideText = z.object({
  name: z.string(),
  type: z.string(),
  events: z.array(z.string()).catch([]),
  materials: z.array(z.object({ name: z.string() })).catch([]),
  conditions: z.string().catch(''),
});

async function backfill(db: Kysely<any>): Promise<void> {
  // Single-word aliases: the app's CamelCasePlugin would rename agency_name in the result.
  const rows = await db
    .selectFrom('service_item as i')
    .innerJoin('agency as a', 'a.id', 'i.agency_id')
    .select(['i.id as id', 'i.name as name', 'i.type as type', 'i.guide as guide', 'a.name as agency'])
    .execute();
  for (const row of rows as { id: number; name: string; type: string; guide: string; agency: string }[]) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(row.guide);
    } catch {
      // a broken guide still gets its name and type indexed
    }
    const guide = guideText.safeParse(parsed);
    const text = guide.success ? guide.data : { name: row.name, type: row.type, events: [], materials: [], conditions: '' };
    const columns = itemSearchColumns({ ...text, name: row.name, type: row.type }, row.agency);
    await db.updateTable('service_item').set({ search_text: columns.searchText, name_tokens: columns.nameTokens }).where('id', '=', row.id).execute();
  }
}

export function serviceSearch(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('service_item').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('service_item').addColumn('name_tokens', 'text', (c) => c.notNull().defaultTo('')).execute();
      // PostgreSQL runs migrations in a transaction already; SQLite does not, and one is much faster.
      await (db.isTransaction ? backfill(db) : db.transaction().execute((tx) => backfill(tx)));
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('service_item').dropColumn('name_tokens').execute();
      await db.schema.alterTable('service_item').dropColumn('search_text').execute();
    },
  };
}
