import type { AppContext } from '../context.js';
import type { SiteInfo } from '../settings/store.js';

/** What route modules receive: the app context plus values fixed at start-up. */
export interface WebContext extends AppContext {
  readonly appSecret: string;
  readonly site: SiteInfo;
}
