import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli as run } from '../test-support/cli.js';
import { cliEnvironment, ENGINES, skipReason } from '../test-support/db.js';

for (const engine of ENGINES) {
  describe(`gongkai supervision [${engine}]`, { skip: await skipReason(engine) }, () => {
    let env: Awaited<ReturnType<typeof cliEnvironment>>;
    before(async () => {
      env = await cliEnvironment(engine);
      assert.equal((await run('seed', '--demo', '--password', 'Demo-Passw0rd!')).code, 0);
    });
    after(async () => env?.restore());

    test('sweep opens cases once; a second sweep finds the same failures and opens none; no SMTP_URL, no e-mail', async () => {
      const first = await run('supervision', 'sweep');
      assert.equal(first.code, 0, first.err);
      assert.match(first.out, /责任追究：发现 \d+ 项未履职情形，新立案 \d+ 件/);
      assert.match(first.out, /未设置 SMTP_URL，不发送邮件/);
      const second = await run('supervision', 'sweep');
      assert.match(second.out, /新立案 0 件/);
    });

    test('assessment as JSON, CSV and text: every demo agency, ranks from 1, scores within 0–100', async () => {
      const json = await run('supervision', 'assessment', '--format', 'json');
      assert.equal(json.code, 0, json.err);
      const a = JSON.parse(json.out) as { year: number; agencies: { code: string; rank: number | null; score: number | null }[] };
      assert.equal(a.year, new Date(Date.now() + 8 * 3600_000).getUTCFullYear(), 'the current year in Beijing');
      assert.equal(a.agencies.length, 23, 'the 23 demo agencies');
      const ranked = a.agencies.filter((x) => x.rank !== null);
      assert.equal(ranked[0]?.rank, 1);
      for (const x of ranked) assert.ok(x.score !== null && x.score >= 0 && x.score <= 100, `${x.code} score ${x.score}`);
      for (let i = 1; i < ranked.length; i++) assert.ok((ranked[i - 1]?.score ?? 0) >= (ranked[i]?.score ?? 0), 'ordered by score');

      const file = join(env.dir, 'kaohe.csv');
      const csv = await run('supervision', 'assessment', '--format', 'csv', '--output', file);
      assert.equal(csv.code, 0, csv.err);
      const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines.length, 24, 'a header and one line per agency');
      assert.match(lines[0] ?? '', /^名次,单位代码,单位,综合得分,主动公开及时率,主动公开及时率（计数）,/);
      assert.match((await run('supervision', 'assessment')).out, /年政府信息公开工作考核/);
    });

    test('bad usage exits 2', async () => {
      assert.equal((await run('supervision', 'assessment', '--format', 'pdf')).code, 2);
      assert.equal((await run('supervision', 'assessment', '--year', '1999')).code, 2);
      assert.equal((await run('supervision', 'audit')).code, 2);
    });
  });
}
