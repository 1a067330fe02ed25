import { startInspectionWorker } from '../inspection/jobs.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { parseCommand, UsageError, type Io } from './usage.js';

export const WORKER_HELP = `用法 / usage: gongkai worker [--concurrency <n>]

处理 Redis（REDIS_URL）中的网站检查任务：一次检查可由多个 worker 进程共同抓取（共享待抓取队列，同一页面只抓取一次）。
按 Ctrl+C 或发送 SIGTERM 结束（当前任务完成后退出）。
Runs inspection jobs from Redis (REDIS_URL); several workers share one crawl. Stops on SIGINT/SIGTERM.

  --concurrency <n>   同时执行的任务数（默认 1） / jobs at a time`;

export async function workerCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, { concurrency: { type: 'string' } }, WORKER_HELP);
  if (values.help) return io.out(WORKER_HELP), 0;
  const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency 应为正整数 / a whole number ≥ 1', WORKER_HELP);
  const config = loadConfig();
  if (!config.redisUrl) throw new ConfigError(['REDIS_URL: gongkai worker 需要 Redis / gongkai worker needs REDIS_URL']);
  const worker = startInspectionWorker({ redisUrl: config.redisUrl, prefix: config.jobKeyPrefix }, { concurrency, onJob: (name, id) => io.err(`任务 / job ${name} #${id}`) });
  io.err(`worker 已启动，等待检查任务 / waiting for inspection jobs (${config.jobKeyPrefix}bull)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.close();
  io.err('worker 已停止 / stopped');
  return 0;
}
