import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliEnvironment, ENGINES, skipReason } from '../test-support/db.js';
import { runCli } from '../test-support/cli.js';

const run = runCli;

const HEADER = '原登记编号,收到申请日期,申请渠道,申请人类型,申请内容,办理结果,答复日期,延期工作日,行政复议结果,复议申请日期,复议决定日期';
const GOOD = [
  HEADER,
  // 2025-09-26 (Fri): 20 working days skip 国庆 10-01…10-08 and count 调休 09-28 and 10-11 → due 10-30.
  'LJ2025-001,2025-09-26,网上,自然人,2025年老旧小区改造计划,予以公开,2025-10-20,,,,',
  'LJ2025-002,2025/10/9,邮寄,商业企业,某地块土地出让合同,不予公开·保护第三方合法权益,2025年11月20日,20,维持,2025-12-01,2026-02-10',
  'LJ2025-003,2025-12-29,当面,自然人,"2025年12月低保名单",,,,,,',
].join('\n');

for (const engine of ENGINES) {
  describe(`gongkai requests [${engine}]`, { skip: await skipReason(engine) }, () => {
    let dir: string;
    let env: Awaited<ReturnType<typeof cliEnvironment>>;
    before(async () => {
      env = await cliEnvironment(engine);
      dir = env.dir;
      assert.equal((await run('seed', '--demo', '--password', 'Demo-Passw0rd!')).code, 0);
    });
    after(async () => env?.restore());

    test('a file with errors imports nothing and lists each problem with its line and column', async () => {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, `${GOOD}\nLJ2025-004,2025-02-30,网上,法人,某事项,予以公开,2025-03-10,,,,\nLJ2025-005,2025-03-01,飞鸽,自然人,某事项,予以公开,2025-02-01,25,,,`);
      const r = await run('requests', 'import', file, '--agency', 'ljs-sthjj', '--quiet');
      assert.equal(r.code, 1);
      assert.match(r.err, /bad\.csv:5 \[收到申请日期\]/);
      assert.match(r.err, /bad\.csv:5 \[申请人类型\]/);
      assert.match(r.err, /bad\.csv:6 \[申请渠道\]/);
      assert.match(r.err, /bad\.csv:6 \[延期工作日\]/);
      assert.match(r.err, /nothing imported/);
      const list = JSON.parse((await run('requests', 'list', '--agency', 'ljs-sthjj', '--format', 'json')).out) as { total: number };
      assert.equal(list.total, 0);
    });

    test('a clean file imports with due dates from the calendar; importing it again skips every row', async () => {
      const file = join(dir, 'good.csv');
      writeFileSync(file, `\uFEFF${GOOD}\n`);
      const r = await run('requests', 'import', file, '--agency', 'ljs-sthjj', '--quiet');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /已导入 3 条/);
      const again = await run('requests', 'import', file, '--agency', 'ljs-sthjj', '--quiet');
      assert.match(again.out, /已导入 0 条/);
      assert.match(again.err, /LJ2025-001 已导入过/);

      const list = JSON.parse((await run('requests', 'list', '--agency', 'ljs-sthjj', '--format', 'json')).out) as {
        total: number;
        items: { externalNumber: string; dueOn: string | null; onTime: boolean | null; outcome: string | null; state: string }[];
      };
      assert.equal(list.total, 3);
      const byNumber = new Map(list.items.map((i) => [i.externalNumber, i]));
      assert.equal(byNumber.get('LJ2025-001')?.dueOn, '2025-10-30');
      assert.equal(byNumber.get('LJ2025-001')?.onTime, true);
      assert.equal(byNumber.get('LJ2025-001')?.outcome, 'disclosed.provided');
      // Received Thu 2025-10-09, 40 working days (20 + 20 extension): Fri 10-10 is 1, Sat 10-11
      // (调休) is 2, then five a week from 10-13: 11-28 is 37, 12-01 38, 12-02 39, 12-03 40.
      assert.equal(byNumber.get('LJ2025-002')?.dueOn, '2025-12-03');
      assert.equal(byNumber.get('LJ2025-002')?.outcome, 'withheld.third-party');
      assert.equal(byNumber.get('LJ2025-003')?.state, 'received');
      assert.equal(byNumber.get('LJ2025-003')?.outcome, null);
      const text = (await run('requests', 'list', '--agency', 'ljs-sthjj')).out;
      assert.match(text, /不予公开 · 保护第三方合法权益/);
    });

    test('--skip-invalid imports the valid rows only; usage errors exit 2', async () => {
      const file = join(dir, 'mixed.csv');
      writeFileSync(file, `${HEADER}\nLJ2026-001,2026-01-05,传真,科研机构,科研数据,予以公开,2026-01-20,,,,\nLJ2026-002,not-a-date,传真,科研机构,科研数据,,,,,,`);
      const r = await run('requests', 'import', file, '--agency', 'ljs-sthjj', '--skip-invalid', '--quiet');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /已导入 1 条/);
      assert.equal((await run('requests', 'import', file)).code, 2);
      assert.equal((await run('requests', 'import', join(dir, 'none.csv'), '--agency', 'ljs-sthjj')).code, 2);
      assert.equal((await run('requests', 'list', '--agency', 'nowhere')).code, 2);
      assert.equal((await run('requests', 'frob')).code, 2);
      assert.equal((await run('requests', '--help')).code, 0);
    });

    test('sweep runs over the open requests', async () => {
      const r = await run('requests', 'sweep');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /检查 \d+ 件办理中的申请/);
    });
  });
}
