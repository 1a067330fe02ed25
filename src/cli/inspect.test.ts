import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startFixtureSite, type FixtureSite } from '../inspection/fixtures/site.js';
import type { InspectionReport } from '../inspection/inspect.js';
import { runCli } from '../test-support/cli.js';
import { parseDuration } from './inspect.js';

describe('gongkai inspect', () => {
  let site: FixtureSite & { external: FixtureSite };
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-inspect-'));
  before(async () => {
    site = await startFixtureSite();
  });
  after(async () => {
    await site?.close();
    await site?.external.close();
  });

  test('--format json: the documented report; exit 0 when the inspection ran', async () => {
    const r = await runCli('inspect', `${site.url}/`, '--format', 'json', '--quiet', '--concurrency', '4');
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as InspectionReport;
    for (const key of ['site', 'startedAt', 'finishedAt', 'pages', 'score', 'verdict', 'vetoes', 'deductions', 'findings', 'columns']) assert.ok(key in report, key);
    assert.equal(report.site, `${site.url}/`);
    for (const f of report.findings) for (const key of ['kind', 'url', 'foundOn', 'status', 'detail']) assert.ok(key in f, key);
    assert.ok(report.findings.some((f) => f.kind === 'broken-link' && f.url.endsWith('/missing.html')));
  });

  test('--format html and csv write files; the terminal still gets the summary', async () => {
    const html = join(dir, 'report.html');
    const r = await runCli('inspect', `${site.url}/`, '--format', 'html', '--output', html, '--quiet');
    assert.equal(r.code, 0, r.err);
    const page = readFileSync(html, 'utf8');
    assert.ok(page.startsWith('<!DOCTYPE html><html lang="zh-Hans">'));
    assert.match(page, /<svg role="img"/);
    assert.match(page, /空白栏目（1）/);
    assert.match(r.err, /结论 \/ verdict: 合格，得分 /);
    const csv = join(dir, 'findings.csv');
    assert.equal((await runCli('inspect', `${site.url}/`, '--format', 'csv', '--output', csv, '--quiet')).code, 0);
    const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'kind,问题,url,foundOn,status,位置,columnType,detail');
    assert.ok(lines.some((l) => l.startsWith('missing-image,图片无法显示,') && l.includes('/img/banner-missing.png')));
  });

  test('--fail-on veto exits 1 when a single-veto indicator fails the site (here: a stricter rules file)', async () => {
    const rulesFile = join(dir, 'rules.json');
    const rules = JSON.parse(readFileSync(new URL('../../data/inspection/rules.json', import.meta.url), 'utf8')) as { vetoes: { columns: { blankCount: number } } };
    rules.vetoes.columns.blankCount = 1;
    writeFileSync(rulesFile, JSON.stringify(rules));
    const r = await runCli('inspect', `${site.url}/`, '--rules', rulesFile, '--fail-on', 'veto', '--quiet');
    assert.equal(r.code, 1);
    assert.match(r.out, /结论 \/ verdict: 不合格（单项否决）/);
    assert.match(r.out, /单项否决 · 栏目不更新：空白栏目 1 个（达到 1 个）/);
    assert.equal((await runCli('inspect', `${site.url}/`, '--rules', rulesFile, '--quiet')).code, 0, 'without --fail-on the run itself succeeded');
  });

  test('--probe: an unreachable homepage in ≥ 5% of probes is a veto', async () => {
    const ok = await runCli('inspect', `${site.url}/`, '--probe', '--every', '50ms', '--for', '250ms', '--max-depth', '0', '--format', 'json', '--quiet');
    const report = JSON.parse(ok.out) as InspectionReport;
    assert.deepEqual(report.probes, { total: 5, unreachable: 0 });
    assert.deepEqual(report.notEvaluated, []);
    // a port nobody listens on: every probe fails
    const dead = await runCli('inspect', 'http://127.0.0.1:9/', '--probe', '--every', '50ms', '--for', '100ms', '--format', 'json', '--quiet', '--retries', '0');
    const failed = JSON.parse(dead.out) as InspectionReport;
    assert.deepEqual(failed.probes, { total: 2, unreachable: 2 });
    assert.deepEqual(failed.vetoes.map((v) => v.indicator), ['站点无法访问']);
  });

  test('bad usage exits 2 with the help', async () => {
    for (const args of [[], ['not a url'], ['ftp://x.cn/'], [`${site.url}/`, '--format', 'pdf'], [`${site.url}/`, '--probe', '--every', '5 minutes'], [`${site.url}/`, '--exclude', '(['], [`${site.url}/`, '--rules', join(dir, 'nope.json')], [`${site.url}/`, '--fail-on', 'score']]) {
      const r = await runCli('inspect', ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /用法 \/ usage: gongkai inspect/);
    }
  });

  test('durations', () => {
    assert.equal(parseDuration('5m', 'every'), 300_000);
    assert.equal(parseDuration('24h', 'for'), 86_400_000);
    assert.equal(parseDuration('500ms', 'every'), 500);
  });
});
