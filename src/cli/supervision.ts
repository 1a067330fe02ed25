import { writeFileSync } from 'node:fs';
import { chinaDate } from '../platform/clock.js';
import { csvLine } from '../platform/files/csv.js';
import { detectAccountabilityCases } from '../supervision/accountability/service.js';
import { INDICATOR_LABELS, INDICATORS } from '../supervision/assessment/model.js';
import { publicSummary, yearOf, type Assessment } from '../supervision/assessment/service.js';
import { mailerFromConfig, sendDailyDigests } from '../supervision/notify/mailer.js';
import { openRuntime } from './runtime.js';
import { parseCommand, UsageError, type Io } from './usage.js';

export const SUPERVISION_HELP = `用法 / usage:
  gongkai supervision sweep
  gongkai supervision assessment [--year YYYY] [--format text|json|csv] [--output 文件]

sweep       发现新的责任追究事项（逾期未答复申请、超期公开、逾期未答复留言、投诉属实、网站单项否决），
            再发送当天的待办提醒邮件（需 SMTP_URL；网站运行时每小时自动执行）
            opens accountability cases for new failures, then sends the day's digests (the server runs it hourly)
assessment  各单位当年的工作考核得分、名次和各项指标（与公开的考核页面相同），供人大、上级机关等使用
            every agency's assessment score, rank and indicators for the year (as on the public page)

退出码 / exit codes: 0 成功 · 2 用法错误`;

export async function supervisionCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') return io.out(SUPERVISION_HELP), verb === undefined ? 2 : 0;
  if (verb === 'sweep') return sweepCommand(rest, io);
  if (verb === 'assessment') return assessmentCommand(rest, io);
  throw new UsageError(`未知子命令 / unknown subcommand: ${verb}`, SUPERVISION_HELP);
}

async function sweepCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, {}, SUPERVISION_HELP);
  if (values.help) return io.out(SUPERVISION_HELP), 0;
  const { ctx, handle } = await openRuntime();
  const mailer = mailerFromConfig(ctx.config);
  try {
    const found = await detectAccountabilityCases(ctx);
    io.out(`责任追究：发现 ${found.failures} 项未履职情形，新立案 ${found.created} 件 / ${found.created} new accountability cases`);
    const sent = await sendDailyDigests(ctx, mailer);
    const mail = mailer ? `已发送 ${sent.sent} 封，失败 ${sent.failed} 封，无邮箱 ${sent.noEmail} 人，今日已处理 ${sent.already} 人` : '未设置 SMTP_URL，不发送邮件 / e-mail off';
    io.out(`待办提醒：${mail}`);
    return 0;
  } finally {
    mailer?.close();
    await handle.close();
  }
}

/** One line per agency: rank, name, score, then each indicator's score (n/d). */
function assessmentCsv(a: Assessment): string {
  const head = ['名次', '单位代码', '单位', '综合得分', ...INDICATORS.flatMap((k) => [INDICATOR_LABELS[k], `${INDICATOR_LABELS[k]}（计数）`])];
  const rows = a.ranking.map((r) => [
    r.rank === null ? '不排名' : String(r.rank),
    r.agency.code,
    r.name,
    r.score === null ? '' : r.score.toFixed(1),
    ...INDICATORS.flatMap((k) => {
      const s = r.scored.indicators[k];
      const c = r.counts.indicators[k];
      return [s === null ? '不适用' : s.toFixed(1), c.den > 0 ? `${c.num}/${c.den}` : ''];
    }),
  ]);
  return `\ufeff${[head, ...rows].map(csvLine).join('')}`;
}

function assessmentText(a: Assessment): string {
  const lines = [`${a.year}年政府信息公开工作考核（数据截至 ${a.today}）`];
  for (const r of a.ranking) lines.push(`${(r.rank === null ? '—' : String(r.rank)).padStart(3)}  ${(r.score === null ? '—' : r.score.toFixed(1)).padStart(5)}  ${r.name}`);
  return `${lines.join('\n')}\n`;
}

async function assessmentCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommand(args, { year: { type: 'string' }, format: { type: 'string', default: 'text' }, output: { type: 'string' } }, SUPERVISION_HELP);
  if (values.help) return io.out(SUPERVISION_HELP), 0;
  const format = values.format ?? 'text';
  if (!['text', 'json', 'csv'].includes(format)) throw new UsageError(`--format 只能是 text、json 或 csv / unknown format: ${format}`, SUPERVISION_HELP);
  const { ctx, handle } = await openRuntime();
  try {
    let year: number;
    try {
      year = yearOf(values.year, chinaDate(ctx.clock.now()));
    } catch {
      throw new UsageError(`--year 应为2008年至今的年份 / bad year: ${values.year ?? ''}`, SUPERVISION_HELP);
    }
    const a = await publicSummary(ctx, year);
    const json = () =>
      `${JSON.stringify(
        {
          year: a.year,
          asOf: a.today,
          weights: a.weights,
          agencies: a.ranking.map((r) => ({ code: r.agency.code, name: r.name, rank: r.rank, score: r.score, indicators: r.scored.indicators, counts: r.counts.indicators })),
        },
        null,
        2,
      )}\n`;
    const body = format === 'csv' ? assessmentCsv(a) : format === 'json' ? json() : assessmentText(a);
    if (values.output) {
      writeFileSync(values.output, body);
      io.err(`已写入 ${a.ranking.length} 个单位的考核结果 / wrote ${values.output}`);
    } else io.out(body.trimEnd());
    return 0;
  } finally {
    await handle.close();
  }
}
