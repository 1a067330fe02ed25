import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { findAgencyByCode } from '../agencies/service.js';
import { loadCalendar } from '../platform/calendar/service.js';
import { chinaDate } from '../platform/clock.js';
import { workingDaysLeft } from '../requests/clock.js';
import { parseRegister } from '../requests/import-file.js';
import { importRequests } from '../requests/import.js';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, outcomeTitle, REQUEST_STATE_LABELS, type ApplicantType, type Channel, type RequestState } from '../requests/model.js';
import { sweepRequests } from '../requests/sweep.js';
import { listRequests } from '../requests/store.js';
import { stopOnProblems } from './import-problems.js';
import { progressBar } from './progress.js';
import { openRuntime } from './runtime.js';
import { parseCommand, required, UsageError, type Io } from './usage.js';

export const REQUESTS_HELP = `用法 / usage:
  gongkai requests import <文件.csv|文件.xlsx> --agency <机构代码> [--skip-invalid] [--dry-run] [--quiet]
  gongkai requests list --agency <机构代码> [--format text|json] [--open]
  gongkai requests sweep

import  导入历史依申请公开登记台账（列格式见 docs/requests-import.md）。文件有任何错误时不导入任何一行，
        并逐条列出（行、列、原因）；加 --skip-invalid 则只导入正确的行。已导入过的原登记编号自动跳过。
        Imports a historical register; any error stops the whole import unless --skip-invalid.
list    列出机构的申请及其答复期限、办理结果 / the agency's requests with due dates and results
        （不含申请人身份和联系方式 / no applicant identity or contact）
sweep   处理逾期未补正、逾期未缴费的申请，生成到期提醒（网站运行时每小时自动执行）
        ends abandoned requests and raises due-date reminders (the server runs it hourly)

退出码 / exit codes: 0 成功 · 1 文件有错误（未导入）/ the file has errors (nothing imported) · 2 用法错误`;

export async function requestsCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') return io.out(REQUESTS_HELP), verb === undefined ? 2 : 0;
  if (verb === 'import') return importCommand(rest, io);
  if (verb === 'list') return listCommand(rest, io);
  if (verb === 'sweep') return sweepCommand(rest, io);
  throw new UsageError(`未知子命令 / unknown subcommand: ${verb}`, REQUESTS_HELP);
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { agency: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, quiet: { type: 'boolean' } },
    REQUESTS_HELP,
    true,
  );
  if (values.help) return io.out(REQUESTS_HELP), 0;
  const agencyCode = required(values.agency, 'agency', REQUESTS_HELP);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('请给出一个文件 / give exactly one file', REQUESTS_HELP);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`文件不存在或无法读取 / cannot read ${file}`, REQUESTS_HELP);
  }
  if (size > MAX_FILE_BYTES) throw new UsageError(`文件超过 20 MB / the file is larger than 20 MB`, REQUESTS_HELP);
  const parsed = parseRegister(readFileSync(file), basename(file));
  const badLines = new Set(parsed.problems.map((p) => p.line));
  const rows = parsed.rows.filter((r) => !badLines.has(r.line));
  if (stopOnProblems(io, file, parsed.problems, rows.length, { zh: '记录', en: 'rows' }, values['skip-invalid'] === true)) return 1;
  if (values['dry-run']) {
    io.out(`检查通过：${rows.length} 行可导入（--dry-run，未写入）/ ${rows.length} rows would be imported (dry run)`);
    return 0;
  }
  const { ctx, handle } = await openRuntime();
  try {
    if (!(await findAgencyByCode(ctx.db, agencyCode))) throw new UsageError(`机构不存在 / no agency with code ${agencyCode}`, REQUESTS_HELP);
    const bar = progressBar('导入 / import', rows.length, values.quiet === true);
    const result = await importRequests(ctx, 'cli', agencyCode, rows, (done) => bar.update(done));
    bar.done();
    for (const a of result.alreadyImported) io.err(`${file}:${a.line} 原登记编号 ${a.externalNumber} 已导入过，跳过 / already imported, skipped`);
    io.out(`已导入 ${result.imported} 条，跳过 ${result.alreadyImported.length + (parsed.rows.length - rows.length)} 条 / imported ${result.imported}`);
    return 0;
  } finally {
    await handle.close();
  }
}

async function listCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, { agency: { type: 'string' }, format: { type: 'string', default: 'text' }, open: { type: 'boolean' } }, REQUESTS_HELP);
  if (values.help) return io.out(REQUESTS_HELP), 0;
  const agencyCode = required(values.agency, 'agency', REQUESTS_HELP);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format 只能是 text 或 json', REQUESTS_HELP);
  const { ctx, handle } = await openRuntime();
  try {
    const agency = await findAgencyByCode(ctx.db, agencyCode);
    if (!agency) throw new UsageError(`机构不存在 / no agency with code ${agencyCode}`, REQUESTS_HELP);
    const { rows } = await listRequests(ctx.db, { agencyIds: [agency.id], ...(values.open ? { open: true } : {}), limit: 1_000_000, offset: 0 });
    const calendar = await loadCalendar(ctx.db);
    const today = chinaDate(ctx.clock.now());
    // Applicant identity and contact are deliberately left out: this output ends up in files and e-mails.
    const items = rows.map((r) => ({
      trackingNumber: r.trackingNumber,
      externalNumber: r.externalNumber,
      source: r.source,
      channel: r.channel,
      applicantType: r.applicantType,
      title: r.title,
      receivedOn: r.receivedOn,
      state: r.state,
      dueOn: r.dueOn,
      dueProvisional: r.dueProvisional === 1,
      workingDaysLeft: r.dueOn && r.state !== 'closed' ? workingDaysLeft(calendar, today, r.dueOn) : null,
      outcome: r.outcome,
      outcomeLabel: r.outcome ? outcomeTitle(r.outcome) : null,
      closedOn: r.closedOn,
      onTime: r.onTime === null ? null : r.onTime === 1,
    }));
    if (values.format === 'json') {
      io.out(JSON.stringify({ agency: { code: agency.code, name: agency.name }, total: items.length, items }, null, 2));
      return 0;
    }
    io.out(`${agency.name}：${items.length} 件申请 / requests`);
    for (const i of items) {
      const due = i.dueOn ? `答复期限 ${i.dueOn}${i.dueProvisional ? '（暂定）' : ''}` : '答复期限 —';
      const result = i.outcomeLabel ? `${i.outcomeLabel}（${i.closedOn ?? ''}${i.onTime === false ? '，超期' : ''}）` : REQUEST_STATE_LABELS[i.state as RequestState];
      io.out(
        `${i.trackingNumber}  收到 ${i.receivedOn}  ${CHANNEL_LABELS[i.channel as Channel] ?? i.channel}  ${APPLICANT_TYPE_LABELS[i.applicantType as ApplicantType] ?? i.applicantType}  ${due}  ${result}  ${i.title}`,
      );
    }
    return 0;
  } finally {
    await handle.close();
  }
}

async function sweepCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, {}, REQUESTS_HELP);
  if (values.help) return io.out(REQUESTS_HELP), 0;
  const { ctx, handle } = await openRuntime();
  try {
    const r = await sweepRequests(ctx);
    io.out(`检查 ${r.checked} 件办理中的申请：视为放弃 ${r.abandoned} 件，新提醒 ${r.reminders} 条，新超期 ${r.overdue} 件`);
    return 0;
  } finally {
    await handle.close();
  }
}
