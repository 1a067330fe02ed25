import { parentPort, workerData } from 'node:worker_threads';
import type { Engine } from '../platform/db/database.js';
import { prepareDocument } from './document.js';
import { searchIndexFor } from './index.js';
import type { SearchDocument } from './model.js';

/** Worker thread of PreparePool: documents in, engine rows out. */
const index = searchIndexFor((workerData as { engine: Engine }).engine);
parentPort?.on('message', (docs: SearchDocument[]) => {
  try {
    parentPort?.postMessage({ rows: docs.map((d) => index.toRow(prepareDocument(d))) });
  } catch (e) {
    parentPort?.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
