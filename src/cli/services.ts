import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { findAgencyByCode, listAgencies } from '../agencies/service.js';
import { chinaDate } from '../platform/clock.js';
import { MAX_ITEM_IMPORT_BYTES, parseItemSheet } from '../services/import-file.js';
import { applyItemImport, itemsCsv, itemsForExport, itemsXlsx, planItemImport } from '../services/transfer.js';
import { stopOnProblems } from './import-problems.js';
import { progressBar } from './progress.js';
import { openRuntime } from './runtime.js';
import { parseCommand, UsageError, type Io } from './usage.js';

export const SERVICES_HELP = `用法 / usage:
  gongkai services import <文件.xlsx|文件.csv> [--skip-invalid] [--dry-run] [--quiet]
  gongkai services export [--agency <机构代码>] [--format xlsx|csv] --output <文件>

import  导入或更新办事事项（一行一个事项，列格式见 docs/services-import.md）。文件有任何错误时不导入任何一行，
        并逐条列出（行、列、原因）；加 --skip-invalid 则只导入正确的行。与清单中完全相同的行跳过；
        每个新增或改动的事项都记入清单变更记录（清理页面由此计算）。
        Imports or updates service items; any error stops the whole import unless --skip-invalid.
export  导出清单中的事项（默认全部；--agency 为该机构及其所属部门），格式与导入相同，可改后再导入。
        Exports the items on the list in the import layout.

退出码 / exit codes: 0 成功 · 1 文件有错误（未导入）/ the file has errors (nothing imported) · 2 用法错误`;

export async function servicesCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') return io.out(SERVICES_HELP), verb === undefined ? 2 : 0;
  if (verb === 'import') return importCommand(rest, io);
  if (verb === 'export') return exportCommand(rest, io);
  throw new UsageError(`未知子命令 / unknown subcommand: ${verb}`, SERVICES_HELP);
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, { 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, quiet: { type: 'boolean' } }, SERVICES_HELP, true);
  if (values.help) return io.out(SERVICES_HELP), 0;
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('请给出一个文件 / give exactly one file', SERVICES_HELP);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`文件不存在或无法读取 / cannot read ${file}`, SERVICES_HELP);
  }
  if (size > MAX_ITEM_IMPORT_BYTES) throw new UsageError('文件超过 20 MB / the file is larger than 20 MB', SERVICES_HELP);
  const parsed = parseItemSheet(readFileSync(file), basename(file));
  const { ctx, handle } = await openRuntime();
  try {
    const plan = await planItemImport(ctx.db, parsed.rows, { today: chinaDate(ctx.clock.now()), allowedAgencyIds: null });
    const problems = [...parsed.problems, ...plan.problems].sort((a, b) => a.line - b.line);
    if (stopOnProblems(io, file, problems, plan.items.length, { zh: '事项', en: 'items' }, values['skip-invalid'] === true)) return 1;
    if (values['dry-run']) {
      io.out(`检查通过：${plan.items.length} 个事项可导入，${plan.unchanged.length} 个无变化（--dry-run，未写入）/ ${plan.items.length} items would be saved (dry run)`);
      return 0;
    }
    const bar = progressBar('导入 / import', plan.items.length, values.quiet === true);
    const result = await applyItemImport(ctx, { actor: { id: null, login: 'cli' } }, plan, (done) => bar.update(done));
    bar.done();
    io.out(`新增 ${result.added} 个、更新 ${result.changed} 个事项，${plan.unchanged.length} 个无变化 / added ${result.added}, changed ${result.changed}, unchanged ${plan.unchanged.length}`);
    return 0;
  } finally {
    await handle.close();
  }
}

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, { agency: { type: 'string' }, format: { type: 'string', default: 'xlsx' }, output: { type: 'string' } }, SERVICES_HELP);
  if (values.help) return io.out(SERVICES_HELP), 0;
  if (values.format !== 'xlsx' && values.format !== 'csv') throw new UsageError('--format 只能是 xlsx 或 csv', SERVICES_HELP);
  if (!values.output) throw new UsageError('请用 --output 指定文件 / --output is required', SERVICES_HELP);
  const { ctx, handle } = await openRuntime();
  try {
    let agencyIds: number[] | null = null;
    if (values.agency) {
      const agency = await findAgencyByCode(ctx.db, values.agency);
      if (!agency) throw new UsageError(`机构不存在 / no agency with code ${values.agency}`, SERVICES_HELP);
      // The agency and its own departments, as the service hall lists them.
      agencyIds = [agency.id, ...(await listAgencies(ctx.db)).filter((a) => a.parentId === agency.id && a.kind === 'department').map((a) => a.id)];
    }
    const items = await itemsForExport(ctx.db, agencyIds);
    writeFileSync(values.output, values.format === 'csv' ? itemsCsv(items) : await itemsXlsx(items));
    io.err(`已导出 ${items.length} 个事项 / exported ${items.length} items: ${values.output}`);
    return 0;
  } finally {
    await handle.close();
  }
}
