#!/usr/bin/env node
// `npm run bench:smoke` (part of `npm test`): every benchmark once on a tiny corpus, so none can
// rot unnoticed. Figures from these runs mean nothing; the real runs are reported in the README.
// The search benchmark includes PostgreSQL when it answers (GONGKAI_TEST_PG_URL or the default
// test server); under CI=true it must.
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const pgUrl = process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function run(label, args, env = {}) {
  const r = spawnSync('npx', ['tsx', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`benchmark smoke run failed: ${label}`);
    process.exit(1);
  }
  console.log(`benchmark smoke run: ${label} ok`);
}

run('segmenter', ['scripts/bench-segmenter.ts', '--chars', '5000', '--runs', '1']);
const withPg = await reachable(pgUrl);
if (!withPg && process.env.CI === 'true') {
  console.error(`PostgreSQL at ${pgUrl} is required under CI`);
  process.exit(1);
}
run(`search (sqlite${withPg ? ', postgres' : ''})`, ['scripts/bench-search.ts', '--docs', '300', '--runs', '1', '--quiet', '--workers', '1'], withPg ? { DATABASE_URL: pgUrl } : {});
run(`annual report (sqlite${withPg ? ', postgres' : ''})`, ['scripts/bench-report.ts', '--requests', '2000', '--runs', '1', '--quiet'], withPg ? { DATABASE_URL: pgUrl } : {});
run('inspect (against linkinator)', ['scripts/bench-inspect.ts', '--smoke']);
