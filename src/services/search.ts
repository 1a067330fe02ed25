/**
 * 办事事项 search through the shared search analysis (search/analysis.ts): the index tokens an item
 * stores (service_item.search_text and name_tokens) and what a query asks of them. No I/O.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { analyse, analyzeQuery } from '../search/analysis.js';
import { MAX_TOKEN_CHARS } from '../search/document.js';

/** What an item is found by: its name, agency, type, life events, materials and conditions. */
export interface ItemSearchText {
  readonly name: string;
  readonly type: string;
  readonly events: readonly string[];
  readonly materials: readonly { readonly name: string }[];
  readonly conditions: string;
}

/**
 * Tokens as one column value, each once, with a space on both sides (' 结婚 登记 '), so that one
 * `LIKE '% 登记 %'` finds a whole token and never part of one. No tokens: ''.
 */
function tokenColumn(texts: readonly string[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    const { stream, extra } = analyse(text);
    for (const t of [...stream, ...extra]) if (t.length <= MAX_TOKEN_CHARS) tokens.add(t);
  }
  return tokens.size > 0 ? ` ${[...tokens].join(' ')} ` : '';
}

/** The search columns of an item, as saveItemIn and migration 08 write them. */
export function itemSearchColumns(item: ItemSearchText, agencyName: string): { searchText: string; nameTokens: string } {
  return {
    searchText: tokenColumn([item.name, agencyName, item.type, ...item.events, ...item.materials.map((m) => m.name), item.conditions]),
    nameTokens: tokenColumn([item.name]),
  };
}

export interface ItemQueryTokens {
  /** every token must be in the item's tokens (words, and the words of phrases: order is not kept) */
  readonly all: readonly string[];
  /** no group may be wholly in the item's tokens (an excluded word is a group of one) */
  readonly none: readonly (readonly string[])[];
}

/** A query's tokens, analysed like the items' (繁體 folds to 简体 there); null when nothing is searchable. */
export function itemQueryTokens(q: string): ItemQueryTokens | null {
  const query = analyzeQuery(q);
  if ('error' in query) return null;
  return {
    all: [...new Set([...query.terms, ...query.phrases.flat()])],
    none: [...query.excluded.map((t) => [t]), ...query.excludedPhrases],
  };
}

/** A LIKE pattern for one whole token of a token column, `%`, `_` and `\` escaped (ESCAPE '\'). */
export const tokenPattern = (token: string): string => `% ${escapeLike(token)} %`;
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `value LIKE pattern` with an explicit escape character, the same on both engines (SQLite has no default one). */
export const likeEscaped = (value: Expression<string>, pattern: string) => sql<SqlBool>`${value} like ${pattern} escape '\\'`;
