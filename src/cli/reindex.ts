import { defaultWorkers } from '../search/prepare-pool.js';
import { reindex } from '../search/reindex.js';
import { progressBar } from './progress.js';
import { openRuntime } from './runtime.js';
import { parseCommand, UsageError, type Io } from './usage.js';

export const REINDEX_HELP = `用法 / usage: gongkai reindex [--workers <n>] [--batch <n>] [--quiet]

按政府信息目录重建全文检索索引（分批进行，重建期间检索照常可用），显示进度。
Rebuilds the full-text search index from the catalogue, in batches (search keeps answering
meanwhile), with a progress bar on stderr.
  --workers <n>   分词线程数 / segmentation threads (default: cores − 1, at least 1)
  --batch <n>     每批记录数 / records per batch (default 1000)
  --quiet         不显示进度 / no progress bar`;

const positive = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} 须为正整数 / must be a positive integer`, REINDEX_HELP);
  return Number(value);
};

export async function reindexCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, { workers: { type: 'string' }, batch: { type: 'string' }, quiet: { type: 'boolean' } }, REINDEX_HELP);
  if (values.help) return io.out(REINDEX_HELP), 0;
  const workers = positive(values.workers, 'workers') ?? defaultWorkers();
  const batchSize = positive(values.batch, 'batch');
  const { ctx, handle } = await openRuntime();
  try {
    let bar: ReturnType<typeof progressBar> | undefined;
    const result = await reindex(ctx, {
      workers,
      ...(batchSize ? { batchSize } : {}),
      onProgress: (done, total) => {
        bar ??= progressBar('索引 / index', total, values.quiet === true);
        bar.update(done);
      },
    });
    bar?.done();
    io.out(
      `已重建索引 / reindexed: ${result.documents} 条 / documents in ${result.seconds.toFixed(1)} s` +
        (result.removed > 0 ? `，清除 ${result.removed} 条已不公开的索引 / removed ${result.removed} stale` : ''),
    );
    return 0;
  } finally {
    await handle.close();
  }
}
