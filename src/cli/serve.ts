import { publishDue } from '../catalog/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { purgeExpiredSessions } from '../platform/auth/service.js';
import { buildApp } from '../platform/http/app.js';
import { ROUTE_MODULES } from '../routes.js';
import { seedDemo } from '../seed/demo.js';
import { indexIsEmpty } from '../search/sync.js';
import { countSearchable, reindex } from '../search/reindex.js';
import { sweepRequests } from '../requests/sweep.js';
import { sweepInspections } from '../inspection/service.js';
import { detectAccountabilityCases } from '../supervision/accountability/service.js';
import { mailerFromConfig, sendDailyDigests } from '../supervision/notify/mailer.js';
import { printDemoAccounts } from './commands.js';
import { openRuntime } from './runtime.js';
import { parseCommand, UsageError, type Io } from './usage.js';

export const SERVE_HELP = `用法 / usage: gongkai serve [--port <端口>] [--host <地址>] [--seed-demo-if-empty]

启动门户网站、工作台和数据接口。设置来自环境变量（见 .env.example），命令行参数优先。
Starts the portal, workbench and API. Settings come from the environment; flags win.
  --port <n>             监听端口 / port (PORT, default 3000)
  --host <addr>          监听地址 / host (HOST, default 127.0.0.1)
  --seed-demo-if-empty   数据库为空时写入演示数据并显示管理员登录 / seed the demo city on an empty database`;

export async function serveCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, { port: { type: 'string' }, host: { type: 'string' }, 'seed-demo-if-empty': { type: 'boolean' } }, SERVE_HELP);
  if (values.help) return io.out(SERVE_HELP), 0;
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) throw new UsageError(`端口无效 / invalid port: ${values.port}`, SERVE_HELP);
  const { ctx, handle } = await openRuntime({
    ...process.env,
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  });
  if (values['seed-demo-if-empty']) {
    const seeded = await seedDemo(ctx);
    if (seeded.seeded) printDemoAccounts(io, seeded, `http://${ctx.config.host}:${ctx.config.port}/staff/login`);
  }
  const app = await buildApp(ctx, { routes: ROUTE_MODULES, logger: true });
  const shutdown = async (signal: string) => {
    io.err(`收到 ${signal}，正在停止 / stopping`);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Scheduled publications: visible at their time anyway (the public queries check publish_at);
  // this sweep records them as published. Idempotent, so several processes may run it.
  const sweep = setInterval(() => {
    publishDue(ctx, { actor: { ...SYSTEM_ACTOR, login: 'scheduler' }, staff: null }).catch((err: unknown) => app.log.error({ err }, 'scheduled publication sweep failed'));
  }, 60_000);
  sweep.unref();
  const purge = setInterval(() => {
    purgeExpiredSessions(ctx).catch((err: unknown) => app.log.error({ err }, 'session purge failed'));
  }, 3600_000);
  purge.unref();
  // 依申请公开: abandoned requests (补正/fee overdue), reminders and overdue flags; idempotent.
  const runRequestSweep = () => {
    sweepRequests(ctx).catch((err: unknown) => app.log.error({ err }, 'request sweep failed'));
  };
  const requestSweep = setInterval(runRequestSweep, 3600_000);
  requestSweep.unref();
  // 政府网站检查: sites due by their schedule are inspected one after another (inspection/service.ts).
  const inspectionSweep = setInterval(() => {
    sweepInspections(ctx).catch((err: unknown) => app.log.error({ err }, 'inspection sweep failed'));
  }, 3600_000);
  inspectionSweep.unref();
  // 责任追究 and 待办提醒: open cases for new failures, then the day's digests (each user once a day,
  // claimed in the database, so several processes may run it). No SMTP_URL: workbench only.
  const mailer = mailerFromConfig(ctx.config);
  const supervisionSweep = setInterval(() => {
    detectAccountabilityCases(ctx)
      .then(() => sendDailyDigests(ctx, mailer))
      .catch((err: unknown) => app.log.error({ err }, 'accountability/digest sweep failed'));
  }, 3600_000);
  supervisionSweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    clearInterval(purge);
    clearInterval(requestSweep);
    clearInterval(inspectionSweep);
    clearInterval(supervisionSweep);
    mailer?.close();
  });
  await app.listen({ port: ctx.config.port, host: ctx.config.host });
  io.out(`gongkai 已启动 / running: http://${ctx.config.host}:${ctx.config.port}  (${ctx.engine})`);
  runRequestSweep();
  // A database from before the search index (or restored without it): build it in the background.
  if ((await indexIsEmpty(ctx.db)) && (await countSearchable(ctx)) > 0) {
    app.log.info('search index is empty: rebuilding it in the background');
    reindex(ctx)
      .then((r) => app.log.info({ documents: r.documents, seconds: r.seconds }, 'search index rebuilt'))
      .catch((err: unknown) => app.log.error({ err }, 'search index rebuild failed'));
  }
  return await new Promise<number>(() => undefined);
}
