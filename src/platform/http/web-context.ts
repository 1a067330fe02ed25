import type { AppContext } from '../context.js';
import type { BlobStore } from '../files/store.js';

/** What route modules receive: the app context plus the app secret (the same in every process). */
export interface WebContext extends AppContext {
  readonly appSecret: string;
  /** Uploaded files (local disk by default; an object store can replace it). */
  readonly blobs: BlobStore;
}
