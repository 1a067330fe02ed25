#!/usr/bin/env node
// Finds the test files and runs them with node's test runner (TypeScript through tsx).
//   node scripts/run-tests.mjs                 all tests (unit, store, HTTP, CLI, browser)
//   node scripts/run-tests.mjs --only unit     everything except the browser suite
//   node scripts/run-tests.mjs --only browser  only the browser suite
// Extra arguments after `--` go to node --test (e.g. --test-name-pattern).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const dashdash = args.indexOf('--');
const passThrough = dashdash >= 0 ? args.slice(dashdash + 1) : [];

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const all = [...walk(join(root, 'src')), ...walk(join(root, 'test'))].map((p) => relative(root, p)).sort();
const isBrowser = (p) => p.startsWith('test/browser/');
const files = all.filter((p) => (only === 'browser' ? isBrowser(p) : only === 'unit' ? !isBrowser(p) : true));

if (files.some(isBrowser) && !existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  if (process.env.CI === 'true') {
    console.error('Chromium is required under CI=true (apt-get install -y chromium)');
    process.exit(1);
  }
  console.warn('Chromium not found: the browser suite is skipped (install with: apt-get install -y chromium)');
}

console.log(`running ${files.length} test files`);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...passThrough, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', TZ: process.env.TZ ?? 'UTC' } },
);
process.exit(result.status ?? 1);
