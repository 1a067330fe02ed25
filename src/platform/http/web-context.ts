import type { AppContext } from '../context.js';

/** What route modules receive: the app context plus the app secret (the same in every process). */
export interface WebContext extends AppContext {
  readonly appSecret: string;
}
