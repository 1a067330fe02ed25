/**
 * One crawl for bench:inspect, in its own process so that its peak memory is its own: gongkai's
 * inspectSite or linkinator's LinkChecker on the fixture site. Prints one JSON line: wall seconds,
 * peak RSS, and the broken links and missing images it reported as (target, page) pairs.
 */
import { LinkChecker, LinkState } from 'linkinator';
import { inspectSite } from '../src/inspection/inspect.js';
import { loadRules } from '../src/inspection/rules.js';
import { scopeOf } from '../src/inspection/urls.js';

const [tool, url] = process.argv.slice(2);
if (!url || (tool !== 'gongkai' && tool !== 'linkinator')) {
  console.error('usage: bench-inspect-run.ts gongkai|linkinator URL');
  process.exit(2);
}
const started = performance.now();
let reported: { target: string; page: string }[] = [];
const path = (u: string) => new URL(u).pathname;
if (tool === 'gongkai') {
  const report = await inspectSite({
    start: `${url}/`,
    scope: scopeOf(`${url}/`),
    concurrency: 16,
    delayMs: 0,
    maxPages: 100_000,
    maxDepth: 50,
    fetch: { timeoutMs: 15_000, retries: 2, backoffMs: 200 },
    ignoreRobots: false,
    checkExternal: true,
    rules: loadRules(),
    today: '2026-11-26',
    now: () => new Date(),
  });
  reported = report.findings.filter((f) => f.kind === 'broken-link' || f.kind === 'missing-image').map((f) => ({ target: path(f.url), page: path(f.foundOn ?? '') }));
} else {
  const checker = new LinkChecker();
  const result = await checker.check({ path: `${url}/`, recurse: true, timeout: 15_000 });
  reported = result.links.filter((l) => l.state === LinkState.BROKEN).map((l) => ({ target: path(l.url), page: l.parent ? path(l.parent) : '' }));
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ tool, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, reported }));
