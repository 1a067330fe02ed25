import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFixtureSite, startNeglectedSite, type FixtureSite } from './fixtures/site.js';
import { inspectSite, type InspectionReport } from './inspect.js';
import { loadRules } from './rules.js';
import { scopeOf } from './urls.js';

const rules = loadRules();
const TODAY = '2026-11-26';

describe('gongkai inspect on the fixture site', () => {
  let site: FixtureSite & { external: FixtureSite };
  let report: InspectionReport;
  const inspect = (extra: Partial<Parameters<typeof inspectSite>[0]> = {}) =>
    inspectSite({
      start: `${site.url}/`,
      scope: scopeOf(`${site.url}/`),
      concurrency: 4,
      delayMs: 0,
      maxPages: 1000,
      maxDepth: 10,
      fetch: { timeoutMs: 5000, retries: 1, backoffMs: 10 },
      ignoreRobots: false,
      checkExternal: true,
      rules,
      today: TODAY,
      now: () => new Date(),
      ...extra,
    });

  before(async () => {
    site = await startFixtureSite();
    report = await inspect();
  });
  after(async () => {
    await site?.close();
    await site?.external.close();
  });

  const rel = (u: string | null) => (u === null ? null : u.replace(site.url, '').replace(site.external.url, 'EXT'));

  test('exactly the planted findings, each with the page it was found on', () => {
    const got = report.findings.map((f) => `${f.kind} ${rel(f.url)} ${rel(f.foundOn)}${f.onHomepage ? ' (首页)' : ''}`).sort();
    assert.deepEqual(got, [
      'broken-link /col/dongtai/deleted.html /col/dongtai/a1.html',
      'broken-link /gbk-target.html /gbk.html',
      'broken-link /missing.html / (首页)',
      'broken-link EXT/gone.html / (首页)',
      'column-blank /col/renshi/ null',
      'column-stale /col/tongzhi/ null',
      'column-stale /col/yaowen/ null',
      'missing-image /img/banner-missing.png / (首页)',
      'missing-image /img/photo-missing.jpg /col/dongtai/a3.html',
      'personal-data /leak.html null',
      'redirect-loop /loop-a.html / (首页)',
    ]);
    const leak = report.findings.find((f) => f.kind === 'personal-data');
    assert.equal(leak?.detail, '居民身份证号码：110105********002X', 'reported masked');
    assert.match(report.findings.find((f) => f.url.endsWith('/missing.html'))?.detail ?? '', /HTTP 404（链接文字：已删除的页面）/);
  });

  test('columns are typed by name and judged by their newest item', () => {
    const cols = report.columns.map((c) => `${c.name} ${c.type ?? '-'} ${c.newestDate ?? '-'}`).sort();
    assert.deepEqual(cols, ['人事信息 personnel-plan -', '工作动态 dynamic 2026-11-23', '要闻 dynamic 2026-10-30', '通知公告 notice 2026-03-02']);
    assert.equal(report.homepage.newestDate, '2026-11-23');
  });

  test('the verdict: no veto; 100 − 4 (homepage links) − 0.3 (other pages) − 5 (notice column) − 2 (dynamic column) − 2 (blank) − 5 (personal data) = 81.7', () => {
    assert.deepEqual(report.vetoes, []);
    assert.equal(report.score, 81.7);
    assert.equal(report.verdict, '合格');
    assert.equal(report.notEvaluated.length, 1, 'no availability probes in this run, and the report says so');
  });

  test('robots.txt is respected, no page is fetched twice, and outside the site only the external links are checked', () => {
    assert.ok(!site.requests.some((r) => r.includes('/private/')), 'the disallowed page was never requested');
    const gets = site.requests.filter((r) => r.startsWith('GET '));
    const twice = gets.filter((r, i) => gets.indexOf(r) !== i);
    assert.deepEqual(twice, []);
    assert.deepEqual([...site.external.requests].sort(), ['GET /gone.html', 'HEAD /gone.html', 'HEAD /ok.html'], 'HEAD, and GET only when HEAD failed');
    assert.equal(report.robotsSkipped, 0, 'excluded links never reach the queue');
  });

  test('the GBK page is decoded: its Chinese link text is read right, its link followed', () => {
    assert.ok(site.requests.includes('GET /gbk-target.html'));
    assert.equal(report.findings.find((f) => f.url.endsWith('/gbk-target.html'))?.detail, 'HTTP 404（链接文字：政府信息公开指南）');
  });

  test('redirect chains are followed to the page; a timeout is a broken link; --ignore-robots reaches the excluded page', async () => {
    assert.ok(site.requests.includes('GET /new.html'));
    const strict = await inspect({ fetch: { timeoutMs: 100, retries: 0, backoffMs: 1 }, ignoreRobots: true, checkExternal: false });
    const slow = strict.findings.find((f) => f.url.endsWith('/slow.html'));
    assert.equal(slow?.kind, 'broken-link');
    assert.equal(slow?.status, null);
    assert.match(slow?.detail ?? '', /超时/);
    assert.ok(site.requests.includes('GET /private/secret.html'));
    assert.ok(!strict.findings.some((f) => f.url.includes(site.external.url)), 'external links unchecked when asked');
  });

  test('max pages and depth bound the crawl', async () => {
    const small = await inspect({ maxPages: 3 });
    assert.equal(small.pages, 3);
    const shallow = await inspect({ maxDepth: 0 });
    assert.equal(shallow.pages, 1, 'the homepage only');
  });
});

describe('gongkai inspect on a neglected site', () => {
  test('a stale homepage and five blank columns: 不合格 by single veto, with exactly these findings', async () => {
    const site = await startNeglectedSite();
    try {
      const report = await inspectSite({
        start: `${site.url}/`,
        scope: scopeOf(`${site.url}/`),
        concurrency: 4,
        delayMs: 0,
        maxPages: 100,
        maxDepth: 5,
        fetch: { timeoutMs: 5000, retries: 0, backoffMs: 1 },
        ignoreRobots: false,
        checkExternal: true,
        rules,
        today: TODAY,
        now: () => new Date(),
      });
      assert.deepEqual(report.findings.map((f) => `${f.kind} ${f.url.replace(site.url, '')}`).sort(), [
        'column-blank /col0/',
        'column-blank /col1/',
        'column-blank /col2/',
        'column-blank /col3/',
        'column-blank /col4/',
        'column-stale /news/', // 工作动态, newest 2026-10-01: 56 days
        'homepage-stale /',
      ]);
      assert.equal(report.verdict, '不合格');
      assert.equal(report.score, null);
      assert.deepEqual(report.vetoes, [
        { indicator: '首页不更新', detail: '首页最新信息为 2026-10-01，已 56 天未更新（超过 14 天）' },
        { indicator: '栏目不更新', detail: '空白栏目 5 个（达到 5 个）' },
      ]);
    } finally {
      await site.close();
    }
  });
});
