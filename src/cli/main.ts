import { ConfigError } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { agencyCommand, AGENCY_HELP, describeAppError, migrateCommand, MIGRATE_HELP, seedCommand, SEED_HELP, userCommand, USER_HELP } from './commands.js';
import { inspectCommand, INSPECT_HELP } from './inspect.js';
import { reindexCommand, REINDEX_HELP } from './reindex.js';
import { requestsCommand, REQUESTS_HELP } from './requests.js';
import { reportCommand, REPORT_HELP } from './report.js';
import { serveCommand, SERVE_HELP } from './serve.js';
import { servicesCommand, SERVICES_HELP } from './services.js';
import { supervisionCommand, SUPERVISION_HELP } from './supervision.js';
import { consoleIo, UsageError, type Io } from './usage.js';
import { workerCommand, WORKER_HELP } from './worker.js';

const COMMANDS: Record<string, { run: (args: string[], io: Io) => Promise<number>; summary: string; help: string }> = {
  serve: { run: serveCommand, summary: '启动网站 / start the web server', help: SERVE_HELP },
  migrate: { run: migrateCommand, summary: '升级数据库结构 / migrate the database', help: MIGRATE_HELP },
  seed: { run: seedCommand, summary: '写入演示数据 / seed demo data', help: SEED_HELP },
  user: { run: userCommand, summary: '管理工作人员账号 / staff accounts (user add)', help: USER_HELP },
  agency: { run: agencyCommand, summary: '管理机构 / agencies (agency add|list)', help: AGENCY_HELP },
  reindex: { run: reindexCommand, summary: '重建全文检索索引 / rebuild the search index', help: REINDEX_HELP },
  inspect: { run: inspectCommand, summary: '检查政府网站（错链、更新、空白栏目、评分）/ inspect a government website', help: INSPECT_HELP },
  worker: { run: workerCommand, summary: '执行 Redis 中的检查任务 / run inspection jobs (REDIS_URL)', help: WORKER_HELP },
  report: { run: reportCommand, summary: '政府信息公开工作年度报告 / annual report (report annual)', help: REPORT_HELP },
  requests: { run: requestsCommand, summary: '依申请公开：导入台账、列表、到期处理 / disclosure requests (import|list|sweep)', help: REQUESTS_HELP },
  services: { run: servicesCommand, summary: '办事事项：导入、导出 / service items (import|export)', help: SERVICES_HELP },
  supervision: { run: supervisionCommand, summary: '监督保障：责任追究与提醒、考核结果 / supervision (sweep|assessment)', help: SUPERVISION_HELP },
};

export const MAIN_HELP = `gongkai — 政务公开平台 / open-government platform

用法 / usage: gongkai <命令> [参数]   (gongkai <命令> --help 查看详情)

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

退出码 / exit codes: 0 成功 success · 1 执行失败 failure · 2 用法错误 bad usage`;

/** Runs one CLI command and returns its exit code: 0 success, 1 failure, 2 bad usage. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`未知命令 / unknown command: ${name}\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${e.help}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof AppError) {
      io.err(describeAppError(e));
      return e.status >= 400 && e.status < 500 ? 2 : 1;
    }
    io.err(`失败 / failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}
