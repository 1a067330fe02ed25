// Annual-report benchmark (annual report issue, "Benchmark"; shared BENCHMARKS.md).
//   npm run bench:report -- --requests 1000000 [--runs 5] [--engine sqlite|postgres|all] [--seed 1] [--dir /tmp] [--quiet]
// Fills a scratch database with a deterministic synthetic population of requests (and ~2% appeals)
// spread over 2023–2026 across a city government and 23 departments, then times the real
// computeAnnualReport for 2025: one department's report, and the government's consolidated report
// over all of them. Printed as median [min–max] of --runs after one warm-up. Target (reported, not
// asserted): under 2 s on SQLite for 1,000,000 requests, by aggregating in SQL.
import { tmpdir } from 'node:os';
import { progressBar } from '../src/cli/progress.js';
import { scratchDatabase } from './bench-scratch.js';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase, type Db, type Engine } from '../src/platform/db/database.js';
import { migrateOrThrow } from '../src/platform/db/migrate.js';
import { mulberry32 } from '../src/platform/random.js';
import type { NewRequestRow } from '../src/platform/db/schema.js';
import { APPLICANT_TYPES, OUTCOME_REASONS } from '../src/requests/model.js';
import { computeAnnualReport } from '../src/reports/service.js';

const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string, fallback: number) => {
  const v = Number(argValue(name));
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const REQUESTS = num('requests', 1_000_000);
const RUNS = num('runs', 5);
const SEED = num('seed', 1);
const DIR = argValue('dir') ?? tmpdir();
const quiet = process.argv.includes('--quiet');
const PG_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
const ENGINE_ARG = argValue('engine') ?? 'all';
if (!['all', 'sqlite', 'postgres'].includes(ENGINE_ARG)) {
  process.stderr.write(`--engine must be sqlite, postgres or all (got ${ENGINE_ARG})\n`);
  process.exit(2);
}
const engines = (ENGINE_ARG === 'all' ? ['sqlite', 'postgres'] : [ENGINE_ARG]).filter((e): e is Engine => e === 'sqlite' || (e === 'postgres' && PG_URL !== undefined));
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};
const AGENCIES = 24;
const BATCH = 500;

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2026, 10, 26);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
// Most applicants are natural persons (the usual share in published reports); outcomes skew to 予以公开.
const TYPE_WEIGHTS = [0.8, 0.1, 0.02, 0.02, 0.04, 0.02];
function pick<T>(items: readonly T[], weights: readonly number[], r: number): T {
  let acc = 0;
  for (const [i, w] of weights.entries()) {
    acc += w;
    if (r < acc) return items[i]!;
  }
  return items.at(-1)!;
}
const OUTCOMES = OUTCOME_REASONS.map((o) => o.code);
const OUTCOME_WEIGHTS = OUTCOMES.map((c) => (c.startsWith('disclosed') ? 0.2 : c === 'partial' ? 0.08 : c === 'unavailable.not-held' ? 0.15 : 0.5 / (OUTCOMES.length - 4)));


async function fill(db: Db): Promise<void> {
  const now = '2026-11-26T02:00:00.000Z';
  const ids: number[] = [];
  for (let i = 0; i < AGENCIES; i++) {
    const row = await db
      .insertInto('agency')
      .values({
        code: `bench-${i}`, name: `基准机关${i}`, shortName: `基准${i}`, level: '市', kind: i === 0 ? 'government' : 'department',
        parentId: i === 0 ? null : ids[0]!, creditCode: '', officeName: '', officeAddress: '', officeHours: '', phone: '', fax: '', email: '',
        mailAddress: '', postcode: '', webFormUrl: '', feePolicy: '', classification: '', howToObtain: '', createdAt: now, updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const rand = mulberry32(SEED); // seeded: every run fills the same population
  const bar = progressBar('requests', REQUESTS, quiet);
  let appeals = 0;
  for (let done = 0; done < REQUESTS; done += BATCH) {
    const rows: NewRequestRow[] = [];
    for (let k = 0; k < Math.min(BATCH, REQUESTS - done); k++) {
      const n = done + k;
      const received = START + Math.floor(rand() * ((END - START) / DAY)) * DAY;
      const open = rand() < 0.03 || received + 40 * DAY > END;
      const closed = open ? null : received + Math.floor(1 + rand() * 40) * DAY;
      rows.push({
        agencyId: ids[Math.floor(rand() * AGENCIES)]!, trackingNumber: `YSQ-bench-${n}`, queryCodeHash: 'x', source: 'import',
        applicantType: pick(APPLICANT_TYPES, TYPE_WEIGHTS, rand()), applicantName: '（基准）', idDocType: 'other', idDocNumber: '',
        title: `基准申请${n}`, deliveryForm: 'electronic', deliveryMethod: 'email', channel: 'online', submittedOn: iso(received), receivedOn: iso(received),
        state: closed ? 'closed' : 'received', dueOn: null, assignedTo: null, outcome: closed ? pick(OUTCOMES, OUTCOME_WEIGHTS, rand()) : null,
        closedOn: closed ? iso(closed) : null, onTime: null, releasedRecordId: null, createdAt: now, updatedAt: now,
      });
    }
    await db.transaction().execute(async (tx) => {
      const inserted = await tx.insertInto('request').values(rows).returning(['id', 'receivedOn', 'closedOn']).execute();
      const appealRows = inserted
        .filter(() => rand() < 0.02)
        .map((r) => {
          const filed = Date.parse(r.closedOn ?? r.receivedOn) + 20 * DAY;
          const concluded = rand() < 0.7 ? iso(filed + 60 * DAY) : null;
          return {
            requestId: r.id, kind: pick(['reconsideration', 'litigation-direct', 'litigation-after-reconsideration'], [0.7, 0.2, 0.1], rand()),
            filedOn: iso(filed), result: concluded ? pick(['upheld', 'corrected', 'other'], [0.7, 0.2, 0.1], rand()) : 'pending', concludedOn: concluded,
            note: '', createdBy: 'bench', createdAt: now, updatedAt: now,
          };
        });
      appeals += appealRows.length;
      if (appealRows.length > 0) await tx.insertInto('requestAppeal').values(appealRows).execute();
    });
    bar.tick(rows.length);
  }
  bar.done();
  say(`filled ${REQUESTS.toLocaleString('en')} requests, ${appeals.toLocaleString('en')} appeals`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;

async function time(db: Db, engine: Engine, code: string, scope: 'agency' | 'consolidated'): Promise<{ times: number[]; total: number }> {
  let total = 0;
  const run = async () => {
    const t = performance.now();
    const report = await computeAnnualReport({ db, engine, clock: systemClock }, code, 2025, scope);
    if (report.problems.length > 0) throw new Error(`the synthetic report fails its checks: ${JSON.stringify(report.problems[0])}`);
    total = report.table3.new?.total ?? 0;
    return performance.now() - t;
  };
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run());
  return { times, total };
}

for (const engine of engines) {
  const target = await scratchDatabase(engine, { dir: DIR, pgUrl: PG_URL, name: 'gk-bench-report' });
  const handle = openDatabase(engine === 'sqlite' ? { engine, file: target.url.slice('sqlite:'.length) } : { engine, url: target.url });
  try {
    await migrateOrThrow(handle);
    say(`== ${engine}`);
    const t0 = performance.now();
    await fill(handle.db);
    say(`fill: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const dept = await time(handle.db, engine, 'bench-1', 'agency');
    const all = await time(handle.db, engine, 'bench-0', 'consolidated');
    say(`2025 report, one department (${dept.total.toLocaleString('en')} new requests): ${fmt(dept.times)}`);
    say(`2025 report, consolidated over ${AGENCIES} agencies (${all.total.toLocaleString('en')} new requests of ${REQUESTS.toLocaleString('en')}): ${fmt(all.times)}`);
  } finally {
    await handle.close();
    await target.drop();
  }
}
