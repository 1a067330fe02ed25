import { readFileSync, writeFileSync } from 'node:fs';
import { reportCsv, reportJson } from '../reports/export.js';
import { importCarryOver } from '../reports/legacy.js';
import { renderReportHtml } from '../reports/render.js';
import { computeAnnualReport, draftSections, FIRST_REPORT_YEAR, type ReportScope } from '../reports/service.js';
import { reportXlsx } from '../reports/xlsx.js';
import { openRuntime } from './runtime.js';
import { parseCommand, required, UsageError, type Io } from './usage.js';

export const REPORT_HELP = `用法 / usage:
  gongkai report annual --agency <机构代码> --year <年度> [--scope agency|consolidated] [--format html|json|csv|xlsx] [--output <文件>]
  gongkai report carry-over --agency <机构代码> --year <上一年度> <上年度报告.json>

按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）从平台记录计算年度报告：
表三来自依申请公开办理记录，表四来自行政复议、行政诉讼登记，表二及文字部分为机关填报内容。
Computes the annual report from the records. --scope consolidated: a government with its departments.
  --format   html（默认，完整网页）、json（以模板行列标题为键）、csv（逐格）、xlsx（合并表头，需 --output）
  --output   写入文件而不是标准输出 / write to a file instead of stdout

校验不通过时仍输出报告，并在标准错误列出不一致的单元格，退出码 1。
When a consistency check fails the report is still written, the cells are listed on stderr, exit code 1.

carry-over  机关开始使用本平台、以前的申请不在平台中时，按上一年度已发布报告（JSON，键为模板的行列标题，
            2019年试行格式或2021年格式均可）“结转下年度继续办理”一行，建立相应数量的办理中申请，
            本年度“上年结转”即由平台计算；经办人补充内容并登记答复结果。平台已有该年底以前的申请时拒绝。`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const STYLE = 'body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:60rem;margin:2rem auto;line-height:1.7}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #000;padding:.2rem .5rem}td{text-align:right}caption{font-weight:bold}';

export async function reportCommand(args: string[], io: Io): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === undefined || kind === '--help' || kind === '-h') return io.out(REPORT_HELP), kind === undefined ? 2 : 0;
  if (kind === 'carry-over') return carryOverCommand(rest, io);
  if (kind !== 'annual') throw new UsageError(`未知子命令 / unknown subcommand: ${kind}`, REPORT_HELP);
  const { values } = parseCommand(
    rest,
    { agency: { type: 'string' }, year: { type: 'string' }, scope: { type: 'string', default: 'agency' }, format: { type: 'string', default: 'html' }, output: { type: 'string' } },
    REPORT_HELP,
  );
  if (values.help) return io.out(REPORT_HELP), 0;
  const agencyCode = required(values.agency, 'agency', REPORT_HELP);
  const yearText = required(values.year, 'year', REPORT_HELP);
  if (!/^\d{4}$/.test(yearText) || Number(yearText) < FIRST_REPORT_YEAR) throw new UsageError(`--year 应为四位年份 / --year must be a year such as 2025`, REPORT_HELP);
  const scope = values.scope as ReportScope;
  if (scope !== 'agency' && scope !== 'consolidated') throw new UsageError('--scope 只能是 agency 或 consolidated', REPORT_HELP);
  const format = values.format;
  if (!['html', 'json', 'csv', 'xlsx'].includes(format)) throw new UsageError('--format 只能是 html、json、csv 或 xlsx', REPORT_HELP);
  if (format === 'xlsx' && !values.output) throw new UsageError('xlsx 须用 --output 指定文件 / xlsx needs --output', REPORT_HELP);

  const { ctx, handle } = await openRuntime();
  try {
    // Only the HTML output drafts the text sections (and so needs the year's assessment).
    const report = await computeAnnualReport(ctx, agencyCode, Number(yearText), scope, { draft: format === 'html' });
    const title = `${report.agency.name}${report.year}年政府信息公开工作年度报告${scope === 'consolidated' ? '（汇总）' : ''}`;
    let output: string | Buffer;
    if (format === 'json') {
      output = `${JSON.stringify({ checks: { passed: report.problems.length === 0, problems: report.problems }, tables: reportJson(report) }, null, 2)}\n`;
    } else if (format === 'csv') {
      output = reportCsv(report);
    } else if (format === 'xlsx') {
      output = await reportXlsx(report);
    } else {
      // Unwritten sections fall back to the drafts made from the platform's own figures.
      const sections = { ...draftSections(report), ...Object.fromEntries(Object.entries(report.sections).filter(([, v]) => v)) };
      const body = renderReportHtml({ ...report, sections });
      output = `<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>\n`;
    }
    if (values.output) {
      writeFileSync(values.output, output);
      io.err(`已写入 / written: ${values.output}`);
    } else {
      io.out(typeof output === 'string' ? output.replace(/\n$/, '') : output.toString('base64'));
    }
    for (const p of report.problems) io.err(`校验不通过 / check failed: ${p.cell} 应为 ${p.expected}，实为 ${p.actual}（${p.rule}）`);
    return report.problems.length > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

async function carryOverCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, { agency: { type: 'string' }, year: { type: 'string' } }, REPORT_HELP, true);
  if (values.help) return io.out(REPORT_HELP), 0;
  const agencyCode = required(values.agency, 'agency', REPORT_HELP);
  const yearText = required(values.year, 'year', REPORT_HELP);
  if (!/^\d{4}$/.test(yearText) || Number(yearText) < FIRST_REPORT_YEAR) throw new UsageError('--year 应为四位年份 / --year must be a year such as 2024', REPORT_HELP);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('请给出上年度报告的 JSON 文件 / give the previous report as one JSON file', REPORT_HELP);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(`无法读取或不是 JSON / cannot read JSON from ${file}`, REPORT_HELP);
  }
  const { ctx, handle } = await openRuntime();
  try {
    // The export's JSON wraps the tables; a bare tables object is accepted too.
    const tables = typeof json === 'object' && json !== null && 'tables' in json ? json.tables : json;
    const r = await importCarryOver(ctx, 'cli', agencyCode, Number(yearText), tables);
    io.out(`已按${yearText}年度报告（${r.format}年格式）建立结转申请 ${r.created} 件 / created ${r.created} carried-over requests`);
    return 0;
  } finally {
    await handle.close();
  }
}
