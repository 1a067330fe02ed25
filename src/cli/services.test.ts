import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { csvLine } from '../platform/files/csv.js';
import { parseCsv } from '../platform/files/csv.js';
import { cliEnvironment, ENGINES, skipReason } from '../test-support/db.js';
import { runCli } from '../test-support/cli.js';

const run = runCli;

const HEADER = ['事项编码', '事项名称', '事项类型', '实施机关', '设定依据', '申请材料', '承诺办结时限', '服务主题', '变更类型', '变更日期', '变更原因', '依据文件', '变更对象'];
const NEW_ITEM = ['ljs-rsj-GG-0901', '就业登记信息查询', '公共服务', 'ljs-rsj', '《就业服务与就业管理规定》', '居民身份证｜原件｜1｜必要：现场核验', '即办', '就业', '', '', '', '', ''];
const csv = (...rows: string[][]) => `\uFEFF${rows.map((r) => csvLine(r)).join('')}`;

for (const engine of ENGINES) {
  describe(`gongkai services [${engine}]`, { skip: await skipReason(engine) }, () => {
    let dir: string;
    let env: Awaited<ReturnType<typeof cliEnvironment>>;
    before(async () => {
      env = await cliEnvironment(engine);
      dir = env.dir;
      assert.equal((await run('seed', '--demo', '--password', 'Demo-Passw0rd!')).code, 0);
    });
    after(async () => env?.restore());

    /** The codes on the list of an agency (with its departments), read back through the export. */
    async function listed(agency: string): Promise<string[]> {
      const file = join(dir, `export-${agency}.csv`);
      const r = await run('services', 'export', '--agency', agency, '--format', 'csv', '--output', file);
      assert.equal(r.code, 0, r.err);
      const { records } = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), ',');
      return records.slice(1).map((x) => x.fields[0] ?? '');
    }

    test('a sheet with errors saves nothing and lists each problem by line and column', async () => {
      const before = await listed('ljs-rsj');
      const file = join(dir, 'bad.csv');
      const wrongAgency = [...NEW_ITEM.slice(0, 3), 'ljs-nosuch', ...NEW_ITEM.slice(4)];
      wrongAgency[0] = 'ljs-rsj-GG-0902';
      const cancelUnknown = [...NEW_ITEM];
      cancelUnknown[0] = 'ljs-rsj-GG-0903';
      cancelUnknown[8] = '取消';
      writeFileSync(file, csv(HEADER, NEW_ITEM, wrongAgency, cancelUnknown));
      const r = await run('services', 'import', file, '--quiet');
      assert.equal(r.code, 1);
      assert.match(r.err, /bad\.csv:3 \[实施机关\] 机构“ljs-nosuch”不存在/);
      assert.match(r.err, /bad\.csv:4 \[变更类型\] 新事项（清单中没有编码 ljs-rsj-GG-0903）的变更类型应为“新增”/);
      assert.match(r.err, /nothing imported/);
      assert.deepEqual(await listed('ljs-rsj'), before, 'the valid first row was not saved either');

      const skipped = await run('services', 'import', file, '--skip-invalid', '--quiet');
      assert.equal(skipped.code, 0, skipped.err);
      assert.match(skipped.out, /新增 1 个、更新 0 个事项/);
      assert.deepEqual(await listed('ljs-rsj'), [...before, 'ljs-rsj-GG-0901'].sort());
    });

    test('a good sheet adds, changes and cancels items; the 清理 page counts the round from the history', async () => {
      const before = await listed('ljs-rsj');
      const cancelled = before[0] ?? '';
      const file = join(dir, 'good.csv');
      const added = [...NEW_ITEM];
      added[0] = 'ljs-rsj-GG-0904';
      added[1] = '失业登记证明打印';
      added[11] = '岚政发〔2026〕9号';
      const cancel = [cancelled, '（将被取消的事项）', '公共服务', 'ljs-rsj', '—', '', '', '', '取消', '2026-11-20', '不再保留', '岚政发〔2026〕9号', ''];
      writeFileSync(file, csv(HEADER, added, cancel));
      // The cancel row's other cells are not applied: taking an item off the list keeps its guide.
      const r = await run('services', 'import', file, '--quiet');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /新增 1 个、更新 1 个事项/);
      const after = await listed('ljs-rsj');
      assert.ok(after.includes('ljs-rsj-GG-0904'));
      assert.ok(!after.includes(cancelled), 'a cancelled item leaves the list');

      const again = await run('services', 'import', join(dir, 'export-ljs-rsj.csv'), '--quiet');
      assert.equal(again.code, 0, again.err);
      assert.match(again.out, /新增 0 个、更新 0 个事项，\d+ 个无变化/);
    });

    test('export writes an XLSX workbook that imports back unchanged', async () => {
      const file = join(dir, 'all.xlsx');
      const r = await run('services', 'export', '--output', file);
      assert.equal(r.code, 0, r.err);
      assert.equal(readFileSync(file).subarray(0, 2).toString('latin1'), 'PK');
      const back = await run('services', 'import', file, '--dry-run');
      assert.equal(back.code, 0, back.err);
      assert.match(back.out, /0 个事项可导入/);
    });

    test('bad usage exits 2', async () => {
      assert.equal((await run('services', 'export')).code, 2);
      assert.equal((await run('services', 'import')).code, 2);
      assert.equal((await run('services', 'frobnicate')).code, 2);
    });
  });
}
