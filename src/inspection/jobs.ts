/**
 * Inspections as BullMQ jobs (REDIS_URL): one inspection is a flow — a parent `inspect` job with
 * one `crawl-part` child per worker wanted. Every part crawls the same site through one Redis
 * frontier (redis-frontier.ts), so the work spreads over the `gongkai worker` processes and no page
 * is fetched twice; when all parts are done the parent merges them and gives the verdict.
 */
import { randomBytes } from 'node:crypto';
import { FlowProducer, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { CrawlResult, LinkUse, TargetState } from './crawler.js';
import { crawl } from './crawler.js';
import type { PageSummary } from './checks.js';
import type { FetchSettings } from './fetcher.js';
import { finishInspection, type InspectionReport } from './inspect.js';
import type { ProbeResult } from './probe.js';
import { redisFrontier } from './redis-frontier.js';
import { loadRules } from './rules.js';
import { scopeOf } from './urls.js';

export const INSPECT_QUEUE = 'gongkai-inspect';

/** What an inspection job asks for (JSON: it travels through Redis). */
export interface InspectRequest {
  readonly start: string;
  readonly pathPrefix?: string;
  readonly exclude: readonly string[];
  readonly concurrency: number;
  readonly delayMs: number;
  readonly maxPages: number;
  readonly maxDepth: number;
  readonly fetch: FetchSettings;
  readonly ignoreRobots: boolean;
  readonly checkExternal: boolean;
  /** a rules file; the default rules when absent */
  readonly rulesFile?: string;
  readonly today: string;
  /** availability probes made before the crawl (by the submitter) */
  readonly probes?: ProbeResult | null;
}

/** One part's crawl as JSON. */
export interface CrawlPart {
  readonly pages: PageSummary[];
  readonly uses: [string, { foundOn: string[]; more: number; tags: string[]; texts: string[] }][];
  readonly states: [string, TargetState][];
  readonly homepageState: TargetState | null;
  readonly robotsSkipped: number;
  readonly requests: number;
}

export function serializeCrawl(r: CrawlResult): CrawlPart {
  return {
    pages: [...r.pages],
    uses: [...r.uses].map(([t, u]) => [t, { foundOn: u.foundOn, more: u.more, tags: [...u.tags], texts: u.texts }]),
    states: [...r.states],
    homepageState: r.homepageState,
    robotsSkipped: r.robotsSkipped,
    requests: r.requests,
  };
}

/** The parts of one crawl as one crawl: links' pages and texts united, every result kept. */
export function mergeCrawls(startUrl: string, parts: readonly CrawlPart[]): CrawlResult {
  const uses = new Map<string, LinkUse>();
  const states = new Map<string, TargetState>();
  for (const p of parts) {
    for (const [t, u] of p.uses) {
      const into = uses.get(t) ?? { foundOn: [], more: 0, tags: new Set<string>(), texts: [] };
      for (const page of u.foundOn) if (!into.foundOn.includes(page)) into.foundOn.push(page);
      into.more += u.more;
      for (const tag of u.tags) into.tags.add(tag);
      for (const text of u.texts) if (into.texts.length < 3 && !into.texts.includes(text)) into.texts.push(text);
      uses.set(t, into);
    }
    for (const [t, s] of p.states) states.set(t, s);
  }
  return {
    startUrl,
    homepageState: parts.map((p) => p.homepageState).find((s) => s !== null) ?? null,
    pages: parts.flatMap((p) => p.pages),
    uses,
    states,
    robotsSkipped: parts.reduce((n, p) => n + p.robotsSkipped, 0),
    requests: parts.reduce((n, p) => n + p.requests, 0),
  };
}

interface JobData {
  readonly crawlId: string;
  readonly request: InspectRequest;
  readonly startedAt: string;
}

export interface QueueSettings {
  readonly redisUrl: string;
  /** key prefix of every queue and frontier key (tests use their own) */
  readonly prefix: string;
}

const connectionOf = (url: string): ConnectionOptions => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379), ...(u.password ? { password: decodeURIComponent(u.password) } : {}), ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}), maxRetriesPerRequest: null };
};

/** A worker: runs crawl parts and finishes inspections until closed. */
export function startInspectionWorker(s: QueueSettings, options: { concurrency?: number; onJob?: (name: string, id: string) => void } = {}): { close(): Promise<void> } {
  const redis = new Redis(s.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<JobData>(
    INSPECT_QUEUE,
    async (job: Job<JobData>) => {
      options.onJob?.(job.name, job.id ?? '');
      const { crawlId, request } = job.data;
      const frontier = redisFrontier(redis, s.prefix, crawlId);
      if (job.name === 'crawl-part') {
        const result = await crawl({
          start: request.start,
          scope: scopeOf(request.start, { ...(request.pathPrefix ? { pathPrefix: request.pathPrefix } : {}), exclude: request.exclude }),
          concurrency: request.concurrency,
          delayMs: request.delayMs,
          maxPages: request.maxPages,
          maxDepth: request.maxDepth,
          fetch: request.fetch,
          ignoreRobots: request.ignoreRobots,
          checkExternal: request.checkExternal,
          today: request.today,
          frontier,
        });
        return serializeCrawl(result);
      }
      // the parent: every part is done
      const parts = Object.values(await job.getChildrenValues<CrawlPart>());
      await frontier.clear();
      const rules = request.rulesFile ? loadRules(request.rulesFile) : loadRules();
      return finishInspection(mergeCrawls(request.start, parts), {
        start: request.start,
        rules,
        today: request.today,
        startedAt: job.data.startedAt,
        finishedAt: new Date().toISOString(),
        probes: request.probes ?? null,
        parts: parts.map((p) => ({ pages: p.pages.length, requests: p.requests })),
      });
    },
    { connection: connectionOf(s.redisUrl), prefix: `${s.prefix}bull`, concurrency: options.concurrency ?? 1 },
  );
  return {
    async close() {
      await worker.close();
      redis.disconnect();
    },
  };
}

/** Submits an inspection split into `parts` crawl parts and waits for its report. */
export async function runInspectionJob(s: QueueSettings, request: InspectRequest, parts: number, onWaiting?: () => void): Promise<InspectionReport> {
  const connection = connectionOf(s.redisUrl);
  const flows = new FlowProducer({ connection, prefix: `${s.prefix}bull` });
  const events = new QueueEvents(INSPECT_QUEUE, { connection, prefix: `${s.prefix}bull` });
  try {
    await events.waitUntilReady();
    const data: JobData = { crawlId: randomBytes(8).toString('hex'), request, startedAt: new Date().toISOString() };
    const flow = await flows.add({
      name: 'inspect',
      queueName: INSPECT_QUEUE,
      data,
      opts: { removeOnComplete: { age: 86_400 }, removeOnFail: { age: 7 * 86_400 } },
      children: Array.from({ length: Math.max(1, parts) }, () => ({ name: 'crawl-part', queueName: INSPECT_QUEUE, data, opts: { removeOnComplete: { age: 86_400 } } })),
    });
    const waiting = onWaiting ? setTimeout(onWaiting, 10_000) : null;
    try {
      return (await flow.job.waitUntilFinished(events)) as InspectionReport;
    } finally {
      if (waiting) clearTimeout(waiting);
    }
  } finally {
    await events.close();
    await flows.close();
  }
}
