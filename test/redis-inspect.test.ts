/**
 * With REDIS_URL, an inspection is a BullMQ flow whose crawl parts run in `gongkai worker`
 * processes sharing one Redis frontier: two real worker processes crawl the fixture site together,
 * neither fetches a page the other fetched, and the merged report is the one a single process gives.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startFixtureSite, type FixtureSite } from '../src/inspection/fixtures/site.js';
import { runInspectionJob } from '../src/inspection/jobs.js';
import { dropPrefix, redisSkipReason, TEST_REDIS_URL } from '../src/test-support/redis.js';

const root = new URL('..', import.meta.url).pathname;

function startWorker(prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "import { main } from './src/cli/main.ts'; process.exitCode = await main(['worker']);"], {
    cwd: root,
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, JOB_KEY_PREFIX: prefix },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${err}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('waiting for inspection jobs')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

describe('inspection jobs shared by two gongkai worker processes', { skip: await redisSkipReason() }, () => {
  const prefix = `gk_test_${randomBytes(4).toString('hex')}:`;
  let site: FixtureSite & { external: FixtureSite };
  let workers: ChildProcess[] = [];

  before(async () => {
    // every answer takes a little while, so that both workers find work while the other is busy
    site = await startFixtureSite({ delayAllMs: 40 });
    workers = await Promise.all([startWorker(prefix), startWorker(prefix)]);
  });
  after(async () => {
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.exitCode !== null ? resolve() : (w.once('exit', () => resolve()), w.kill('SIGTERM'))))));
    await site?.close();
    await site?.external.close();
    await dropPrefix(prefix);
  });

  test('two workers crawl one site together without fetching a page twice; the merged report is complete', async () => {
    const report = await runInspectionJob({ redisUrl: TEST_REDIS_URL, prefix }, {
      start: `${site.url}/`,
      exclude: [],
      concurrency: 2,
      delayMs: 0,
      maxPages: 1000,
      maxDepth: 10,
      fetch: { timeoutMs: 5000, retries: 1, backoffMs: 10 },
      ignoreRobots: false,
      checkExternal: true,
      today: '2026-11-26',
    }, 2);
    const gets = site.requests.filter((r) => r.startsWith('GET ') && r !== 'GET /robots.txt');
    assert.deepEqual(gets.filter((r, i) => gets.indexOf(r) !== i), [], 'no page fetched twice');
    assert.equal(report.parts?.length, 2);
    assert.ok(report.parts?.every((p) => p.pages > 0), `both workers crawled: ${JSON.stringify(report.parts)}`);
    assert.equal(report.parts?.reduce((n, p) => n + p.pages, 0), report.pages);
    const rel = (u: string | null) => (u === null ? null : u.replace(site.url, '').replace(site.external.url, 'EXT'));
    // the same findings as one process gives (src/inspection/inspect.test.ts)
    assert.deepEqual(report.findings.map((f) => `${f.kind} ${rel(f.url)} ${rel(f.foundOn)}`).sort(), [
      'broken-link /col/dongtai/deleted.html /col/dongtai/a1.html',
      'broken-link /gbk-target.html /gbk.html',
      'broken-link /missing.html /',
      'broken-link EXT/gone.html /',
      'column-blank /col/renshi/ null',
      'column-stale /col/tongzhi/ null',
      'column-stale /col/yaowen/ null',
      'missing-image /img/banner-missing.png /',
      'missing-image /img/photo-missing.jpg /col/dongtai/a3.html',
      'personal-data /leak.html null',
      'redirect-loop /loop-a.html /',
    ]);
    assert.deepEqual([report.verdict, report.score], ['合格', 81.7]);
    assert.deepEqual([...site.external.requests].sort(), ['GET /gone.html', 'HEAD /gone.html', 'HEAD /ok.html'], 'each external link checked once in all');
  });
});
