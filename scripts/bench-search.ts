// Full-text search benchmark (search issue, "Benchmark"; shared BENCHMARKS.md).
//   npm run bench:search -- --docs 100000 [--seed 1] [--runs 3] [--engine sqlite|postgres|all] [--workers N] [--dir /tmp]
// Generates a deterministic synthetic corpus (scripts/bench-search/corpus.ts), loads it as published
// catalogue records, builds the index with the real `gongkai reindex` code, then times the fixed 200
// queries through the real search service (engine, facets, highlighting): p50/p95/p99 per pass,
// reported as median [min–max] of --runs passes after one warm-up pass, overall and per query kind.
// In the same run, the same index answers the naive way (FTS5 ORDER BY bm25 rank over every match,
// or ts_rank on PostgreSQL) for the ratio. PostgreSQL runs when DATABASE_URL is a postgres:// URL
// (a scratch database is created next to it and dropped); SQLite uses a scratch file.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { sql } from 'kysely';
import { benchmarkQueries, generateRecords, AGENCY_COUNT, AGENCY_NAMES, QUERY_KINDS } from './bench-search/corpus.js';
import { openDatabase, type Db, type Engine } from '../src/platform/db/database.js';
import { migrateOrThrow } from '../src/platform/db/migrate.js';
import { fixedClock } from '../src/platform/clock.js';
import type { ServiceDeps } from '../src/platform/context.js';
import type { NewRecordRow } from '../src/platform/db/schema.js';
import { analyzeQuery } from '../src/search/analysis.js';
import { searchQuerySchema } from '../src/search/model.js';
import { reindex } from '../src/search/reindex.js';
import { searchIndexFor } from '../src/search/index.js';
import { searchRecords } from '../src/search/service.js';
import { matchExpression } from '../src/search/index.sqlite.js';
import { progressBar } from '../src/cli/progress.js';
import { scratchDatabase } from './bench-scratch.js';

const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string, fallback: number) => {
  const v = Number(argValue(name));
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const DOCS = num('docs', 100_000);
const SEED = num('seed', 1);
const RUNS = num('runs', 3);
const WORKERS = num('workers', Math.max(1, availableParallelism() - 1));
const DIR = argValue('dir') ?? tmpdir();
const PG_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
const ENGINE_ARG = argValue('engine') ?? 'all';
if (!['all', 'sqlite', 'postgres'].includes(ENGINE_ARG)) {
  process.stderr.write(`--engine must be sqlite, postgres or all (got ${ENGINE_ARG})\n`);
  process.exit(2);
}
const engines = (ENGINE_ARG === 'all' ? ['sqlite', 'postgres'] : [ENGINE_ARG]).filter((e): e is Engine => e === 'sqlite' || (e === 'postgres' && PG_URL !== undefined));
const quiet = process.argv.includes('--quiet');
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const spread = (xs: number[]) => `${ms(median(xs))} [${ms(Math.min(...xs))}–${ms(Math.max(...xs))}]`;


/** Agencies (a city with departments below it) and DOCS published records, written directly. */
async function loadCorpus(db: Db): Promise<number[]> {
  const now = '2026-11-26T02:00:00.000Z';
  const agencyIds: number[] = [];
  for (let i = 0; i < AGENCY_COUNT; i++) {
    const row = await db
      .insertInto('agency')
      .values({
        code: `bench-${i}`, name: AGENCY_NAMES[i]!, shortName: AGENCY_NAMES[i]!, level: i === 0 ? '市级' : '部门', kind: i === 0 ? '人民政府' : '工作部门',
        parentId: i === 0 ? null : agencyIds[0]!, creditCode: '', officeName: '', officeAddress: '', officeHours: '', phone: '', fax: '', email: '',
        mailAddress: '', postcode: '', webFormUrl: '', feePolicy: '', classification: '', howToObtain: '', createdAt: now, updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    agencyIds.push(row.id);
  }
  const bar = progressBar('corpus', DOCS, quiet);
  let batch: NewRecordRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.transaction().execute((tx) => tx.insertInto('record').values(batch).execute());
    bar.tick(batch.length);
    batch = [];
  };
  for (const r of generateRecords(DOCS, SEED)) {
    batch.push({
      agencyId: agencyIds[r.agencyIndex]!, indexNumber: `bench-${r.agencyIndex}/${r.seq}`, title: r.title, docNumber: r.docNumber, docNumberKey: '',
      writtenOn: r.publishedOn, formedOn: r.publishedOn, publishedOn: r.publishedOn, topic: r.topic, genre: r.genre, category: r.category,
      statutoryItem: null, mode: '主动公开', ground: null, validity: r.validity, keywords: '', bodyHtml: `<p>${r.body}</p>`, bodyText: r.body,
      status: 'published', createdBy: 'bench', createdAt: now, updatedAt: now, interpretsId: null, replacedById: null, interpretationKind: null, groundReason: '', videoUrl: '',
    });
    if (batch.length >= 50) await flush();
  }
  await flush();
  bar.done();
  return agencyIds;
}

/** The naive reference on the same index: rank every match, then count every match. */
async function naive(deps: ServiceDeps, q: string): Promise<void> {
  const query = analyzeQuery(q);
  if ('error' in query) return;
  const eq = { query, fallback: false, sort: 'relevance' as const, offset: 0, limit: 20 };
  if (deps.engine === 'sqlite') {
    const expr = matchExpression(eq, 'any');
    await sql`SELECT rowid FROM search_fts WHERE search_fts MATCH ${expr} ORDER BY bm25(search_fts, 10, 10, 3, 1, 1, 0) LIMIT 20`.execute(deps.db);
    await sql`SELECT count(*) FROM search_fts WHERE search_fts MATCH ${expr}`.execute(deps.db);
  } else {
    const tsquery = [...query.terms.map((t) => `'${t}'`), ...query.phrases.map((p) => `(${p.map((t) => `'${t}'`).join(' <-> ')})`)].join(' & ');
    const where = sql`words @@ ${tsquery}::tsquery`;
    await sql`SELECT record_id FROM search_doc WHERE ${where} ORDER BY ts_rank(words, ${tsquery}::tsquery) DESC LIMIT 20`.execute(deps.db);
    await sql`SELECT count(*) FROM search_doc WHERE ${where}`.execute(deps.db);
  }
}

interface Pass {
  all: number[];
  byKind: Map<string, number[]>;
}

async function timeQueries(run: (q: string) => Promise<unknown>, queries: { q: string; kind: string }[]): Promise<Pass> {
  const pass: Pass = { all: [], byKind: new Map() };
  for (const { q, kind } of queries) {
    const t0 = performance.now();
    await run(q);
    const t = performance.now() - t0;
    pass.all.push(t);
    pass.byKind.set(kind, [...(pass.byKind.get(kind) ?? []), t]);
  }
  return pass;
}

function report(label: string, passes: Pass[]) {
  const stat = (pick: (p: Pass) => number[], p: number) => passes.map((x) => percentile([...pick(x)].sort((a, b) => a - b), p));
  say(`  ${label}: p50 ${spread(stat((p) => p.all, 50))}  p95 ${spread(stat((p) => p.all, 95))}  p99 ${spread(stat((p) => p.all, 99))}`);
  return { p50: median(stat((p) => p.all, 50)), p95: median(stat((p) => p.all, 95)), p99: median(stat((p) => p.all, 99)), stat };
}

async function benchEngine(engine: Engine) {
  const scratch = await scratchDatabase(engine, { dir: DIR, pgUrl: PG_URL, name: 'gk-bench' });
  const handle = openDatabase(engine === 'sqlite' ? { engine, file: scratch.url.slice('sqlite:'.length) } : { engine, url: scratch.url });
  try {
    await migrateOrThrow(handle);
    const deps: ServiceDeps = { db: handle.db, engine, clock: fixedClock('2026-11-26T02:00:00.000Z') };
    say(`\n== ${engine}: ${DOCS.toLocaleString('en')} records, seed ${SEED}`);
    const t0 = performance.now();
    await loadCorpus(handle.db);
    say(`  corpus load (not part of the build): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const bar = progressBar('index', DOCS, quiet);
    let last = 0;
    const built = await reindex(deps, { workers: WORKERS, onProgress: (done) => (bar.tick(done - last), (last = done)) });
    bar.done();
    const size = await searchIndexFor(engine).size(handle.db);
    const fileBytes = engine === 'sqlite' ? statSync(scratch.url.slice('sqlite:'.length)).size : 0;
    say(`  build: ${built.documents.toLocaleString('en')} docs in ${built.seconds.toFixed(1)} s = ${Math.round(built.documents / built.seconds).toLocaleString('en')} docs/s (${WORKERS} segmentation worker${WORKERS === 1 ? '' : 's'})`);
    say(`  index size: ${(size.bytes / 2 ** 20).toFixed(1)} MiB${fileBytes ? ` (whole database file ${(fileBytes / 2 ** 20).toFixed(0)} MiB)` : ''}`);

    const queries = benchmarkQueries(SEED);
    const service = (q: string) => searchRecords(deps, searchQuerySchema.parse({ q }));
    await timeQueries(service, queries); // warm-up: page cache, jieba dictionary, prepared statements
    const passes: Pass[] = [];
    for (let i = 0; i < RUNS; i++) passes.push(await timeQueries(service, queries));
    const ours = report(`gongkai search (${queries.length} queries × ${RUNS} passes)`, passes);
    for (const kind of QUERY_KINDS) {
      const per = passes.map((p) => ({ all: p.byKind.get(kind) ?? [], byKind: new Map() }));
      if (per[0]!.all.length > 0) report(`    ${kind.padEnd(16)} (${per[0]!.all.length})`, per);
    }
    const filtered = queries.filter((q) => q.kind === 'one-word-common').slice(0, 20);
    const withFilters = (q: string) => searchRecords(deps, searchQuerySchema.parse({ q, agency: 'bench-0', year: 2024, sort: 'date' }));
    report(`  + filters (agency subtree, year, by date; ${filtered.length} common words)`, [await timeQueries(withFilters, filtered)]);
    await timeQueries((q) => naive(deps, q), queries.slice(0, 20));
    const naivePasses: Pass[] = [];
    for (let i = 0; i < RUNS; i++) naivePasses.push(await timeQueries((q) => naive(deps, q), queries));
    const reference = report(`naive reference (${engine === 'sqlite' ? 'FTS5 ORDER BY bm25 + count' : 'ts_rank + count'}, same index)`, naivePasses);
    say(`  ratio naive/gongkai: p50 ${(reference.p50 / ours.p50).toFixed(1)}×  p95 ${(reference.p95 / ours.p95).toFixed(1)}×`);
    return { engine, build: built, size, ours };
  } finally {
    await handle.close();
    if (!process.argv.includes('--keep')) await scratch.drop();
    else say(`  kept: ${scratch.url}`);
  }
}

say(`machine: ${availableParallelism()} cores, node ${process.version}, ${execFileSync('uname', ['-sr']).toString().trim()}`);
if (engines.length === 0) {
  process.stderr.write('--engine postgres needs DATABASE_URL=postgres://…\n');
  process.exit(2);
}
if (!PG_URL && ENGINE_ARG !== 'sqlite') say('(PostgreSQL skipped: set DATABASE_URL=postgres://… to include it)');
for (const engine of engines) await benchEngine(engine);
