import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../platform/db/database.js';
import { prepareDocument, type IndexRow } from './document.js';
import { searchIndexFor } from './index.js';
import type { SearchDocument } from './model.js';

/*
 * Segmentation is the CPU-heavy part of indexing, so bulk builds run it on worker threads while
 * the main thread reads records and writes the index. With no workers it runs inline.
 */

interface Job {
  readonly docs: readonly SearchDocument[];
  readonly resolve: (rows: IndexRow[]) => void;
  readonly reject: (e: Error) => void;
}

type Reply = { rows: IndexRow[] } | { error: string };

/** One worker per core beyond the first, which stays with the database. */
export const defaultWorkers = () => Math.max(1, availableParallelism() - 1);

export class PreparePool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];

  constructor(private readonly engine: Engine, workers: number) {
    // Under tsx (tests, scripts) the worker is the .ts source; the build ships .js.
    // Under tsx (tests, scripts) the worker is the .ts source and registers tsx itself first;
    // the build runs the compiled .js directly.
    const source = import.meta.url.endsWith('.ts');
    const file = new URL(source ? './prepare-worker.ts' : './prepare-worker.js', import.meta.url);
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); })`;
    for (let i = 0; i < workers; i++) {
      const worker = source ? new Worker(boot, { eval: true, workerData: { engine } }) : new Worker(file, { workerData: { engine } });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  prepare(docs: readonly SearchDocument[]): Promise<IndexRow[]> {
    if (this.all.length === 0) {
      const index = searchIndexFor(this.engine);
      return Promise.resolve(docs.map((d) => index.toRow(prepareDocument(d))));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    const worker = this.idle.pop();
    if (!worker) return;
    const job = this.queue.shift();
    if (!job) {
      this.idle.push(worker);
      return;
    }
    const done = (reply: Reply) => {
      worker.off('error', failed);
      this.idle.push(worker);
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.rows);
      this.next();
    };
    // A worker that dies takes its job down, and every queued job: nothing may wait forever.
    const failed = (e: Error) => {
      worker.off('message', done);
      job.reject(e);
      for (const queued of this.queue.splice(0)) queued.reject(e);
    };
    worker.once('message', done);
    worker.once('error', failed);
    worker.postMessage(job.docs);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
