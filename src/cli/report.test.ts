import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../platform/http/app.js';
import { openRuntime } from './runtime.js';
import { ROUTE_MODULES } from '../routes.js';
import { cliEnvironment, ENGINES, skipReason } from '../test-support/db.js';
import { runCli } from '../test-support/cli.js';

const run = runCli;

type Tree = { [k: string]: number | string | Tree };
const at = (tree: unknown, ...path: string[]): unknown => path.reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);

// The demo's 岚江市自然资源和规划局 has one 2026 request (a company's, refused to protect a third
// party, src/seed/requests.ts) and one 行政复议 about it, upheld in August 2026.
for (const engine of ENGINES) {
  describe(`gongkai report annual and the report API [${engine}]`, { skip: await skipReason(engine) }, () => {
    let env: Awaited<ReturnType<typeof cliEnvironment>>;
    before(async () => {
      env = await cliEnvironment(engine);
      assert.equal((await run('seed', '--demo', '--password', 'Demo-Passw0rd!')).code, 0);
    });
    after(async () => env?.restore());

    test('JSON keyed by the template labels, from the demo requests', async () => {
      const r = await run('report', 'annual', '--agency', 'ljs-zrzyj', '--year', '2026', '--format', 'json');
      assert.equal(r.code, 0, r.err);
      const json = JSON.parse(r.out) as { checks: { passed: boolean }; tables: Tree };
      assert.equal(json.checks.passed, true);
      const t3 = '三、收到和处理政府信息公开申请情况';
      assert.equal(at(json.tables, t3, '一、本年新收政府信息公开申请数量', '商业企业'), 1);
      assert.equal(at(json.tables, t3, '一、本年新收政府信息公开申请数量', '总计'), 1);
      assert.equal(at(json.tables, t3, '三、本年度办理结果', '（三）不予公开', '4.保护第三方合法权益', '商业企业'), 1);
      assert.equal(at(json.tables, t3, '四、结转下年度继续办理', '总计'), 0);
      assert.equal(at(json.tables, '四、政府信息公开行政复议、行政诉讼情况', '行政复议', '结果维持'), 1);
      assert.equal(at(json.tables, '四、政府信息公开行政复议、行政诉讼情况', '行政复议', '总计'), 1);
    });

    test('HTML, CSV and XLSX; usage errors exit 2', async () => {
      const html = await run('report', 'annual', '--agency', 'ljs', '--year', '2026', '--scope', 'consolidated');
      assert.equal(html.code, 0, html.err);
      assert.match(html.out, /<h1>岚江市人民政府2026年政府信息公开工作年度报告（汇总）<\/h1>/);
      assert.match(html.out, /rowspan="22"/);
      const csv = await run('report', 'annual', '--agency', 'ljs-zrzyj', '--year', '2026', '--format', 'csv');
      assert.ok(csv.out.startsWith('\uFEFF表,行,列,数值'));
      const file = join(env.dir, 'report.xlsx');
      const xlsx = await run('report', 'annual', '--agency', 'ljs-zrzyj', '--year', '2026', '--format', 'xlsx', '--output', file);
      assert.equal(xlsx.code, 0, xlsx.err);
      assert.deepEqual([...readFileSync(file).subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
      assert.equal((await run('report', 'annual', '--agency', 'ljs-zrzyj', '--year', '2026', '--format', 'xlsx')).code, 2);
      assert.equal((await run('report', 'annual', '--agency', 'ljs-zrzyj', '--year', 'last')).code, 2);
      assert.equal((await run('report', 'annual', '--agency', 'ljs-zrzyj', '--year', '2026', '--scope', 'consolidated')).code, 2);
      assert.equal((await run('report', 'annual', '--agency', 'nowhere', '--year', '2026')).code, 2);
    });

    test('carry-over from a previous report in the 2019 trial format starts the platform count', async () => {
      // 岚江市生态环境局 has no requests in the demo; its 2025 report (trial layout: （六） one row) left 3 open.
      const legacy = {
        机关: '岚江市生态环境局',
        年度: 2025,
        '三、收到和处理政府信息公开申请情况': {
          '三、本年度办理结果': { '（六）其他处理': { 自然人: 0, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 0 } },
          '四、结转下年度继续办理': { 自然人: 2, 商业企业: 1, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 3 },
        },
      };
      const file = join(env.dir, 'legacy-2025.json');
      writeFileSync(file, JSON.stringify(legacy));
      const r = await run('report', 'carry-over', '--agency', 'ljs-sthjj', '--year', '2025', file);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /2019年格式.*3 件/);
      const report = JSON.parse((await run('report', 'annual', '--agency', 'ljs-sthjj', '--year', '2026', '--format', 'json')).out) as { checks: { passed: boolean }; tables: Tree };
      const t3 = '三、收到和处理政府信息公开申请情况';
      assert.equal(at(report.tables, t3, '二、上年结转政府信息公开申请数量', '自然人'), 2);
      assert.equal(at(report.tables, t3, '二、上年结转政府信息公开申请数量', '总计'), 3);
      assert.equal(at(report.tables, t3, '四、结转下年度继续办理', '总计'), 3);
      assert.equal(report.checks.passed, true);
      // Once the platform holds requests of that time, a second import would count them twice.
      assert.equal((await run('report', 'carry-over', '--agency', 'ljs-sthjj', '--year', '2025', file)).code, 2);
      writeFileSync(file, JSON.stringify({ ...legacy, '三、收到和处理政府信息公开申请情况': { '四、结转下年度继续办理': { 自然人: 2, 商业企业: 1, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 4 } } }));
      const bad = await run('report', 'carry-over', '--agency', 'ljs-fgw', '--year', '2025', file);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /总计: 应为 3/);
    });

    test('GET /api/v1/reports/annual/{agencyCode}/{year}, JSON and CSV, and its errors', async () => {
      const { ctx, handle } = await openRuntime();
      const app = await buildApp(ctx, { routes: ROUTE_MODULES });
      try {
        const ok = await app.inject({ url: '/api/v1/reports/annual/ljs/2026?scope=consolidated' });
        assert.equal(ok.statusCode, 200);
        const body = ok.json<{ agency: { code: string }; checks: { passed: boolean }; tables: Tree }>();
        assert.equal(body.agency.code, 'ljs');
        assert.equal(body.checks.passed, true);
        // The city government with its 11 departments: every demo request of 2026 except the district ones.
        const fresh = at(body.tables, '三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量', '总计');
        assert.ok(typeof fresh === 'number' && fresh >= 8, `new requests: ${String(fresh)}`);
        const csv = await app.inject({ url: '/api/v1/reports/annual/ljs/2026?format=csv' });
        assert.match(String(csv.headers['content-type']), /text\/csv/);
        assert.equal((await app.inject({ url: '/api/v1/reports/annual/ljs/20x6' })).statusCode, 400);
        assert.equal((await app.inject({ url: '/api/v1/reports/annual/nowhere/2026' })).statusCode, 404);
        assert.equal((await app.inject({ url: '/api/v1/reports/annual/ljs-jyj/2026?scope=consolidated' })).statusCode, 400);
        const doc = (await app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
        assert.ok(doc.paths['/api/v1/reports/annual/{agencyCode}/{year}']);
      } finally {
        await app.close();
        await handle.close();
      }
    });
  });
}
