import { writeFileSync } from 'node:fs';
import { chinaDate } from '../platform/clock.js';
import { inspectSite, type InspectionReport } from '../inspection/inspect.js';
import { runInspectionJob, type InspectRequest } from '../inspection/jobs.js';
import { loadConfig } from '../platform/config.js';
import { probeSite, type ProbeResult } from '../inspection/probe.js';
import { reportCsv, reportHtml, reportText } from '../inspection/report.js';
import { loadRules, RulesError } from '../inspection/rules.js';
import { scopeOf } from '../inspection/urls.js';
import { progressBar } from './progress.js';
import { parseCommand, UsageError, type Io } from './usage.js';

export const INSPECT_HELP = `用法 / usage: gongkai inspect <网址> [选项]

按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）检查一个政府网站：抓取本站页面，检查错链断链、
图片、首页和栏目更新、空白栏目、页面泄露的个人信息和基本无障碍要求，给出单项否决、扣分和结论。
Inspects a government website: crawl, checks, single-veto indicators, score and verdict.

  --format text|json|html|csv   输出格式（默认 text） / output format
  --output <文件>               写入文件 / write to a file
  --concurrency <n>             并发请求数（默认 16） / parallel requests
  --delay <毫秒>                对本站两次请求的最小间隔（默认 0；robots.txt 的 Crawl-delay 更长时从之）
  --max-pages <n>               最多抓取页面数（默认 10000） / pages at most
  --max-depth <n>               最大链接深度（默认 20） / link depth at most
  --timeout <秒>                单次请求超时（默认 15，即指标的 15 秒） / request timeout
  --retries <n>                 网络错误和 5xx 的重试次数（默认 2） / retries
  --include <路径前缀>          只抓取此路径下的页面 / crawl only under this path
  --exclude <正则>              不抓取匹配的地址（可多次） / skip URLs matching (repeatable)
  --ignore-robots               不遵守 robots.txt（仅限检查本机关自己的网站）
  --no-external                 不检查指向其他网站的链接 / do not check external links
  --rules <文件>                检查规则（默认 data/inspection/rules.json） / rules file
  --a11y [--a11y-pages 10]      用 Chromium 和 axe-core 检测首页、栏目等页面的无障碍问题（WCAG 2.1 AA）
  --probe --every 5m --for 24h  先监测首页可用性（超过 15 秒无响应计为无法访问；≥5% 单项否决）
  --fail-on veto                网站不合格时退出码为 1 / exit 1 when the site fails
  --parts <n>                   设置了 REDIS_URL 时：分成 n 份，由 gongkai worker 进程共同抓取（默认 2）
                                with REDIS_URL: split the crawl among n parts run by gongkai worker processes
  --local                       设置了 REDIS_URL 也在本进程内检查 / crawl in this process even with REDIS_URL
  --quiet                       不显示进度 / no progress bar

退出码 / exit codes: 0 检查已完成 / the inspection ran · 1 --fail-on veto 且不合格 / failed with --fail-on veto · 2 用法错误 / bad usage`;

const FORMATS = ['text', 'json', 'html', 'csv'] as const;

/** 90s, 5m, 24h, 1d → milliseconds. */
export function parseDuration(text: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw new UsageError(`--${name} 应写成 500ms、30s、5m、24h 或 1d / --${name}: a duration such as 30s, 5m, 24h`, INSPECT_HELP);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

function positiveInt(text: string | undefined, name: string, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${name} 应为不小于 ${min} 的整数 / --${name}: a whole number ≥ ${min}`, INSPECT_HELP);
  return Number(text);
}

export async function inspectCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      concurrency: { type: 'string' },
      delay: { type: 'string' },
      'max-pages': { type: 'string' },
      'max-depth': { type: 'string' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      include: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      'ignore-robots': { type: 'boolean' },
      'no-external': { type: 'boolean' },
      rules: { type: 'string' },
      probe: { type: 'boolean' },
      every: { type: 'string', default: '5m' },
      for: { type: 'string', default: '24h' },
      'fail-on': { type: 'string' },
      parts: { type: 'string' },
      a11y: { type: 'boolean' },
      'a11y-pages': { type: 'string' },
      local: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    INSPECT_HELP,
    true,
  );
  if (values.help) return io.out(INSPECT_HELP), 0;
  const [site, ...extra] = positionals;
  if (!site || extra.length > 0) throw new UsageError('请给出一个网址 / give exactly one URL', INSPECT_HELP);
  let start: URL;
  try {
    start = new URL(site);
  } catch {
    throw new UsageError(`网址无效 / not a URL: ${site}`, INSPECT_HELP);
  }
  if (start.protocol !== 'http:' && start.protocol !== 'https:') throw new UsageError('只能检查 http 或 https 网址 / http(s) only', INSPECT_HELP);
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}`, INSPECT_HELP);
  if (values['fail-on'] !== undefined && values['fail-on'] !== 'veto') throw new UsageError('--fail-on 只能是 veto', INSPECT_HELP);
  const excludes = (values.exclude ?? []);
  for (const e of excludes) {
    try {
      new RegExp(e);
    } catch {
      throw new UsageError(`--exclude 不是有效的正则表达式 / not a regular expression: ${e}`, INSPECT_HELP);
    }
  }
  let rules;
  try {
    rules = values.rules ? loadRules(values.rules) : loadRules();
  } catch (e) {
    if (e instanceof RulesError) throw new UsageError(e.message, INSPECT_HELP);
    throw e;
  }
  const timeoutMs = positiveInt(values.timeout, 'timeout', 15) * 1000;
  const quiet = values.quiet === true;

  let probes: ProbeResult | null = null;
  if (values.probe) {
    const everyMs = parseDuration(values.every ?? '5m', 'every');
    const forMs = parseDuration(values.for ?? '24h', 'for');
    if (forMs < everyMs) throw new UsageError('--for 应不短于 --every / --for must be at least --every', INSPECT_HELP);
    const bar = progressBar('可用性监测 / probes', Math.max(1, Math.floor(forMs / everyMs)), quiet);
    probes = await probeSite(start.href, { everyMs, forMs, timeoutMs: rules.vetoes.unreachable.timeoutSeconds * 1000, onSample: (_s, done) => bar.update(done) });
    bar.done();
  }

  const maxPages = positiveInt(values['max-pages'], 'max-pages', 10_000);
  const request: InspectRequest = {
    start: start.href,
    ...(values.include ? { pathPrefix: values.include } : {}),
    exclude: excludes,
    concurrency: positiveInt(values.concurrency, 'concurrency', 16),
    delayMs: positiveInt(values.delay, 'delay', 0, 0),
    maxPages,
    maxDepth: positiveInt(values['max-depth'], 'max-depth', 20, 0),
    fetch: { timeoutMs, retries: positiveInt(values.retries, 'retries', 2, 0), backoffMs: 500 },
    ignoreRobots: values['ignore-robots'] === true,
    checkExternal: values['no-external'] !== true,
    ...(values.rules ? { rulesFile: values.rules } : {}),
    today: chinaDate(new Date()),
    probes,
  };
  const config = loadConfig();
  const jobs = Boolean(config.redisUrl) && !values.local;
  if (values.a11y && jobs) throw new UsageError('--a11y 只能在本进程检查时使用（加 --local） / --a11y needs --local when REDIS_URL is set', INSPECT_HELP);
  let report: InspectionReport;
  if (jobs && config.redisUrl) {
    // BullMQ: the crawl is split among the gongkai worker processes (the progress is theirs).
    const parts = positiveInt(values.parts, 'parts', 2);
    io.err(`已提交检查任务，由 ${parts} 个部分在 gongkai worker 中执行 / submitted as ${parts} parts to the workers`);
    report = await runInspectionJob({ redisUrl: config.redisUrl, prefix: config.jobKeyPrefix }, request, parts, () =>
      io.err('仍在等待：是否有 gongkai worker 在运行？/ still waiting: is a gongkai worker running?'),
    );
  } else {
    const bar = progressBar('检查 / inspect', maxPages, quiet);
    report = await inspectSite({
      ...request,
      scope: scopeOf(start.href, { ...(values.include ? { pathPrefix: values.include } : {}), exclude: excludes }),
      rules,
      now: () => new Date(),
      a11y: values.a11y ? { pages: positiveInt(values['a11y-pages'], 'a11y-pages', 10) } : null,
      onProgress: (p) => bar.update(Math.min(p.pages, maxPages)),
    });
    bar.done();
  }

  const output = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'csv' ? reportCsv(report) : format === 'html' ? reportHtml(report) : `${reportText(report)}\n`;
  if (values.output) {
    writeFileSync(values.output, output);
    io.err(`已写入 / written: ${values.output}`);
    if (format !== 'text') io.err(reportText(report));
  } else {
    io.out(output.replace(/\n$/, ''));
  }
  return values['fail-on'] === 'veto' && report.verdict === '不合格' ? 1 : 0;
}
