/**
 * npm run bench:inspect — gongkai inspect against linkinator on the same generated government
 * site, in the same run (../shared/BENCHMARKS.md): pages/s, wall time, peak RSS, and how many of
 * the planted broken links and missing images each found, with false positives.
 *   --pages N (5000)  --seed S (1)  --runs R (3)  --slow-ms MS (1000)  --smoke (a tiny site, one run)
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { serveSite, type Planted } from './bench-inspect-site.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '5000' }, seed: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, 'slow-ms': { type: 'string', default: '1000' }, smoke: { type: 'boolean' } } });
const articles = values.smoke ? 60 : Number(values.pages);
const runs = values.smoke ? 1 : Number(values.runs);
const site = await serveSite(articles, Number(values.seed), values.smoke ? 50 : Number(values['slow-ms']));

interface RunResult {
  tool: string;
  seconds: number;
  maxRssMb: number;
  reported: { target: string; page: string }[];
}

function once(tool: 'gongkai' | 'linkinator'): Promise<RunResult> {
  // Asynchronous so that this process keeps serving the site while the child crawls it.
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./bench-inspect-run.ts', import.meta.url).pathname, tool, site.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as RunResult) : reject(new Error(`${tool} exited ${code}`))));
  });
}

function score(r: RunResult, planted: Planted) {
  const expected = new Set<string>();
  for (const m of [planted.brokenLinks, planted.missingImages]) for (const [target, pages] of m) for (const p of pages) expected.add(`${target} ← ${p}`);
  const got = new Set(r.reported.map((x) => `${x.target} ← ${x.page}`));
  const targetsExpected = new Set([...planted.brokenLinks.keys(), ...planted.missingImages.keys()]);
  const targetsGot = new Set(r.reported.map((x) => x.target));
  return {
    found: [...targetsExpected].filter((t) => targetsGot.has(t)).length,
    of: targetsExpected.size,
    pairs: [...expected].filter((p) => got.has(p)).length,
    pairsOf: expected.size,
    falsePositives: [...targetsGot].filter((t) => !targetsExpected.has(t)),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`bench:inspect — ${site.pages} pages (${articles} articles), seed ${values.seed}, ${runs} run(s) each; ${cpus().length} cores, Node ${process.version}`);
console.log(`planted: ${site.planted.brokenLinks.size} broken links, ${site.planted.missingImages.size} missing images, ${site.planted.slowPages.size} slow pages`);
const results: Record<string, RunResult[]> = { gongkai: [], linkinator: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const tool of ['gongkai', 'linkinator'] as const) results[tool]?.push(await once(tool));
  }
} finally {
  await site.close();
}
const rows = (['gongkai', 'linkinator'] as const).map((tool) => {
  const rs = results[tool] ?? [];
  const secs = rs.map((r) => r.seconds);
  const rss = rs.map((r) => r.maxRssMb);
  const s = score(rs[0] as RunResult, site.planted);
  return { tool, wall: median(secs), min: Math.min(...secs), max: Math.max(...secs), rate: site.pages / median(secs), rss: median(rss), ...s };
});
console.log('| tool | wall s (median [min–max]) | pages/s | peak RSS MB | planted found (targets) | (target, page) pairs | false positives |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.tool} | ${r.wall.toFixed(2)} [${r.min.toFixed(2)}–${r.max.toFixed(2)}] | ${r.rate.toFixed(0)} | ${r.rss.toFixed(0)} | ${r.found}/${r.of} | ${r.pairs}/${r.pairsOf} | ${r.falsePositives.length}${r.falsePositives.length ? ` (${r.falsePositives.slice(0, 3).join(', ')})` : ''} |`);
}
const [g, l] = rows;
if (g && l) console.log(`gongkai/linkinator: ${(g.rate / l.rate).toFixed(2)}× pages/s, ${(g.rss / l.rss).toFixed(2)}× peak RSS`);
if (values.smoke && g && (g.found !== g.of || g.falsePositives.length > 0)) {
  console.error('smoke: gongkai missed a planted fault or reported a false one');
  process.exit(1);
}
