/**
 * Demo 政府网站检查: the websites of the city and two county-level governments, registered through
 * the real service, each with five inspections over 2026 so the ranking and the trend charts
 * show something. Nothing is crawled (no network in the seed): each run's findings are made from
 * counts written here and scored by the shipped rules (scoring.ts), so every stored summary —
 * verdict, score, vetoes, findings — matches its report. The sites are manual-only, so a demo
 * server never starts crawling these made-up addresses on its own. Deterministic.
 */
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { fixedClock } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { InspectionReport } from '../inspection/inspect.js';
import type { Finding } from '../inspection/model.js';
import { loadRules, type InspectionRules } from '../inspection/rules.js';
import { scoreInspection } from '../inspection/scoring.js';
import { registerSite } from '../inspection/service.js';
import { insertRun } from '../inspection/store.js';

/** What one demo inspection found, by kind. */
interface DemoRun {
  readonly on: string;
  readonly pages: number;
  /** broken links on the homepage / on other pages */
  readonly home: number;
  readonly other: number;
  /** stale 通知公告 and 动态 columns, blank columns */
  readonly notice: number;
  readonly dynamic: number;
  readonly blank: number;
  readonly personal: number;
  readonly a11y: number;
  /** the homepage not updated for weeks (a single veto) */
  readonly stale?: boolean;
}

const run = (on: string, pages: number, [home, other, notice, dynamic, blank, personal, a11y]: readonly number[], stale = false): DemoRun => ({
  on,
  pages,
  home: home ?? 0,
  other: other ?? 0,
  notice: notice ?? 0,
  dynamic: dynamic ?? 0,
  blank: blank ?? 0,
  personal: personal ?? 0,
  a11y: a11y ?? 0,
  stale,
});

// Counts: homepage links, other links, stale notice, stale dynamic, blank, personal data, accessibility.
export const DEMO_SITES = [
  {
    agency: 'ljs',
    name: '岚江市人民政府门户网站',
    url: 'https://www.lanjiang.gov.cn/',
    // Steadily better after the spring clean-up (73.2 → 95.0), one slip in August.
    runs: [
      run('2026-02-10', 3120, [3, 42, 1, 2, 1, 1, 18]),
      run('2026-04-15', 3274, [2, 30, 1, 1, 1, 0, 12]),
      run('2026-06-18', 3391, [1, 25, 0, 1, 0, 0, 10]),
      run('2026-08-20', 3452, [2, 33, 1, 0, 1, 1, 9]),
      run('2026-10-22', 3518, [0, 18, 0, 1, 0, 0, 6]),
    ],
  },
  {
    agency: 'ljs-hxq',
    name: '岚江市湖西区人民政府网站',
    url: 'https://www.hxq.lanjiang.gov.cn/',
    // Five blank columns in April (栏目不更新: a single veto), recovered since.
    runs: [
      run('2026-02-12', 1486, [4, 55, 2, 2, 3, 0, 20]),
      run('2026-04-16', 1502, [3, 47, 1, 2, 5, 0, 17]),
      run('2026-06-19', 1533, [2, 40, 1, 2, 2, 0, 15]),
      run('2026-08-21', 1560, [1, 28, 1, 1, 1, 0, 11]),
      run('2026-10-23', 1598, [1, 22, 0, 1, 1, 0, 8]),
    ],
  },
  {
    agency: 'ljs-tyx',
    name: '桐源县人民政府网站',
    url: 'https://www.tongyuan.gov.cn/',
    // Slipping all year: below 60 in July, then the homepage left without updates (a single veto).
    runs: [
      run('2026-03-05', 1210, [2, 35, 1, 1, 2, 0, 14]),
      run('2026-05-14', 1188, [3, 48, 2, 2, 2, 1, 16]),
      run('2026-07-16', 1175, [5, 61, 2, 2, 3, 2, 22]),
      run('2026-09-17', 1169, [4, 58, 2, 2, 3, 1, 21], true),
      run('2026-11-19', 1164, [4, 60, 2, 2, 3, 1, 21], true),
    ],
  },
] as const;

const DAY_MS = 86_400_000;
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
const NOTICE_COLUMNS = ['通知公告', '政策文件', '规范性文件', '公示公告'];
const DYNAMIC_COLUMNS = ['部门动态', '基层动态', '政务要闻', '工作动态'];
const BLANK_COLUMNS = ['人事任免', '规划计划', '招考录用', '专项规划', '财政预决算'];

/** The findings a demo run stands for (addresses under the site, dates relative to the run's day). */
function findingsOf(site: string, r: DemoRun): Finding[] {
  const origin = new URL(site).origin;
  const n = (count: number) => Array.from({ length: count }, (_v, i) => i);
  const out: Finding[] = [];
  for (const i of n(r.home)) out.push({ kind: 'broken-link', url: `${origin}/zt/2024/zt${i + 1}/`, foundOn: site, status: 404, detail: `HTTP 404（链接文字：专题专栏${i + 1}）`, onHomepage: true });
  for (const i of n(r.other)) {
    const timeout = i % 7 === 6;
    const image = i % 5 === 4;
    out.push({
      kind: image ? 'missing-image' : 'broken-link',
      url: image ? `${origin}/images/2025/${3000 + i * 13}.jpg` : `${origin}/art/2025/${3000 + i * 13}.html`,
      foundOn: `${origin}/col/col${(i % 12) + 1}/index.html`,
      status: timeout ? null : 404,
      detail: timeout ? '请求超时（15 秒）' : 'HTTP 404',
      onHomepage: false,
    });
  }
  n(r.notice).forEach((i) => {
    const name = NOTICE_COLUMNS[i % NOTICE_COLUMNS.length] ?? '通知公告';
    const last = daysBefore(r.on, 200 + i * 17);
    out.push({ kind: 'column-stale', url: `${origin}/col/tzgg${i + 1}/`, foundOn: null, status: null, detail: `栏目“${name}”（通知公告、政策文件类）最新信息为 ${last}，已 ${200 + i * 17} 天未更新（应在 183 天内）`, onHomepage: false, columnType: 'notice' });
  });
  n(r.dynamic).forEach((i) => {
    const name = DYNAMIC_COLUMNS[i % DYNAMIC_COLUMNS.length] ?? '工作动态';
    const last = daysBefore(r.on, 21 + i * 6);
    out.push({ kind: 'column-stale', url: `${origin}/col/dt${i + 1}/`, foundOn: null, status: null, detail: `栏目“${name}”（动态、要闻类）最新信息为 ${last}，已 ${21 + i * 6} 天未更新（应在 14 天内）`, onHomepage: false, columnType: 'dynamic' });
  });
  n(r.blank).forEach((i) => {
    const name = BLANK_COLUMNS[i % BLANK_COLUMNS.length] ?? '空白栏目';
    out.push({ kind: 'column-blank', url: `${origin}/col/kb${i + 1}/`, foundOn: null, status: null, detail: `栏目“${name}”没有任何信息`, onHomepage: false, columnType: i % 5 === 4 ? undefined : 'personnel-plan' });
  });
  for (const i of n(r.personal)) out.push({ kind: 'personal-data', url: `${origin}/art/2026/gs${i + 1}.html`, foundOn: null, status: null, detail: '手机号码：138****5274', onHomepage: false });
  for (const i of n(r.a11y)) out.push({ kind: 'img-alt', url: `${origin}/art/2026/${5000 + i * 7}.html`, foundOn: null, status: null, detail: `${(i % 3) + 1} 张图片缺少 alt：${origin}/images/2026/p${i + 1}.jpg`, onHomepage: false });
  if (r.stale) out.push({ kind: 'homepage-stale', url: site, foundOn: null, status: null, detail: `首页最新信息为 ${daysBefore(r.on, 31)}，已 31 天未更新（超过 14 天）`, onHomepage: true });
  return out;
}

/** A complete report (docs/inspection.md layout) for one demo run, scored by the rules. */
export function demoReport(site: string, r: DemoRun, rules: InspectionRules): InspectionReport {
  const findings = findingsOf(site, r);
  const startedAt = `${daysBefore(r.on, 1)}T18:30:00.000Z`; // 02:30 Beijing time on the day
  const finishedAt = new Date(Date.parse(startedAt) + Math.round(r.pages * 60)).toISOString();
  const origin = new URL(site).origin;
  const columns = [
    ...findings.filter((f) => f.kind === 'column-stale' || f.kind === 'column-blank').map((f) => ({
      url: f.url,
      name: /栏目“([^”]+)”/.exec(f.detail)?.[1] ?? f.url,
      type: f.columnType ?? null,
      newestDate: /最新信息为 (\d{4}-\d{2}-\d{2})/.exec(f.detail)?.[1] ?? null,
      entries: f.kind === 'column-blank' ? 0 : 20,
    })),
    { url: `${origin}/col/zwyw/`, name: '政务要闻', type: 'dynamic', newestDate: r.stale ? daysBefore(r.on, 31) : daysBefore(r.on, 2), entries: 20 },
    { url: `${origin}/col/tzgg/`, name: '通知公告', type: 'notice', newestDate: daysBefore(r.on, 9), entries: 20 },
  ];
  return {
    site,
    startedAt,
    finishedAt,
    pages: r.pages,
    requests: r.pages + r.other + r.home + 240,
    robotsSkipped: 0,
    homepage: { url: site, newestDate: r.stale ? daysBefore(r.on, 31) : daysBefore(r.on, 1) },
    columns,
    probes: null,
    findings,
    ...scoreInspection({ findings, probes: null }, rules),
  };
}

/** Registers the demo sites and stores their inspections; returns how many of each. */
export async function seedDemoInspection(deps: ServiceDeps): Promise<{ sites: number; runs: number }> {
  const rules = loadRules();
  const by = { actor: { ...SYSTEM_ACTOR, login: 'seed' }, staff: null };
  let runs = 0;
  for (const demo of DEMO_SITES) {
    const first = demo.runs[0]?.on ?? '2026-01-01';
    const on = { ...deps, clock: fixedClock(`${daysBefore(first, 14)}T02:00:00.000Z`) };
    const site = await registerSite(on, by, { agency: demo.agency, name: demo.name, url: demo.url, everyDays: 0 });
    for (const r of demo.runs) {
      const report = demoReport(demo.url, r, rules);
      await insertRun(deps.db, {
        siteId: site.id,
        status: 'done',
        requestedBy: 'sunlx',
        queuedAt: report.startedAt,
        startedAt: report.startedAt,
        finishedAt: report.finishedAt,
        verdict: report.verdict,
        score: report.score,
        pages: report.pages,
        vetoes: report.vetoes.length,
        findings: report.findings.length,
        report: JSON.stringify(report),
      });
      runs++;
    }
  }
  return { sites: DEMO_SITES.length, runs };
}
