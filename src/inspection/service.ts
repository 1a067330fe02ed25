/**
 * 政府网站检查 in the platform (issue #8 part 5): inspectors register each agency's website with a
 * schedule and crawl settings, inspections run (on request or when due) through inspectSite and
 * their reports are kept, and the sites below an agency are ranked by their latest score.
 * The crawl and the verdict are the pure inspection modules'; this file is the I/O around them.
 */
import { z } from 'zod';
import { findAgencyByCode } from '../agencies/service.js';
import type { AuditActor } from '../platform/audit/model.js';
import { appendAudit } from '../platform/audit/store.js';
import { inScope, type StaffIdentity } from '../platform/auth/model.js';
import { chinaDate } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import type { InspectionSiteRow } from '../platform/db/schema.js';
import { AppError, errors } from '../platform/errors.js';
import { ancestryIds } from '../platform/hierarchy.js';
import { parseInput } from '../platform/http/validate.js';
import { inspectSite } from './inspect.js';
import { loadRules, type InspectionRules } from './rules.js';
import * as store from './store.js';
import { scopeOf } from './urls.js';

export interface By {
  readonly actor: AuditActor;
  /** null: the system itself (seed, scheduler), which is not scoped */
  readonly staff: StaffIdentity | null;
  readonly ip?: string;
}

/** What an inspection needs beyond the database and clock: the rules (default data/inspection/rules.json). */
export interface InspectionDeps extends ServiceDeps {
  readonly rules?: InspectionRules;
}

/** Who requested the scheduled runs. */
export const SCHEDULER = 'scheduler';
/** A run still queued or running this long after it was queued has lost its process (restart, crash). */
export const STALE_RUN_HOURS = 12;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- input

const blankToUndefined = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : typeof v === 'string' ? Number(v.trim()) : v);
const whole = (label: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .number({ message: `${label}应为整数 / a whole number` })
      .int(`${label}应为整数 / a whole number`)
      .min(min, `${label}不能小于 ${min} / at least ${min}`)
      .max(max, `${label}不能大于 ${max} / at most ${max}`)
      .default(fallback),
  );
const flag = (fallback: boolean) => z.preprocess((v) => (v === '1' || v === 'on' ? true : v === '0' || v === '' ? false : v), z.boolean({ message: '应为是或否 / yes or no' }).default(fallback));
const linesOf = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
    : v;

/**
 * Crawl settings of a site, as stored in inspection_site.options. Defaults are the CLI's
 * (docs/inspection.md) except maxPages and concurrency, kept lower for a shared server.
 */
export const siteOptionsSchema = z.object({
  maxPages: whole('最多抓取页面数', 1, 100_000, 2000),
  maxDepth: whole('最大链接深度', 0, 50, 20),
  concurrency: whole('并发请求数', 1, 32, 8),
  delayMs: whole('请求间隔（毫秒）', 0, 60_000, 0),
  // 15 s is the indicator's own limit (站点无法访问, 国办秘函〔2019〕19号)
  timeoutSeconds: whole('请求超时（秒）', 1, 120, 15),
  retries: whole('重试次数', 0, 5, 2),
  ignoreRobots: flag(false),
  checkExternal: flag(true),
  include: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z.string().max(500, '路径前缀过长 / path prefix too long').startsWith('/', '路径前缀应以 / 开头 / the path prefix starts with /').default('/'),
  ),
  exclude: z.preprocess(
    linesOf,
    z
      .array(z.string().max(500, '排除规则过长 / pattern too long'))
      .max(50, '排除规则最多 50 条 / at most 50 patterns')
      .default([])
      .superRefine((patterns, ctx) => {
        patterns.forEach((p, i) => {
          try {
            new RegExp(p);
          } catch {
            ctx.addIssue({ code: 'custom', message: `第 ${i + 1} 条不是有效的正则表达式 / pattern ${i + 1} is not a regular expression: ${p}` });
          }
        });
      }),
  ),
});
export type SiteOptions = z.infer<typeof siteOptionsSchema>;
export const SITE_OPTION_KEYS = Object.keys(siteOptionsSchema.shape) as (keyof SiteOptions)[];

const urlSchema = z
  .string({ message: '请填写网址 / enter the address' })
  .trim()
  .min(1, '请填写网址 / enter the address')
  .max(2000, '网址过长 / the address is too long')
  .transform((v, ctx) => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: '网址无效，应如 https://www.example.gov.cn/ / not a valid address' });
      return z.NEVER;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: '只能检查 http:// 或 https:// 网址 / http(s) addresses only' });
      return z.NEVER;
    }
    if (u.username || u.password) {
      ctx.addIssue({ code: 'custom', message: '网址不能包含用户名或密码 / no user name or password in the address' });
      return z.NEVER;
    }
    u.hash = '';
    return u.href;
  });

/** A site as a form or a caller gives it: the columns and, flat beside them, the crawl settings. */
export const siteInputSchema = siteOptionsSchema.extend({
  agency: z.string({ message: '请选择机关 / choose an agency' }).trim().min(1, '请选择机关 / choose an agency').max(100),
  name: z.string({ message: '请填写网站名称 / enter the name' }).trim().min(1, '请填写网站名称 / enter the name').max(100, '网站名称最多 100 字 / at most 100 characters'),
  url: urlSchema,
  everyDays: whole('检查周期（天）', 0, 366, 0),
});

/** The stored settings of a site; a damaged value falls back to the defaults rather than failing the run. */
export function optionsOf(site: Pick<InspectionSiteRow, 'options'>): SiteOptions {
  try {
    const parsed = siteOptionsSchema.safeParse(JSON.parse(site.options));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return siteOptionsSchema.parse({});
}

function columnsOf(input: z.infer<typeof siteInputSchema>) {
  const options: SiteOptions = Object.fromEntries(SITE_OPTION_KEYS.map((k) => [k, input[k]])) as SiteOptions;
  return { name: input.name, url: input.url, everyDays: input.everyDays, options: JSON.stringify(options) };
}

// ---------------------------------------------------------------- sites

async function checkedInput(tx: Executor, by: By, raw: unknown, siteId: number | null) {
  const input = parseInput(siteInputSchema, raw);
  const agency = await findAgencyByCode(tx, input.agency);
  if (!agency) throw errors.validation([`agency: 机关“${input.agency}”不存在 / unknown agency`]);
  if (by.staff && !inScope(by.staff, await ancestryIds(tx, agency.id))) throw errors.validation(['agency: 只能登记本机关及下级机关的网站 / only sites of agencies in your scope']);
  const same = await store.findSiteByUrl(tx, input.url);
  if (same && same.id !== siteId) throw errors.validation([`url: 该网址已登记为“${same.name}” / this address is already registered`]);
  return { input, agency };
}

/** A staff member may change only the sites of their agencies (the routes check first; this holds for every caller). */
async function assertMayChange(tx: Executor, by: By, agencyId: number): Promise<void> {
  if (by.staff && !inScope(by.staff, await ancestryIds(tx, agencyId))) throw errors.forbidden();
}

export async function registerSite(deps: ServiceDeps, by: By, raw: unknown): Promise<InspectionSiteRow> {
  return deps.db.transaction().execute(async (tx) => {
    const { input, agency } = await checkedInput(tx, by, raw, null);
    const at = deps.clock.now().toISOString();
    const row = await store.insertSite(tx, { agencyId: agency.id, ...columnsOf(input), createdAt: at, updatedAt: at });
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: agency.id,
      action: 'inspection-site.create',
      objectType: 'inspection_site',
      objectId: String(row.id),
      summary: `登记检查网站：${row.name}（${row.url}）`,
      after: row,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}

export async function updateSite(deps: ServiceDeps, by: By, id: number, raw: unknown): Promise<InspectionSiteRow> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await store.findSite(tx, id);
    if (!before) throw errors.notFound('检查网站');
    await assertMayChange(tx, by, before.agencyId);
    const { input, agency } = await checkedInput(tx, by, raw, id);
    const row = await store.updateSite(tx, id, { agencyId: agency.id, ...columnsOf(input), updatedAt: deps.clock.now().toISOString() });
    const { agencyCode: _code, agencyName: _name, ...beforeRow } = before;
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: agency.id,
      action: 'inspection-site.update',
      objectType: 'inspection_site',
      objectId: String(id),
      summary: `修改检查网站：${row.name}`,
      before: beforeRow,
      after: row,
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row;
  });
}

export async function deleteSite(deps: ServiceDeps, by: By, id: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const site = await store.findSite(tx, id);
    if (!site) throw errors.notFound('检查网站');
    await assertMayChange(tx, by, site.agencyId);
    await store.deleteSite(tx, id);
    await appendAudit(tx, deps.clock.now(), {
      actor: by.actor,
      agencyId: site.agencyId,
      action: 'inspection-site.delete',
      objectType: 'inspection_site',
      objectId: String(id),
      summary: `删除检查网站及其检查记录：${site.name}（${site.url}）`,
      ...(by.ip ? { ip: by.ip } : {}),
    });
  });
}

// ---------------------------------------------------------------- runs

const alreadyRunning = () => errors.conflict('该网站的检查正在进行，请等待完成后再检查', 'An inspection of this site is already under way');

/** Ends the runs whose process is gone (queued or running for more than STALE_RUN_HOURS). */
export async function reapStaleRuns(deps: ServiceDeps, siteId?: number): Promise<number> {
  const now = deps.clock.now();
  const stale = await store.staleRuns(deps.db, new Date(now.getTime() - STALE_RUN_HOURS * 3600_000).toISOString(), siteId);
  for (const run of stale) await store.failRun(deps.db, run.id, now.toISOString(), `检查中断（超过 ${STALE_RUN_HOURS} 小时未完成）/ interrupted`);
  return stale.length;
}

/** Queues an inspection of the site; 409 while another one is queued or running. */
export async function queueRun(deps: ServiceDeps, requestedBy: string, siteId: number): Promise<store.RunSummary> {
  if (!(await store.findSite(deps.db, siteId))) throw errors.notFound('检查网站');
  await reapStaleRuns(deps, siteId);
  if (await store.activeRun(deps.db, siteId)) throw alreadyRunning();
  try {
    return await store.insertRun(deps.db, { siteId, status: 'queued', requestedBy, queuedAt: deps.clock.now().toISOString() });
  } catch (e) {
    // Another process queued one in between: the partial unique index refused this insert.
    if (await store.activeRun(deps.db, siteId)) throw alreadyRunning();
    throw e;
  }
}

/**
 * Runs a queued inspection: marks it running, crawls the site with its settings (the inspection
 * day is today in China), stores the report and its summary, or marks the run failed with the
 * error. Never throws for a failed crawl; a run another worker took is left alone.
 */
export async function runInspection(deps: InspectionDeps, runId: number): Promise<store.RunSummary | undefined> {
  const run = await store.findRun(deps.db, runId);
  if (!run) return undefined;
  const site = await store.findSite(deps.db, run.siteId);
  if (!site || !(await store.claimRun(deps.db, runId, deps.clock.now().toISOString()))) return summaryOf(deps.db, runId);
  try {
    const o = optionsOf(site);
    const report = await inspectSite({
      start: site.url,
      scope: scopeOf(site.url, { pathPrefix: o.include, exclude: o.exclude }),
      concurrency: o.concurrency,
      delayMs: o.delayMs,
      maxPages: o.maxPages,
      maxDepth: o.maxDepth,
      fetch: { timeoutMs: o.timeoutSeconds * 1000, retries: o.retries, backoffMs: 500 },
      ignoreRobots: o.ignoreRobots,
      checkExternal: o.checkExternal,
      rules: deps.rules ?? loadRules(),
      today: chinaDate(deps.clock.now()),
      now: () => deps.clock.now(),
    });
    await store.finishRun(deps.db, runId, {
      finishedAt: deps.clock.now().toISOString(),
      verdict: report.verdict,
      score: report.score,
      pages: report.pages,
      vetoes: report.vetoes.length,
      findings: report.findings.length,
      report: JSON.stringify(report),
    });
  } catch (e) {
    const message = e instanceof AppError ? e.publicMessage : e instanceof Error ? e.message : String(e);
    await store.failRun(deps.db, runId, deps.clock.now().toISOString(), `检查失败 / failed: ${message}`.slice(0, 2000));
  }
  return summaryOf(deps.db, runId);
}

async function summaryOf(db: Executor, runId: number): Promise<store.RunSummary | undefined> {
  const row = await store.findRun(db, runId);
  if (!row) return undefined;
  const { report: _report, ...summary } = row;
  return summary;
}

/**
 * Starts an inspection without waiting for it (the "inspect now" button): errors inside are
 * stored on the run; anything escaping that (the database gone) goes to `onError`.
 */
export function runInBackground(deps: InspectionDeps, runId: number, onError: (err: unknown) => void): void {
  void runInspection(deps, runId).catch(onError);
}

// ---------------------------------------------------------------- schedule

/** Sites on a schedule (every_days > 0) last queued at least every_days ago, or never. */
export async function dueSites(db: Executor, now: Date): Promise<InspectionSiteRow[]> {
  const sites = await db.selectFrom('inspectionSite').selectAll().where('everyDays', '>', 0).orderBy('id').execute();
  const last = await store.lastQueuedBySite(db);
  return sites.filter((s) => {
    const at = last.get(s.id);
    return at === undefined || Date.parse(at) + s.everyDays * DAY_MS <= now.getTime();
  });
}

export interface SweepResult {
  readonly reaped: number;
  readonly inspected: number;
  readonly failed: number;
  /** another sweep of this process was still running */
  readonly skipped: boolean;
}

let sweeping = false;

/**
 * The scheduled pass (gongkai serve, hourly): ends lost runs, then queues and runs each due site
 * in turn — one crawl at a time, so the server is never crawling many sites at once. A sweep
 * still busy when the next hour comes makes the next one a no-op.
 */
export async function sweepInspections(deps: InspectionDeps): Promise<SweepResult> {
  if (sweeping) return { reaped: 0, inspected: 0, failed: 0, skipped: true };
  sweeping = true;
  try {
    const reaped = await reapStaleRuns(deps);
    let inspected = 0;
    let failed = 0;
    for (const site of await dueSites(deps.db, deps.clock.now())) {
      let run: store.RunSummary;
      try {
        run = await queueRun(deps, SCHEDULER, site.id);
      } catch (e) {
        if (e instanceof AppError && e.status === 409) continue; // someone asked for one meanwhile
        throw e;
      }
      const done = await runInspection(deps, run.id);
      if (done?.status === 'done') inspected++;
      else failed++;
    }
    return { reaped, inspected, failed, skipped: false };
  } finally {
    sweeping = false;
  }
}

// ---------------------------------------------------------------- ranking

export interface RankedSite {
  readonly site: store.SiteWithAgency;
  /** the latest finished inspection (its score ranks the site) */
  readonly latest: store.RunSummary | null;
  /** the latest run of any status (queued, running, failed …) */
  readonly last: store.RunSummary | null;
  /** 1 = best; equal scores share a rank; vetoed sites share the rank after every scored one; null = never inspected */
  readonly rank: number | null;
}

type Standing = 'scored' | 'vetoed' | 'none';
const standingOf = (r: store.RunSummary | null): Standing => (r === null ? 'none' : r.score === null ? 'vetoed' : 'scored');
const STANDING_ORDER: Record<Standing, number> = { scored: 0, vetoed: 1, none: 2 };

/**
 * The order of a ranking: scored sites by score (highest first), then sites whose latest inspection
 * was decided by a single veto (不合格 whatever else they scored: 指标说明), then sites never
 * inspected; ties by agency code and site name. Pure.
 */
export function rankOrder(items: readonly Omit<RankedSite, 'rank'>[]): RankedSite[] {
  const sorted = [...items].sort((a, b) => {
    const sa = standingOf(a.latest);
    const sb = standingOf(b.latest);
    if (sa !== sb) return STANDING_ORDER[sa] - STANDING_ORDER[sb];
    if (sa === 'scored' && a.latest?.score !== b.latest?.score) return (b.latest?.score ?? 0) - (a.latest?.score ?? 0);
    return a.site.agencyCode.localeCompare(b.site.agencyCode) || a.site.name.localeCompare(b.site.name, 'zh') || a.site.id - b.site.id;
  });
  const scored = sorted.filter((i) => standingOf(i.latest) === 'scored');
  return sorted.map((i) => {
    const s = standingOf(i.latest);
    const rank = s === 'none' ? null : s === 'vetoed' ? scored.length + 1 : 1 + scored.filter((o) => (o.latest?.score ?? 0) > (i.latest?.score ?? 0)).length;
    return { ...i, rank };
  });
}

/** The sites of the given agencies (null: all) ranked by their latest score. */
export async function rankSites(db: Executor, agencyIds: readonly number[] | null): Promise<RankedSite[]> {
  const sites = await store.listSites(db, agencyIds);
  const ids = sites.map((s) => s.id);
  const latest = await store.latestRuns(db, ids, true);
  const last = await store.latestRuns(db, ids, false);
  return rankOrder(sites.map((site) => ({ site, latest: latest.get(site.id) ?? null, last: last.get(site.id) ?? null })));
}

/** When a scheduled site is next due (ISO), or null for a manual-only site. */
export function nextDue(site: Pick<InspectionSiteRow, 'everyDays'>, lastQueuedAt: string | null, now: Date): string | null {
  if (site.everyDays <= 0) return null;
  if (lastQueuedAt === null) return now.toISOString();
  return new Date(Date.parse(lastQueuedAt) + site.everyDays * DAY_MS).toISOString();
}
