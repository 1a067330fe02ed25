import type { StaffIdentity } from '../auth/model.js';
import type { Lang } from '../i18n/chinese.js';
import type { SiteInfo } from '../settings/store.js';

/** What every page needs to render its frame: language, display mode, the form token and who is signed in. */
export interface PageContext {
  readonly lang: Lang;
  readonly elder: boolean;
  /** Path and query of this page without the lang/elder switches, for building switch links. */
  readonly pathname: string;
  readonly query: Readonly<Record<string, string>>;
  readonly csrfToken: string;
  readonly staff: StaffIdentity | null;
  readonly site: SiteInfo;
}

/** A link to the same page with some query parameters changed. */
export function samePageWith(ctx: PageContext, changes: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...ctx.query, ...changes })) if (v !== null) params.set(k, v);
  const qs = params.toString();
  return qs ? `${ctx.pathname}?${qs}` : ctx.pathname;
}
