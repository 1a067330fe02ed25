import { readFileSync } from 'node:fs';
import { buildAgencyTree, presentAgency, type AgencyNode } from '../agencies/model.js';
import { createAgency, findAgencyByCode, listAgencies } from '../agencies/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { ROLES } from '../platform/auth/model.js';
import { createUser } from '../platform/auth/service.js';
import type { AppError } from '../platform/errors.js';
import { generatePassword, seedDemo, type DemoSeedResult } from '../seed/demo.js';
import { openRuntime } from './runtime.js';
import { parseCommand, required, UsageError, type Io } from './usage.js';

const CLI_ACTOR = { ...SYSTEM_ACTOR, login: 'cli' };

export const MIGRATE_HELP = `用法 / usage: gongkai migrate

把数据库结构升级到最新版本（SQLite 或 DATABASE_URL 指定的 PostgreSQL）。
Brings the database schema up to date.`;

export async function migrateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, {}, MIGRATE_HELP);
  if (values.help) return io.out(MIGRATE_HELP), 0;
  const { handle, applied } = await openRuntime();
  await handle.close();
  io.out(applied.length ? `已执行迁移 / applied: ${applied.join(', ')}` : '数据库已是最新 / already up to date');
  return 0;
}

export const SEED_HELP = `用法 / usage: gongkai seed --demo [--password <密码>]

写入演示数据（岚江市人民政府、部门、区县政府和每个角色的演示账号）。数据库中已有机构时不做任何事。
Seeds the demo city and one account per role; does nothing when agencies exist.
  --demo             必填 / required
  --password <p>     演示账号的密码（默认随机生成并只显示一次）/ demo password (random by default, shown once)`;

export async function seedCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, { demo: { type: 'boolean' }, password: { type: 'string' } }, SEED_HELP);
  if (values.help) return io.out(SEED_HELP), 0;
  if (!values.demo) throw new UsageError('请指定 --demo / --demo is required', SEED_HELP);
  const { ctx, handle } = await openRuntime();
  try {
    const result = await seedDemo(ctx, values.password ? { password: values.password } : {});
    if (!result.seeded) {
      io.out('数据库中已有机构，未写入演示数据 / agencies exist, nothing seeded');
      return 0;
    }
    printDemoAccounts(io, result);
    return 0;
  } finally {
    await handle.close();
  }
}

export function printDemoAccounts(io: Io, result: DemoSeedResult, loginUrl = 'http://127.0.0.1:3000/staff/login') {
  io.out(`已写入演示数据：${result.agencies} 个机构，${result.records} 条政府信息，${result.requests} 件依申请公开申请，${result.accounts.length} 个账号 / demo data seeded`);
  if (result.supervision) {
    const s = result.supervision;
    io.out(`监督保障演示数据：${s.consultations} 项意见征集，${s.messages} 条留言，${s.ratings} 条评价，${s.accountabilityCases} 件责任追究案件`);
  }
  io.out('演示账号（密码只显示这一次，请妥善保存）/ demo accounts (the password is shown only once):');
  for (const a of result.accounts) io.out(`  ${a.login.padEnd(10)} ${a.roles.join(',')}`);
  io.out(`  密码 / password: ${result.password ?? ''}`);
  io.out(`管理员登录 / admin login: admin  ${loginUrl}`);
}

export const USER_HELP = `用法 / usage: gongkai user add --login <登录名> --name <姓名> --agency <机构代码> --role <角色> [--role <角色>] [--password <密码>]

新建工作人员账号。角色 / roles: ${ROLES.join(', ')}
未给出 --password 时随机生成并显示一次 / without --password a random one is generated and shown once.`;

export async function userCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === '--help' || verb === '-h') return io.out(USER_HELP), 0;
  if (verb !== 'add') throw new UsageError(`未知子命令 / unknown subcommand: ${verb ?? '(none)'}`, USER_HELP);
  const { values } = parseCommand(
    rest,
    { login: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' }, role: { type: 'string', multiple: true }, password: { type: 'string' } },
    USER_HELP,
  );
  if (values.help) return io.out(USER_HELP), 0;
  const login = required(values.login, 'login', USER_HELP);
  const name = required(values.name, 'name', USER_HELP);
  const agencyCode = required(values.agency, 'agency', USER_HELP);
  const roles = values.role ?? [];
  if (roles.length === 0) throw new UsageError('至少需要一个 --role / at least one --role', USER_HELP);
  const password = values.password ?? generatePassword();
  const { ctx, handle } = await openRuntime();
  try {
    const agency = await findAgencyByCode(ctx.db, agencyCode);
    if (!agency) throw new UsageError(`机构不存在 / no agency with code ${agencyCode}`, USER_HELP);
    await createUser(ctx, { actor: CLI_ACTOR, staff: null }, { login, displayName: name, agencyId: agency.id, roles, password });
    io.out(`已创建账号 / created: ${login} (${roles.join(',')}) @ ${agency.name}`);
    if (!values.password) io.out(`初始密码（只显示一次）/ initial password (shown once): ${password}`);
    return 0;
  } finally {
    await handle.close();
  }
}

export const AGENCY_HELP = `用法 / usage:
  gongkai agency list [--format text|json]
  gongkai agency add --code <代码> --name <名称> --level 省|市|县|乡 --kind government|department [--parent <上级代码>] [--short-name <简称>]
  gongkai agency add --json <文件>     从 JSON 文件读入一个机构（字段同 /api/v1/agencies/{code}）`;

function printTree(io: Io, nodes: readonly AgencyNode[], depth = 0) {
  for (const n of nodes) {
    io.out(`${'  '.repeat(depth)}${n.agency.code.padEnd(Math.max(1, 16 - depth * 2))} ${n.agency.name}（${n.agency.level}）`);
    printTree(io, n.children, depth + 1);
  }
}

export async function agencyCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === '--help' || verb === '-h') return io.out(AGENCY_HELP), 0;
  if (verb === 'list') {
    const { values } = parseCommand(rest, { format: { type: 'string', default: 'text' } }, AGENCY_HELP);
    if (values.help) return io.out(AGENCY_HELP), 0;
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format 只能是 text 或 json', AGENCY_HELP);
    const { ctx, handle } = await openRuntime();
    try {
      const all = await listAgencies(ctx.db);
      if (values.format === 'json') {
        const codeOf = new Map(all.map((a) => [a.id, a.code]));
        io.out(JSON.stringify(all.map((a) => presentAgency(a, a.parentId === null ? null : (codeOf.get(a.parentId) ?? null))), null, 2));
      } else {
        printTree(io, buildAgencyTree(all));
      }
      return 0;
    } finally {
      await handle.close();
    }
  }
  if (verb !== 'add') throw new UsageError(`未知子命令 / unknown subcommand: ${verb ?? '(none)'}`, AGENCY_HELP);
  const { values } = parseCommand(
    rest,
    {
      code: { type: 'string' },
      name: { type: 'string' },
      level: { type: 'string' },
      kind: { type: 'string' },
      parent: { type: 'string' },
      'short-name': { type: 'string' },
      json: { type: 'string' },
    },
    AGENCY_HELP,
  );
  if (values.help) return io.out(AGENCY_HELP), 0;
  const input = values.json
    ? fromJsonFile(values.json)
    : {
        code: required(values.code, 'code', AGENCY_HELP),
        name: required(values.name, 'name', AGENCY_HELP),
        level: required(values.level, 'level', AGENCY_HELP),
        kind: required(values.kind, 'kind', AGENCY_HELP),
        parentCode: values.parent ?? null,
        shortName: values['short-name'] ?? '',
      };
  const { ctx, handle } = await openRuntime();
  try {
    const row = await createAgency(ctx, { actor: CLI_ACTOR, staff: null }, input);
    io.out(`已创建机构 / created: ${row.code} ${row.name}`);
    return 0;
  } finally {
    await handle.close();
  }
}

function fromJsonFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`无法读取 JSON 文件 / cannot read JSON file ${path}: ${e instanceof Error ? e.message : String(e)}`, AGENCY_HELP);
  }
  const { guide, ...rest } = (parsed ?? {}) as Record<string, unknown>;
  return { ...rest, ...(typeof guide === 'object' && guide !== null ? guide : {}) };
}

/** Domain errors from the CLI print their bilingual message and details. */
export function describeAppError(e: AppError): string {
  return [e.publicMessage, ...(e.details ?? []).map((d) => `  - ${d}`)].join('\n');
}
