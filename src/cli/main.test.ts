import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliEnvironment, ENGINES, skipReason } from '../test-support/db.js';
import { main } from './main.js';
import type { Io } from './usage.js';

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('gongkai CLI usage', () => {
  test('no command prints the help and exits 2; --help exits 0', async () => {
    const none = await run();
    assert.equal(none.code, 2);
    assert.match(none.out, /serve .*migrate/s);
    assert.equal((await run('--help')).code, 0);
  });

  test('every command answers --help with exit 0', async () => {
    for (const cmd of [['serve'], ['migrate'], ['seed'], ['reindex'], ['user', '--help'], ['agency', '--help'], ['agency', 'list'], ['user', 'add']]) {
      const r = await run(...cmd, '--help');
      assert.equal(r.code, 0, cmd.join(' '));
      assert.match(r.out, /用法 \/ usage/, cmd.join(' '));
    }
  });

  test('bad usage exits 2 with a clear message and the help', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /未知命令 \/ unknown command: frobnicate/],
      [['serve', '--port', 'eighty'], /端口无效/],
      [['serve', '--nope'], /Unknown option '--nope'/],
      [['seed'], /--demo is required/],
      [['user'], /unknown subcommand: \(none\)/],
      [['user', 'add', '--login', 'x'], /missing --name/],
      [['agency', 'remove'], /unknown subcommand: remove/],
      [['agency', 'list', '--format', 'xml'], /--format 只能是 text 或 json/],
      [['reindex', '--workers', '0'], /--workers 须为正整数/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, message, argv.join(' '));
      assert.match(r.err, /用法 \/ usage|gongkai — /, 'the help follows the message');
    }
  });
});

for (const engine of ENGINES) {
  describe(`gongkai CLI on a database [${engine}]`, { skip: await skipReason(engine) }, () => {
    let dir: string;
    let env: Awaited<ReturnType<typeof cliEnvironment>>;
    before(async () => {
      env = await cliEnvironment(engine);
      dir = env.dir;
    });
    after(async () => env?.restore());

    test('migrate, then seed --demo once (a second seed changes nothing)', async () => {
      assert.equal((await run('migrate')).code, 0);
      const seeded = await run('seed', '--demo', '--password', 'Demo-Passw0rd!');
      assert.equal(seeded.code, 0, seeded.err);
      assert.match(seeded.out, /已写入演示数据：23 个机构，\d+ 条政府信息，11 件依申请公开申请，10 个账号/);
      assert.match(seeded.out, /监督保障演示数据：3 项意见征集，\d+ 条留言，\d+ 条评价，\d+ 件责任追究案件/);
      assert.match(seeded.out, /admin +system_admin/);
      const again = await run('seed', '--demo');
      assert.match(again.out, /未写入演示数据/);
    });

    test('reindex rebuilds the search index of the published records', async () => {
      const r = await run('reindex', '--quiet', '--workers', '1');
      assert.equal(r.code, 0, r.err);
      const published = JSON.parse(readFileSync(new URL('../../data/demo/records.json', import.meta.url), 'utf8')) as { mode: string; withdrawn: unknown }[];
      const expected = published.filter((x) => x.mode === '主动公开' && x.withdrawn === null).length;
      assert.match(r.out, new RegExp(`已重建索引 / reindexed: ${expected} 条`));
    });

    test('agency add and list (text and JSON); invalid input exits 2 with the problems', async () => {
      const added = await run('agency', 'add', '--code', 'ljs-tjj', '--name', '岚江市统计局', '--level', '市', '--kind', 'department', '--parent', 'ljs');
      assert.equal(added.code, 0, added.err);
      const text = await run('agency', 'list');
      assert.match(text.out, /^ljs +岚江市人民政府（市）$/m);
      assert.match(text.out, /^ {2}ljs-tjj +岚江市统计局（市）$/m);
      const json = JSON.parse((await run('agency', 'list', '--format', 'json')).out) as { code: string; parentCode: string | null }[];
      assert.equal(json.length, 24);
      assert.equal(json.find((a) => a.code === 'ljs-tjj')?.parentCode, 'ljs');
      const bad = await run('agency', 'add', '--code', 'ljs-x', '--name', 'X局', '--level', '县', '--kind', 'department', '--parent', 'ljs');
      assert.equal(bad.code, 2);
      assert.match(bad.err, /政府部门的层级应与所属政府一致/);
      const file = join(dir, 'agency.json');
      writeFileSync(file, JSON.stringify({ code: 'ljs-sfj', name: '岚江市司法局', level: '市', kind: 'department', parentCode: 'ljs', guide: { phone: '0748-82000001' } }));
      assert.equal((await run('agency', 'add', '--json', file)).code, 0);
      assert.equal((await run('agency', 'add', '--json', join(dir, 'missing.json'))).code, 2);
    });

    test('user add creates an account that can be listed; duplicates and unknown agencies fail', async () => {
      const made = await run('user', 'add', '--login', 'tongji', '--name', '统计员', '--agency', 'ljs-tjj', '--role', 'editor', '--role', 'reviewer');
      assert.equal(made.code, 0, made.err);
      assert.match(made.out, /初始密码（只显示一次）/);
      const dup = await run('user', 'add', '--login', 'tongji', '--name', '统计员', '--agency', 'ljs-tjj', '--role', 'editor');
      assert.equal(dup.code, 2);
      assert.match(dup.err, /该登录名已被使用/);
      assert.equal((await run('user', 'add', '--login', 'x1y', '--name', 'n', '--agency', 'nowhere', '--role', 'editor')).code, 2);
      assert.equal((await run('user', 'add', '--login', 'x1y', '--name', 'n', '--agency', 'ljs', '--role', 'king')).code, 2);
    });
  });
}
